#pragma once
// JSON mapping of search results, shared by the public to_json() and the HTTP server.

#include "util/json_writer.hpp"

#include <gazette/search.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace gazette::detail {

// Results are written with JsonWriter rather than built as a JSON tree: they are on every
// search's path, and the tree cost more than a tenth of a whole search.
void write_hit(JsonWriter& out, const SearchHit& hit);
/// `took_ms` (when not negative) goes right after "total", as the HTTP API has it.
std::string results_json(const SearchResults& results, const std::string& query, double took_ms = -1);
nlohmann::ordered_json completions_to_json(const std::vector<Completion>& completions, const std::string& query);
/// Compact JSON; invalid UTF-8 is replaced rather than thrown on.
std::string dump_json(const nlohmann::ordered_json& value);

} // namespace gazette::detail

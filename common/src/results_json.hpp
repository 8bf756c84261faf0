#pragma once
// JSON mapping of search results, shared by the public to_json() and the HTTP server.

#include <gazette/search.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace gazette::detail {

nlohmann::ordered_json hit_to_json(const SearchHit& hit);
/// `took_ms` (when not negative) goes right after "total", as the HTTP API has it.
nlohmann::ordered_json results_to_json(const SearchResults& results, const std::string& query, double took_ms = -1);
nlohmann::ordered_json completions_to_json(const std::vector<Completion>& completions, const std::string& query);
/// Compact JSON; invalid UTF-8 is replaced rather than thrown on.
std::string dump_json(const nlohmann::ordered_json& value);

} // namespace gazette::detail

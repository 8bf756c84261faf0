#pragma once
// JSON mapping of search results, shared by the public to_json() and the HTTP server.

#include "util/json_writer.hpp"

#include <gazette/search.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::detail {

/// The fields of a hit a client asked for (`fields=`), as bits; all of them by default.
enum HitField : unsigned {
    hit_id = 1u << 0,
    hit_title = 1u << 1,
    hit_url = 1u << 2,
    hit_source = 1u << 3,
    hit_published = 1u << 4,
    hit_score = 1u << 5,
    hit_snippet = 1u << 6,
    hit_tags = 1u << 7,
    hit_authors = 1u << 8,
    hit_summary = 1u << 9,
    hit_language = 1u << 10,
    hit_story = 1u << 11,
    hit_more_versions = 1u << 12,
    all_hit_fields = (1u << 13) - 1,
};

/// "id,title,url" -> the bits; nothing if a name is not a hit field.
std::optional<unsigned> parse_hit_fields(std::string_view names);

/// The names of the hit fields, comma-separated (for error messages).
std::string_view hit_field_names();

// Results are written with JsonWriter rather than built as a JSON tree: they are on every
// search's path, and the tree cost more than a tenth of a whole search.
void write_hit(JsonWriter& out, const SearchHit& hit, unsigned fields = all_hit_fields);
/// "partial" and "shards" (Elasticsearch's "_shards": total, successful, failed names).
void write_shards(JsonWriter& out, const SearchResults& results);
/// `took_ms` (when not negative) goes right after "total", as the HTTP API has it.
std::string results_json(const SearchResults& results, const std::string& query, double took_ms = -1,
                         unsigned fields = all_hit_fields);
nlohmann::ordered_json completions_to_json(const std::vector<Completion>& completions, const std::string& query);
/// Compact JSON; invalid UTF-8 is replaced rather than thrown on.
std::string dump_json(const nlohmann::ordered_json& value);

} // namespace gazette::detail

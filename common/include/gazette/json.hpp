#pragma once
// JSON forms of articles and results, as printed by gazette-search --json and served over HTTP.
// Invalid UTF-8 never escapes: it is replaced by U+FFFD.

#include <gazette/article.hpp>
#include <gazette/export.hpp>
#include <gazette/search.hpp>

#include <string>
#include <vector>

namespace gazette {

/// {"id", "title", "summary", "body", "url", "source", "authors", "tags", "language",
///  "published", "updated"}; empty fields are left out.
GAZETTE_EXPORT std::string to_json(const Article& article);

/// {"query", "total": {"value", "relation": "eq"|"gte"}, "hits": [{"id", "title", "url", "source",
///  "published", "score", "snippet", "tags"}], "facets": {name: [{"value", "count"}]} (empty unless
///  asked for), "suggestion": string or null ("did you mean"),
///  "next_cursor": string or null}
GAZETTE_EXPORT std::string to_json(const SearchResults& results, const std::string& query);

/// {"query", "suggestions": [{"text", "count"}]}
GAZETTE_EXPORT std::string to_json(const std::vector<Completion>& completions, const std::string& query);

} // namespace gazette

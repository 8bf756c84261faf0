#pragma once
// JSON forms of articles and results, as printed by gazette-search --json and served over HTTP.
// Invalid UTF-8 never escapes: it is replaced by U+FFFD.

#include <gazette/article.hpp>
#include <gazette/export.hpp>
#include <gazette/search.hpp>

#include <string>

namespace gazette {

/// {"id", "title", "summary", "body", "url", "source", "authors", "tags", "language",
///  "published", "updated"}; empty fields are left out.
GAZETTE_EXPORT std::string to_json(const Article& article);

/// {"query", "total": {"value", "relation": "eq"|"gte"}, "hits": [{"id", "title", "url", "source",
///  "published", "score", "snippet", "tags"}], "facets": {name: [{"value", "count"}]} (empty unless
///  asked for), "next_cursor": string or null}
GAZETTE_EXPORT std::string to_json(const SearchResults& results, const std::string& query);

} // namespace gazette

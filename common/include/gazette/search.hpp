#pragma once
// Search requests and their results.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gazette {

enum class SortOrder { relevance, newest, oldest };

/// How the words of a query combine when no operator is given.
enum class MatchMode {
    any, ///< any word may match; more matching words rank higher (best for ranking)
    all, ///< every word must match
};

struct SearchRequest {
    /// Query language: words, "phrases", AND OR NOT, +word -word, prefix*, NEAR,
    /// field prefixes title: source: author: tag: lang: id:, and date ranges
    /// (2021-01-01..2021-12-31, now-7d.., ..2020-06) optionally as published:RANGE.
    /// An empty query matches every article (then ordered newest first).
    std::string query;
    /// Filters; each list matches any of its values, the lists combine with AND.
    std::vector<std::string> sources;
    std::vector<std::string> tags;
    std::vector<std::string> languages;
    std::string from; ///< published on or after this date ("" = no bound), ISO 8601 or now-Nd
    std::string to;   ///< published on or before this date ("" = no bound)
    SortOrder sort = SortOrder::relevance;
    MatchMode match = MatchMode::any;
    std::size_t offset = 0;
    std::size_t limit = 10;
    /// Count matches exactly up to this many; above it `total` may be a lower bound.
    std::size_t exact_total_up_to = 1000;
    /// Snippet length in bytes of text; 0 for no snippets.
    std::size_t snippet_length = 200;
    /// Markers placed around matched words in snippets; text around them is HTML-escaped.
    std::string highlight_start = "<mark>";
    std::string highlight_end = "</mark>";
};

struct SearchHit {
    std::string id;
    std::string title;
    std::string url;
    std::string source;
    std::string published;
    std::vector<std::string> tags;
    double score = 0;    ///< relevance score (BM25); 0 when sorted by date without a query
    std::string snippet; ///< HTML: escaped text with highlight markers
};

struct SearchResults {
    std::uint64_t total = 0; ///< matching articles (exact, or a lower bound)
    bool total_exact = true; ///< false when `total` is only a lower bound
    std::vector<SearchHit> hits;
};

} // namespace gazette

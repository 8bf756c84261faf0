#pragma once
// Search requests and their results.

#include <chrono>
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
    /// Continue after the page that returned this cursor (SearchResults::next_cursor); then
    /// `offset` is ignored. With a date sort, cursors page through any number of results at
    /// the same cost per page; with relevance, up to the searcher's result window.
    std::string cursor;
    /// Count matches exactly up to this many; above it `total` may be a lower bound.
    std::size_t exact_total_up_to = 1000;
    /// Snippet length in bytes of text; 0 for no snippets.
    std::size_t snippet_length = 200;
    /// Markers placed around matched words in snippets; text around them is HTML-escaped.
    std::string highlight_start = "<mark>";
    std::string highlight_end = "</mark>";
    /// Collapse copies of one story (wire copy republished, corrected versions) into its best
    /// hit; SearchHit::more_versions counts the others, and the query story:<story> lists them.
    bool collapse_stories = false;
    /// Freshness half-life in date-math units ("30m", "12h", "7d", "2w", "1M", "1y"); empty for none. With relevance
    /// order, score = text score × (1 + fresh_weight × 2^(−age / half-life)): a new article
    /// gains up to (1 + fresh_weight)×, one a half-life old half of that. Date sorts ignore it.
    std::string fresh;
    double fresh_weight = 1.0;
    /// Fill SearchHit::explanation with the parts of each score.
    bool explain = false;
    /// Analyse the query in this language (ISO 639-1: its stemmer and stopwords); empty for
    /// the index's default. Articles are always analysed in their own language.
    std::string language;
    /// Facets to count over the whole match set: "source", "tag", "lang", "month", "year".
    std::vector<std::string> facets;
    /// Values returned per facet (the most frequent; months and years: the most recent).
    std::size_t facet_size = 10;
    /// Fill SearchHit::authors and SearchHit::summary (read from the stored article).
    bool with_article_fields = true;
    /// Look for a "did you mean" correction when fewer than 10 articles match (SearchResults::
    /// suggestion). Off where nobody reads it (evaluation runs): it costs lookups of the words
    /// one edit away from each rare query word.
    bool suggest = true;
};

/// What one word of the query gave a hit's text score.
struct TermWeight {
    std::string term;  ///< as the index holds it: the stem ("vaccin"), or the n-gram
    std::string field; ///< "text" (title and body), "title" or "author"
    double weight = 0; ///< IneB2, as in text_score
};

/// How a hit's score was made (SearchRequest::explain).
struct ScoreExplanation {
    double text_score = 0; ///< relevance of the text to the query (IneB2)
    double freshness = 1;  ///< the freshness multiplier (1 without freshness)
    double age_days = -1;  ///< age of the article when searched (-1: no date)
    /// The query's words that the article has, each with its weight. For words, phrases and
    /// AND/OR/NOT they add up to text_score (in an index of several languages too: an article
    /// is matched by its own language's reading); synonyms are weighed as one word.
    std::vector<TermWeight> terms;
};

struct SearchHit {
    std::string id;
    std::string title;
    std::string url;
    std::string source;
    std::string published;
    std::vector<std::string> tags;
    std::vector<std::string> authors; ///< with SearchRequest::with_article_fields
    std::string summary;              ///< the lead, with SearchRequest::with_article_fields
    std::string language;             ///< ISO 639-1
    double score = 0;                 ///< relevance score; 0 when sorted by date without a query
    std::string snippet;              ///< HTML: escaped text with highlight markers
    std::string story;                ///< story id shared by copies of the same story
    std::uint64_t more_versions = 0;  ///< with collapse_stories: other copies of this story
    std::optional<ScoreExplanation> explanation;
};

struct FacetValue {
    std::string value; ///< e.g. "Harbor Daily", "climate", "en", "2023-07", "2023"
    std::uint64_t count = 0;
};

struct Facet {
    std::string name; ///< as requested: "source", "tag", "lang", "month", "year"
    std::vector<FacetValue> values;
};

/// Which parts of a sharded index answered (Elasticsearch's "_shards"); a plain index, or an
/// archive on one machine, is one part.
struct ShardsInfo {
    std::size_t total = 1;
    std::size_t successful = 1;
    std::vector<std::string> failed; ///< the parts left out, as the stub names them
};

struct SearchResults {
    std::uint64_t total = 0; ///< matching articles (exact, or a lower bound); stories when collapsed
    bool total_exact = true; ///< false when `total` is only a lower bound
    /// With collapse_stories: the matching articles, every version counted (what facets count),
    /// when that count is exact (a faceted search counts every match); else none.
    std::optional<std::uint64_t> total_articles;
    std::vector<SearchHit> hits;
    std::vector<Facet> facets; ///< in the order requested
    std::string next_cursor;   ///< continues after these hits; empty when there are no more
    /// More results match, but relevance ranking stops at the result window
    /// (SearchLimits::max_result_window): the last page has no next_cursor. Sort by date to
    /// page further.
    bool truncated = false;
    /// "Did you mean" (for searches with fewer than 10 results): the query with rare or unknown
    /// words corrected; empty if none.
    std::string suggestion;
    /// The parts searched. With a part left out the results are partial: `total` is then a
    /// lower bound.
    ShardsInfo shards;
    bool partial() const { return !shards.failed.empty(); }
};

/// A completion of what a user is typing.
struct Completion {
    std::string text;        ///< the whole query text with its last word completed
    std::uint64_t count = 0; ///< articles containing the completed word
};

/// Bounds that keep one request from costing too much. Exceeding one is an invalid_query or
/// invalid_argument error naming the limit.
struct SearchLimits {
    std::size_t max_query_bytes = 64 * 1024;
    std::size_t max_query_terms = 1024;        ///< distinct terms, a wildcard counting as its expansions
    std::size_t max_wildcard_expansion = 1000; ///< words one prefix* may expand to
    std::size_t max_page_size = 10000;         ///< `limit`
    std::size_t max_result_window = 100000;    ///< `offset + limit`
    std::size_t max_facet_size = 1000;
    /// A search that runs longer stops and throws Error timeout (0: no limit).
    std::chrono::milliseconds search_timeout{0};
};

} // namespace gazette

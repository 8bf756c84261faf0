#pragma once
// SearchRequest -> Xapian::Query: the query language via Xapian's QueryParser, plus filters
// added as OP_FILTER subqueries (never pasted into the query string).

#include <gazette/search.hpp>

#include "util/dates.hpp"

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gazette::detail {

/// `text` with runs of dots that the query parser would read as a range ("...", "wait..what")
/// made spaces, unless they are two and a side of them looks like a date bound ("2021..",
/// "..now-7d"): three or more are an ellipsis ("Centris 650...").
std::string dots_as_spaces(const std::string& text);

/// `text` with boolean operators written as prose made words: an operator glued to a
/// punctuation mark ("Radical Agnostic... NOT!", "AND,") is not query syntax.
std::string prose_operators(const std::string& text);

class Analyzer;
class SynonymMap;

struct BuiltQuery {
    Xapian::Query query;
    bool has_text = false;            ///< false when only filters (or nothing) were given
    std::vector<std::string> phrases; ///< its phrases, of stopwords too ("the who"), for snippets
};

/// Builds queries for one database; keeps a configured parser per query language, so a
/// search does not set one up each time. Not thread-safe (like the Searcher that owns it).
class QueryBuilder {
  public:
    QueryBuilder(const Xapian::Database& db, Analyzer& analyzer, const SearchLimits& limits,
                 const SynonymMap& synonyms);

    /// @throws Error invalid_query (parser message, or a limit) or invalid_argument (bad filter).
    BuiltQuery build(const SearchRequest& request, UnixSeconds now);
    /// The database has new commits: reads again what the queries depend on (its languages,
    /// whether it keeps acronyms).
    void index_changed();

  private:
    Xapian::QueryParser& parser(const SearchRequest& request);
    Xapian::Query parse_text(const SearchRequest& request);
    /// Without a query language, in an index of several: the text read in each of them, each
    /// article matched by the reading of its own language: an article is stemmed in its own
    /// language only, so "Häuser" read as English finds no German article.
    Xapian::Query parse_text_in_index_languages(const SearchRequest& request);
    Xapian::Query filters(const SearchRequest& request) const;

    const Xapian::Database& db_;
    Analyzer& analyzer_;
    const SearchLimits& limits_;
    const SynonymMap& synonyms_;
    UnixSeconds now_ = 0; ///< of the query being built; date ranges read it
    /// The languages the index's articles are stemmed in that have stemmers of their own, the
    /// default one first.
    std::vector<std::string> index_languages_;
    bool has_acronyms_ = false; ///< the index keeps stopwords written in capitals (acronym_prefix)
    /// Filled by the parsers' stopword-phrase processors while a query is parsed.
    std::shared_ptr<std::vector<std::string>> stop_phrases_ = std::make_shared<std::vector<std::string>>();
    bool has_stop_pairs_ = false; ///< the index keeps pairs of adjacent stopwords (stop_pair_prefix)
    std::map<std::pair<std::string, MatchMode>, Xapian::QueryParser> parsers_;
};

} // namespace gazette::detail

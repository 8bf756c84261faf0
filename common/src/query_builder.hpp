#pragma once
// SearchRequest -> Xapian::Query: the query language via Xapian's QueryParser, plus filters
// added as OP_FILTER subqueries (never pasted into the query string).

#include <gazette/search.hpp>

#include "dates.hpp"

#include <xapian.h>

namespace gazette::detail {

class Analyzer;
class SynonymMap;

struct BuiltQuery {
    Xapian::Query query;
    bool has_text = false; ///< false when only filters (or nothing) were given
};

class QueryBuilder {
  public:
    QueryBuilder(const Xapian::Database& db, Analyzer& analyzer, const SearchLimits& limits,
                 const SynonymMap& synonyms);

    /// @throws Error invalid_query (parser message, or a limit) or invalid_argument (bad filter).
    BuiltQuery build(const SearchRequest& request, UnixSeconds now) const;

  private:
    Xapian::Query parse_text(const SearchRequest& request, UnixSeconds now) const;
    Xapian::Query filters(const SearchRequest& request, UnixSeconds now) const;

    const Xapian::Database& db_;
    Analyzer& analyzer_;
    const SearchLimits& limits_;
    const SynonymMap& synonyms_;
};

} // namespace gazette::detail

#pragma once
// SearchRequest -> Xapian::Query: the query language via Xapian's QueryParser, plus filters
// added as OP_FILTER subqueries (never pasted into the query string).

#include <gazette/search.hpp>

#include "dates.hpp"

#include <xapian.h>

namespace gazette::detail {

class Analyzer;

struct QueryLimits {
    std::size_t max_query_bytes = 4096;
    Xapian::termcount max_wildcard_expansion = 1000;
};

struct BuiltQuery {
    Xapian::Query query;
    bool has_text = false; ///< false when only filters (or nothing) were given
};

class QueryBuilder {
  public:
    QueryBuilder(const Xapian::Database& db, Analyzer& analyzer, QueryLimits limits = {});

    /// @throws Error invalid_query (parser message) or invalid_argument (bad filter value).
    BuiltQuery build(const SearchRequest& request, UnixSeconds now) const;

  private:
    Xapian::Query parse_text(const SearchRequest& request, UnixSeconds now) const;
    Xapian::Query filters(const SearchRequest& request, UnixSeconds now) const;

    const Xapian::Database& db_;
    Analyzer& analyzer_;
    QueryLimits limits_;
};

} // namespace gazette::detail

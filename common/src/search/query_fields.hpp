#pragma once
// Query-language helpers: field processors for exact-match fields and the date range processor.

#include "util/dates.hpp"

#include <xapian.h>

#include <string>

namespace gazette::detail {

/// `source:"The Times"` -> the boolean term of that exact value (prefix + slug).
class ExactFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit ExactFieldProcessor(std::string prefix) : prefix_(std::move(prefix)) {}
    Xapian::Query operator()(const std::string& value) override;

  private:
    std::string prefix_;
};

/// `lang:English` -> the language term of its ISO code.
class LanguageFieldProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& value) override;
};

/// Date ranges on the published value: 2021-01-01..2021-12-31, 2021..2022, now-7d.., ..2020-06.
class DateRangeProcessor : public Xapian::RangeProcessor {
  public:
    /// `now` is read at each use: the parser holding this processor outlives one query.
    DateRangeProcessor(const std::string& prefix, const UnixSeconds& now);
    Xapian::Query operator()(const std::string& begin, const std::string& end) override;

  private:
    const UnixSeconds& now_;
};

/// A query matching every document. Never a copy of Xapian::Query::MatchAll: Xapian 1.4 counts
/// a query's references without atomics, so copies of that one static object made by threads
/// searching at once corrupt its count (a crash under concurrent empty queries).
Xapian::Query match_all();

/// Filters typed in the query text ("source:x", "lang:en OR oil"), which the parser weighs zero,
/// become filters of every document. Xapian 1.4.22 fails with "Unexpected end of posting list"
/// when it steps through a zero-weighted term that is in every document of a database whose
/// document ids have gaps (after deletions): as a filter, the term is only skipped to.
Xapian::Query filters_as_filters(const Xapian::Query& query);

/// The query matching publication dates within [from, to]; either may be empty (unbounded).
/// Returns nothing for an unparsable bound, and an empty query (MatchNothing) when from > to.
std::optional<Xapian::Query> date_range_query(const std::string& from, const std::string& to, UnixSeconds now);

} // namespace gazette::detail

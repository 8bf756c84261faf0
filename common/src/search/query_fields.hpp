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

/// The query matching publication dates within [from, to]; either may be empty (unbounded).
/// Returns nothing for an unparsable bound, and an empty query (MatchNothing) when from > to.
std::optional<Xapian::Query> date_range_query(const std::string& from, const std::string& to, UnixSeconds now);

} // namespace gazette::detail

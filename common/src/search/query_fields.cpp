#include "search/query_fields.hpp"

#include "analysis/analyzer.hpp"
#include "index/schema.hpp"

namespace gazette::detail {

Xapian::Query ExactFieldProcessor::operator()(const std::string& value) {
    return Xapian::Query(exact_term(prefix_, value));
}

Xapian::Query LanguageFieldProcessor::operator()(const std::string& value) {
    return Xapian::Query(std::string(language_prefix) + canonical_language(value));
}

DateRangeProcessor::DateRangeProcessor(const std::string& prefix, const UnixSeconds& now)
    : Xapian::RangeProcessor(detail::slot(Slot::published), prefix), now_(now) {}

Xapian::Query DateRangeProcessor::operator()(const std::string& begin, const std::string& end) {
    // Not a date range (e.g. "1..5"), or one that ends before it begins: let the parser
    // report it, rather than an empty query that would end up matching everything.
    auto q = date_range_query(begin, end, now_);
    return q && !q->empty() ? *q : Xapian::Query(Xapian::Query::OP_INVALID);
}

std::optional<Xapian::Query> date_range_query(const std::string& from, const std::string& to, UnixSeconds now) {
    std::optional<UnixSeconds> lo, hi;
    if (!from.empty() && !(lo = parse_date_bound(from, false, now))) return std::nullopt;
    if (!to.empty() && !(hi = parse_date_bound(to, true, now))) return std::nullopt;
    const auto serialise = [](UnixSeconds s) { return Xapian::sortable_serialise(static_cast<double>(s)); };
    const Xapian::valueno published = slot(Slot::published);
    if (lo && hi && *lo > *hi) return Xapian::Query::MatchNothing;
    if (lo && hi) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, published, serialise(*lo), serialise(*hi));
    if (lo) return Xapian::Query(Xapian::Query::OP_VALUE_GE, published, serialise(*lo));
    if (hi) return Xapian::Query(Xapian::Query::OP_VALUE_LE, published, serialise(*hi));
    return Xapian::Query::MatchAll;
}

} // namespace gazette::detail

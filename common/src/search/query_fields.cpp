#include "search/query_fields.hpp"

#include "analysis/analyzer.hpp"
#include "index/schema.hpp"

#include <vector>

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
    return match_all();
}

Xapian::Query match_all() {
    return Xapian::Query(std::string());
}

namespace {

// Whether a term of `query` adds to the weight: the parser scales filters by zero, and the
// right sides of FILTER and AND_NOT weigh nothing.
bool weighs_anything(const Xapian::Query& query) {
    using Q = Xapian::Query;
    switch (query.get_type()) {
    case Q::LEAF_TERM:
    case Q::OP_WILDCARD: return true;
    case Q::LEAF_MATCH_ALL:
    case Q::LEAF_MATCH_NOTHING:
    case Q::LEAF_POSTING_SOURCE:
    case Q::OP_VALUE_RANGE:
    case Q::OP_VALUE_GE:
    case Q::OP_VALUE_LE:
    case Q::OP_SCALE_WEIGHT: // the parser makes only zero scales
        return false;
    case Q::OP_FILTER:
    case Q::OP_AND_NOT: return query.get_num_subqueries() > 0 && weighs_anything(query.get_subquery(0));
    default:
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
            if (weighs_anything(query.get_subquery(i))) return true;
        return false;
    }
}

// The zero-weighted parts of a weighted query, each made a filter of every document.
Xapian::Query zero_parts_as_filters(const Xapian::Query& query) {
    using Q = Xapian::Query;
    switch (query.get_type()) {
    case Q::OP_SCALE_WEIGHT: return Q(Q::OP_FILTER, match_all(), query.get_subquery(0));
    case Q::OP_OR:
    case Q::OP_AND:
    case Q::OP_XOR:
    case Q::OP_AND_MAYBE:
    case Q::OP_MAX:
    case Q::OP_FILTER:
    case Q::OP_AND_NOT: {
        // The right sides of FILTER and AND_NOT are only skipped to already.
        const bool left_only = query.get_type() == Q::OP_FILTER || query.get_type() == Q::OP_AND_NOT;
        std::vector<Q> parts;
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
            parts.push_back(i == 0 || !left_only ? zero_parts_as_filters(query.get_subquery(i))
                                                 : query.get_subquery(i));
        return Q(static_cast<Q::op>(query.get_type()), parts.begin(), parts.end());
    }
    default: return query;
    }
}

} // namespace

Xapian::Query filters_as_filters(const Xapian::Query& query) {
    if (query.empty()) return query;
    if (!weighs_anything(query)) return Xapian::Query(Xapian::Query::OP_FILTER, match_all(), query);
    return zero_parts_as_filters(query);
}

} // namespace gazette::detail

#include "search/facets.hpp"

#include <gazette/error.hpp>

#include "index/schema.hpp"

#include <algorithm>
#include <map>

namespace gazette::detail {

namespace {

constexpr std::string_view known_facets[] = {"source", "tag", "lang", "month", "year"};

std::map<std::string, std::uint64_t> counts_of(const Xapian::ValueCountMatchSpy& spy) {
    std::map<std::string, std::uint64_t> counts;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) counts[*it] = it.get_termfreq();
    return counts;
}

// A multi-valued slot (tags) holds its items joined: counted whole by Xapian's spy (which remote
// parts run too, unlike a spy of our own), then each item gets the counts of the lists holding it.
std::map<std::string, std::uint64_t> item_counts_of(const Xapian::ValueCountMatchSpy& spy) {
    std::map<std::string, std::uint64_t> counts;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
        const std::string& value = *it;
        std::size_t start = 0;
        while (start < value.size()) {
            std::size_t end = value.find(list_separator, start);
            if (end == std::string::npos) end = value.size();
            if (end > start) counts[value.substr(start, end - start)] += it.get_termfreq();
            start = end + 1;
        }
    }
    return counts;
}

// The most frequent values, ties broken alphabetically.
std::vector<FacetValue> most_frequent(const std::map<std::string, std::uint64_t>& counts, std::size_t size) {
    std::vector<FacetValue> values;
    for (const auto& [value, count] : counts) values.push_back({value, count});
    std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    if (values.size() > size) values.resize(size);
    return values;
}

// The latest periods, in chronological order (for histograms).
std::vector<FacetValue> most_recent(const std::map<std::string, std::uint64_t>& counts, std::size_t size) {
    std::vector<FacetValue> values;
    auto it = counts.begin();
    if (counts.size() > size) std::advance(it, static_cast<std::ptrdiff_t>(counts.size() - size));
    for (; it != counts.end(); ++it) values.push_back({it->first, it->second});
    return values;
}

} // namespace

FacetCounter::FacetCounter(const std::vector<std::string>& names, std::size_t size, std::size_t max_size)
    : size_(size) {
    if (size == 0 || size > max_size)
        throw Error(ErrorCode::invalid_argument, "facet size must be 1 to " + std::to_string(max_size));
    for (const auto& name : names) {
        if (std::find(std::begin(known_facets), std::end(known_facets), name) == std::end(known_facets))
            throw Error(ErrorCode::invalid_argument,
                        "unknown facet '" + name + "'; facets are source, tag, lang, month and year");
        if (std::find(names_.begin(), names_.end(), name) == names_.end()) names_.push_back(name);
    }
    const auto wants = [&](std::string_view n) { return std::find(names_.begin(), names_.end(), n) != names_.end(); };
    if (wants("source")) sources_ = std::make_unique<Xapian::ValueCountMatchSpy>(slot(Slot::source));
    if (wants("lang")) languages_ = std::make_unique<Xapian::ValueCountMatchSpy>(slot(Slot::language));
    if (wants("month") || wants("year")) months_ = std::make_unique<Xapian::ValueCountMatchSpy>(slot(Slot::month));
    if (wants("tag")) tags_ = std::make_unique<Xapian::ValueCountMatchSpy>(slot(Slot::tags));
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
    for (Xapian::MatchSpy* spy :
         {static_cast<Xapian::MatchSpy*>(sources_.get()), static_cast<Xapian::MatchSpy*>(languages_.get()),
          static_cast<Xapian::MatchSpy*>(months_.get()), static_cast<Xapian::MatchSpy*>(tags_.get())})
        if (spy) enquire.add_matchspy(spy);
}

std::vector<Facet> FacetCounter::results() const {
    std::vector<Facet> facets;
    for (const auto& name : names_) {
        Facet facet{name, {}};
        if (name == "source")
            facet.values = most_frequent(counts_of(*sources_), size_);
        else if (name == "lang")
            facet.values = most_frequent(counts_of(*languages_), size_);
        else if (name == "tag")
            facet.values = most_frequent(item_counts_of(*tags_), size_);
        else if (name == "month") {
            auto months = counts_of(*months_);
            for (auto it = months.begin(); it != months.end();) // dated to the year only
                it = it->first.size() == 4 ? months.erase(it) : std::next(it);
            facet.values = most_recent(months, size_);
        } else if (name == "year") {
            std::map<std::string, std::uint64_t> years;
            for (const auto& [month, count] : counts_of(*months_)) years[month.substr(0, 4)] += count;
            facet.values = most_recent(years, size_);
        }
        facets.push_back(std::move(facet));
    }
    return facets;
}

} // namespace gazette::detail

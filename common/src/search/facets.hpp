#pragma once
// Facet counts over the whole match set, gathered by Xapian match spies during the match.

#include <gazette/search.hpp>

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace gazette::detail {

class FacetCounter {
  public:
    /// @throws Error invalid_argument for an unknown facet name or a size over `max_size`.
    FacetCounter(const std::vector<std::string>& names, std::size_t size, std::size_t max_size);
    ~FacetCounter();
    FacetCounter(const FacetCounter&) = delete;
    FacetCounter& operator=(const FacetCounter&) = delete;

    bool empty() const { return names_.empty(); }
    /// Registers the spies; the match must then look at every matching document.
    void attach(Xapian::Enquire& enquire);
    /// Counts, in the order the facets were requested.
    std::vector<Facet> results() const;

  private:
    std::vector<std::string> names_;
    std::size_t size_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> sources_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> languages_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> months_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> tags_;
};

} // namespace gazette::detail

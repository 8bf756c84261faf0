#pragma once
// The per-word part of an explained score: Xapian gives a hit's weight whole, so each matching
// word's weight is computed again on its own, for that one document, with the same model.

#include <gazette/search.hpp>

#include <xapian.h>

#include <string>
#include <vector>

namespace gazette::detail {

/// What each text term of `query` gives the document whose unique (id) term is
/// `document_term`, weighed by `weighting` (the search's scheme).
std::vector<TermWeight> term_weights(const Xapian::Database& db, const Xapian::Query& query,
                                     const Xapian::Weight& weighting, const std::string& document_term);

} // namespace gazette::detail

#pragma once
// Freshness: blending relevance with recency (see SearchRequest::fresh for the formula).

#include "util/dates.hpp"

#include <optional>
#include <string_view>

namespace gazette::detail {

/// The multiplier 1 + weight × 2^(−age / half_life); articles from the future count as new,
/// undated ones get no boost.
double freshness_multiplier(std::optional<UnixSeconds> published, UnixSeconds now, UnixSeconds half_life,
                            double weight);

} // namespace gazette::detail

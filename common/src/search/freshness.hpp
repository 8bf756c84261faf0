#pragma once
// Freshness: blending relevance with recency (see SearchRequest::fresh for the formula).

#include "util/dates.hpp"

#include <optional>
#include <string_view>

namespace gazette::detail {

/// "7d" -> seconds; units h, d, w, m (30 days), y (365 days). Nothing if malformed or not positive.
std::optional<UnixSeconds> parse_duration(std::string_view text);

/// The multiplier 1 + weight × 2^(−age / half_life); articles from the future count as new,
/// undated ones get no boost.
double freshness_multiplier(std::optional<UnixSeconds> published, UnixSeconds now, UnixSeconds half_life,
                            double weight);

} // namespace gazette::detail

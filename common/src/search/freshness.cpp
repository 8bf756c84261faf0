#include "search/freshness.hpp"

#include <cmath>

namespace gazette::detail {

double freshness_multiplier(std::optional<UnixSeconds> published, UnixSeconds now, UnixSeconds half_life,
                            double weight) {
    if (!published) return 1.0;
    const double age = std::max<double>(0.0, static_cast<double>(now - *published));
    return 1.0 + weight * std::exp2(-age / static_cast<double>(half_life));
}

} // namespace gazette::detail

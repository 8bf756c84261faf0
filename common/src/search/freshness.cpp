#include "search/freshness.hpp"

#include <cmath>

namespace gazette::detail {

std::optional<UnixSeconds> parse_duration(std::string_view text) {
    if (text.size() < 2 || text.size() > 8) return std::nullopt;
    UnixSeconds amount = 0;
    for (char c : text.substr(0, text.size() - 1)) {
        if (c < '0' || c > '9') return std::nullopt;
        amount = amount * 10 + (c - '0');
    }
    UnixSeconds unit = 0;
    switch (text.back()) {
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    case 'w': unit = 7 * 86400; break;
    case 'm': unit = 30 * 86400; break;
    case 'y': unit = 365 * 86400; break;
    default: return std::nullopt;
    }
    if (amount <= 0) return std::nullopt;
    return amount * unit;
}

double freshness_multiplier(std::optional<UnixSeconds> published, UnixSeconds now, UnixSeconds half_life,
                            double weight) {
    if (!published) return 1.0;
    const double age = std::max<double>(0.0, static_cast<double>(now - *published));
    return 1.0 + weight * std::exp2(-age / static_cast<double>(half_life));
}

} // namespace gazette::detail

#include "params.hpp"

#include "api_error.hpp"

#include <algorithm>
#include <charconv>

namespace gazette::server {

void bad_param(const std::string& message) {
    throw ApiError("invalid_parameter", message);
}

void reject_unknown_params(const Request& request, std::initializer_list<std::string_view> known) {
    for (const auto& [name, value] : request.params)
        if (std::find(known.begin(), known.end(), name) == known.end())
            bad_param("unknown parameter '" + name.substr(0, 64) + "'");
}

std::size_t number_param(const Request& request, const std::string& name, std::size_t fallback, std::size_t min,
                         std::size_t max) {
    const std::string* text = request.one(name);
    if (!text) return fallback;
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size() || value < min || value > max)
        bad_param("'" + name + "' must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return value;
}

double real_param(const Request& request, const std::string& name, double fallback, double min, double max) {
    const std::string* text = request.one(name);
    if (!text) return fallback;
    double value = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size() || !(value >= min && value <= max)) {
        char range[64];
        std::snprintf(range, sizeof range, "%g to %g", min, max);
        bad_param("'" + name + "' must be a number from " + range);
    }
    return value;
}

bool flag_param(const Request& request, const std::string& name) {
    const std::string* value = request.one(name);
    if (!value) return false;
    if (*value == "true" || *value == "1") return true;
    if (*value == "false" || *value == "0") return false;
    bad_param("'" + name + "' must be true or false");
}

} // namespace gazette::server

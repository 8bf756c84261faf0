#include "router.hpp"

#include "api_error.hpp"
#include "url.hpp"
#include "util/text_util.hpp"

#include <optional>

namespace gazette::server {

namespace {

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t start = path.empty() || path[0] != '/' ? 0 : 1;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        parts.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

// Captures of `pattern` in `path`, or nothing if they do not match. Matching happens on raw
// segments, so an id containing an encoded '/' (%2F) stays one segment.
std::optional<std::map<std::string, std::string>> match_pattern(std::string_view pattern, std::string_view path) {
    const auto want = segments(pattern);
    const auto have = segments(path);
    if (want.size() != have.size()) return std::nullopt;
    std::map<std::string, std::string> captures;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto w = want[i];
        if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
            if (have[i].empty()) return std::nullopt;
            auto decoded = percent_decode(have[i], false);
            if (!decoded || !detail::is_valid_utf8(*decoded))
                throw ApiError("invalid_parameter", "malformed percent-encoding in the path");
            captures.emplace(std::string(w.substr(1, w.size() - 2)), std::move(*decoded));
        } else if (w != have[i]) {
            return std::nullopt;
        }
    }
    return captures;
}

} // namespace

RouteMatch Router::match(const std::string& method, const std::string& path) const {
    RouteMatch result;
    for (const auto& route : routes_) {
        auto captures = match_pattern(route.pattern, path);
        if (!captures) continue;
        if (route.method == method || (method == "HEAD" && route.method == "GET")) {
            result.route = &route;
            result.path_params = std::move(*captures);
            return result;
        }
        if (!result.allow.empty()) result.allow += ", ";
        result.allow += route.method == "GET" ? "GET, HEAD" : route.method;
    }
    return result;
}

} // namespace gazette::server

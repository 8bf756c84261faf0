#include "url.hpp"

#include "api_error.hpp"
#include "util/text_util.hpp"

namespace gazette::server {

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::multimap<std::string, std::string> parse_query_string(std::string_view query) {
    std::multimap<std::string, std::string> params;
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) end = query.size();
        const std::string_view pair = query.substr(start, end - start);
        if (!pair.empty()) {
            const std::size_t eq = pair.find('=');
            const auto name = percent_decode(pair.substr(0, eq), true);
            const auto value =
                percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
            if (!name || !value) throw ApiError("invalid_parameter", "malformed percent-encoding in the query string");
            if (!detail::is_valid_utf8(*name) || !detail::is_valid_utf8(*value))
                throw ApiError("invalid_parameter", "query string parameters must be valid UTF-8");
            params.emplace(*name, *value);
        }
        start = end + 1;
    }
    return params;
}

} // namespace gazette::server

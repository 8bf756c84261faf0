#include "http_checks.hpp"

#include "api_error.hpp"

#include <cctype>

namespace gazette::server {

namespace {

bool starts_with_scheme(std::string_view target, std::string_view scheme) {
    if (target.size() < scheme.size()) return false;
    for (std::size_t i = 0; i < scheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(target[i])) != scheme[i]) return false;
    return true;
}

} // namespace

std::optional<Response> refuse_header(const RequestHeader& header) {
    // RFC 9112 section 3.2: a server must answer 400 to an HTTP/1.1 request without a Host
    // field or with more than one.
    if (header.version() >= 11 && header.count(http::field::host) != 1)
        return error_response("bad_request", header.count(http::field::host) == 0
                                                 ? "an HTTP/1.1 request needs a Host header"
                                                 : "a request may have only one Host header");
    if (header.count(http::field::expect) > 0 && !expects_continue(header))
        return error_response("expectation_failed", "the only expectation supported is 100-continue");
    return std::nullopt;
}

bool expects_continue(const RequestHeader& header) {
    return header.count(http::field::expect) == 1 && beast::iequals(header[http::field::expect], "100-continue");
}

std::string origin_form(std::string_view target) {
    for (std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
        if (!starts_with_scheme(target, scheme)) continue;
        const std::string_view rest = target.substr(scheme.size());
        const auto path = rest.find_first_of("/?");
        if (path == std::string_view::npos) return "/";
        // "http://host?x" has an empty path: the origin form's path is then "/".
        return rest[path] == '/' ? std::string(rest.substr(path)) : "/" + std::string(rest.substr(path));
    }
    return std::string(target);
}

} // namespace gazette::server

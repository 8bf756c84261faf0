#include "cors.hpp"

#include <cctype>

namespace gazette::server {

std::string allowed_origin(const std::vector<std::string>& origins, std::string_view origin) {
    if (origin.empty()) return {};
    for (const auto& o : origins) {
        if (o == "*") return "*";
        if (o == origin) return std::string(origin);
    }
    return {};
}

void add_cors_headers(Response& response, std::string_view allowed) {
    if (allowed.empty()) return;
    response.headers.emplace_back("Access-Control-Allow-Origin", std::string(allowed));
    // Caches must keep answers to different origins apart.
    if (allowed != "*") response.headers.emplace_back("Vary", "Origin");
    response.headers.emplace_back("Access-Control-Expose-Headers", "Retry-After");
}

Response preflight_response(std::string_view allowed, std::string_view requested_headers) {
    Response response;
    response.status = 204;
    response.content_type = "text/plain";
    add_cors_headers(response, allowed);
    if (!allowed.empty()) {
        response.headers.emplace_back("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
        // Only simple header names are echoed back; anything else is not allowed.
        std::string headers;
        for (char c : requested_headers)
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ',' || c == ' ') headers += c;
        response.headers.emplace_back("Access-Control-Allow-Headers", headers.empty() ? "Content-Type" : headers);
        response.headers.emplace_back("Access-Control-Max-Age", "600");
    }
    return response;
}

} // namespace gazette::server

#pragma once
// Cross-origin requests (CORS), for pages on other sites that call the API from a browser.
// Off unless origins are configured (--cors-origin): then their requests are allowed and
// preflights (OPTIONS) are answered.

#include "http_types.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gazette::server {

/// The Access-Control-Allow-Origin value for a request from `origin`: the origin itself when
/// it is listed, "*" when "*" is, "" when it is not allowed.
std::string allowed_origin(const std::vector<std::string>& origins, std::string_view origin);

/// The headers that let the browser read a response (empty `allowed`: none).
void add_cors_headers(Response& response, std::string_view allowed);

/// The answer to a preflight request: which methods and headers the API takes, for how long.
Response preflight_response(std::string_view allowed, std::string_view requested_headers);

} // namespace gazette::server

#pragma once
// From a request line to a handler: the target split and decoded, the route found. Shared by
// the sessions and the HTTP fuzz target, so both exercise the same path.

#include "http_types.hpp"
#include "router.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gazette::server {

struct RoutedRequest {
    const Route* route = nullptr; ///< null: `failure` is the answer (400, 404, 405)
    Request request;
    Response failure;
};

RoutedRequest route_request(const Router& router, std::string method, std::string_view target, std::string remote);

} // namespace gazette::server

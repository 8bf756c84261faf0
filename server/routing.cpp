#include "routing.hpp"

#include "api_error.hpp"
#include "url.hpp"

namespace gazette::server {

RoutedRequest route_request(const Router& router, std::string method, std::string_view target, std::string remote) {
    RoutedRequest routed;
    Request& request = routed.request;
    request.method = std::move(method);
    request.remote = std::move(remote);
    const auto question = target.find('?');
    request.path = std::string(target.substr(0, question));
    RouteMatch match;
    try {
        if (question != std::string_view::npos) request.params = parse_query_string(target.substr(question + 1));
        // ?pretty is for every route, and handled after it (indented JSON).
        if (const auto pretty = request.params.find("pretty"); pretty != request.params.end()) {
            request.pretty = pretty->second.empty() || pretty->second == "true" || pretty->second == "1";
            request.params.erase("pretty");
        }
        match = router.match(request.method, request.path);
    } catch (const ApiError& e) {
        routed.failure = error_response(e.code(), e.what());
        return routed;
    }
    if (!match.route) {
        if (match.allow.empty()) {
            routed.failure = error_response("route_not_found", "no such endpoint");
        } else {
            routed.failure = error_response("method_not_allowed", "use " + match.allow);
            routed.failure.headers.emplace_back("Allow", match.allow);
        }
        return routed;
    }
    routed.route = match.route;
    request.path_params = std::move(match.path_params);
    return routed;
}

} // namespace gazette::server

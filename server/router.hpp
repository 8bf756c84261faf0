#pragma once
// The route table: method and path pattern -> handler. Patterns are literal segments and
// {name} segments, which capture one percent-decoded path segment.

#include "http_types.hpp"

#include <functional>
#include <string>
#include <vector>

namespace gazette::server {

struct Context;
using Handler = std::function<Response(const Request&, Context&)>;

struct Route {
    std::string method; ///< GET routes answer HEAD too
    std::string pattern;
    std::string name; ///< label for metrics and logs
    Handler handler;
    /// Answers without searching (status, static files): runs on the I/O thread, since handing
    /// it to a worker would cost more than the work itself.
    bool quick = false;
    /// For operators (/stats, /metrics): only on the admin listener when there is one.
    bool admin = false;
};

struct RouteMatch {
    const Route* route = nullptr; ///< null: no route for this path/method
    std::string allow;            ///< for 405: the methods the path accepts
    std::map<std::string, std::string> path_params;
};

class Router {
  public:
    explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {}

    /// @throws ApiError invalid_parameter for a malformed escape in a captured segment.
    RouteMatch match(const std::string& method, const std::string& path) const;

  private:
    std::vector<Route> routes_;
};

} // namespace gazette::server

#pragma once
// The request handlers: plain synchronous functions, registered in routes().

#include "context.hpp"
#include "http_types.hpp"
#include "router.hpp"

#include <vector>

namespace gazette::server {

Response handle_search(const Request& request, Context& context);
Response handle_article(const Request& request, Context& context);
Response handle_related(const Request& request, Context& context);
Response handle_suggest(const Request& request, Context& context);
Response handle_health(const Request& request, Context& context);
Response handle_stats(const Request& request, Context& context);
Response handle_metrics(const Request& request, Context& context);
Response handle_page(const Request& request, Context& context);
Response handle_web_asset(const Request& request, Context& context);
Response handle_openapi(const Request& request, Context& context);

/// The route table.
std::vector<Route> routes();

} // namespace gazette::server

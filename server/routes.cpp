#include "handlers.hpp"

namespace gazette::server {

std::vector<Route> routes() {
    // clang-format off
    return {
        {"GET", "/search",                 "search",  handle_search},
        {"POST", "/search",                "search",  handle_search},
        {"GET", "/articles/{id}",          "article", handle_article},
        {"GET", "/articles/{id}/related",  "related", handle_related},
        {"GET", "/suggest",                "suggest", handle_suggest},
        {"GET", "/health",                 "health",  handle_health, true},
        {"GET", "/stats",                  "stats",   handle_stats, true, true},
        {"GET", "/metrics",                "metrics", handle_metrics, true, true},
        {"GET", "/openapi.json",           "openapi", handle_openapi, true},
        {"GET", "/",                       "page",    handle_page, true},
        {"GET", "/ui/{name}",              "asset",   handle_web_asset, true},
    };
    // clang-format on
}

} // namespace gazette::server

#include "handlers.hpp"

namespace gazette::server {

std::vector<Route> routes() {
    // clang-format off
    return {
        {"GET", "/search",                 "search",  handle_search},
        {"GET", "/articles/{id}",          "article", handle_article},
        {"GET", "/articles/{id}/related",  "related", handle_related},
        {"GET", "/suggest",                "suggest", handle_suggest},
        {"GET", "/health",                 "health",  handle_health},
        {"GET", "/stats",                  "stats",   handle_stats},
        {"GET", "/metrics",                "metrics", handle_metrics},
        {"GET", "/",                       "page",    handle_page},
        {"GET", "/ui/{name}",              "asset",   handle_web_asset},
    };
    // clang-format on
}

} // namespace gazette::server

#include "handlers.hpp"

namespace gazette::server {

std::vector<Route> routes() {
    return {
        {"GET", "/search", "search", handle_search},    {"GET", "/articles/{id}", "article", handle_article},
        {"GET", "/health", "health", handle_health},    {"GET", "/stats", "stats", handle_stats},
        {"GET", "/metrics", "metrics", handle_metrics},
    };
}

} // namespace gazette::server

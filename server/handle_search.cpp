#include "api_error.hpp"
#include "handlers.hpp"
#include "search/results_json.hpp"
#include "search_params.hpp"

#include <chrono>

namespace gazette::server {

Response handle_search(const Request& request, Context& context) {
    SearchRequest search = parse_search_params(request, context.config);
    unsigned fields = detail::all_hit_fields;
    if (const auto* names = request.one("fields")) {
        const auto parsed = detail::parse_hit_fields(*names);
        if (!parsed) throw ApiError("invalid_parameter", "'fields' takes " + std::string(detail::hit_field_names()));
        fields = *parsed;
    }
    // The stored article is read for these only when a hit shows them.
    search.with_article_fields = (fields & (detail::hit_authors | detail::hit_summary)) != 0;
    const auto start = std::chrono::steady_clock::now();
    auto searcher = context.searchers.lease();
    // The lease has moved to the latest commit: its version keys the cache.
    const std::string key =
        context.cache.enabled() ? ResultCache::key(search, fields, searcher->version()) : std::string();
    const auto cached = context.cache.find(key);
    SearchResults computed;
    if (!cached) computed = searcher->search(search);
    const SearchResults& results = cached ? *cached : computed;
    const double took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    Response response;
    response.body = detail::results_json(results, search.query, took_ms, fields);
    // Partial answers are not kept: the missing part may be back for the next request.
    if (!cached && !computed.partial()) context.cache.store(key, std::move(computed), response.body.size());
    return response;
}

} // namespace gazette::server

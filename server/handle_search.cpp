#include "api_error.hpp"
#include "handlers.hpp"
#include "search/results_json.hpp"
#include "search_params.hpp"

#include <chrono>

namespace gazette::server {

Response handle_search(const Request& request, Context& context) {
    const SearchRequest search = parse_search_params(request, context.config);
    const auto start = std::chrono::steady_clock::now();
    auto searcher = context.searchers.lease();
    const SearchResults results = searcher->search(search);
    const double took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    Response response;
    response.body = detail::results_json(results, search.query, took_ms);
    return response;
}

} // namespace gazette::server

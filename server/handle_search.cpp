#include "api_error.hpp"
#include "handlers.hpp"
#include "results_json.hpp"
#include "search_params.hpp"

#include <chrono>

namespace gazette::server {

Response handle_search(const Request& request, Context& context) {
    const SearchRequest search = parse_search_params(request, context.config);
    const auto start = std::chrono::steady_clock::now();
    auto searcher = context.searchers.lease();
    const SearchResults results = searcher->search(search);
    const double took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    // Same shape as the library's JSON, with the time taken after the total.
    const auto full = detail::results_to_json(results, search.query);
    nlohmann::ordered_json body;
    for (const auto& [key, value] : full.items()) {
        body[key] = value;
        if (key == "total") body["took_ms"] = static_cast<double>(static_cast<long long>(took_ms * 1000)) / 1000;
    }
    Response response;
    response.body = detail::dump_json(body);
    return response;
}

} // namespace gazette::server

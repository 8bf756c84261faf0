// /articles/{id} and /articles/{id}/related.

#include "api_error.hpp"
#include "handlers.hpp"
#include "params.hpp"
#include "results_json.hpp"

#include <gazette/json.hpp>

namespace gazette::server {

Response handle_article(const Request& request, Context& context) {
    reject_unknown_params(request, {});
    const std::string& id = request.path_params.at("id");
    auto searcher = context.searchers.lease();
    const auto article = searcher->get(id);
    if (!article) throw ApiError("not_found", "no article with this id");
    Response response;
    response.body = to_json(*article);
    return response;
}

Response handle_related(const Request& request, Context& context) {
    reject_unknown_params(request, {"size"});
    const std::size_t size = number_param(request, "size", 5, 1, context.config.max_page_size);
    auto searcher = context.searchers.lease();
    const SearchResults related = searcher->related(request.path_params.at("id"), size);
    nlohmann::ordered_json hits = nlohmann::ordered_json::array();
    for (const auto& hit : related.hits) hits.push_back(detail::hit_to_json(hit));
    Response response;
    response.body = detail::dump_json({{"id", request.path_params.at("id")}, {"hits", std::move(hits)}});
    return response;
}

} // namespace gazette::server

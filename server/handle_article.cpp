// /articles/{id} and /articles/{id}/related.

#include "api_error.hpp"
#include "handlers.hpp"
#include "params.hpp"
#include "search/results_json.hpp"

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
    Response response;
    detail::JsonWriter out(response.body);
    out.begin_object();
    out.key("id").string(request.path_params.at("id"));
    detail::write_shards(out, related);
    out.key("hits").begin_array();
    for (const auto& hit : related.hits) detail::write_hit(out, hit);
    out.end_array();
    out.end_object();
    return response;
}

} // namespace gazette::server

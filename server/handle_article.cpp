#include "api_error.hpp"
#include "handlers.hpp"

#include <gazette/json.hpp>

namespace gazette::server {

Response handle_article(const Request& request, Context& context) {
    const std::string& id = request.path_params.at("id");
    auto searcher = context.searchers.lease();
    const auto article = searcher->get(id);
    if (!article) throw ApiError("not_found", "no article with this id");
    Response response;
    response.body = to_json(*article);
    return response;
}

} // namespace gazette::server

// /suggest: completions of what a user is typing.

#include "handlers.hpp"
#include "params.hpp"
#include "search/results_json.hpp"

namespace gazette::server {

Response handle_suggest(const Request& request, Context& context) {
    reject_unknown_params(request, {"q", "size"});
    const std::string* q = request.one("q");
    if (!q) bad_param("'q' is required: the text typed so far");
    const std::size_t size = number_param(request, "size", 10, 1, context.config.max_page_size);
    auto searcher = context.searchers.lease();
    Response response;
    response.body = detail::dump_json(detail::completions_to_json(searcher->complete(*q, size), *q));
    return response;
}

} // namespace gazette::server

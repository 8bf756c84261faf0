// The search page: GET / and GET /ui/{name}; the API description: GET /openapi.json.

#include "api_error.hpp"
#include "handlers.hpp"
#include "web_assets.hpp"

namespace gazette::server {

namespace {

// The page runs only its own files: no inline script or style, no other origin.
constexpr const char* page_policy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

Response serve_asset(const Request& request, const Context& context, const std::string& name) {
    auto asset = find_web_asset(name, context.config.web_root);
    if (!asset) throw ApiError("not_found", "no such file");
    Response response;
    response.content_type = asset->content_type;
    if (asset->etag.empty()) {
        response.headers.emplace_back("Cache-Control", "no-store");
    } else {
        // Revalidated on every use, so a new server version is picked up at once; unchanged
        // files cost a 304.
        response.headers.emplace_back("Cache-Control", "no-cache");
        response.headers.emplace_back("ETag", asset->etag);
        if (request.if_none_match == asset->etag) {
            response.status = 304;
            return response;
        }
    }
    response.body = std::move(asset->body);
    return response;
}

// Every HTML answer, whichever path it is reached by, runs under the page's policy and cannot
// be framed.
Response with_page_policy(Response response) {
    if (response.content_type.rfind("text/html", 0) == 0) {
        response.headers.emplace_back("Content-Security-Policy", page_policy);
        response.headers.emplace_back("X-Frame-Options", "DENY");
        response.headers.emplace_back("Referrer-Policy", "no-referrer");
    }
    return response;
}

} // namespace

Response handle_page(const Request& request, Context& context) {
    // The page reads its own query string (the search state), so any parameter is accepted.
    return with_page_policy(serve_asset(request, context, "index.html"));
}

Response handle_openapi(const Request& request, Context& context) {
    if (!request.params.empty()) throw ApiError("invalid_parameter", "/openapi.json takes no parameters");
    return serve_asset(request, context, "openapi.json");
}

Response handle_web_asset(const Request& request, Context& context) {
    if (!request.params.empty()) throw ApiError("invalid_parameter", "files take no parameters");
    return with_page_policy(serve_asset(request, context, request.path_params.at("name")));
}

} // namespace gazette::server

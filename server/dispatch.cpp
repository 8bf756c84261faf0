#include "dispatch.hpp"

#include "api_error.hpp"

#include <cstdio>

namespace gazette::server {

Response dispatch(const Route& route, const Request& request, Context& context) noexcept {
    try {
        try {
            return route.handler(request, context);
        } catch (const ApiError& e) {
            return error_response(e.code(), e.what());
        } catch (const Error& e) {
            Response response = error_response(e);
            if (response.status >= 500)
                std::fprintf(stderr, "gazette-server: %s %s: %s: %s\n", request.method.c_str(), route.name.c_str(),
                             std::string(to_string(e.code())).c_str(), e.what());
            return response;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "gazette-server: %s %s: unexpected error: %s\n", request.method.c_str(),
                         route.name.c_str(), e.what());
            return error_response("internal", "internal error");
        }
    } catch (...) {
        // Building the error response itself failed (out of memory): a bare 500.
        Response response;
        response.status = 500;
        response.body = R"({"error":{"code":"internal","message":"internal error"}})";
        return response;
    }
}

} // namespace gazette::server

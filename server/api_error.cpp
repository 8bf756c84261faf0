#include "api_error.hpp"

#include "search/results_json.hpp"

#include <array>
#include <string_view>

namespace gazette::server {

namespace {

struct StatusOf {
    std::string_view code;
    int status;
};

// The one table from error code to HTTP status, for library and server errors alike.
constexpr std::array<StatusOf, 27> status_table{{
    {"invalid_argument", 400},   {"invalid_query", 400},
    {"invalid_parameter", 400},  {"bad_request", 400},
    {"invalid_article", 400},    {"invalid_input", 400},
    {"not_found", 404},          {"route_not_found", 404},
    {"method_not_allowed", 405}, {"payload_too_large", 413},
    {"uri_too_long", 414},       {"unsupported_media_type", 415},
    {"expectation_failed", 417}, {"headers_too_large", 431},
    {"client_closed", 499},      {"internal", 500},
    {"overloaded", 503},         {"shutting_down", 503},
    {"index_unavailable", 503},  {"database_not_found", 503},
    {"database_locked", 503},    {"database_corrupt", 503},
    {"database_version", 503},   {"database_error", 503},
    {"search_timeout", 504},     {"timeout", 504},
    {"unavailable", 503},
}};

} // namespace

int status_for(const std::string& code) {
    for (const auto& entry : status_table)
        if (entry.code == code) return entry.status;
    if (code == "io_error") return 503;
    return 500;
}

Response error_response(const std::string& code, const std::string& message) {
    Response response;
    response.status = status_for(code);
    nlohmann::ordered_json body = {{"error", {{"code", code}, {"message", message}}}};
    response.body = detail::dump_json(body);
    return response;
}

Response error_response(const Error& error) {
    const std::string code(to_string(error.code()));
    const int status = status_for(code);
    // Client errors explain themselves; index failures carry paths and internals, so the client
    // gets a generic message (the details go to the server log).
    if (status < 500) return error_response(code, error.what());
    if (status == 503) return error_response("index_unavailable", "the index is not available right now");
    if (error.code() == ErrorCode::timeout) return error_response("search_timeout", error.what());
    return error_response("internal", "internal error");
}

} // namespace gazette::server

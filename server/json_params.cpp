#include "json_params.hpp"

#include "api_error.hpp"

#include <nlohmann/json.hpp>

namespace gazette::server {

namespace {

[[noreturn]] void bad_body(const std::string& why) {
    throw ApiError("bad_request", "the body must be a JSON object of parameters: " + why);
}

std::string scalar_text(const nlohmann::json& value, const std::string& field) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value.is_number()) return value.dump();
    bad_body("'" + field + "' must be a string, a number, a boolean or a list of them");
}

} // namespace

void add_json_params(std::string_view body, std::multimap<std::string, std::string>& params,
                     std::initializer_list<std::string_view> comma_lists) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return; // no body: no parameters
    nlohmann::json object;
    try {
        object = nlohmann::json::parse(body);
    } catch (const nlohmann::json::parse_error& e) {
        bad_body(std::string("not JSON (") + e.what() + ")");
    }
    if (!object.is_object()) bad_body("it is not an object");
    for (const auto& [field, value] : object.items()) {
        if (value.is_null()) continue;
        if (!value.is_array()) {
            params.emplace(field, scalar_text(value, field));
            continue;
        }
        bool comma_list = false;
        for (const auto name : comma_lists) comma_list = comma_list || name == field;
        if (comma_list) {
            std::string joined;
            for (const auto& item : value) joined += (joined.empty() ? "" : ",") + scalar_text(item, field);
            params.emplace(field, joined);
        } else {
            for (const auto& item : value) params.emplace(field, scalar_text(item, field));
        }
    }
}

} // namespace gazette::server

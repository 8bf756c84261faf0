#include "api_error.hpp"
#include "http_types.hpp"

namespace gazette::server {

std::vector<std::string> Request::all(const std::string& name) const {
    std::vector<std::string> values;
    const auto [begin, end] = params.equal_range(name);
    for (auto it = begin; it != end; ++it) values.push_back(it->second);
    return values;
}

const std::string* Request::one(const std::string& name) const {
    const auto [begin, end] = params.equal_range(name);
    if (begin == end) return nullptr;
    if (std::next(begin) != end)
        throw ApiError("invalid_parameter", "parameter '" + name + "' is given more than once");
    return &begin->second;
}

} // namespace gazette::server

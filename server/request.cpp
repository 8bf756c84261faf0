#include "api_error.hpp"
#include "http_types.hpp"

namespace gazette::server {

// Empty values count as absent: HTML forms send every field, filled or not ("lang=&source=").
std::vector<std::string> Request::all(const std::string& name) const {
    std::vector<std::string> values;
    const auto [begin, end] = params.equal_range(name);
    for (auto it = begin; it != end; ++it)
        if (!it->second.empty()) values.push_back(it->second);
    return values;
}

const std::string* Request::one(const std::string& name) const {
    const std::string* found = nullptr;
    const auto [begin, end] = params.equal_range(name);
    for (auto it = begin; it != end; ++it) {
        if (it->second.empty()) continue;
        if (found) throw ApiError("invalid_parameter", "parameter '" + name + "' is given more than once");
        found = &it->second;
    }
    return found;
}

} // namespace gazette::server

#pragma once
// Requests and responses as handlers see them: plain data, no Beast.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace gazette::server {

struct Request {
    std::string method;                             ///< "GET", "HEAD", ...
    std::string path;                               ///< raw path, before percent-decoding
    std::multimap<std::string, std::string> params; ///< decoded query parameters, in order
    std::map<std::string, std::string> path_params; ///< decoded {name} segments of the route
    std::string remote;                             ///< client address
    std::string if_none_match;                      ///< the If-None-Match header, for cached files
    bool pretty = false;                            ///< ?pretty: indented JSON (taken out of params)

    /// All non-empty values of a parameter, in order.
    std::vector<std::string> all(const std::string& name) const;
    /// The value of a parameter given at most once; nothing if absent or empty.
    /// @throws ApiError bad parameter if it is repeated.
    const std::string* one(const std::string& name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

} // namespace gazette::server

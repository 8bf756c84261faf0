#pragma once
// GET /search parameters -> SearchRequest, with every bound checked.

#include "config.hpp"
#include "http_types.hpp"

#include <gazette/search.hpp>

namespace gazette::server {

/// @throws ApiError invalid_parameter naming the parameter and what it accepts.
SearchRequest parse_search_params(const Request& request, const ServerConfig& config);

} // namespace gazette::server

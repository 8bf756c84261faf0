#pragma once
// Runs a handler and turns every failure into an error response: the one place where
// exceptions become HTTP statuses.

#include "context.hpp"
#include "http_types.hpp"
#include "router.hpp"

namespace gazette::server {

/// Never throws. 5xx details go to stderr, never to the client.
Response dispatch(const Route& route, const Request& request, Context& context) noexcept;

} // namespace gazette::server

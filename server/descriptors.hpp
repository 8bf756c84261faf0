#pragma once
// File descriptors: each connection holds one, each pooled index handle several. With the usual
// soft limit of 1024 and the default connection cap of 1024, the process ran out and its accept
// loop spun; so the soft limit is raised where allowed and the cap fitted below it.

#include "config.hpp"

#include <cstddef>

namespace gazette::server {

/// Raises the soft RLIMIT_NOFILE to the hard limit (process-wide: call once, at start).
/// Returns the soft limit in force.
std::size_t raise_descriptor_limit();

/// Descriptors kept for everything but connections: index handles, the log, listeners.
std::size_t reserved_descriptors(const ServerConfig& config);

/// `config` with max_connections lowered, with a warning on stderr, if the soft descriptor
/// limit cannot hold that many connections besides the reserve.
ServerConfig fit_to_descriptors(ServerConfig config);

} // namespace gazette::server

#include "descriptors.hpp"

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

namespace gazette::server {

namespace {

// Measured: a glass index handle holds 7 descriptors (version file and six tables).
constexpr std::size_t per_index_handle = 8;
constexpr std::size_t fixed_reserve = 64; // listeners, log, stdio, epoll, timers, signals

std::size_t soft_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return SIZE_MAX;
    return static_cast<std::size_t>(limit.rlim_cur);
}

} // namespace

std::size_t raise_descriptor_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    return soft_limit();
}

std::size_t reserved_descriptors(const ServerConfig& config) {
    // Pooled handles: one per concurrent search, plus one more for the quick routes' leases.
    return fixed_reserve + per_index_handle * (config.concurrent_searches() + config.network_threads());
}

ServerConfig fit_to_descriptors(ServerConfig config) {
    const std::size_t limit = soft_limit();
    const std::size_t reserve = reserved_descriptors(config);
    const std::size_t room = limit > reserve + 16 ? limit - reserve : 16;
    if (config.max_connections > room) {
        std::fprintf(stderr,
                     "gazette-server: --max-connections %zu lowered to %zu to fit the open-file limit of %zu "
                     "(raise it with ulimit -n or LimitNOFILE=)\n",
                     config.max_connections, room, limit);
        config.max_connections = room;
    }
    return config;
}

} // namespace gazette::server

#include "config.hpp"

#include <algorithm>
#include <thread>

namespace gazette::server {

unsigned ServerConfig::worker_threads() const {
    if (inline_search) return 0;
    if (threads > 0) return threads;
    const unsigned cores = std::thread::hardware_concurrency();
    return cores > 0 ? cores : 2;
}

unsigned ServerConfig::concurrent_searches() const {
    return inline_search ? network_threads() : worker_threads();
}

unsigned ServerConfig::network_threads() const {
    if (io_threads > 0) return io_threads;
    const unsigned cores = std::thread::hardware_concurrency();
    return std::clamp(cores, 1u, 4u);
}

} // namespace gazette::server

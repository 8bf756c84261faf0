#include "config.hpp"

#include <thread>

namespace gazette::server {

unsigned ServerConfig::worker_threads() const {
    if (threads > 0) return threads;
    const unsigned cores = std::thread::hardware_concurrency();
    return cores > 0 ? cores : 2;
}

} // namespace gazette::server

#include "health_check.hpp"

#include <gazette/error.hpp>

namespace gazette::server {

std::optional<std::string> HealthCheck::problem(Searcher& searcher) {
    std::lock_guard lock(mutex_); // one probe at a time; the others wait for its answer
    const auto now = std::chrono::steady_clock::now();
    if (checked_ && now - *checked_ < interval_) return problem_;
    try {
        searcher.probe();
        problem_.reset();
    } catch (const Error& e) {
        problem_ = e.what();
    }
    checked_ = now;
    return problem_;
}

} // namespace gazette::server

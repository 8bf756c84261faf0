#pragma once
// /health reflects whether a search can run: it probes the index (Searcher::probe(), which
// opens it anew and reads a little of each table), at most once per interval, so that load
// balancers polling it often cost next to nothing.

#include <gazette/searcher.hpp>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

namespace gazette::server {

class HealthCheck {
  public:
    explicit HealthCheck(std::chrono::milliseconds interval = std::chrono::milliseconds(1000)) : interval_(interval) {}

    /// Nothing if the last probe (at most `interval` old, else done now with `searcher`)
    /// succeeded, or what went wrong.
    std::optional<std::string> problem(Searcher& searcher);

  private:
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::optional<std::chrono::steady_clock::time_point> checked_;
    std::optional<std::string> problem_;
};

} // namespace gazette::server

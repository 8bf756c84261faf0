#pragma once
// Request metrics in the Prometheus text format: counts by route and status, a latency
// histogram per route, requests in flight, open connections and rejections.

#include "result_cache.hpp"

#include <gazette/shards.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace gazette::server {

/// Per-part series of a sharded index: up, the last ping's round trip, times marked down, and
/// documents. Empty for a plain index.
std::string render_shard_metrics(const std::vector<ShardState>& parts);

/// The result cache's hits, misses, entries and bytes.
std::string render_cache_metrics(const ResultCache::Stats& stats);

class Metrics {
  public:
    void request_started() { ++in_flight_; }
    void request_finished(const std::string& route, int status, double seconds);
    void connection_opened() { ++connections_; }
    void connection_closed() { --connections_; }
    /// A connection or request turned away: "connections", "queue", "queue_timeout", "timeout",
    /// "header", "uri", "body", "framing", "malformed", "client_gone", "shutdown", "descriptors".
    void rejected(const std::string& reason);

    /// The exposition text; `documents` is the index size (negative: index unavailable),
    /// `log_lines_dropped` the access log lines not written.
    std::string render(std::int64_t documents, double uptime_seconds, std::uint64_t log_lines_dropped) const;

  private:
    static constexpr std::array<double, 14> bounds_{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1,    0.25,  0.5,    1.0,   2.5,  5.0,   10.0};
    struct Histogram {
        std::array<std::uint64_t, bounds_.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };

    std::atomic<std::int64_t> in_flight_{0};
    std::atomic<std::int64_t> connections_{0};
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Histogram> latency_;
    std::map<std::string, std::uint64_t> rejected_;
};

} // namespace gazette::server

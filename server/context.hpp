#pragma once
// What handlers may use: the searcher pool, the result cache, metrics, the access log's counters
// and configuration.

#include "access_log.hpp"
#include "config.hpp"
#include "health_check.hpp"
#include "metrics.hpp"
#include "result_cache.hpp"
#include "searcher_pool.hpp"

#include <chrono>

namespace gazette::server {

struct Context {
    const ServerConfig& config;
    SearcherPool& searchers;
    ResultCache& cache;
    Metrics& metrics;
    AccessLog& access_log;
    HealthCheck health{};
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

    double uptime_seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
};

} // namespace gazette::server

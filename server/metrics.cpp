#include "metrics.hpp"

#include <cstdio>

namespace gazette::server {

namespace {

// A label value in the exposition format: backslash, quote and newline escaped.
std::string label_value(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace

std::string render_cache_metrics(const ResultCache::Stats& stats) {
    std::string out;
    const auto series = [&](const char* name, const char* type, const char* help, std::uint64_t value) {
        out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + " " +
               std::to_string(value) + "\n";
    };
    series("gazette_cache_hits_total", "counter", "Searches answered from the result cache.", stats.hits);
    series("gazette_cache_misses_total", "counter", "Searches looked up in the result cache and run.", stats.misses);
    series("gazette_cache_entries", "gauge", "Results in the cache.", stats.entries);
    series("gazette_cache_bytes", "gauge", "Bytes the cached results take (their JSON, with bookkeeping).",
           stats.bytes);
    return out;
}

std::string render_shard_metrics(const std::vector<ShardState>& parts) {
    if (parts.empty()) return {};
    std::string out;
    const auto series = [&](const char* name, const char* type, const char* help, auto value_of) {
        out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
        for (const auto& part : parts)
            out += std::string(name) + "{shard=\"" + label_value(part.name) + "\"} " + value_of(part) + "\n";
    };
    series("gazette_shard_up", "gauge", "1 while the part of the sharded index answers, 0 while it is left out.",
           [](const ShardState& p) { return std::string(p.up ? "1" : "0"); });
    series("gazette_shard_ping_seconds", "gauge", "Round trip of the last ping to the part (-1: none yet).",
           [](const ShardState& p) {
               char text[32];
               std::snprintf(text, sizeof text, "%.6f", p.ping_seconds);
               return std::string(text);
           });
    series("gazette_shard_failures_total", "counter", "Times the part was marked down.",
           [](const ShardState& p) { return std::to_string(p.failures); });
    series("gazette_shard_documents", "gauge", "Articles in the part, as of its last ping.",
           [](const ShardState& p) { return std::to_string(p.documents); });
    return out;
}

void Metrics::request_finished(const std::string& route, int status, double seconds) {
    --in_flight_;
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    auto& h = latency_[route];
    for (std::size_t i = 0; i < bounds_.size(); ++i)
        if (seconds <= bounds_[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

void Metrics::rejected(const std::string& reason) {
    std::lock_guard lock(mutex_);
    ++rejected_[reason];
}

std::string Metrics::render(std::int64_t documents, double uptime_seconds, std::uint64_t log_lines_dropped) const {
    std::string out;
    char line[256];
    const auto add = [&](const char* format, auto... args) {
        std::snprintf(line, sizeof line, format, args...);
        out += line;
    };
    std::lock_guard lock(mutex_);
    out += "# HELP gazette_http_requests_total HTTP requests answered, by route and status.\n"
           "# TYPE gazette_http_requests_total counter\n";
    for (const auto& [key, count] : requests_)
        add("gazette_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n", key.first.c_str(), key.second,
            static_cast<unsigned long long>(count));
    out += "# HELP gazette_http_request_duration_seconds Time from a complete request to its response.\n"
           "# TYPE gazette_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        for (std::size_t i = 0; i < bounds_.size(); ++i)
            add("gazette_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n", route.c_str(),
                bounds_[i], static_cast<unsigned long long>(h.buckets[i]));
        add("gazette_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n", route.c_str(),
            static_cast<unsigned long long>(h.count));
        add("gazette_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n", route.c_str(), h.sum);
        add("gazette_http_request_duration_seconds_count{route=\"%s\"} %llu\n", route.c_str(),
            static_cast<unsigned long long>(h.count));
    }
    out += "# HELP gazette_http_requests_in_flight Requests being handled.\n"
           "# TYPE gazette_http_requests_in_flight gauge\n";
    add("gazette_http_requests_in_flight %lld\n", static_cast<long long>(in_flight_.load()));
    out += "# HELP gazette_http_connections_open Open client connections.\n"
           "# TYPE gazette_http_connections_open gauge\n";
    add("gazette_http_connections_open %lld\n", static_cast<long long>(connections_.load()));
    out += "# HELP gazette_http_rejected_total Connections or requests turned away, by reason.\n"
           "# TYPE gazette_http_rejected_total counter\n";
    for (const auto& [reason, count] : rejected_)
        add("gazette_http_rejected_total{reason=\"%s\"} %llu\n", reason.c_str(),
            static_cast<unsigned long long>(count));
    out += "# HELP gazette_index_documents Articles in the index (-1 when it is unavailable).\n"
           "# TYPE gazette_index_documents gauge\n";
    add("gazette_index_documents %lld\n", static_cast<long long>(documents));
    out += "# HELP gazette_access_log_dropped_total Access log lines dropped: the log could not keep up.\n"
           "# TYPE gazette_access_log_dropped_total counter\n";
    add("gazette_access_log_dropped_total %llu\n", static_cast<unsigned long long>(log_lines_dropped));
    out += "# HELP gazette_uptime_seconds Seconds since the server started.\n"
           "# TYPE gazette_uptime_seconds gauge\n";
    add("gazette_uptime_seconds %.3f\n", uptime_seconds);
    return out;
}

} // namespace gazette::server

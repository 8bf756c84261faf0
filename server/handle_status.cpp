// Operational endpoints: /health, /stats, /metrics.

#include "api_error.hpp"
#include "handlers.hpp"
#include "search/results_json.hpp"

#include <gazette/version.hpp>

#include <cstdio>
#include <filesystem>

namespace gazette::server {

namespace {

// An index's files, or an archive's with those of its partitions.
std::uint64_t directory_bytes(const std::string& path) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path, ec)) {
        std::error_code size_error;
        if (entry.is_regular_file(size_error)) total += entry.file_size(size_error);
    }
    return total;
}

} // namespace

Response handle_health(const Request&, Context& context) {
    try {
        auto searcher = context.searchers.lease();
        // Healthy means a search can run: a little of the index read from disk, not only its header.
        if (const auto problem = context.health.problem(*searcher)) {
            std::fprintf(stderr, "gazette-server: health check: %s\n", problem->c_str());
            return error_response("index_unavailable", "the index cannot be opened or read");
        }
        const auto documents = searcher->document_count();
        // A sharded index with a part down still answers, partially: degraded, not down.
        nlohmann::ordered_json failed = nlohmann::ordered_json::array();
        const auto parts = context.searchers.shard_states();
        for (const auto& part : parts)
            if (!part.up) failed.push_back(part.name);
        nlohmann::ordered_json body{{"status", failed.empty() ? "ok" : "degraded"}, {"documents", documents}};
        if (!parts.empty())
            body["shards"] = {
                {"total", parts.size()}, {"successful", parts.size() - failed.size()}, {"failed", failed}};
        Response response;
        response.body = detail::dump_json(body);
        return response;
    } catch (const Error&) {
        return error_response("index_unavailable", "the index cannot be opened or read");
    }
}

Response handle_stats(const Request&, Context& context) {
    auto searcher = context.searchers.lease();
    const nlohmann::ordered_json body = {{"documents", searcher->document_count()},
                                         {"last_update", searcher->last_updated()},
                                         {"revision", searcher->revision()},
                                         {"index_bytes", directory_bytes(context.searchers.path())},
                                         {"uptime_seconds", static_cast<std::uint64_t>(context.uptime_seconds())},
                                         {"version", GAZETTE_VERSION}};
    Response response;
    response.body = detail::dump_json(body);
    return response;
}

Response handle_metrics(const Request&, Context& context) {
    std::int64_t documents = -1;
    try {
        documents = static_cast<std::int64_t>(context.searchers.lease()->document_count());
    } catch (const Error&) {
        // Reported as -1: the metrics stay available while the index is not.
    }
    Response response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = context.metrics.render(documents, context.uptime_seconds(), context.access_log.dropped());
    response.body += render_shard_metrics(context.searchers.shard_states());
    response.body += render_cache_metrics(context.cache.stats());
    return response;
}

} // namespace gazette::server

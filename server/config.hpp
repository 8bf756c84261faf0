#pragma once
// Server settings and limits, with their defaults. Each limit is enforced and tested at its
// boundary.

#include <gazette/shards.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gazette::server {

struct ServerConfig {
    std::string db;
    std::string bind = "127.0.0.1";
    std::uint16_t port = 8080;
    unsigned threads = 0;    ///< search workers (each with its own index handle); 0 = one per core
    unsigned io_threads = 0; ///< threads doing network I/O; 0 = one per core, at most 4
    /// Requests run on the I/O thread that read them, with no hand-over to a worker: no
    /// context switches, but a slow search holds up that thread's other connections. For
    /// machines where the I/O threads already cover the cores (`threads` is then unused).
    bool inline_search = false;
    /// Schedule the server's threads as batch work (see scheduling.hpp): more searches per
    /// second on a busy machine, quick routes answered within a time slice rather than at once.
    /// Applied by gazette-server before it starts the server, whose threads inherit it; a
    /// program embedding the server chooses for its own threads.
    bool batch_scheduling = true;

    /// I/O threads to start (resolves 0).
    unsigned network_threads() const;

    // HTTP
    std::size_t max_header_bytes = 8192;
    std::size_t max_body_bytes = 96 * 1024;           ///< a POST /search of the longest query, with room for its JSON
    std::chrono::milliseconds request_timeout{10000}; ///< to receive one whole request
    std::chrono::milliseconds idle_timeout{30000};    ///< between keep-alive requests
    std::size_t max_requests_per_connection = 1000;
    std::size_t max_connections = 1024;
    std::size_t max_queue = 512; ///< requests waiting for a worker before 503
    /// A request that waited longer than this for a worker is answered 503 instead of run.
    std::chrono::milliseconds queue_timeout{5000};
    /// A search running longer than this stops and is answered 504 (0: no limit).
    std::chrono::milliseconds search_timeout{10000};
    std::chrono::milliseconds shutdown_timeout{10000};
    /// /health reads the index from disk at most this often, and answers from the last read between.
    std::chrono::milliseconds health_interval{1000};

    // Search
    std::size_t max_query_bytes = 64 * 1024; ///< the library's default too (SearchLimits)
    std::size_t max_query_terms = 1024;      ///< distinct terms, a wildcard counting as its expansions
    std::size_t max_wildcard_expansion = 1000;
    std::size_t max_page_size = 100;    ///< `size`
    std::size_t max_page_depth = 10000; ///< `page * size`; deeper with a cursor (date sorts)
    std::size_t max_facet_size = 100;
    std::size_t max_snippet_bytes = 1000;

    /// Timeouts and retries for the parts of a sharded index (--db naming a stub file).
    ShardOptions shards;

    /// Search results kept for repeated requests, in MiB (0: none), and how long an entry
    /// lives at most (a commit makes entries unreachable at once; the time bounds answers that
    /// depend on the clock, "now-7d" and freshness).
    std::size_t cache_mb = 64;
    std::chrono::milliseconds cache_ttl{60000};

    std::string access_log = "-"; ///< "-" stdout, "" off, else a file
    /// Origins allowed to call the API from a browser ("https://news.example", or "*"); none by default.
    std::vector<std::string> cors_origins;
    /// A second listener for /stats and /metrics, which the public one then does not serve
    /// ("" for none: they are on the public listener).
    std::string admin_bind;
    std::uint16_t admin_port = 8081;
    std::string web_root; ///< serve the search page from this directory instead of the binary

    /// Worker threads to start (resolves 0; none when searches run inline).
    unsigned worker_threads() const;
    /// Requests that can be searching at once: one per worker, or per I/O thread inline.
    unsigned concurrent_searches() const;
};

} // namespace gazette::server

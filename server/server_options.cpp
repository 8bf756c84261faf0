#include "server_options.hpp"

#include <gazette/version.hpp>

#include <CLI/CLI.hpp>

namespace gazette::server {

namespace {

// CLI11 has no std::chrono support in 2.1: read milliseconds into an integer.
void add_milliseconds(CLI::App& app, const std::string& name, std::chrono::milliseconds& target,
                      const std::string& help, long long minimum = 1) {
    auto* option = app.add_option_function<long long>(
        name, [&target](long long ms) { target = std::chrono::milliseconds(ms); }, help);
    option->default_str(std::to_string(target.count()))->check(CLI::Range(minimum, 3600000LL));
}

} // namespace

int parse_server_options(int argc, char** argv, ServerConfig& c) {
    CLI::App app{"Serve a Gazette index over HTTP (read-only). Options can also be given in a TOML/INI file\n"
                 "with --config (one \"name = value\" per line, names as below without the dashes).",
                 "gazette-server"};
    app.set_version_flag("--version", GAZETTE_VERSION);
    app.set_config("--config", "", "Read options from this TOML/INI file");
    // A misspelt or unknown key in the file is an error, not a setting silently ignored.
    app.allow_config_extras(CLI::config_extras_mode::error);
    app.add_option("--db", c.db, "Index directory")->required();
    app.add_option("--bind", c.bind, "Address to listen on")->capture_default_str();
    app.add_option("--port", c.port, "Port (0: any free port, printed at start)")->capture_default_str();
    app.add_option("--threads", c.threads, "Search worker threads (0: one per core)")->capture_default_str();
    app.add_option("--io-threads", c.io_threads, "Network I/O threads (0: one per core, at most 4)")
        ->capture_default_str()
        ->check(CLI::Range(0, 64));
    app.add_flag("--inline-search", c.inline_search,
                 "Run each request on the I/O thread that read it, with no worker hand-over (faster on "
                 "a busy machine; a slow search then delays that thread's other connections)");
    app.add_flag("--batch-scheduling,!--no-batch-scheduling", c.batch_scheduling,
                 "Schedule the server's threads as batch work (Linux): fewer context switches, more "
                 "searches per second; quick routes then wait up to a time slice under full load (default: on)");
    app.add_option("--access-log", c.access_log,
                   "Access log: - (stdout), a file, or empty for none (SIGUSR1 reopens it after rotation)")
        ->capture_default_str();
    app.add_option("--cors-origin", c.cors_origins,
                   "Let pages from this origin call the API from a browser (repeat for more; * for any)")
        ->allow_extra_args(false);
    app.add_option("--admin-bind", c.admin_bind,
                   "Address of a second listener for /stats and /metrics, which the public one then "
                   "does not serve (default: none, they are public)");
    app.add_option("--admin-port", c.admin_port, "Port of the admin listener")->capture_default_str();
    app.add_option("--web-root", c.web_root,
                   "Serve the search page's files from this directory instead of the built-in copy "
                   "(for working on the page)")
        ->check(CLI::ExistingDirectory);

    auto* limits = app.add_option_group("Limits");
    limits->add_option("--max-header-bytes", c.max_header_bytes, "Request line + headers (431 above)")
        ->capture_default_str()
        ->check(CLI::Range(512, 1 << 20));
    limits->add_option("--max-body-bytes", c.max_body_bytes, "Request body (413 above)")->capture_default_str();
    add_milliseconds(app, "--request-timeout-ms", c.request_timeout, "Time to receive a whole request");
    add_milliseconds(app, "--idle-timeout-ms", c.idle_timeout, "Keep-alive idle time between requests");
    add_milliseconds(app, "--shutdown-timeout-ms", c.shutdown_timeout, "Time for in-flight requests at shutdown");
    add_milliseconds(app, "--health-interval-ms", c.health_interval,
                     "/health reads the index from disk at most this often (0: on every request)", 0);
    add_milliseconds(app, "--queue-timeout-ms", c.queue_timeout,
                     "A request that waited longer for a search worker is answered 503");
    add_milliseconds(app, "--search-timeout-ms", c.search_timeout,
                     "A search running longer stops and is answered 504 (0: no limit)", 0);
    limits->add_option("--max-requests-per-connection", c.max_requests_per_connection, "Keep-alive request cap")
        ->capture_default_str()
        ->check(CLI::Range(1, 1 << 30));
    limits->add_option("--max-connections", c.max_connections, "Open connections (503 above)")
        ->capture_default_str()
        ->check(CLI::Range(1, 1 << 20));
    limits->add_option("--max-queue", c.max_queue, "Requests waiting for a worker (503 above)")
        ->capture_default_str()
        ->check(CLI::Range(1, 1 << 20));
    limits->add_option("--max-query-bytes", c.max_query_bytes, "Length of q")->capture_default_str();
    limits
        ->add_option("--max-query-terms", c.max_query_terms,
                     "Distinct terms in q, a wildcard counting as the words it expands to")
        ->capture_default_str();
    limits->add_option("--max-wildcard-expansion", c.max_wildcard_expansion, "Words one prefix* may expand to")
        ->capture_default_str();
    limits->add_option("--max-page-size", c.max_page_size, "Largest size")
        ->capture_default_str()
        ->check(CLI::Range(1, 10000));
    limits->add_option("--max-page-depth", c.max_page_depth, "Largest page * size (cursors go deeper by date)")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000000));
    limits->add_option("--max-facet-size", c.max_facet_size, "Largest facet_size")->capture_default_str();
    limits->add_option("--max-snippet-bytes", c.max_snippet_bytes, "Largest snippet")->capture_default_str();
    limits->add_option("--cache-mb", c.cache_mb, "Search results kept for repeated requests, in MiB (0: none)")
        ->capture_default_str()
        ->check(CLI::Range(0, 1 << 20));
    add_milliseconds(app, "--cache-ttl-ms", c.cache_ttl,
                     "A cached result lives at most this long (a commit drops it at once)");
    add_milliseconds(app, "--shard-connect-timeout-ms", c.shards.connect_timeout,
                     "Sharded index: time to connect to a remote part");
    add_milliseconds(app, "--shard-timeout-ms", c.shards.timeout,
                     "Sharded index: a remote part slower than this is left out of the answer (partial "
                     "results) and retried in the background");
    add_milliseconds(app, "--shard-retry-max-ms", c.shards.retry_max,
                     "Sharded index: longest wait between retries of a part that is down");
    add_milliseconds(app, "--shard-refresh-ms", c.shards.refresh_interval,
                     "Sharded index: remote parts are asked for new commits at most this often");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 64;
    }
    return -1;
}

} // namespace gazette::server

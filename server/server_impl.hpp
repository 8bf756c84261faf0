#pragma once
// Internals shared by the server's files (accept loop, sessions, request bridge).

#include "access_log.hpp"
#include "asio.hpp"
#include "context.hpp"
#include "router.hpp"
#include "server.hpp"

#include <atomic>
#include <list>
#include <mutex>
#include <optional>
#include <thread>

namespace gazette::server {

// A strand (each connection is accepted onto its own), type-erased as sockets carry it.
using SessionExecutor = asio::any_io_executor;

/// What the session learns about a request while it is answered.
struct RequestInfo {
    std::string route_name = "unknown";
    bool pretty = false;
};

/// What shutdown needs to reach a session: its strand and stream, and whether it is idle.
struct SessionEntry {
    SessionExecutor executor;
    beast::tcp_stream* stream = nullptr; ///< null once the session has ended
    bool busy = false;                   ///< handling a request (touched on the strand only)
};

struct Server::Impl {
    ServerConfig config;
    asio::io_context ioc;
    tcp::acceptor acceptor;
    std::unique_ptr<tcp::acceptor> admin_acceptor; ///< only with config.admin_bind
    asio::thread_pool workers;
    std::thread queue_drainer; ///< started at shutdown: runs the worker queue (each answers 503)
    SearcherPool searchers;
    ResultCache cache;
    Metrics metrics;
    AccessLog access_log;
    Router router;
    Context context;
    std::unique_ptr<asio::signal_set> signals;        ///< SIGINT, SIGTERM: stop
    std::unique_ptr<asio::signal_set> reload_signals; ///< SIGHUP, SIGUSR1: reopen the log (and index handles)

    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> sessions{0};
    std::atomic<std::size_t> queued{0};
    std::atomic<std::size_t> searching{0}; ///< handlers running on workers
    /// When a stop must be over (set by begin_shutdown(); read once the I/O threads are done).
    std::optional<std::chrono::steady_clock::time_point> stop_deadline;
    std::mutex registry_mutex;
    std::list<std::shared_ptr<SessionEntry>> registry;

    Impl(ServerConfig c, std::vector<Route> routes);

    asio::awaitable<void> accept_loop(tcp::acceptor& from, bool admin_listener);
    asio::awaitable<void> session(tcp::socket socket, bool admin_listener);
    asio::awaitable<void> turn_away(tcp::socket socket);
    /// Routes one parsed request and runs its handler: on a worker, or here if it is quick.
    /// `client_fd` is the connection's socket, to skip queued work whose client has gone.
    asio::awaitable<Response> respond(const http::request<http::string_body>& request, const std::string& remote,
                                      bool admin_listener, int client_fd, RequestInfo& info);
    void wait_for_reload_signals();
    /// Runs the io_context on this thread until it stops; an exception escaping a handler is
    /// logged and the thread goes on serving.
    void run_io();
    void begin_shutdown();
    asio::awaitable<void> drain();
    /// Waits for the handlers running on workers, until the stop deadline; false if some are
    /// still running then.
    bool wait_for_workers();
};

} // namespace gazette::server

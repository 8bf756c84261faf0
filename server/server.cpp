#include "server_impl.hpp"

#include "handlers.hpp"

#include "descriptors.hpp"
#include "readiness.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace gazette::server {

namespace {

SearchLimits search_limits(const ServerConfig& c) {
    SearchLimits limits;
    limits.max_query_bytes = c.max_query_bytes;
    limits.max_query_terms = c.max_query_terms;
    limits.max_wildcard_expansion = c.max_wildcard_expansion;
    limits.max_page_size = c.max_page_size;
    limits.max_result_window = c.max_page_depth;
    limits.max_facet_size = c.max_facet_size;
    limits.search_timeout = c.search_timeout;
    return limits;
}

tcp::acceptor bind_acceptor(asio::io_context& ioc, const std::string& bind, std::uint16_t port) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(bind, ec);
    if (ec) throw std::runtime_error("invalid bind address '" + bind + "'");
    tcp::acceptor acceptor(ioc);
    const tcp::endpoint endpoint(address, port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + bind + ":" + std::to_string(port) + ": " + ec.message());
    return acceptor;
}

std::unique_ptr<tcp::acceptor> bind_admin(asio::io_context& ioc, const ServerConfig& config) {
    if (config.admin_bind.empty()) return nullptr;
    return std::make_unique<tcp::acceptor>(bind_acceptor(ioc, config.admin_bind, config.admin_port));
}

// Accepting fails with these while the process or system is out of descriptors; retrying at
// once would spin on the connection still waiting in the backlog.
bool out_of_descriptors(const boost::system::error_code& ec) {
    return ec == asio::error::no_descriptors || ec.value() == ENFILE || ec == asio::error::no_buffer_space ||
           ec == asio::error::no_memory;
}

} // namespace

Server::Impl::Impl(ServerConfig c, std::vector<Route> route_table)
    : config(fit_to_descriptors(std::move(c))), ioc(static_cast<int>(config.network_threads())),
      acceptor(bind_acceptor(ioc, config.bind, config.port)), admin_acceptor(bind_admin(ioc, config)),
      // One idle worker even inline: the pool's executor must exist, and it is never posted to.
      workers(std::max(1u, config.worker_threads())),
      searchers(config.db, search_limits(config), config.concurrent_searches(), config.shards),
      cache(config.cache_mb * 1024 * 1024, config.cache_ttl), access_log(config.access_log),
      router(std::move(route_table)), context{config,  searchers,  cache,
                                              metrics, access_log, HealthCheck(config.health_interval)} {}

asio::awaitable<void> Server::Impl::accept_loop(tcp::acceptor& from, bool admin_listener) {
    asio::steady_timer backoff(ioc);
    while (!stopping) {
        boost::system::error_code ec;
        // Each connection gets its own strand, so shutdown can safely reach into it.
        tcp::socket socket =
            co_await from.async_accept(asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            if (stopping || ec == asio::error::operation_aborted) break;
            if (out_of_descriptors(ec)) {
                // Keep serving the connections we have; try again when some may have closed.
                metrics.rejected("descriptors");
                backoff.expires_after(std::chrono::milliseconds(50));
                co_await backoff.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            }
            continue;
        }
        if (sessions >= config.max_connections) {
            metrics.rejected("connections");
            asio::co_spawn(socket.get_executor(), turn_away(std::move(socket)), asio::detached);
            continue;
        }
        ++sessions;
        asio::co_spawn(socket.get_executor(), session(std::move(socket), admin_listener), asio::detached);
    }
}

void Server::Impl::run_io() {
    for (;;) {
        try {
            ioc.run();
            return;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "gazette-server: unexpected error, still serving: %s\n", e.what());
        } catch (...) {
            std::fprintf(stderr, "gazette-server: unexpected error, still serving\n");
        }
    }
}

void Server::Impl::wait_for_reload_signals() {
    reload_signals->async_wait([this](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        // USR1 reopens the access log after it was rotated; HUP does that too and reopens
        // the index handles from scratch.
        access_log.reopen();
        if (signal == SIGHUP) searchers.reopen_all();
        wait_for_reload_signals();
    });
}

void Server::Impl::begin_shutdown() {
    if (stopping.exchange(true)) return;
    stop_deadline = std::chrono::steady_clock::now() + config.shutdown_timeout;
    notify_stopping();
    boost::system::error_code ignored;
    acceptor.close(ignored);
    if (admin_acceptor) admin_acceptor->close(ignored);
    if (signals) signals->cancel(ignored);
    if (reload_signals) reload_signals->cancel(ignored);
    std::list<std::shared_ptr<SessionEntry>> entries;
    {
        std::lock_guard lock(registry_mutex);
        entries = registry;
    }
    // Idle keep-alive connections are closed now; busy ones close after their response.
    for (auto& entry : entries) {
        asio::post(entry->executor, [entry] {
            if (entry->stream && !entry->busy) entry->stream->cancel();
        });
    }
    // Requests waiting for a worker are answered 503 at once by an extra thread, rather than
    // after the searches in progress.
    queue_drainer = std::thread([this] { workers.attach(); });
    asio::co_spawn(ioc, drain(), asio::detached);
}

bool Server::Impl::wait_for_workers() {
    if (!stop_deadline) return true; // stopped otherwise: the caller joins the workers
    while (searching > 0 && std::chrono::steady_clock::now() < *stop_deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return searching == 0;
}

asio::awaitable<void> Server::Impl::drain() {
    const auto deadline = *stop_deadline;
    asio::steady_timer timer(ioc);
    while (sessions > 0 && std::chrono::steady_clock::now() < deadline) {
        timer.expires_after(std::chrono::milliseconds(20));
        boost::system::error_code ec;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    ioc.stop();
}

Server::Server(ServerConfig config) : Server(std::move(config), routes()) {}

Server::Server(ServerConfig config, std::vector<Route> route_table)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(route_table))) {}

Server::~Server() {
    impl_->ioc.stop();
    impl_->workers.join();
    if (impl_->queue_drainer.joinable()) impl_->queue_drainer.join();
}

std::uint16_t Server::port() const {
    return impl_->acceptor.local_endpoint().port();
}

std::uint16_t Server::admin_port() const {
    return impl_->admin_acceptor ? impl_->admin_acceptor->local_endpoint().port() : 0;
}

std::size_t Server::max_connections() const {
    return impl_->config.max_connections;
}

std::string Server::url() const {
    const auto endpoint = impl_->acceptor.local_endpoint();
    const std::string host =
        endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]" : endpoint.address().to_string();
    return "http://" + host + ":" + std::to_string(endpoint.port());
}

void Server::stop_on_signals() {
    impl_->signals = std::make_unique<asio::signal_set>(impl_->ioc, SIGINT, SIGTERM);
    impl_->signals->async_wait([this](const boost::system::error_code& ec, int) {
        if (!ec) impl_->begin_shutdown();
    });
    impl_->reload_signals = std::make_unique<asio::signal_set>(impl_->ioc, SIGHUP, SIGUSR1);
    impl_->wait_for_reload_signals();
}

void Server::run() {
    asio::co_spawn(impl_->ioc, impl_->accept_loop(impl_->acceptor, false), asio::detached);
    if (impl_->admin_acceptor)
        asio::co_spawn(impl_->ioc, impl_->accept_loop(*impl_->admin_acceptor, true), asio::detached);
    std::vector<std::thread> extra;
    for (unsigned i = 1; i < impl_->config.network_threads(); ++i) extra.emplace_back([this] { impl_->run_io(); });
    impl_->run_io();
    for (auto& t : extra) t.join();
    // Requests already on a worker finish, within the shutdown timeout. A search past it is
    // left running: Xapian cannot be interrupted, and a stop must keep its time.
    if (!impl_->wait_for_workers()) return;
    impl_->workers.join();
    if (impl_->queue_drainer.joinable()) impl_->queue_drainer.join();
}

std::size_t Server::unfinished_searches() const {
    return impl_->searching;
}

void Server::stop() {
    asio::post(impl_->ioc, [this] { impl_->begin_shutdown(); });
}

} // namespace gazette::server

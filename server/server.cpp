#include "server_impl.hpp"

#include "handlers.hpp"

#include <algorithm>
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
    return limits;
}

tcp::acceptor bind_acceptor(asio::io_context& ioc, const ServerConfig& config) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(config.bind, ec);
    if (ec) throw std::runtime_error("invalid bind address '" + config.bind + "'");
    tcp::acceptor acceptor(ioc);
    const tcp::endpoint endpoint(address, config.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        throw std::runtime_error("cannot listen on " + config.bind + ":" + std::to_string(config.port) + ": " +
                                 ec.message());
    return acceptor;
}

} // namespace

Server::Impl::Impl(ServerConfig c, std::vector<Route> route_table)
    : config(std::move(c)), ioc(static_cast<int>(config.network_threads())), acceptor(bind_acceptor(ioc, config)),
      // One idle worker even inline: the pool's executor must exist, and it is never posted to.
      workers(std::max(1u, config.worker_threads())),
      searchers(config.db, search_limits(config), config.concurrent_searches()), access_log(config.access_log),
      router(std::move(route_table)), context{config, searchers, metrics} {}

asio::awaitable<void> Server::Impl::accept_loop() {
    while (!stopping) {
        boost::system::error_code ec;
        // Each connection gets its own strand, so shutdown can safely reach into it.
        tcp::socket socket =
            co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            if (stopping || ec == asio::error::operation_aborted) break;
            continue; // e.g. too many open files: keep serving the connections we have
        }
        if (sessions >= config.max_connections) {
            metrics.rejected("connections");
            asio::co_spawn(socket.get_executor(), turn_away(std::move(socket)), asio::detached);
            continue;
        }
        ++sessions;
        asio::co_spawn(socket.get_executor(), session(std::move(socket)), asio::detached);
    }
}

void Server::Impl::begin_shutdown() {
    if (stopping.exchange(true)) return;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    if (signals) signals->cancel(ignored);
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
    asio::co_spawn(ioc, drain(), asio::detached);
}

asio::awaitable<void> Server::Impl::drain() {
    const auto deadline = std::chrono::steady_clock::now() + config.shutdown_timeout;
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
}

std::uint16_t Server::port() const {
    return impl_->acceptor.local_endpoint().port();
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
}

void Server::run() {
    asio::co_spawn(impl_->ioc, impl_->accept_loop(), asio::detached);
    std::vector<std::thread> extra;
    for (unsigned i = 1; i < impl_->config.network_threads(); ++i) extra.emplace_back([this] { impl_->ioc.run(); });
    impl_->ioc.run();
    for (auto& t : extra) t.join();
    impl_->workers.join(); // requests already on a worker finish
}

void Server::stop() {
    asio::post(impl_->ioc, [this] { impl_->begin_shutdown(); });
}

} // namespace gazette::server

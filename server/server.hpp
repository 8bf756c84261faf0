#pragma once
// gazette-server: HTTP over Boost.Beast, searches on a bounded worker pool.

#include "config.hpp"
#include "router.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace gazette::server {

class Server {
  public:
    /// Binds the listening socket (port 0 picks a free one).
    /// @throws std::runtime_error if it cannot bind or open the access log.
    explicit Server(ServerConfig config);
    /// With a route table of one's own (tests add slow or failing routes).
    Server(ServerConfig config, std::vector<Route> routes);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    std::uint16_t port() const;
    /// The admin listener's port (config.admin_bind), or 0 without one.
    std::uint16_t admin_port() const;
    /// The connection cap in force: the configured one, lowered to fit the descriptor limit.
    std::size_t max_connections() const;
    /// "http://127.0.0.1:8080"
    std::string url() const;

    /// Makes SIGINT and SIGTERM call stop(), SIGUSR1 reopen the access log, and SIGHUP reopen
    /// the access log and the index handles.
    void stop_on_signals();
    /// Serves until stop(); returns once in-flight requests are done, or at the shutdown
    /// timeout with searches still running (see unfinished_searches()).
    void run();
    /// Searches still running on workers when run() returned: a program exiting then should not
    /// wait for them (destroying the server does).
    std::size_t unfinished_searches() const;
    /// Stops accepting, lets in-flight requests finish, closes idle connections. Thread-safe.
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace gazette::server

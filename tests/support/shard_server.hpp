#pragma once
// A real xapian-tcpsrv serving one database on 127.0.0.1 and a free port, for cluster tests.
// It runs in its own process group: xapian-tcpsrv forks a process per connection, and a
// failure is only real if those die (or stop) with it. Every wait is bounded; the destructor
// kills the group and reaps it.

#include <sys/types.h>

#include <chrono>
#include <string>

namespace gazette::test {

class ShardServer {
  public:
    /// Starts serving `db`; `idle_timeout_ms` > 0 sets xapian-tcpsrv's idle timeout.
    /// @throws std::runtime_error if it does not accept connections within 10 s.
    explicit ShardServer(std::string db, int idle_timeout_ms = 0);
    ~ShardServer();
    ShardServer(const ShardServer&) = delete;
    ShardServer& operator=(const ShardServer&) = delete;

    unsigned port() const { return port_; }
    /// "remote 127.0.0.1:PORT", a stub file line.
    std::string stub_line() const;
    /// "127.0.0.1:PORT", the part's name in results.
    std::string name() const;

    /// SIGKILL to the whole group, then reaped: connections die with it.
    void kill();
    /// SIGSTOP / SIGCONT to the whole group: a hung machine, connections kept open.
    void pause();
    void resume();
    /// Starts again on the same port (after kill()).
    void restart();

  private:
    void start();

    std::string db_;
    int idle_timeout_ms_;
    unsigned port_ = 0;
    pid_t pid_ = -1;
};

/// True if xapian-tcpsrv is on the PATH.
bool have_xapian_tcpsrv();

} // namespace gazette::test

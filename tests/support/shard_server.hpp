#pragma once
// A real xapian-tcpsrv serving one database on 127.0.0.1 and a free port, for cluster tests.
// Killing or stopping it reaches its per-connection processes too (ChildProcess). Every wait
// is bounded.

#include "child_process.hpp"

#include <memory>
#include <string>

namespace gazette::test {

class ShardServer {
  public:
    /// Starts serving `db`; `idle_timeout_ms` > 0 sets xapian-tcpsrv's idle timeout.
    /// @throws std::runtime_error if it does not accept connections within 10 s.
    explicit ShardServer(std::string db, int idle_timeout_ms = 0);

    unsigned port() const { return port_; }
    /// "remote 127.0.0.1:PORT", a stub file line.
    std::string stub_line() const { return "remote " + name(); }
    /// "127.0.0.1:PORT", the part's name in results.
    std::string name() const { return "127.0.0.1:" + std::to_string(port_); }

    /// Killed with the processes serving its connections, which die with it.
    void kill();
    /// Stopped (SIGSTOP), connections kept open: a hung machine. resume() sends SIGCONT.
    void pause() { process_->pause(); }
    void resume() { process_->resume(); }
    /// Starts again on the same port (after kill()).
    void restart();

  private:
    void start();

    std::string db_;
    int idle_timeout_ms_;
    unsigned port_ = 0;
    std::unique_ptr<ChildProcess> process_;
};

/// True if xapian-tcpsrv is on the PATH.
inline bool have_xapian_tcpsrv() {
    return have_program("xapian-tcpsrv");
}

/// Waits (at most 10 s) until `process` accepts connections on `port`.
/// @throws std::runtime_error if it exits first or the time runs out.
void wait_until_accepting(ChildProcess& process, unsigned port, const std::string& what);

} // namespace gazette::test

#include "shard_server.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace gazette::test {

using namespace std::chrono_literals;

void wait_until_accepting(ChildProcess& process, unsigned port, const std::string& what) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
        if (!process.running()) throw std::runtime_error(what + " exited (port taken?)");
        if (accepts(port)) return;
        std::this_thread::sleep_for(20ms);
    }
    throw std::runtime_error(what + " did not accept connections within 10 s");
}

ShardServer::ShardServer(std::string db, int idle_timeout_ms) : db_(std::move(db)), idle_timeout_ms_(idle_timeout_ms) {
    // Another process may take the free port before xapian-tcpsrv binds it: try a few.
    for (int attempt = 0;; ++attempt) {
        port_ = free_port();
        try {
            start();
            return;
        } catch (const std::runtime_error&) {
            if (attempt == 4) throw;
        }
    }
}

void ShardServer::start() {
    std::vector<std::string> argv{"xapian-tcpsrv", "--quiet", "--interface",
                                  "127.0.0.1",     "--port",  std::to_string(port_)};
    if (idle_timeout_ms_ > 0) {
        argv.push_back("--idle-timeout");
        argv.push_back(std::to_string(idle_timeout_ms_));
    }
    argv.push_back(db_);
    process_ = std::make_unique<ChildProcess>(argv);
    try {
        wait_until_accepting(*process_, port_, "xapian-tcpsrv");
    } catch (...) {
        process_.reset();
        throw;
    }
}

void ShardServer::kill() {
    if (process_) process_->kill();
    // The killed processes' sockets close as they are reaped: wait (bounded) for the port.
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline && accepts(port_)) std::this_thread::sleep_for(20ms);
}

void ShardServer::restart() {
    kill();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    for (;;) {
        try {
            start();
            return;
        } catch (const std::runtime_error&) {
            if (std::chrono::steady_clock::now() > deadline) throw;
            std::this_thread::sleep_for(100ms);
        }
    }
}

} // namespace gazette::test

#include "shard_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

namespace gazette::test {

namespace {

using namespace std::chrono_literals;

unsigned free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t size = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size) != 0) {
        if (fd >= 0) ::close(fd);
        throw std::runtime_error("no free port");
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool accepts(unsigned port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

} // namespace

bool have_xapian_tcpsrv() {
    return std::system("command -v xapian-tcpsrv >/dev/null 2>&1") == 0;
}

ShardServer::ShardServer(std::string db, int idle_timeout_ms) : db_(std::move(db)), idle_timeout_ms_(idle_timeout_ms) {
    // Another process may take the free port between the probe and the bind: try a few.
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

ShardServer::~ShardServer() {
    if (pid_ > 0) {
        ::kill(-pid_, SIGCONT);
        kill();
    }
}

std::string ShardServer::stub_line() const {
    return "remote " + name();
}

std::string ShardServer::name() const {
    return "127.0.0.1:" + std::to_string(port_);
}

void ShardServer::start() {
    std::vector<std::string> args{"xapian-tcpsrv", "--quiet", "--interface",
                                  "127.0.0.1",     "--port",  std::to_string(port_)};
    if (idle_timeout_ms_ > 0) {
        args.push_back("--idle-timeout");
        args.push_back(std::to_string(idle_timeout_ms_));
    }
    args.push_back(db_);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::setpgid(0, 0);
        // Its per-connection processes report every client that goes away: not test output.
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0) {
            ::dup2(null, STDOUT_FILENO);
            ::dup2(null, STDERR_FILENO);
        }
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    ::setpgid(pid, pid); // also here: no race with the signals sent below
    pid_ = pid;
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) { // exited: the port was taken
            pid_ = -1;
            throw std::runtime_error("xapian-tcpsrv exited");
        }
        if (accepts(port_)) return;
        std::this_thread::sleep_for(20ms);
    }
    kill();
    throw std::runtime_error("xapian-tcpsrv did not start within 10 s");
}

void ShardServer::kill() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    // The per-connection processes are the group's other members: not our children, so they
    // are reaped by init; wait (bounded) until none is left holding the port's connections.
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline && accepts(port_)) std::this_thread::sleep_for(20ms);
}

void ShardServer::pause() {
    if (pid_ > 0) ::kill(-pid_, SIGSTOP);
}

void ShardServer::resume() {
    if (pid_ > 0) ::kill(-pid_, SIGCONT);
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

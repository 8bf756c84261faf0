// The access log never makes a request wait: a stalled reader costs dropped lines, counted;
// SIGUSR1's reopen() follows a rotated file.

#include "access_log.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace gazette;
using namespace std::chrono_literals;

namespace {

server::AccessRecord record() {
    return {"127.0.0.1", "GET", "/search?q=x", "search", 200, 10, 1.5};
}

std::size_t lines_in(const std::string& path) {
    std::ifstream in(path);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
}

void wait_for_lines(const std::string& path, std::size_t n) {
    for (int i = 0; i < 300 && lines_in(path) < n; ++i) std::this_thread::sleep_for(10ms);
}

} // namespace

TEST_CASE("a stalled reader never blocks writes: lines are dropped and counted") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    // The log writes to stdout: point stdout at a pipe nobody reads.
    const int saved = ::dup(STDOUT_FILENO);
    ::dup2(fds[1], STDOUT_FILENO);
    {
        server::AccessLog log("-", 64 * 1024);
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < 20000; ++i) log.write(record()); // ~2.5 MB, the pipe holds 64 KiB
        const auto took = std::chrono::steady_clock::now() - start;
        CHECK(took < 2s);
        CHECK(log.dropped() > 0);
    }
    ::dup2(saved, STDOUT_FILENO);
    ::close(saved);
    ::close(fds[0]);
    ::close(fds[1]);
}

TEST_CASE("the log's destructor gives up on a stalled reader after about a second") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const int saved = ::dup(STDOUT_FILENO);
    ::dup2(fds[1], STDOUT_FILENO);
    auto log = std::make_unique<server::AccessLog>("-", 1 << 20);
    for (int i = 0; i < 5000; ++i) log->write(record());
    const auto start = std::chrono::steady_clock::now();
    log.reset();
    CHECK(std::chrono::steady_clock::now() - start < 3s);
    ::dup2(saved, STDOUT_FILENO);
    ::close(saved);
    ::close(fds[0]);
    ::close(fds[1]);
}

TEST_CASE("lines reach the file, reopen() follows a rotation") {
    test::TempDir dir;
    const auto path = dir.file("access.log");
    server::AccessLog log(path);
    log.write(record());
    wait_for_lines(path, 1);
    CHECK(lines_in(path) == 1);
    std::filesystem::rename(path, path + ".1");
    log.write(record()); // still into the renamed file
    wait_for_lines(path + ".1", 2);
    CHECK(lines_in(path + ".1") == 2);
    log.reopen();
    log.write(record());
    wait_for_lines(path, 1);
    CHECK(lines_in(path) == 1);
    CHECK(lines_in(path + ".1") == 2);
    CHECK(log.dropped() == 0);
}

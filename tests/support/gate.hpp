#pragma once
// A route that blocks until released, to hold workers busy; and polling with a deadline.

#include "server_fixture.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

namespace gazette::test {

struct Gate {
    std::mutex mutex;
    std::condition_variable cv;
    bool open = false;
    std::atomic<int> waiting{0}; ///< requests that entered the route
    void release() {
        std::lock_guard lock(mutex);
        open = true;
        cv.notify_all();
    }
    server::Route route(std::string path = "/slow") {
        return {"GET", std::move(path), "slow", [this](const server::Request&, server::Context&) {
                    ++waiting;
                    std::unique_lock lock(mutex);
                    cv.wait(lock, [this] { return open; });
                    server::Response r;
                    r.body = "{}";
                    return r;
                }};
    }
};

/// Polls `condition` (evaluated once per round, it may have side effects) for up to 5 s.
inline void wait_until(const std::function<bool()>& condition) {
    bool met = false;
    for (int i = 0; i < 500 && !(met = condition()); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(met);
}

} // namespace gazette::test

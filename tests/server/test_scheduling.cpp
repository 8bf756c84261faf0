// Batch scheduling: set on a thread, inherited by the threads it starts.

#include "scheduling.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace gazette::server;

#if defined(__linux__)
TEST_CASE("batch scheduling is inherited by the threads started after it") {
    bool before = true, after = false, child = false, unrelated = true;
    std::thread setter([&] {
        before = batch_scheduled();
        REQUIRE(use_batch_scheduling().empty());
        after = batch_scheduled();
        std::thread started_later([&] { child = batch_scheduled(); });
        started_later.join();
    });
    setter.join();
    std::thread other([&] { unrelated = batch_scheduled(); }); // started by a normal thread
    other.join();
    CHECK_FALSE(before);
    CHECK(after);
    CHECK(child);
    CHECK_FALSE(unrelated);
}
#endif

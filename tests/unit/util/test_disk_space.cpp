// The free space a commit asks for is sized to what it writes: a small index needs little.

#include <gazette/error.hpp>

#include <catch2/catch.hpp>

#include "util/disk_space.hpp"

using namespace gazette;
using detail::commit_space_needed;

TEST_CASE("the free space asked for a commit grows with its batch, not with a fixed margin") {
    constexpr std::uint64_t mib = 1 << 20;
    // Three short articles into a new index: well under a MiB.
    CHECK(commit_space_needed(3 * 2000, 0) < mib);
    CHECK(commit_space_needed(3 * 2000, 200 * 1024) < mib);
    // Ten times the batch's text: the index takes about four times its input, with room to spare.
    CHECK(commit_space_needed(10 * mib, 0) >= 40 * mib);
    // The pages a commit rewrites are bounded in a large index.
    CHECK(commit_space_needed(0, 100ull * 1024 * mib) <= 17 * mib);
    CHECK(commit_space_needed(mib, 8 * mib) > commit_space_needed(mib, 0));
}

TEST_CASE("a commit that cannot fit says how much it needs and that nothing was written") {
    try {
        detail::require_free_space("/", std::uint64_t{1} << 62);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::io_error);
        CHECK_THAT(e.what(), Catch::Contains("not enough free space to commit") &&
                                 Catch::Contains("nothing after the last commit was written"));
    }
    CHECK_THROWS_WITH(detail::require_free_space("/no/such/dir", 1), Catch::Contains("cannot check free space"));
    CHECK_NOTHROW(detail::require_free_space("/", 1));
}

// BackgroundPrefetch: shard tables go back into the page cache ahead of the final merge.

#include "../support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include "prefetch.hpp"

#include <chrono>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>
#include <vector>

using gazette::detail::BackgroundPrefetch;
using gazette::detail::glass_tables_in_compaction_order;
using gazette::test::TempDir;

namespace {

// Pages of the file that are in the page cache.
std::size_t resident_pages(const std::string& path, std::size_t size) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    REQUIRE(map != MAP_FAILED);
    const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    std::vector<unsigned char> in_core((size + page - 1) / page);
    REQUIRE(::mincore(map, size, in_core.data()) == 0);
    ::munmap(map, size);
    std::size_t resident = 0;
    for (unsigned char c : in_core) resident += c & 1;
    return resident;
}

} // namespace

TEST_CASE("tables are listed table by table, in the order compaction reads them") {
    const auto files = glass_tables_in_compaction_order({"a", "b"});
    REQUIRE(files.size() == 12);
    CHECK(files[0] == "a/postlist.glass");
    CHECK(files[1] == "b/postlist.glass");
    CHECK(files[4] == "a/termlist.glass");
    CHECK(files[6] == "a/position.glass");
    CHECK(files[11] == "b/synonym.glass");
}

TEST_CASE("a file dropped from the page cache is read back in") {
    TempDir dir;
    const std::size_t size = 4 << 20;
    const std::string path = dir.write("postlist.glass", std::string(size, 'x'));
    const int fd = ::open(path.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    ::fdatasync(fd); // dirty pages cannot be dropped
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
    const std::size_t pages = size / static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    if (resident_pages(path, size) > pages / 2) {
        WARN("the file system keeps files in memory (tmpfs?): nothing to read back");
        return;
    }
    const BackgroundPrefetch prefetch({dir.file("missing.glass"), path});
    // The reads are asynchronous; give the disk a moment to finish them.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::size_t resident = 0;
    while ((resident = resident_pages(path, size)) < pages && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(resident == pages);
}

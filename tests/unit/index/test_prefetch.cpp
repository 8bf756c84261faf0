// BackgroundPrefetch: shard tables go back into the page cache ahead of the final merge.

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include "index/prefetch.hpp"

#include <xapian.h>

#include <chrono>
#include <fcntl.h>
#include <functional>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

using gazette::detail::BackgroundPrefetch;
using gazette::detail::glass_tables_in_compaction_order;
using gazette::detail::ReleasingCompactor;
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

std::size_t resident_pages(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_size > 0 ? resident_pages(path, static_cast<std::size_t>(st.st_size)) : 0;
}

// Whether the file system lets go of a file's clean pages when asked (tmpfs keeps them).
bool drops_clean_pages(const TempDir& dir) {
    const std::size_t size = 1 << 20;
    const std::string path = dir.write("probe", std::string(size, 'x'));
    const int fd = ::open(path.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    ::fdatasync(fd); // dirty pages cannot be dropped
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
    return resident_pages(path, size) == 0;
}

// A committed glass database of `count` short documents with positions.
void make_database(const std::string& path, int count) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    for (int i = 0; i < count; ++i) {
        Xapian::Document doc;
        for (int w = 0; w < 20; ++w) doc.add_posting("w" + std::to_string((i * 7 + w * 13) % 997), w + 1);
        doc.set_data("document " + std::to_string(i));
        db.add_document(doc);
    }
    db.commit();
}

} // namespace

TEST_CASE("a compaction lets go of each table of its inputs once merged") {
    TempDir dir;
    if (!drops_clean_pages(dir)) {
        WARN("the file system keeps files in memory (tmpfs?): nothing to let go of");
        return;
    }
    const std::vector<std::string> inputs{dir.file("a"), dir.file("b")};
    for (const auto& input : inputs) make_database(input, 3000);
    std::vector<std::string> tables;
    for (const auto& input : inputs)
        for (const char* table : {"postlist", "termlist", "position", "docdata"})
            tables.push_back(input + "/" + table + ".glass");
    Xapian::Database all;
    for (const auto& input : inputs) all.add_database(Xapian::Database(input));
    std::size_t before = 0;
    for (const auto& table : tables) before += resident_pages(table);
    REQUIRE(before > 0); // just written and committed: in the page cache

    std::vector<std::size_t> resident_when_merged; // of the inputs' postlist tables, when termlist starts
    struct Watching : ReleasingCompactor {
        using ReleasingCompactor::ReleasingCompactor;
        std::function<void(const std::string&)> on_start;
        void set_status(const std::string& table, const std::string& status) override {
            ReleasingCompactor::set_status(table, status);
            if (status.empty()) on_start(table);
        }
    } watching(inputs);
    watching.on_start = [&](const std::string& table) {
        if (table == "termlist")
            for (const auto& input : inputs) resident_when_merged.push_back(resident_pages(input + "/postlist.glass"));
    };
    all.compact(dir.file("out"), 0, 0, watching);
    watching.finish();

    CHECK(Xapian::Database(dir.file("out")).get_doccount() == 6000);
    std::size_t after = 0;
    for (const auto& table : tables) after += resident_pages(table);
    CHECK(after == 0);
    // Let go of table by table, not only at the end.
    CHECK(resident_when_merged == std::vector<std::size_t>{0, 0});
}

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

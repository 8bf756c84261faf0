// VersionWatch: "unchanged" only while the version file it saw still has its name.

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include "search/version_watch.hpp"

#include <filesystem>
#include <string>
#include <thread>

using gazette::detail::VersionWatch;
using gazette::test::TempDir;

namespace {

// What a commit does: writes the new file aside, then renames it over the old one.
void replace_by_rename(const TempDir& dir, const std::string& name, const std::string& content) {
    dir.write(name + ".tmp", content);
    std::filesystem::rename(dir.file(name + ".tmp"), dir.file(name));
}

} // namespace

TEST_CASE("a version file replaced by rename is noticed, every time") {
    TempDir dir;
    dir.write("db/iamglass", "revision 1");
    VersionWatch watch(dir.file("db"));
    CHECK(watch.may_have_changed()); // not armed yet
    watch.arm();
    CHECK_FALSE(watch.may_have_changed());
    CHECK_FALSE(watch.may_have_changed());
    // Repeated, so that a freed inode number coming back cannot hide a change.
    for (int revision = 2; revision <= 6; ++revision) {
        INFO("revision " << revision);
        replace_by_rename(dir, "db/iamglass", "revision " + std::to_string(revision));
        CHECK(watch.may_have_changed());
        watch.arm();
        CHECK_FALSE(watch.may_have_changed());
    }
}

TEST_CASE("a database directory swapped for another is noticed once the old one is deleted") {
    TempDir dir;
    dir.write("db/iamglass", "old");
    dir.write("new/iamglass", "new");
    VersionWatch watch(dir.file("db"));
    watch.arm();
    std::filesystem::rename(dir.file("db"), dir.file("db.old"));
    std::filesystem::rename(dir.file("new"), dir.file("db"));
    std::filesystem::remove_all(dir.file("db.old"));
    CHECK(watch.may_have_changed());
}

TEST_CASE("a database directory moved aside and replaced is noticed within 50 ms") {
    TempDir dir;
    dir.write("db/iamglass", "old");
    dir.write("new/iamglass", "new");
    VersionWatch watch(dir.file("db"));
    watch.arm();
    CHECK_FALSE(watch.may_have_changed()); // looks the path up now, then not for 50 ms
    std::filesystem::rename(dir.file("db"), dir.file("db.old"));
    std::filesystem::rename(dir.file("new"), dir.file("db"));
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    CHECK(watch.may_have_changed()); // the old file still has a name, but not this one
    watch.arm();
    CHECK_FALSE(watch.may_have_changed());
}

TEST_CASE("without a version file every check says it may have changed") {
    TempDir dir;
    std::filesystem::create_directories(dir.file("db"));
    VersionWatch watch(dir.file("db"));
    watch.arm();
    CHECK(watch.may_have_changed());
    dir.write("db/iamglass", "revision 1");
    CHECK(watch.may_have_changed());
    watch.arm();
    CHECK_FALSE(watch.may_have_changed());
}

TEST_CASE("a single-file database is watched as the file itself") {
    TempDir dir;
    dir.write("db.glass", "single file");
    VersionWatch watch(dir.file("db.glass"));
    watch.arm();
    CHECK_FALSE(watch.may_have_changed());
    replace_by_rename(dir, "db.glass", "replacement");
    CHECK(watch.may_have_changed());
}

#include "read_all.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace gazette;
using gazette::test::read_file;
using gazette::test::TempDir;

TEST_CASE("plain-text articles: date and title on the first line, then the body") {
    TempDir dir;
    // The seed article's first line starts with a space; that is accepted.
    const auto path =
        dir.write("000_abc.txt", " date 2021-09-06 Twins meet for the first time.\n\nFirst paragraph.\n\nSecond.\n");
    const auto r = read_file(path);
    REQUIRE(r.errors.empty());
    REQUIRE(r.records.size() == 1);
    const auto& a = r.records[0].article;
    CHECK(a.id == "000_abc");
    CHECK(a.published == "2021-09-06");
    CHECK(a.title == "Twins meet for the first time.");
    CHECK(a.body == "First paragraph.\n\nSecond.");
    CHECK(r.records[0].location == path + ":1");
}

TEST_CASE("plain-text articles: without a date line the first line is the title, empty files are errors") {
    TempDir dir;
    for (const char* content : {"Just a title\n\nbody", "date 2021-9-06 Title\nbody", "date 2021-09-06Title\n"}) {
        INFO(content);
        const auto r = read_file(dir.write("undated.txt", content));
        REQUIRE(r.records.size() == 1);
        CHECK(r.records[0].article.published.empty());
        CHECK(r.records[0].article.title == std::string(content).substr(0, std::string(content).find('\n')));
    }
    const auto r = read_file(dir.write("late.txt", "\n\nheadline without date\n"));
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].location == dir.file("late.txt") + ":3");
    const auto empty = read_file(dir.write("empty.txt", ""));
    CHECK(empty.records.empty());
    REQUIRE(empty.errors.size() == 1);
    CHECK(empty.errors[0].message == "empty file");
}

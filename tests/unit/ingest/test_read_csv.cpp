#include "read_all.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace gazette;
using gazette::test::read_file;
using gazette::test::TempDir;

TEST_CASE("CSV: header names the fields, RFC 4180 quoting and embedded newlines") {
    TempDir dir;
    const auto path = dir.write("a.csv", "id,title,body,authors,tags,published,extra\n"
                                         "c1,\"Rates, again\",\"He said \"\"no\"\".\n\nSecond paragraph.\",Ana "
                                         "Ruiz;Tom Berg,economy|finance,2022-01-27,x\n"
                                         "c2,Plain,Body two,,,2022-01-28,\n");
    const auto r = read_file(path);
    INFO(r.error_text());
    REQUIRE(r.errors.empty());
    REQUIRE(r.records.size() == 2);
    const auto& a = r.records[0].article;
    CHECK(r.records[0].location == path + ":2");
    CHECK(a.title == "Rates, again");
    CHECK(a.body == "He said \"no\".\n\nSecond paragraph.");
    CHECK(a.authors == std::vector<std::string>{"Ana Ruiz", "Tom Berg"});
    CHECK(a.tags == std::vector<std::string>{"economy", "finance"});
    CHECK(r.records[0].ignored_fields == std::vector<std::string>{"extra"});
    CHECK(r.records[1].location == path + ":5");
    CHECK(r.records[1].ignored_fields.empty());
}

TEST_CASE("CSV: CRLF endings and a byte order mark") {
    TempDir dir;
    const auto r = read_file(dir.write("crlf.csv", "\xEF\xBB\xBFid,title\r\nx1,\"Multi\r\nline\"\r\nx2,Two\r\n"));
    REQUIRE(r.errors.empty());
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].article.id == "x1");
    CHECK(r.records[0].article.title == "Multi\nline");
}

TEST_CASE("CSV: broken quoting is reported and reading resumes on the next line") {
    TempDir dir;
    const auto path = dir.write("bad.csv", "id,title\n"
                                           "b3,bad\"quote\n"
                                           "b4,\"closed\"junk\n"
                                           "b5,too,many\n"
                                           "b2,Good\n"
                                           "b1,\"never closed\n"
                                           "b6,Last good\n");
    const auto r = read_file(path);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].article.id == "b2");
    CHECK(r.records[1].article.id == "b6");
    CHECK(r.records[1].location == path + ":7");
    REQUIRE(r.errors.size() == 4);
    CHECK(r.errors[0].location == path + ":2");
    CHECK(r.errors[0].message == "quote inside an unquoted field");
    CHECK(r.errors[1].location == path + ":3");
    CHECK(r.errors[1].message == "unexpected character after a closing quote");
    CHECK(r.errors[2].location == path + ":4");
    CHECK(r.errors[2].message == "expected 2 fields (as in the header), found 3");
    CHECK(r.errors[3].location == path + ":6");
    CHECK(r.errors[3].message == "quoted field is never closed");
}

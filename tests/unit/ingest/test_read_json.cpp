// JSON Lines and JSON array readers.

#include "read_all.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace gazette;
using gazette::test::read_file;
using gazette::test::TempDir;

TEST_CASE("JSON Lines: fields, aliases and unknown fields") {
    TempDir dir;
    const auto path = dir.write(
        "a.jsonl",
        R"({"id": "1", "title": "Cocoa review", "body": "Showers continued.", "date": "1987-02-26", "time": "15:01:01", "category": "cocoa", "topics": ["cocoa", "grain"], "places": ["usa"]})"
        "\n\n"
        R"({"id": 42, "headline": "Second", "text": "Body", "authors": "Ana Ruiz", "lang": "fr"})"
        "\n");
    const auto r = read_file(path);
    REQUIRE(r.errors.empty());
    REQUIRE(r.records.size() == 2);
    const auto& first = r.records[0];
    CHECK(first.location == path + ":1");
    CHECK(first.article.id == "1");
    CHECK(first.article.title == "Cocoa review");
    CHECK(first.article.published == "1987-02-26 15:01:01"); // date and time joined; UTC once normalised
    CHECK(first.article.tags == std::vector<std::string>{"cocoa", "cocoa", "grain"});
    CHECK(first.ignored_fields == std::vector<std::string>{"places"});
    const auto& second = r.records[1];
    CHECK(second.location == path + ":3");
    CHECK(second.article.id == "42");
    CHECK(second.article.title == "Second");
    CHECK(second.article.body == "Body");
    CHECK(second.article.authors == std::vector<std::string>{"Ana Ruiz"});
    CHECK(second.article.language == "fr");
}

TEST_CASE("JSON Lines: bad lines are reported with their line and skipped") {
    TempDir dir;
    const auto path = dir.write("bad.jsonl", "{\"id\": \"ok1\", \"title\": \"Good\"}\n"
                                             "{\"id\": \"broken\", \"title\": \"Oops\"\n"
                                             "{\"id\": \"typed\", \"title\": 12}\n"
                                             "{\"id\": \"list\", \"title\": \"t\", \"tags\": [\"a\", 3]}\n"
                                             "[1, 2]\n"
                                             "{\"id\": \"utf\", \"title\": \"caf\xE9\"}\n"
                                             "{\"id\": \"ok2\", \"title\": \"Also good\"}\n");
    const auto r = read_file(path);
    // A byte that is not UTF-8 is read as windows-1252, as legacy exports write it.
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[0].article.id == "ok1");
    CHECK(r.records[1].article.title == "café");
    CHECK(r.records[2].article.id == "ok2");
    REQUIRE(r.errors.size() == 4);
    CHECK(r.errors[0].location == path + ":2");
    CHECK_THAT(r.errors[0].message, Catch::StartsWith("invalid JSON at column"));
    CHECK(r.errors[1].location == path + ":3");
    CHECK(r.errors[1].message == "field 'title' must be a string, not number");
    CHECK(r.errors[2].message == "field 'tags' must hold strings, found number");
    CHECK(r.errors[3].message == "expected a JSON object, got array");
}

TEST_CASE("JSON Lines: CRLF line endings") {
    TempDir dir;
    const auto r =
        read_file(dir.write("crlf.jsonl", "{\"id\":\"a\",\"title\":\"A\"}\r\n{\"id\":\"b\",\"title\":\"B\"}\r\n"));
    CHECK(r.errors.empty());
    CHECK(r.records.size() == 2);
}

TEST_CASE("JSON array: every element is a record, located by its line") {
    TempDir dir;
    const auto path = dir.write("a.json", "[\n"
                                          "  {\"id\": \"a\", \"title\": \"First, with [brackets] and {braces}\"},\n"
                                          "  {\"id\": \"b\",\n"
                                          "   \"title\": \"Second \\\"quoted\\\"\"}\n"
                                          "]\n");
    const auto r = read_file(path);
    REQUIRE(r.errors.empty());
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].article.title == "First, with [brackets] and {braces}");
    CHECK(r.records[1].location == path + ":3");
    CHECK(r.records[1].article.title == "Second \"quoted\"");
}

TEST_CASE("JSON array: a bad element does not spoil the others") {
    TempDir dir;
    const auto path = dir.write("bad.json", "[\n"
                                            "  {\"id\": \"a\", \"title\": \"Good\"},\n"
                                            "  {\"id\": \"b\", \"title\": tru},\n"
                                            "  {\"id\": \"c\", \"title\": [\"not\", \"text\"]},\n"
                                            "  {\"id\": \"d\", \"title\": \"Good too\"}\n"
                                            "]\n");
    const auto r = read_file(path);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[1].article.id == "d");
    REQUIRE(r.errors.size() == 2);
    CHECK(r.errors[0].location == path + ":3");
    CHECK_THAT(r.errors[0].message, Catch::StartsWith("invalid JSON"));
    CHECK(r.errors[1].location == path + ":4");
}

TEST_CASE("JSON array: a truncated file keeps the complete elements") {
    TempDir dir;
    const auto path = dir.write("cut.json", "[{\"id\": \"a\", \"title\": \"A\"},\n {\"id\": \"b\", \"ti");
    const auto r = read_file(path);
    REQUIRE(r.records.size() == 1);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].location == path + ":2");
    CHECK_THAT(r.errors[0].message, Catch::Contains("truncated"));
}

TEST_CASE("JSON: a pretty-printed object sequence is read too") {
    TempDir dir;
    const auto r = read_file(
        dir.write("seq.json", "{\n  \"id\": \"a\",\n  \"title\": \"A\"\n}\n{\"id\": \"b\", \"title\": \"B\"}\n"));
    CHECK(r.errors.empty());
    CHECK(r.records.size() == 2);
}

TEST_CASE("JSON: numbers too large to represent are errors, not crashes (found by fuzzing)") {
    TempDir dir;
    const auto lines =
        read_file(dir.write("big.jsonl", "{\"id\": 1e99999, \"title\": \"A\"}\n{\"id\":\"ok\",\"title\":\"B\"}\n"));
    REQUIRE(lines.errors.size() == 1);
    CHECK_THAT(lines.errors[0].message, Catch::StartsWith("invalid JSON"));
    CHECK(lines.records.size() == 1);
    const auto array =
        read_file(dir.write("big.json", "[{\"id\": 1e99999, \"title\": \"A\"}, {\"id\":\"ok\",\"title\":\"B\"}]"));
    CHECK(array.errors.size() == 1);
    CHECK(array.records.size() == 1);
}

TEST_CASE("JSON: stray closing brackets outside an array end the file, not loop (found by fuzzing)") {
    TempDir dir;
    const auto r = read_file(dir.write("stray.json", "x y\n ] ] {\"id\":\"ok\",\"title\":\"B\"}"));
    CHECK(r.records.size() == 1);
    CHECK(r.errors.size() == 4);
}

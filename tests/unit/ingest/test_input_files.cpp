// Format detection, gzip, directories and stdin-like sniffing.

#include "read_all.hpp"
#include "temp_dir.hpp"

#include <gazette/error.hpp>
#include <gazette/ingest.hpp>

#include <catch2/catch.hpp>

using namespace gazette;
using gazette::test::gzip;
using gazette::test::read_file;
using gazette::test::TempDir;

namespace {
const std::string two_lines = "{\"id\":\"a\",\"title\":\"A\"}\n{\"id\":\"b\",\"title\":\"B\"}\n";
}

TEST_CASE("format names") {
    CHECK(parse_input_format("JSONL") == InputFormat::jsonl);
    CHECK(parse_input_format("rss") == InputFormat::feed);
    CHECK(parse_input_format("atom") == InputFormat::feed);
    CHECK(parse_input_format("txt") == InputFormat::text);
    CHECK_FALSE(parse_input_format("yaml").has_value());
    CHECK(to_string(InputFormat::csv) == "csv");
}

TEST_CASE("gzip files are read transparently, whatever their name") {
    TempDir dir;
    CHECK(read_file(dir.write("a.jsonl.gz", gzip(two_lines))).records.size() == 2);
    // Named as plain JSON Lines but compressed: the magic bytes decide.
    CHECK(read_file(dir.write("b.jsonl", gzip(two_lines))).records.size() == 2);
    // Two concatenated gzip members are one stream, as with gzip -d.
    CHECK(read_file(dir.write("c.jsonl.gz", gzip(two_lines) + gzip(two_lines))).records.size() == 4);
}

TEST_CASE("truncated or corrupt gzip is an I/O error after the records before it") {
    TempDir dir;
    std::string big;
    for (int i = 0; i < 5000; ++i)
        big += "{\"id\":\"n" + std::to_string(i) + "\",\"title\":\"Title number " + std::to_string(i * 7919) + "\"}\n";
    const std::string compressed = gzip(big);
    const auto path = dir.write("cut.jsonl.gz", compressed.substr(0, compressed.size() * 2 / 3));
    test::ReadResult result;
    InputHandlers handlers;
    handlers.on_record = [&](InputRecord&& r) { result.records.push_back(std::move(r)); };
    handlers.on_error = [&](InputError&& e) { result.errors.push_back(std::move(e)); };
    try {
        read_input({path, InputFormat::automatic, 0}, handlers);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::io_error);
        CHECK_THAT(e.what(), Catch::Contains("truncated gzip data"));
    }
    CHECK(result.records.size() > 1000);
    CHECK(result.records.size() < 5000);

    std::string corrupt = compressed;
    corrupt[corrupt.size() / 2] = static_cast<char>(corrupt[corrupt.size() / 2] ^ 0x55);
    corrupt[corrupt.size() / 2 + 1] = static_cast<char>(corrupt[corrupt.size() / 2 + 1] ^ 0x55);
    CHECK_THROWS_AS(read_file(dir.write("corrupt.jsonl.gz", corrupt)), Error);
}

TEST_CASE("unknown extensions and explicit formats") {
    TempDir dir;
    // Sniffed from content when the extension says nothing.
    CHECK(read_file(dir.write("data.dat", two_lines)).records.size() == 2);
    CHECK(read_file(dir.write("arr.dat", "[" + std::string("{\"id\":\"a\",\"title\":\"A\"}") + "]")).records.size() ==
          1);
    CHECK(read_file(dir.write("art.dat", "date 2020-01-01 Title\n\nBody")).records.size() == 1);
    CHECK(read_file(dir.write("t.dat", "id,title\nx,Y\n")).records.size() == 1);
    // --format wins over the extension.
    CHECK(read_file(dir.write("really-csv.txt", "id,title\nx,Y\n"), InputFormat::csv).records.size() == 1);
}

TEST_CASE("directories are read recursively, known extensions only, hidden entries skipped") {
    TempDir dir;
    dir.write("in/b.jsonl", two_lines);
    dir.write("in/sub/a.csv", "id,title\nx,Y\n");
    dir.write("in/sub/deeper/c.txt.gz", gzip("date 2020-01-01 T\n\nB"));
    dir.write("in/README.md", "# not an input");
    dir.write("in/.hidden.jsonl", two_lines);
    dir.write("in/.git/x.jsonl", two_lines);
    const auto inputs = collect_inputs({dir.file("in")});
    REQUIRE(inputs.size() == 3);
    CHECK(inputs[0].path == dir.file("in/b.jsonl"));
    CHECK(inputs[1].path == dir.file("in/sub/a.csv"));
    CHECK(inputs[2].path == dir.file("in/sub/deeper/c.txt.gz"));
    CHECK(inputs[0].size_bytes == two_lines.size());
    CHECK_THROWS_WITH(collect_inputs({dir.file("missing")}), Catch::Contains("no such file or directory"));
}

TEST_CASE("id files") {
    TempDir dir;
    CHECK(read_id_file(dir.write("ids.txt", "# comment\n a1 \n\nb2\r\n")) == std::vector<std::string>{"a1", "b2"});
}

// Ingest: inputs to index, with counts, errors and max-errors.

#include "temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

using namespace gazette;
using gazette::test::gzip;
using gazette::test::TempDir;

namespace {

struct Run {
    IngestStats stats;
    std::vector<InputError> errors;
    bool completed = true;
};

Run ingest(const std::string& db, const std::vector<std::string>& paths, std::uint64_t max_errors = 0,
           const std::vector<std::string>& deletes = {}) {
    Run run;
    IndexWriter writer(db);
    IngestObserver observer;
    observer.on_error = [&](const InputError& e) { run.errors.push_back(e); };
    Ingest job(writer, IngestOptions{max_errors}, observer);
    run.completed = job.add(collect_inputs(paths));
    job.remove(deletes);
    job.finish();
    run.stats = job.stats();
    return run;
}

const char* mixed_jsonl = "{\"id\":\"1\",\"title\":\"One\",\"body\":\"first\",\"places\":[\"usa\"]}\n"
                          "{\"id\":\"2\",\"title\":\"Two\"\n"
                          "{\"id\":\"3\",\"title\":\"\",\"body\":\"\"}\n"
                          "{\"id\":\"4\",\"title\":\"Four\",\"published\":\"not a date\"}\n"
                          "{\"id\":\"5\",\"title\":\"Five\",\"places\":[],\"dateline\":\"X\"}\n";

} // namespace

TEST_CASE("good records are indexed; bad ones are counted and located") {
    TempDir dir;
    const auto file = dir.write("in.jsonl", mixed_jsonl);
    const auto run = ingest(dir.file("db"), {file});
    CHECK(run.completed);
    CHECK(run.stats.added == 2);
    CHECK(run.stats.skipped == 3);
    CHECK(run.stats.files == 1);
    CHECK(run.stats.ignored_fields == std::map<std::string, std::uint64_t>{{"dateline", 1}, {"places", 2}});
    REQUIRE(run.errors.size() == 3);
    CHECK(run.errors[0].location == file + ":2");
    CHECK(run.errors[1].location == file + ":3");
    CHECK(run.errors[1].message == "article has neither title nor body");
    CHECK(run.errors[2].location == file + ":4");
    CHECK(Searcher(dir.file("db")).document_count() == 2);
}

TEST_CASE("max_errors stops the run but keeps what was read before") {
    TempDir dir;
    const auto run = ingest(dir.file("db"), {dir.write("in.jsonl", mixed_jsonl)}, 2);
    CHECK_FALSE(run.completed);
    CHECK(run.stats.aborted);
    CHECK(run.stats.added == 1);
    CHECK(run.errors.size() == 2);
    CHECK(Searcher(dir.file("db")).document_count() == 1);
}

TEST_CASE("a truncated gzip file keeps its records and the next files are read") {
    TempDir dir;
    std::string lines;
    for (int i = 0; i < 3000; ++i)
        lines += "{\"id\":\"g" + std::to_string(i) + "\",\"title\":\"Title " + std::to_string(i * 31337) + "\"}\n";
    const std::string compressed = gzip(lines);
    dir.write("in/a.jsonl.gz", compressed.substr(0, compressed.size() / 2));
    dir.write("in/b.jsonl", "{\"id\":\"after\",\"title\":\"After\"}\n");
    const auto run = ingest(dir.file("db"), {dir.file("in")});
    CHECK(run.completed);
    CHECK(run.stats.failed_files == 1);
    CHECK(run.stats.added > 100);
    REQUIRE(run.errors.size() == 1);
    CHECK(run.errors[0].location == dir.file("in/a.jsonl.gz"));
    CHECK_THAT(run.errors[0].message, Catch::StartsWith("truncated gzip data"));
    CHECK(Searcher(dir.file("db")).get("after").has_value());
}

TEST_CASE("a non-XML feed is one error; other inputs still index") {
    TempDir dir;
    dir.write("in/bad.rss", "this is not a feed");
    dir.write("in/good.csv", "id,title\nc1,Good\n");
    const auto run = ingest(dir.file("db"), {dir.file("in")});
    CHECK(run.stats.added == 1);
    CHECK(run.stats.failed_files == 1);
    REQUIRE(run.errors.size() == 1);
    CHECK(run.errors[0].location == dir.file("in/bad.rss") + ":1");
    CHECK_THAT(run.errors[0].message, Catch::StartsWith("not a well-formed XML feed"));
}

TEST_CASE("upserts are idempotent and deletes count") {
    TempDir dir;
    const auto file = dir.write("in.csv", "id,title,body\na,A,x\nb,B,y\nc,C,z\n");
    auto first = ingest(dir.file("db"), {file});
    CHECK(first.stats.added == 3);
    auto second = ingest(dir.file("db"), {file}, 0, {"b", "zzz"});
    CHECK(second.stats.added == 0);
    CHECK(second.stats.updated == 3);
    CHECK(second.stats.deleted == 1);
    CHECK(second.stats.not_found == 1);
    CHECK(Searcher(dir.file("db")).document_count() == 2);
}

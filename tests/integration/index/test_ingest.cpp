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
    std::vector<InputError> warnings;
    bool completed = true;
};

Run ingest(const std::string& db, const std::vector<std::string>& paths, std::uint64_t max_errors = 0,
           const std::vector<std::string>& deletes = {}) {
    Run run;
    IndexWriter writer(db);
    IngestObserver observer;
    observer.on_error = [&](const InputError& e) { run.errors.push_back(e); };
    observer.on_warning = [&](const InputError& e) { run.warnings.push_back(e); };
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

TEST_CASE("good records are indexed, bad ones are counted and located") {
    TempDir dir;
    const auto file = dir.write("in.jsonl", mixed_jsonl);
    const auto run = ingest(dir.file("db"), {file});
    CHECK(run.completed);
    CHECK(run.stats.added == 3);
    CHECK(run.stats.skipped == 2);
    CHECK(run.stats.files == 1);
    CHECK(run.stats.ignored_fields == std::map<std::string, std::uint64_t>{{"dateline", 1}, {"places", 2}});
    REQUIRE(run.errors.size() == 2);
    CHECK(run.errors[0].location == file + ":2");
    CHECK(run.errors[1].location == file + ":3");
    CHECK(run.errors[1].message == "article has neither title nor body");
    // A date that cannot be read loses the date, not the article.
    REQUIRE(run.warnings.size() == 1);
    CHECK(run.warnings[0].location == file + ":4");
    CHECK(run.warnings[0].message == "unreadable date \"not a date\", article kept undated");
    CHECK(run.stats.undated == 1);
    CHECK(run.stats.warnings == 1);
    Searcher searcher(dir.file("db"));
    CHECK(searcher.document_count() == 3);
    REQUIRE(searcher.get("4").has_value());
    CHECK(searcher.get("4")->published.empty());
}

TEST_CASE("dates of every kind are stored in UTC, reduced precision is kept and faceted") {
    TempDir dir;
    const auto file = dir.write("dates.jsonl", R"({"id": "a", "title": "A", "published": "Mon, 15 Mar 2021 9:00:00 gmt"}
{"id": "b", "title": "B", "published": "2021-03"}
{"id": "c", "title": "C", "published": "2021"}
{"id": "d", "title": "D", "date": "2021-03-15", "time": "10:00:00+01:00"}
{"id": "e", "title": "E", "published": 1615802400})");
    const auto run = ingest(dir.file("db"), {file});
    INFO(run.errors.size());
    CHECK(run.stats.added == 5);
    CHECK(run.warnings.empty());
    Searcher searcher(dir.file("db"));
    CHECK(searcher.get("a")->published == "2021-03-15T09:00:00Z");
    CHECK(searcher.get("b")->published == "2021-03");
    CHECK(searcher.get("c")->published == "2021");
    CHECK(searcher.get("d")->published == "2021-03-15T09:00:00Z"); // the time's offset is kept
    CHECK(searcher.get("e")->published == "2021-03-15T10:00:00Z");
    SearchRequest march;
    march.from = "2021-03";
    march.to = "2021-03";
    march.facets = {"month", "year"};
    const auto results = searcher.search(march);
    CHECK(results.total == 4); // a, b, d, e: "2021" alone is not known to be in March
    SearchRequest all;
    all.facets = {"month", "year"};
    const auto facets = searcher.search(all).facets;
    REQUIRE(facets.size() == 2);
    REQUIRE(facets[0].values.size() == 1);
    CHECK(facets[0].values[0].value == "2021-03");
    CHECK(facets[0].values[0].count == 4); // the year-only article is not in a month
    CHECK(facets[1].values[0].value == "2021");
    CHECK(facets[1].values[0].count == 5);
}

TEST_CASE("text fields that are not UTF-8 are read as windows-1252, unless the encoding is named") {
    TempDir dir;
    const auto file = dir.write("legacy.csv", "id,title\n1,Caf\xE9 \x93quoted\x94\n");
    const auto run = ingest(dir.file("db"), {file});
    CHECK(run.stats.added == 1);
    CHECK(Searcher(dir.file("db")).get("1")->title == "Café “quoted”");
}

TEST_CASE("a JSON or CSV record without text names the fields it did not read") {
    TempDir dir;
    const auto jsonl = dir.write("in.jsonl", "{\"id\":\"1\",\"heading\":\"One\",\"author\":\"Jane Doe\"}\n"
                                             "{\"id\":\"2\",\"author\":\"Jane Doe\",\"title\":\"\\u00a0 \"}\n");
    const auto csv = dir.write("in.csv", "id,heading,copy\n3,Three,Body\n");
    const auto run = ingest(dir.file("db"), {jsonl, csv});
    CHECK(run.stats.added == 0);
    REQUIRE(run.errors.size() == 3);
    CHECK(run.errors[0].location == jsonl + ":1");
    CHECK(run.errors[0].message == "article has neither title nor body (fields not read: heading)");
    CHECK(run.errors[1].message == "article has neither title nor body");
    CHECK(run.errors[2].location == csv + ":2");
    CHECK(run.errors[2].message == "article has neither title nor body (fields not read: heading, copy)");
}

TEST_CASE("feed items are kept with only an author or a date, as feed readers keep them") {
    TempDir dir;
    const auto feed = dir.write("in.rss", R"(<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbor Daily</title><language>en</language>
<item><author>jane@harbor.example (Jane Doe)</author></item>
<item><author>john@harbor.example (John Roe)</author></item>
<item><pubDate>Wed, 15 Jan 2025 10:00:00 GMT</pubDate></item>
<item><guid isPermaLink="false">7</guid></item>
<item></item>
</channel></rss>
)");
    const auto run = ingest(dir.file("db"), {feed});
    CHECK(run.stats.added == 3);
    REQUIRE(run.errors.size() == 2);
    CHECK(run.errors[0].location == feed + ":item 4 (line 6)"); // an id alone is nothing to find
    CHECK(run.errors[1].location == feed + ":item 5 (line 7)");
    CHECK(run.errors[1].message == "article is empty: no title, text, link, author, tag or date");
    Searcher searcher(dir.file("db"));
    CHECK(searcher.document_count() == 3);
    SearchRequest by_author;
    by_author.query = "author:jane";
    const auto hits = searcher.search(by_author).hits;
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].title.empty());
    CHECK(hits[0].source == "Harbor Daily");
}

TEST_CASE("an Atom entry inherits the feed's author only when it holds something of its own") {
    TempDir dir;
    const auto feed = dir.write("in.atom", R"(<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbor Daily</title><author><name>Desk</name></author>
<entry><id>tag:harbor.example,2025:1</id></entry>
<entry><id>tag:harbor.example,2025:2</id><published>2025-01-15T10:00:00Z</published></entry>
</feed>
)");
    const auto run = ingest(dir.file("db"), {feed});
    CHECK(run.stats.added == 1);
    REQUIRE(run.errors.size() == 1);
    CHECK(run.errors[0].location == feed + ":entry 1 (line 3)");
    Searcher searcher(dir.file("db"));
    const auto kept = searcher.get("tag:harbor.example,2025:2");
    REQUIRE(kept.has_value());
    CHECK(kept->authors == std::vector<std::string>{"Desk"});
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

TEST_CASE("a non-XML feed is one error, other inputs still index") {
    TempDir dir;
    dir.write("in/bad.rss", "this is not a feed");
    dir.write("in/good.csv", "id,title\nc1,Good\n");
    const auto run = ingest(dir.file("db"), {dir.file("in")});
    CHECK(run.stats.added == 1);
    CHECK(run.stats.failed_files == 1);
    REQUIRE(run.errors.size() == 1);
    CHECK(run.errors[0].location == dir.file("in/bad.rss") + ":1");
    CHECK_THAT(run.errors[0].message, Catch::StartsWith("not an XML feed"));
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

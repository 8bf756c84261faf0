// A Searcher follows its index: replaced at the path, probed for damage; and its per-search
// bounds: wildcard expansions against the term limit, the search deadline.

#include "articles.hpp"
#include "temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

using namespace gazette;
using gazette::test::article;
using gazette::test::TempDir;
namespace fs = std::filesystem;

namespace {

void build(const std::string& db, const std::string& word, int count, unsigned threads = 0) {
    WriterOptions options;
    options.threads = threads;
    IndexWriter writer(db, options);
    for (int i = 0; i < count; ++i)
        writer.upsert(article(word + std::to_string(i), "The " + word + " story " + std::to_string(i),
                              "Body of the " + word + " story number " + std::to_string(i) + "."));
    writer.commit();
}

std::uint64_t total(Searcher& s, const std::string& q) {
    SearchRequest r;
    r.query = q;
    return s.search(r).total;
}

} // namespace

TEST_CASE("refresh opens an index that replaced the old one at the same path") {
    TempDir dir;
    const auto db = dir.file("db");
    build(db, "alpha", 12);
    Searcher searcher(db);
    const std::string first_uuid = searcher.uuid();
    CHECK(total(searcher, "alpha") == 12);

    SECTION("moved aside, another moved in") {
        build(dir.file("next"), "beta", 4);
        fs::rename(db, dir.file("old"));
        fs::rename(dir.file("next"), db);
        std::this_thread::sleep_for(std::chrono::milliseconds(60)); // the path is looked up every 50 ms
    }
    SECTION("deleted and rebuilt in place, same revision number") {
        fs::remove_all(db);
        build(db, "beta", 4);
    }
    SECTION("rebuilt in place by a one-thread writer") {
        fs::remove_all(db);
        build(db, "beta", 4, 1);
    }
    CHECK(searcher.refresh());
    CHECK(searcher.uuid() != first_uuid);
    CHECK(total(searcher, "beta") == 4);
    CHECK(total(searcher, "alpha") == 0);
    CHECK(searcher.document_count() == 4);
    CHECK_FALSE(searcher.refresh()); // nothing new since
}

TEST_CASE("refresh after a commit keeps the same index and sees the new revision") {
    TempDir dir;
    const auto db = dir.file("db");
    build(db, "alpha", 3);
    Searcher searcher(db);
    const std::string uuid = searcher.uuid();
    {
        IndexWriter writer(db);
        writer.upsert(article("late", "The alpha story, late", "Body."));
        writer.commit();
    }
    CHECK(searcher.refresh());
    CHECK(searcher.uuid() == uuid);
    CHECK(total(searcher, "alpha") == 4);
}

TEST_CASE("probe reads the index, and fails on a damaged one") {
    TempDir dir;
    const auto db = dir.file("db");
    build(db, "alpha", 300);
    Searcher searcher(db);
    CHECK_NOTHROW(searcher.probe());
    fs::resize_file(fs::path(db) / "postlist.glass", 8192);
    // The handle opened before the damage still has what it read cached; the probe reads anew.
    try {
        searcher.probe();
        FAIL("probe should fail on a truncated posting table");
    } catch (const Error& e) {
        CHECK((e.code() == ErrorCode::database_corrupt || e.code() == ErrorCode::database_error));
    }
    // An empty index is fine.
    const auto empty = dir.file("empty");
    IndexWriter(empty).commit();
    Searcher nothing(empty);
    CHECK_NOTHROW(nothing.probe());
}

TEST_CASE("a wildcard counts as the words it expands to") {
    TempDir dir;
    const auto db = dir.file("db");
    build(db, "alpha", 40);
    {
        IndexWriter writer(db);
        for (int i = 0; i < 30; ++i)
            writer.upsert(article("w" + std::to_string(i),
                                  "Word wordy" + std::string(1, char('a' + i % 26)) + std::to_string(i), "Body."));
        writer.commit();
    }
    SearchLimits limits;
    limits.max_query_terms = 10;
    Searcher searcher(db, limits);
    SearchRequest r;
    r.query = "story";
    CHECK_NOTHROW(searcher.search(r));
    r.query = "wordy*"; // 30 distinct words
    try {
        searcher.search(r);
        FAIL("the expansion should count against the limit of 10 terms");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::invalid_query);
        CHECK_THAT(e.what(), Catch::Contains("more than 10 terms once its wildcards are expanded"));
    }
    limits.max_query_terms = 40;
    Searcher roomy(db, limits);
    CHECK(roomy.search(r).total == 30);
}

TEST_CASE("a search past its deadline fails with a timeout") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db);
        std::string body;
        for (int w = 0; w < 400; ++w) body += "market report figure " + std::to_string(w % 50) + " ";
        for (int i = 0; i < 3000; ++i) writer.upsert(article("d" + std::to_string(i), "Market report", body));
        writer.commit();
    }
    SearchRequest r;
    r.query = "market report figure";
    r.limit = 100;
    r.snippet_length = 400;
    r.facets = {"source", "tag", "month"};
    SearchLimits limits;
    Searcher unlimited(db, limits);
    CHECK(unlimited.search(r).hits.size() == 100);
    limits.search_timeout = std::chrono::milliseconds(1);
    Searcher hurried(db, limits);
    try {
        hurried.search(r);
        FAIL("a search of 3000 matches with 100 snippets should take more than 1 ms");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::timeout);
        CHECK_THAT(e.what(), Catch::Contains("limit of 1 ms"));
    }
}

TEST_CASE("while nothing is at the path, the open index is still searched whole") {
    TempDir dir;
    const auto db = dir.file("db");
    build(db, "alpha", 12);
    Searcher searcher(db);
    CHECK(total(searcher, "alpha") == 12);
    fs::rename(db, dir.file("aside")); // the first half of a swap
    CHECK_FALSE(searcher.refresh());
    CHECK(total(searcher, "alpha") == 12);
    fs::remove_all(dir.file("aside")); // deleted: its files stay readable while open
    CHECK_FALSE(searcher.refresh());
    CHECK(total(searcher, "alpha") == 12);
    build(db, "beta", 3);                                       // the second half
    std::this_thread::sleep_for(std::chrono::milliseconds(60)); // the path is looked up every 50 ms
    CHECK(searcher.refresh());
    CHECK(total(searcher, "beta") == 3);
    CHECK(total(searcher, "alpha") == 0);
}

// IndexWriter on a real on-disk index: upsert, delete, idempotence, batches, the lock.

#include "../support/articles.hpp"
#include "../support/temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

using namespace gazette;
using gazette::test::article;
using gazette::test::TempDir;

TEST_CASE("upsert adds, then replaces by id") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db);
        CHECK(writer.upsert(article("a", "First version", "body one")) == UpsertOutcome::added);
        CHECK(writer.upsert(article("b", "Other", "body")) == UpsertOutcome::added);
        // Replaced in the same batch: the writer sees its own uncommitted changes.
        CHECK(writer.upsert(article("a", "Second version", "body two")) == UpsertOutcome::updated);
        writer.commit();
        CHECK(writer.document_count() == 2);
        CHECK(writer.commits() == 1);
    }
    Searcher searcher(db);
    CHECK(searcher.document_count() == 2);
    const auto a = searcher.get("a");
    REQUIRE(a);
    CHECK(a->title == "Second version");
    CHECK(searcher
              .search([] {
                  SearchRequest r;
                  r.query = "first";
                  return r;
              }())
              .total == 0);
    CHECK_FALSE(searcher.get("missing").has_value());
}

TEST_CASE("remove deletes by id and reports unknown ids") {
    TempDir dir;
    IndexWriter writer(dir.file("db"));
    writer.upsert(article("a", "A", "x"));
    writer.upsert(article("b", "B", "y"));
    writer.commit();
    CHECK(writer.remove("a"));
    CHECK_FALSE(writer.remove("a"));
    CHECK_FALSE(writer.remove("never-there"));
    writer.commit();
    CHECK(writer.document_count() == 1);
    CHECK_THROWS_AS(writer.remove(""), Error);
    CHECK_THROWS_AS(writer.remove(std::string(300, 'x')), Error);
}

TEST_CASE("invalid articles are rejected without touching the index") {
    TempDir dir;
    IndexWriter writer(dir.file("db"));
    writer.upsert(article("ok", "Fine", "body"));
    try {
        writer.upsert(article("bad", "", ""));
        FAIL("expected rejection");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::invalid_article);
    }
    writer.commit();
    CHECK(writer.document_count() == 1);
}

TEST_CASE("a batch is all-or-nothing: uncommitted changes vanish with the writer") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        WriterOptions options;
        options.batch_size = 3;
        IndexWriter writer(db, options);
        for (int i = 0; i < 7; ++i) writer.upsert(article("id" + std::to_string(i), "Title", "Body"));
        CHECK(writer.commits() == 2);         // after 3 and after 6
        CHECK(writer.pending_changes() == 1); // the 7th is still open
        // No commit(): the writer goes away as if the process died.
    }
    CHECK(Searcher(db).document_count() == 6);
}

TEST_CASE("re-indexing the same articles changes nothing") {
    TempDir dir;
    const auto db = dir.file("db");
    const auto articles = test::newsroom();
    const auto run = [&] {
        IndexWriter writer(db);
        int updated = 0;
        for (const auto& a : articles) updated += writer.upsert(a) == UpsertOutcome::updated;
        writer.commit();
        return updated;
    };
    CHECK(run() == 0);
    Searcher searcher(db);
    SearchRequest request;
    request.query = "bridge cables";
    const auto before = searcher.search(request);
    CHECK(run() == static_cast<int>(articles.size()));
    searcher.refresh();
    const auto after = searcher.search(request);
    CHECK(searcher.document_count() == articles.size());
    REQUIRE(before.hits.size() == after.hits.size());
    for (std::size_t i = 0; i < before.hits.size(); ++i) {
        CHECK(before.hits[i].id == after.hits[i].id);
        CHECK(before.hits[i].score == Approx(after.hits[i].score));
    }
}

TEST_CASE("a second writer gets a clear lock error") {
    TempDir dir;
    const auto db = dir.file("db");
    IndexWriter first(db);
    try {
        IndexWriter second(db);
        FAIL("the second writer should not open");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::database_locked);
        CHECK(std::string(e.what()) == db + ": another indexer holds the lock on this index");
    }
}

TEST_CASE("opening problems are reported with codes") {
    TempDir dir;
    try {
        Searcher searcher(dir.file("nothing-here"));
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::database_not_found);
    }
    dir.write("file", "not a directory");
    CHECK_THROWS_AS(IndexWriter(dir.file("file") + "/db"), Error);
    WriterOptions klingon;
    klingon.language = "tlh";
    CHECK_THROWS_WITH(IndexWriter(dir.file("k"), klingon), Catch::Contains("no stemmer for language 'tlh'"));
}

TEST_CASE("an index keeps the analysis settings it was created with") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        WriterOptions french;
        french.language = "fr";
        IndexWriter writer(db, french);
        writer.upsert(article("x", "Les incendies", "Les incendies se sont propagés"));
        writer.commit();
    }
    {
        IndexWriter writer(db); // default options say English; the index says French
        writer.upsert(article("y", "Un incendie", "Un incendie"));
        writer.commit();
    }
    Searcher searcher(db);
    SearchRequest r;
    r.query = "incendie";
    CHECK(searcher.search(r).total == 2); // French stemming joins incendie/incendies
}

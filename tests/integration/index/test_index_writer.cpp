// IndexWriter on a real on-disk index: upsert, delete, idempotence, batches, bulk builds, the lock.

#include "articles.hpp"
#include "temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

#include "index/bulk_build.hpp"
#include "index/index_lock.hpp"

#include <algorithm>
#include <filesystem>

using namespace gazette;
using gazette::test::article;
using gazette::test::TempDir;

namespace {

WriterOptions with_threads(unsigned threads, std::size_t batch_size = 2000) {
    WriterOptions options;
    options.threads = threads;
    options.batch_size = batch_size;
    return options;
}

} // namespace

TEST_CASE("upsert adds, then replaces by id, both writing modes agree") {
    for (unsigned threads : {1u, 3u}) {
        INFO("threads " << threads);
        TempDir dir;
        const auto db = dir.file("db");
        {
            IndexWriter writer(db, with_threads(threads));
            CHECK(writer.bulk() == (threads > 1));
            writer.upsert(article("a", "First version", "body one"));
            writer.upsert(article("b", "Other", "body"));
            // Replaced before any commit: the writer sees its own uncommitted changes.
            writer.upsert(article("a", "Second version", "body two"));
            writer.commit();
            CHECK_FALSE(writer.bulk());
            CHECK(writer.counts().added == 2);
            CHECK(writer.counts().updated == 1);
            CHECK(writer.document_count() == 2);
            // After the first commit a bulk-built index is written to directly.
            writer.upsert(article("b", "Other, corrected", "body"));
            writer.commit();
            CHECK(writer.counts().updated == 2);
        }
        Searcher searcher(db);
        CHECK(searcher.document_count() == 2);
        const auto a = searcher.get("a");
        REQUIRE(a);
        CHECK(a->title == "Second version");
        CHECK(searcher.get("b")->title == "Other, corrected");
        SearchRequest r;
        r.query = "first";
        CHECK(searcher.search(r).total == 0);
        CHECK_FALSE(searcher.get("missing").has_value());
        CHECK(searcher.last_updated().size() == 20);
    }
}

TEST_CASE("remove deletes by id and counts unknown ids") {
    for (unsigned threads : {1u, 2u}) {
        INFO("threads " << threads);
        TempDir dir;
        IndexWriter writer(dir.file("db"), with_threads(threads));
        writer.upsert(article("a", "A", "x"));
        writer.upsert(article("b", "B", "y"));
        writer.remove("a");
        writer.remove("a");
        writer.remove("never-there");
        writer.commit();
        CHECK(writer.document_count() == 1);
        CHECK(writer.counts().deleted == 1);
        CHECK(writer.counts().not_found == 2);
        CHECK_THROWS_AS(writer.remove(""), Error);
        CHECK_THROWS_AS(writer.remove(std::string(300, 'x')), Error);
    }
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
        IndexWriter writer(db, with_threads(1, 3));
        for (int i = 0; i < 7; ++i) writer.upsert(article("id" + std::to_string(i), "Title", "Body"));
        CHECK(writer.commits() == 2);         // after 3 and after 6
        CHECK(writer.pending_changes() == 1); // the 7th is still open
        // No commit(): the writer goes away as if the process died.
    }
    CHECK(Searcher(db).document_count() == 6);
}

TEST_CASE("a bulk build is visible only once committed, and leaves nothing behind") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db, with_threads(2, 4));
        for (int i = 0; i < 50; ++i)
            writer.upsert(article("id" + std::to_string(i), "Title " + std::to_string(i), "Body"));
        CHECK(writer.bulk());
        CHECK(std::filesystem::exists(detail::bulk_shards_dir(db)));
        // Nothing at the path while it builds: no empty index for a reader or a replica.
        CHECK_FALSE(std::filesystem::exists(db));
        // Abandoned: as if the process died before committing.
    }
    // The next writer cleans up; still no index until a build is committed.
    IndexWriter(db, with_threads(2, 4));
    CHECK_FALSE(std::filesystem::exists(db));
    CHECK_FALSE(std::filesystem::exists(detail::bulk_shards_dir(db)));
    {
        IndexWriter writer(db, with_threads(2, 4));
        for (int i = 0; i < 50; ++i)
            writer.upsert(article("id" + std::to_string(i), "Title " + std::to_string(i), "Body"));
        writer.commit();
    }
    CHECK(Searcher(db).document_count() == 50);
    for (const auto& leftover : {detail::bulk_shards_dir(db), detail::bulk_output_dir(db)})
        CHECK_FALSE(std::filesystem::exists(leftover));
}

TEST_CASE("a rebuild is built aside: searchers read the old index until it is swapped in") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter old(db, with_threads(1));
        for (int i = 0; i < 5; ++i) old.upsert(article("old" + std::to_string(i), "Old title", "Old body"));
        old.commit();
    }
    Searcher searcher(db);
    REQUIRE(searcher.document_count() == 5);
    WriterOptions rebuild = with_threads(2, 4);
    rebuild.rebuild = true;
    IndexWriter writer(db, rebuild);
    CHECK(writer.bulk());
    for (int i = 0; i < 20; ++i) writer.upsert(article("id" + std::to_string(i), "Title", "Body"));
    CHECK_FALSE(searcher.refresh());
    CHECK(searcher.document_count() == 5);
    CHECK(Searcher(db).document_count() == 5); // a searcher opened now too
    writer.commit();                           // the built index takes the place of the old one, in one rename
    CHECK(searcher.refresh());
    CHECK(searcher.document_count() == 20);
    CHECK_FALSE(searcher.get("old0"));
    writer.upsert(article("late", "Title", "Body"));
    writer.commit();
    CHECK(searcher.refresh());
    CHECK(searcher.document_count() == 21);
}

TEST_CASE("an interrupted swap of a bulk build is completed by the next writer") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db, with_threads(2));
        writer.upsert(article("kept", "Kept", "Body"));
        writer.commit();
    }
    // The state after a kill between the two renames: only the finished new index exists.
    std::filesystem::rename(db, detail::bulk_output_dir(db));
    std::filesystem::create_directories(detail::bulk_shards_dir(db) + "/0");
    {
        IndexWriter writer(db);
        CHECK(writer.document_count() == 1);
    }
    CHECK_FALSE(std::filesystem::exists(detail::bulk_output_dir(db)));
    CHECK_FALSE(std::filesystem::exists(detail::bulk_shards_dir(db)));
    CHECK(Searcher(db).get("kept").has_value());
}

TEST_CASE("re-indexing the same articles changes nothing") {
    TempDir dir;
    const auto db = dir.file("db");
    const auto articles = test::newsroom();
    const auto run = [&] {
        IndexWriter writer(db);
        for (const auto& a : articles) writer.upsert(a);
        writer.commit();
        return writer.counts();
    };
    CHECK(run().added == articles.size());
    Searcher searcher(db);
    SearchRequest request;
    request.query = "bridge cables";
    const auto before = searcher.search(request);
    const auto second = run();
    CHECK(second.added == 0);
    CHECK(second.updated == articles.size());
    searcher.refresh();
    const auto after = searcher.search(request);
    CHECK(searcher.document_count() == articles.size());
    REQUIRE(before.hits.size() == after.hits.size());
    for (std::size_t i = 0; i < before.hits.size(); ++i) {
        CHECK(before.hits[i].id == after.hits[i].id);
        CHECK(before.hits[i].score == Approx(after.hits[i].score));
    }
}

TEST_CASE("a bulk build in many small generations: updates, deletions and stories across them") {
    TempDir dir;
    const std::string wire =
        "Port Calder closed the Tessaly Bridge to all traffic on Wednesday night after a routine inspection found "
        "advanced corrosion in two of the main suspension cables, city officials said. Engineers will spend at "
        "least three weeks assessing the damage before deciding whether the span can reopen to light traffic.";
    const std::string early =
        "The regional ferry operator published its winter timetable on Monday, with sailings every forty minutes "
        "between the harbour district and the northern suburbs and an extra late boat on Fridays and Saturdays.";
    WriteCounts counts;
    {
        // Two shards of 3 articles per database: 40 articles make about 14 databases. The story
        // lookups see each shard as of one change before the present one.
        detail::BulkBuildTuning tuning;
        tuning.generation_size = 3;
        tuning.story_lag = 1;
        detail::BulkBuild build(dir.file("db"), detail::AnalysisSettings{}, 2, 4, tuning);
        const auto upsert = [&](Article a) { build.upsert(normalize_article(std::move(a))); };
        const auto filler = [&](int i) {
            upsert(article("n" + std::to_string(i), "Harbour news " + std::to_string(i),
                           "Ferry item " + std::to_string(i)));
        };
        // A copy found early opens the story view on the databases there are then.
        upsert(article("early", "Ferry timetable", early));
        for (int i = 0; i < 10; ++i) filler(i);
        build.flush(); // committed: found through the view, not among the pending articles
        upsert(article("early-copy", "Ferry timetable, again", early));
        for (int i = 10; i < 20; ++i) filler(i);
        upsert(article("wire", "Bridge closed", wire)); // in a generation started after that
        for (int i = 20; i < 40; ++i) filler(i);
        upsert(article("n1", "Harbour news 1, corrected", "Ferry item one")); // its first version is long committed
        build.remove("n2");
        build.remove("never-indexed");
        build.flush();
        upsert(article("copy", "Tessaly Bridge shut", wire)); // a copy of an article in an old generation
        build.compact_into(dir.file("out"));
        counts = build.counts();
    }
    CHECK(counts.added == 44);
    CHECK(counts.updated == 1);
    CHECK(counts.deleted == 1);
    CHECK(counts.not_found == 1);
    Searcher searcher(dir.file("out"));
    CHECK(searcher.document_count() == 43);
    REQUIRE(searcher.get("n1"));
    CHECK(searcher.get("n1")->title == "Harbour news 1, corrected");
    CHECK_FALSE(searcher.get("n2"));
    SearchRequest r;
    r.query = "story:wire";
    std::vector<std::string> members;
    for (const auto& hit : searcher.search(r).hits) members.push_back(hit.id);
    std::sort(members.begin(), members.end());
    CHECK(members == std::vector<std::string>{"copy", "wire"});
    CHECK(searcher.get("early-copy")->id == "early-copy");
    r.query = "story:early";
    CHECK(searcher.search(r).total == 2);
}

TEST_CASE("a bulk build and a one-thread build give the same results") {
    TempDir dir;
    for (unsigned threads : {1u, 4u}) {
        IndexWriter writer(dir.file("db" + std::to_string(threads)), with_threads(threads, 2));
        for (const auto& a : test::newsroom()) writer.upsert(a);
        writer.commit();
    }
    Searcher one(dir.file("db1")), four(dir.file("db4"));
    for (const char* q : {"bridge", "climate OR rates", "\"interest rate\"", ""}) {
        INFO(q);
        SearchRequest r;
        r.query = q;
        r.facets = {"source", "tag"};
        const auto a = one.search(r), b = four.search(r);
        REQUIRE(a.hits.size() == b.hits.size());
        for (std::size_t i = 0; i < a.hits.size(); ++i) {
            CHECK(a.hits[i].id == b.hits[i].id);
            CHECK(a.hits[i].score == Approx(b.hits[i].score));
            CHECK(a.hits[i].story == b.hits[i].story);
        }
        CHECK(a.facets[0].values.size() == b.facets[0].values.size());
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

TEST_CASE("a second writer leaves a bulk build in progress untouched") {
    TempDir dir;
    const auto db = dir.file("db");
    IndexWriter first(db, with_threads(2, 4));
    for (int i = 0; i < 40; ++i) first.upsert(article("id" + std::to_string(i), "Title", "Body"));
    REQUIRE(first.bulk());
    REQUIRE(std::filesystem::exists(detail::bulk_shards_dir(db)));
    // Refused before it could clean up what looks like an interrupted build.
    CHECK_THROWS_MATCHES(IndexWriter(db, with_threads(2)), Error, Catch::Matchers::Predicate<Error>([](const Error& e) {
                             return e.code() == ErrorCode::database_locked;
                         }));
    CHECK(std::filesystem::exists(detail::bulk_shards_dir(db)));
    for (int i = 40; i < 60; ++i) first.upsert(article("id" + std::to_string(i), "Title", "Body"));
    first.commit();
    CHECK(Searcher(db).document_count() == 60);
}

TEST_CASE("the lock is let go with the writer, and taken on a missing directory") {
    TempDir dir;
    const auto db = dir.file("deep/er/db");
    { IndexWriter writer(db); }
    IndexWriter again(db);
    CHECK(std::filesystem::exists(detail::index_lock_path(db)));
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

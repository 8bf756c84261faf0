// A Gazette index split over parts served by real xapian-tcpsrv processes on 127.0.0.1:
// searched through a stub file, it answers as the whole index does; a part that dies, hangs,
// drops idle connections or comes back never fails a search, only makes it partial.

#include "cluster_fixture.hpp"
#include "hit_value.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

using namespace gazette;
using namespace gazette::test;

namespace {

#define REQUIRE_TCPSRV()                                                                                               \
    if (!have_xapian_tcpsrv()) {                                                                                       \
        WARN("xapian-tcpsrv not installed (Debian: xapian-tools): skipped");                                           \
        return;                                                                                                        \
    }

SearchRequest everything(const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.limit = 1000;
    r.snippet_length = 0;
    return r;
}

// Hits as (id, score), in a canonical order: by score, ties by id (the parts number documents
// differently, and Xapian breaks ties by document number).
std::vector<std::pair<std::string, double>> scored(const SearchResults& results) {
    std::vector<std::pair<std::string, double>> out;
    for (const auto& hit : results.hits) out.emplace_back(hit.id, hit.score);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        if (std::abs(a.second - b.second) > 1e-9 * std::max(1.0, std::abs(a.second))) return a.second > b.second;
        return a.first < b.first;
    });
    return out;
}

std::set<std::string> ids_of(const SearchResults& results) {
    std::set<std::string> ids;
    for (const auto& hit : results.hits) ids.insert(hit.id);
    return ids;
}

} // namespace

TEST_CASE("a stub of remote parts answers as the whole index does") {
    REQUIRE_TCPSRV();
    Cluster cluster(3);
    Searcher whole(cluster.single);
    Searcher parts(cluster.stub, {}, std::make_shared<ShardMonitor>(quick_shard_options()));
    CHECK(parts.document_count() == whole.document_count());

    for (const std::string query :
         {"oil", "harbor bridge", "\"interest rates\" OR cocoa", "title:wheat", "wheat -oil", "coffee AND sugar", ""}) {
        INFO(query);
        SearchRequest r = everything(query);
        r.facets = {"tag", "source", "month"};
        const auto a = whole.search(r), b = parts.search(r);
        CHECK(b.total == a.total);
        CHECK_FALSE(b.partial());
        CHECK(b.shards.total == 3);
        CHECK(b.shards.successful == 3);
        const auto sa = scored(a), sb = scored(b);
        REQUIRE(sa.size() == sb.size());
        for (std::size_t i = 0; i < sa.size(); ++i) {
            CHECK(sb[i].first == sa[i].first);
            CHECK(sb[i].second == Approx(sa[i].second).epsilon(1e-12));
        }
        REQUIRE(b.facets.size() == a.facets.size());
        for (std::size_t f = 0; f < a.facets.size(); ++f) {
            REQUIRE(b.facets[f].values.size() == a.facets[f].values.size());
            for (std::size_t v = 0; v < a.facets[f].values.size(); ++v) {
                CHECK(b.facets[f].values[v].value == a.facets[f].values[v].value);
                CHECK(b.facets[f].values[v].count == a.facets[f].values[v].count);
            }
        }
    }
    // "Did you mean" gathers its candidates' frequencies in one match over the parts: the
    // same corrections as the whole index.
    for (const std::string misspelt : {"harbr", "cofee", "electoin"}) {
        INFO(misspelt);
        const auto expected = whole.search(everything(misspelt)).suggestion;
        CHECK_FALSE(expected.empty());
        CHECK(parts.search(everything(misspelt)).suggestion == expected);
    }
    // Lookup by id, related articles, and completions reach every part.
    const auto article = parts.get("c7");
    REQUIRE(article);
    CHECK(article->title == whole.get("c7")->title);
    const auto related = parts.related("c7", 5);
    CHECK_FALSE(related.hits.empty());
    CHECK(ids_of(related).count("c7") == 0);
    CHECK(ids_of(related) == ids_of(whole.related("c7", 5)));
    CHECK_FALSE(parts.complete("harb").empty());
}

TEST_CASE("hits from remote parts show what hits from the whole index show, with and without snippets") {
    REQUIRE_TCPSRV();
    Cluster cluster(2, 120);
    {
        // The first part as an index written before authors and summary joined the hit's value:
        // its hits need their documents, which the others do not.
        Xapian::WritableDatabase part(cluster.part_dbs[0], Xapian::DB_OPEN);
        for (auto p = part.postlist_begin(""); p != part.postlist_end(""); ++p) {
            Xapian::Document doc = part.get_document(*p);
            const auto [hit, lead] = split_hit_value(doc.get_value(8));
            REQUIRE_FALSE(lead.empty());
            doc.add_value(8, hit);
            part.replace_document(*p, doc);
        }
        part.commit();
    }
    Searcher whole(cluster.single);
    Searcher parts(cluster.stub, {}, std::make_shared<ShardMonitor>(quick_shard_options()));
    for (const std::size_t snippet : {std::size_t{0}, std::size_t{120}}) {
        int with_authors = 0;
        for (const std::string query : {"oil", "harbor bridge", "wheat -oil"}) {
            INFO(query << " snippets " << snippet);
            SearchRequest r = everything(query);
            r.limit = 40;
            r.snippet_length = snippet;
            std::map<std::string, SearchHit> expected;
            for (auto& hit : whole.search(r).hits) expected[hit.id] = hit;
            const auto results = parts.search(r);
            REQUIRE(results.hits.size() == expected.size());
            for (const auto& hit : results.hits) {
                INFO(hit.id);
                REQUIRE(expected.count(hit.id) == 1);
                const SearchHit& e = expected[hit.id];
                CHECK(hit.title == e.title);
                CHECK(hit.url == e.url);
                CHECK(hit.source == e.source);
                CHECK(hit.published == e.published);
                CHECK(hit.tags == e.tags);
                CHECK(hit.language == e.language);
                CHECK(hit.story == e.story);
                CHECK(hit.authors == e.authors);
                CHECK(hit.summary == e.summary);
                CHECK(hit.snippet == e.snippet);
                CHECK(hit.score == Approx(e.score).epsilon(1e-12));
                with_authors += !hit.authors.empty();
            }
        }
        CHECK(with_authors > 0);
    }
}

TEST_CASE("date-sorted cursors page through remote parts without gaps or repeats") {
    REQUIRE_TCPSRV();
    Cluster cluster(2, 90);
    Searcher parts(cluster.stub, {}, std::make_shared<ShardMonitor>(quick_shard_options()));
    Searcher whole(cluster.single);
    for (const SortOrder sort : {SortOrder::newest, SortOrder::oldest}) {
        SearchRequest r;
        r.query = "oil OR harbor OR bridge";
        r.sort = sort;
        r.limit = 7;
        r.snippet_length = 0;
        std::vector<std::string> seen;
        std::string last_date;
        for (int page = 0; page < 100; ++page) {
            const auto results = parts.search(r);
            for (const auto& hit : results.hits) seen.push_back(hit.id);
            if (results.next_cursor.empty()) break;
            r.cursor = results.next_cursor;
        }
        SearchRequest all = everything(r.query);
        all.sort = sort;
        const auto expected = whole.search(all);
        CHECK(seen.size() == expected.hits.size());
        CHECK(std::set<std::string>(seen.begin(), seen.end()) == ids_of(expected));
    }
}

TEST_CASE("a killed part leaves searches partial, and is searched again once it is back") {
    REQUIRE_TCPSRV();
    Cluster cluster(3);
    auto monitor = std::make_shared<ShardMonitor>(quick_shard_options());
    Searcher parts(cluster.stub, {}, monitor);
    const auto before = parts.search(everything("oil"));
    REQUIRE_FALSE(before.partial());

    cluster.servers[1]->kill();
    const auto during = parts.search(everything("oil"));
    CHECK(during.partial());
    CHECK(during.shards.total == 3);
    CHECK(during.shards.successful == 2);
    CHECK(during.shards.failed == std::vector<std::string>{cluster.servers[1]->name()});
    CHECK_FALSE(during.total_exact);
    CHECK(during.hits.size() < before.hits.size());
    // What it finds is what the other two parts hold.
    for (const auto& id : ids_of(during)) CHECK(ids_of(before).count(id) == 1);
    CHECK(parts.search(everything("oil")).partial()); // the next search too, with no error
    // An article of the parts that answer is found; one that may be on the missing part is not
    // reported missing.
    CHECK(parts.get("c0"));
    try {
        parts.get("c1");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::unavailable);
    }
    const auto states = monitor->states();
    REQUIRE(states.size() == 3);
    CHECK_FALSE(states[1].up);
    CHECK(states[1].failures == 1);
    CHECK_FALSE(states[1].last_error.empty());

    cluster.servers[1]->restart();
    CHECK(eventually([&] { return !parts.search(everything("oil")).partial(); }));
    const auto after = parts.search(everything("oil"));
    CHECK(ids_of(after) == ids_of(before));
    CHECK(monitor->states()[1].up);
}

TEST_CASE("a hung part costs one timeout, then is left out until it answers again") {
    REQUIRE_TCPSRV();
    Cluster cluster(2);
    const ShardOptions options = quick_shard_options();
    auto monitor = std::make_shared<ShardMonitor>(options);
    Searcher parts(cluster.stub, {}, monitor);
    REQUIRE_FALSE(parts.search(everything("oil")).partial());

    cluster.servers[0]->pause();
    const auto start = std::chrono::steady_clock::now();
    const auto during = parts.search(everything("oil"));
    const double first = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(during.partial());
    CHECK(during.shards.failed == std::vector<std::string>{cluster.servers[0]->name()});
    // Its own timeout (0.7 s), not Xapian's 10 s; generous for a loaded machine.
    CHECK(first < 5.0);
    // Marked down: the next search does not wait for it.
    const auto again_start = std::chrono::steady_clock::now();
    CHECK(parts.search(everything("oil")).partial());
    CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - again_start).count() < first);

    cluster.servers[0]->resume();
    CHECK(eventually([&] { return !parts.search(everything("oil")).partial(); }));
}

TEST_CASE("connections the part's server closed when idle are opened again, not taken for a failure") {
    REQUIRE_TCPSRV();
    Cluster cluster(2, 60, /*idle_timeout_ms=*/300);
    ShardOptions options = quick_shard_options();
    options.ping_interval = std::chrono::milliseconds(2000); // the monitor's connection idles out too
    auto monitor = std::make_shared<ShardMonitor>(options);
    Searcher parts(cluster.stub, {}, monitor);
    const auto first = parts.search(everything("oil"));
    REQUIRE_FALSE(first.partial());
    for (int round = 0; round < 3; ++round) {
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        const auto later = parts.search(everything("oil"));
        CHECK_FALSE(later.partial());
        CHECK(later.total == first.total);
    }
    for (const auto& state : monitor->states()) CHECK(state.failures == 0);
}

TEST_CASE("with every part down a search is an unavailable error, and it recovers without a restart") {
    REQUIRE_TCPSRV();
    Cluster cluster(2, 40);
    auto monitor = std::make_shared<ShardMonitor>(quick_shard_options());
    Searcher parts(cluster.stub, {}, monitor);
    for (auto& server : cluster.servers) server->kill();
    try {
        parts.search(everything("oil"));
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::unavailable);
    }
    try {
        Searcher fresh(cluster.stub, {}, monitor);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::unavailable);
        CHECK(std::string(e.what()).find(cluster.servers[0]->name()) != std::string::npos);
    }
    for (auto& server : cluster.servers) server->restart();
    CHECK(eventually([&] {
        try {
            return !parts.search(everything("oil")).partial();
        } catch (const Error&) {
            return false;
        }
    }));
}

TEST_CASE("new commits to a served part are seen through the stub") {
    REQUIRE_TCPSRV();
    Cluster cluster(2, 40);
    Searcher parts(cluster.stub, {}, std::make_shared<ShardMonitor>(quick_shard_options()));
    const auto before = parts.document_count();
    CHECK_NOTHROW(parts.revision());
    {
        IndexWriter writer(cluster.part_dbs[1]);
        writer.upsert(
            article("late-1", "Late harbor story", "A storm closed the harbor late on Friday.", "2021-05-01"));
        writer.commit();
    }
    CHECK(eventually([&] {
        parts.refresh();
        return parts.document_count() == before + 1;
    }));
    CHECK(ids_of(parts.search(everything("late friday"))).count("late-1") == 1);
}

// Facets, cursors and search limits.

#include "articles.hpp"
#include "temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

#include <set>

using namespace gazette;
using gazette::test::TempDir;

namespace {

struct Newsroom {
    TempDir dir;
    std::string db = dir.file("db");
    Newsroom() {
        IndexWriter writer(db);
        for (const auto& a : test::newsroom()) writer.upsert(a);
        writer.commit();
    }
};

std::vector<FacetValue> facet(const SearchResults& results, const std::string& name) {
    for (const auto& f : results.facets)
        if (f.name == name) return f.values;
    FAIL("no facet " << name);
    return {};
}

} // namespace

namespace gazette {
bool operator==(const FacetValue& a, const FacetValue& b) {
    return a.value == b.value && a.count == b.count;
}
} // namespace gazette

namespace Catch {
template <> struct StringMaker<FacetValue> {
    static std::string convert(const FacetValue& v) { return v.value + "=" + std::to_string(v.count); }
};
} // namespace Catch

TEST_CASE("facets count the whole match set, not just the page") {
    Newsroom n;
    Searcher s(n.db);
    SearchRequest r;
    r.limit = 1;
    r.facets = {"source", "tag", "lang", "year", "month"};
    const auto results = s.search(r);
    CHECK(results.hits.size() == 1);
    REQUIRE(results.facets.size() == 5);
    CHECK(results.facets[0].name == "source");
    CHECK(facet(results, "source") ==
          std::vector<FacetValue>{{"Gazette Wire", 3}, {"Harbor Daily", 2}, {"Northern Ledger", 1}});
    CHECK(facet(results, "tag")[0] == FacetValue{"climate", 3});
    CHECK(facet(results, "tag")[1] == FacetValue{"transport", 2});
    CHECK(facet(results, "lang") == std::vector<FacetValue>{{"en", 5}, {"fr", 1}});
    CHECK(facet(results, "year") == std::vector<FacetValue>{{"2019", 1}, {"2022", 1}, {"2023", 3}, {"2024", 1}});
    CHECK(facet(results, "month").back() == FacetValue{"2024-05", 1});

    SearchRequest narrowed = r;
    narrowed.query = "bridge";
    narrowed.facet_size = 1;
    const auto bridge = s.search(narrowed);
    CHECK(facet(bridge, "source").size() == 1);
    CHECK(facet(bridge, "year") == std::vector<FacetValue>{{"2023", 1}}); // the most recent
    CHECK(facet(bridge, "lang") == std::vector<FacetValue>{{"en", 2}});

    r.facets = {"colour"};
    CHECK_THROWS_WITH(s.search(r), Catch::Contains("unknown facet 'colour'"));
    r.facets = {"source"};
    r.facet_size = 0;
    CHECK_THROWS_AS(s.search(r), Error);
}

TEST_CASE("cursors page through date-sorted results without gaps or repeats") {
    TempDir dir;
    {
        IndexWriter writer(dir.file("db"));
        // Many articles share a date, so the document id must break ties exactly.
        for (int i = 0; i < 57; ++i)
            writer.upsert(test::article("a" + std::to_string(i), "Market report " + std::to_string(i), "Stocks moved.",
                                        "2024-01-" + std::string(i % 3 == 0   ? "01"
                                                                 : i % 3 == 1 ? "02"
                                                                              : "03")));
        writer.upsert(test::article("undated", "Market report without a date", "Stocks moved."));
        writer.commit();
    }
    Searcher s(dir.file("db"));
    for (SortOrder order : {SortOrder::newest, SortOrder::oldest}) {
        SearchRequest r;
        r.query = "market";
        r.sort = order;
        r.limit = 10;
        r.snippet_length = 0;
        std::vector<std::string> seen;
        std::string last_published = order == SortOrder::newest ? "9999" : "";
        int pages = 0;
        for (;;) {
            const auto page = s.search(r);
            CHECK(page.total == 58);
            for (const auto& hit : page.hits) {
                seen.push_back(hit.id);
                if (hit.published.empty()) continue; // undated: last when newest first, first when oldest
                if (order == SortOrder::newest)
                    CHECK(hit.published <= last_published);
                else
                    CHECK(hit.published >= last_published);
                last_published = hit.published;
            }
            ++pages;
            if (page.next_cursor.empty()) break;
            r.cursor = page.next_cursor;
        }
        CHECK(pages == 6);
        CHECK(seen.size() == 58);
        CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 58);
        CHECK(seen.back() == (order == SortOrder::newest ? "undated" : "a56"));
    }
}

TEST_CASE("relevance cursors continue by offset up to the result window") {
    Newsroom n;
    SearchLimits limits;
    limits.max_result_window = 4;
    Searcher s(n.db, limits);
    SearchRequest r;
    r.query = "the OR bridge OR heatwave OR rates OR solar OR canicule";
    r.limit = 2;
    const auto first = s.search(r);
    REQUIRE_FALSE(first.next_cursor.empty());
    r.cursor = first.next_cursor;
    const auto second = s.search(r);
    CHECK(second.hits.size() == 2);
    CHECK(second.hits[0].id != first.hits[0].id);
    CHECK(second.total == first.total);
    CHECK(second.next_cursor.empty()); // position 4 is the end of the window
}

TEST_CASE("a cursor only works for the search that made it") {
    Newsroom n;
    Searcher s(n.db);
    SearchRequest r;
    r.limit = 2;
    r.sort = SortOrder::newest;
    const auto first = s.search(r);
    REQUIRE_FALSE(first.next_cursor.empty());
    SearchRequest other = r;
    other.query = "bridge";
    other.cursor = first.next_cursor;
    CHECK_THROWS_WITH(s.search(other), Catch::Contains("cursor belongs to a different search"));
    other = r;
    other.cursor = "c1zz";
    CHECK_THROWS_WITH(s.search(other), Catch::Contains("invalid cursor"));
    other.cursor = "not a cursor at all";
    CHECK_THROWS_AS(s.search(other), Error);
}

TEST_CASE("search limits are enforced with clear errors") {
    Newsroom n;
    SearchLimits limits;
    limits.max_query_terms = 3;
    limits.max_wildcard_expansion = 2;
    limits.max_page_size = 5;
    Searcher s(n.db, limits);
    SearchRequest r;
    r.limit = 5;
    r.query = "bridge heatwave rates";
    CHECK_NOTHROW(s.search(r));
    r.query = "bridge heatwave rates solar";
    CHECK_THROWS_WITH(s.search(r), Catch::Contains("query has 4 distinct terms; the limit is 3"));
    r.query = "t*"; // the, temperatures, tessaly, toll, to, ...
    try {
        s.search(r);
        FAIL("expected a wildcard error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::invalid_query);
        CHECK_THAT(e.what(), Catch::Contains("wildcard matches too many words"));
    }
    r.query = "tessal*";
    CHECK(s.search(r).total == 2);
    r.limit = 6;
    CHECK_THROWS_WITH(s.search(r), Catch::Contains("limit must be at most 5"));
}

TEST_CASE("the searcher reports revision and last update") {
    Newsroom n;
    Searcher s(n.db);
    const auto before = s.revision();
    const std::string updated = s.last_updated();
    CHECK(updated.size() == 20);
    CHECK(updated.back() == 'Z');
    {
        IndexWriter writer(n.db);
        writer.upsert(test::article("new", "New", "New"));
        writer.commit();
    }
    s.refresh();
    CHECK(s.revision() > before);
}

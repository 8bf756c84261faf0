// Story de-duplication, freshness and score explanations, on fixtures whose order is known.

#include "articles.hpp"
#include "temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

#include "util/dates.hpp"

using namespace gazette;
using gazette::test::article;
using gazette::test::TempDir;

namespace {

const std::string wire_body =
    "Port Calder closed the Tessaly Bridge to all traffic on Wednesday night after a routine inspection found "
    "advanced corrosion in two of the main suspension cables, city officials said. The 1964 bridge carries about "
    "41,000 vehicles a day between the harbour district and the northern suburbs. Engineers will spend at least "
    "three weeks assessing the damage before deciding whether the span can reopen to light traffic, and the city "
    "has asked the regional ferry operator to add extra sailings during the morning and evening rush hours.";

// The same wire story as republished elsewhere: a new headline and one sentence edited.
const std::string republished_body =
    "Port Calder closed the Tessaly Bridge to all traffic on Wednesday night after a routine inspection found "
    "advanced corrosion in two of the main suspension cables, city officials said. The 1964 bridge carries about "
    "41,000 vehicles a day between the harbour district and the northern suburbs. Engineers will spend at least "
    "three weeks assessing the damage before deciding whether the span can reopen to light traffic, and the city "
    "has asked the regional ferry company to add extra sailings during the morning and evening rush hours.";

const std::string other_body =
    "The Tessaly Bridge reopened on Thursday after two years of repairs that replaced all of the suspension cables "
    "and strengthened the deck. Thousands of people walked across the span before it opened to cars, and the mayor "
    "thanked the ferry crews who carried commuters across the harbour while the bridge was closed. Tolls will not "
    "be charged for now, although the council will debate the question again next spring, officials said.";

std::vector<std::string> ids(const SearchResults& results) {
    std::vector<std::string> out;
    for (const auto& hit : results.hits) out.push_back(hit.id);
    return out;
}

std::string days_ago(int days) {
    return detail::format_utc(detail::current_unix_seconds() - static_cast<detail::UnixSeconds>(days) * 86400);
}

} // namespace

TEST_CASE("copies of a story share a story id, collapsing keeps the best and counts the rest") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db);
        writer.upsert(article("wire-1", "Port Calder shuts Tessaly Bridge", wire_body, "2019-03-14", "Gazette Wire"));
        writer.upsert(article("copy-1", "Bridge closure leaves commuters stranded", republished_body, "2019-03-14",
                              "Metro Tribune"));
        writer.upsert(article("exact-1", "Tessaly Bridge shut", wire_body, "2019-03-15", "Coastline Times"));
        writer.upsert(article("other-1", "Tessaly Bridge reopens", other_body, "2021-04-15", "Gazette Wire"));
        writer.commit();
        // A copy arriving in a later batch joins the same story.
        writer.upsert(article("late-copy", "Bridge shut after corrosion found", republished_body, "2019-03-16",
                              "Valley Courier"));
        writer.commit();
    }
    Searcher s(db);
    SearchRequest r;
    r.query = "tessaly bridge";
    const auto all = s.search(r);
    CHECK(all.total == 5);
    std::map<std::string, std::string> story;
    for (const auto& hit : all.hits) story[hit.id] = hit.story;
    CHECK(story["wire-1"] == "wire-1");
    CHECK(story["copy-1"] == "wire-1");
    CHECK(story["exact-1"] == "wire-1");
    CHECK(story["late-copy"] == "wire-1");
    CHECK(story["other-1"] == "other-1");

    r.collapse_stories = true;
    const auto collapsed = s.search(r);
    CHECK(collapsed.total == 2);
    REQUIRE(collapsed.hits.size() == 2);
    for (const auto& hit : collapsed.hits) CHECK(hit.more_versions == (hit.story == "wire-1" ? 3u : 0u));
    // The articles, every version counted: what facets count.
    r.facets = {"source"};
    const auto faceted = s.search(r);
    CHECK(faceted.total == 2);
    REQUIRE(faceted.total_articles);
    CHECK(*faceted.total_articles == 5);
    std::uint64_t by_source = 0;
    for (const auto& v : faceted.facets.at(0).values) by_source += v.count;
    CHECK(by_source == 5);
    r.collapse_stories = false;
    CHECK_FALSE(s.search(r).total_articles); // the total counts the articles already
    r.collapse_stories = true;
    r.facets.clear();

    // A page smaller than the match set, with a date filter: the collapsed count stays exact.
    SearchRequest listed;
    listed.collapse_stories = true;
    listed.from = "2019";
    listed.to = "2019";
    listed.limit = 1;
    const auto page = s.search(listed);
    CHECK(page.total == 1);
    CHECK(page.total_exact);
    listed.from = "2019";
    listed.to = "2021";
    const auto both = s.search(listed);
    CHECK(both.total == 2);
    CHECK(both.total_exact);
    CHECK(both.hits.size() == 1);

    SearchRequest versions;
    versions.query = "story:wire-1";
    CHECK(s.search(versions).total == 4);
}

TEST_CASE("story ids survive re-indexing") {
    TempDir dir;
    const auto db = dir.file("db");
    const auto index = [&] {
        IndexWriter writer(db);
        writer.upsert(article("wire-1", "Port Calder shuts Tessaly Bridge", wire_body, "2019-03-14"));
        writer.upsert(article("copy-1", "Bridge closure leaves commuters stranded", republished_body, "2019-03-14"));
        writer.commit();
    };
    index();
    index();
    Searcher s(db);
    SearchRequest r;
    r.query = "story:wire-1";
    CHECK(s.search(r).total == 2);
}

TEST_CASE("freshness lets a newer, slightly less relevant article win") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db);
        writer.upsert(article("old-strong", "Ferry strike",
                              "Ferry workers strike. The ferry strike stopped every ferry.", "2015-06-01"));
        writer.upsert(article("new-weaker", "Ferry strike talks", "Talks to end the ferry strike resumed on Monday.",
                              days_ago(1)));
        writer.upsert(
            article("new-unrelated", "Harbour dredging", "Dredging of the harbour began on Monday.", days_ago(0)));
        writer.commit();
    }
    Searcher s(db);
    SearchRequest r;
    r.query = "ferry strike";
    r.explain = true;
    const auto plain = s.search(r);
    CHECK(ids(plain) == std::vector<std::string>{"old-strong", "new-weaker"});
    REQUIRE(plain.hits[0].explanation);
    CHECK(plain.hits[0].explanation->freshness == 1.0);
    CHECK(plain.hits[0].score == Approx(plain.hits[0].explanation->text_score));

    r.fresh = "7d";
    const auto fresh = s.search(r);
    CHECK(ids(fresh) == std::vector<std::string>{"new-weaker", "old-strong"});
    const auto& top = *fresh.hits[0].explanation;
    CHECK(top.age_days == Approx(1.0).margin(0.01));
    CHECK(top.freshness == Approx(1.0 + std::exp2(-1.0 / 7.0)).epsilon(0.001));
    CHECK(fresh.hits[0].score == Approx(top.text_score * top.freshness));
    CHECK(fresh.hits[1].explanation->freshness == Approx(1.0).margin(1e-9)); // years old: no boost

    // A weaker boost leaves relevance in charge.
    r.fresh_weight = 0.01;
    CHECK(ids(s.search(r)) == std::vector<std::string>{"old-strong", "new-weaker"});

    // Date sorts ignore freshness.
    r.fresh_weight = 1.0;
    r.sort = SortOrder::oldest;
    CHECK(ids(s.search(r)) == std::vector<std::string>{"old-strong", "new-weaker"});

    r.sort = SortOrder::relevance;
    r.fresh = "soon";
    CHECK_THROWS_WITH(s.search(r), Catch::Contains("fresh must be a half-life"));
    r.fresh = "7d";
    r.fresh_weight = -1;
    CHECK_THROWS_AS(s.search(r), Error);
}

TEST_CASE("freshness re-ranks pages consistently") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db);
        for (int i = 0; i < 30; ++i)
            writer.upsert(article("a" + std::to_string(i), "Budget vote",
                                  "The budget vote " + std::string(static_cast<std::size_t>(i % 5 + 1), '!'),
                                  days_ago(i * 20)));
        writer.commit();
    }
    Searcher s(db);
    SearchRequest r;
    r.query = "budget";
    r.fresh = "30d";
    r.limit = 30;
    const auto all = ids(s.search(r));
    r.limit = 10;
    std::vector<std::string> paged;
    for (std::size_t page = 0; page < 3; ++page) {
        r.offset = page * 10;
        for (const auto& id : ids(s.search(r))) paged.push_back(id);
    }
    CHECK(paged == all);
    CHECK(all.front() == "a0");
}

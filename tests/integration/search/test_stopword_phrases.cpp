// Phrases made of stopwords ("The Who", "to be or not to be"): found by the pairs of adjacent
// stopwords the index keeps, without changing any score.

#include "articles.hpp"
#include "temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <xapian.h>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace gazette;
using gazette::test::article;
using gazette::test::TempDir;
using V = std::vector<std::string>;

namespace {

void write_band_articles(const std::string& db) {
    IndexWriter writer(db);
    writer.upsert(article("band", "The Who announce a farewell tour", "The band will play London in May."));
    writer.upsert(article("review", "Concert review", "Last night the Who played their hits to a full hall."));
    // Both words, never side by side.
    writer.upsert(article("whole", "The whole city waits", "Voters who stayed home decided the vote."));
    writer.upsert(article("hamlet", "Hamlet returns", "To be, or not to be: the actor asked it twice."));
    writer.upsert(article("bank", "Bank of the West grows", "Bank of the West said profits rose."));
    writer.commit();
}

} // namespace

TEST_CASE("a phrase of stopwords finds the articles that have them side by side") {
    TempDir dir;
    const auto db = dir.file("db");
    write_band_articles(db);
    Searcher s(db);
    const auto found = [&](const std::string& q) {
        SearchRequest r;
        r.query = q;
        auto out = V();
        for (const auto& hit : s.search(r).hits) out.push_back(hit.id);
        std::sort(out.begin(), out.end());
        return out;
    };
    CHECK(found("\"The Who\"") == V{"band", "review"});
    CHECK(found("the who") == V{"band", "review"}); // nothing else: only the phrase is meant
    CHECK(found("THE WHO") == V{"band", "review"}); // in capitals, and no acronyms in the index
    CHECK(found("title:\"The Who\"") == V{"band"});
    CHECK(found("\"to be or not to be\"") == V{"hamlet"});        // across the comma, as phrases are
    CHECK(found("\"the Who played their hits\"") == V{"review"}); // with other words: both must be there
    CHECK(found("\"bank of the west\"") == V{"bank"});
    CHECK(found("\"the who\" OR hamlet") == V{"band", "hamlet", "review"});
    CHECK(found("hits -\"the who\"").empty());
    CHECK(found("\"who the\"").empty());
    // Quotes as phones and word processors type them.
    CHECK(found("\u201CThe Who\u201D") == V{"band", "review"});
    CHECK(found("\u201Ebank of the west\u201C") == V{"bank"});
    CHECK(found("\u00ABto be or not to be\u00BB") == V{"hamlet"});
    // One stopword alone still matches nothing rather than everything.
    CHECK(found("\"the\"").empty());
    // The rest of the query keeps its meaning: an excluded group stays excluded.
    CHECK(found("\"the who\" -(hits OR London)").empty());
    CHECK(found("-\"the who played their hits\"") == V{"band", "bank", "hamlet", "whole"});
    // Beside NEAR, which takes words and phrases only, the stopwords are dropped as before
    // (a phrase of nothing else goes, with its NEAR): no error, whatever the phrase.
    CHECK(found("\"to be or not to be\" NEAR actor") == V{"hamlet"});
    CHECK(found("\"the who\" NEAR/3 hits") == V{"review"});
}

TEST_CASE("the snippet of a phrase of stopwords marks the phrase where the text has it") {
    TempDir dir;
    const auto db = dir.file("db");
    write_band_articles(db);
    Searcher s(db);
    SearchRequest r;
    r.query = "\"the who\"";
    r.snippet_length = 160;
    const auto results = s.search(r);
    REQUIRE(results.hits.size() == 2);
    for (const auto& hit : results.hits) {
        if (hit.id == "review")
            CHECK(hit.snippet == "Last night <mark>the</mark> <mark>Who</mark> played their hits to a full hall.");
        else // only in the title: the lead of the text
            CHECK(hit.snippet == "The band will play London in May.");
    }
    // In a longer phrase: Xapian marks none of its words (its snippets see the stopwords the
    // index skips between them); the words as typed are marked where they stand together.
    r.query = "\"the Who played their hits\"";
    const auto mixed = s.search(r);
    REQUIRE(mixed.hits.size() == 1);
    CHECK(mixed.hits[0].snippet ==
          "Last night <mark>the</mark> <mark>Who</mark> <mark>played</mark> <mark>their</mark> "
          "<mark>hits</mark> to a full hall.");
    // Any phrase with stopwords, for the same reason.
    r.query = "\"bank of the west\"";
    const auto bank = s.search(r);
    REQUIRE(bank.hits.size() == 1);
    CHECK(bank.hits[0].snippet ==
          "<mark>Bank</mark> <mark>of</mark> <mark>the</mark> <mark>West</mark> said profits rose.");
}

TEST_CASE("the pairs of stopwords weigh nothing: no wdf, so lengths and scores stay the words' own") {
    TempDir dir;
    const auto db = dir.file("db");
    write_band_articles(db);
    Xapian::Database xdb(db);
    std::size_t pairs = 0;
    for (auto t = xdb.allterms_begin("XP"); t != xdb.allterms_end("XP"); ++t) {
        ++pairs;
        CHECK(xdb.get_collection_freq(*t) == 0);
        for (auto p = xdb.postlist_begin(*t); p != xdb.postlist_end(*t); ++p)
            CHECK(p.positionlist_begin() == p.positionlist_end());
    }
    CHECK(pairs > 5);
    // "The Who" in the title: its pair for the title and for the text.
    CHECK(xdb.term_exists("XPSthe who"));
    CHECK(xdb.term_exists("XPthe who"));
}

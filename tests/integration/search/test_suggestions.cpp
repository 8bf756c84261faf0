// Related articles, did-you-mean, completions, synonyms and languages.

#include "articles.hpp"
#include "temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace gazette;
using gazette::test::article;
using gazette::test::TempDir;

namespace {

std::vector<std::string> ids(const SearchResults& results) {
    std::vector<std::string> out;
    for (const auto& hit : results.hits) out.push_back(hit.id);
    return out;
}

struct Library {
    TempDir dir;
    std::string db = dir.file("db");
    Library() {
        IndexWriter writer(db);
        writer.upsert(
            article("rail-1", "Rail strike halts trains",
                    "Train drivers walked out over pay, halting rail services and freight trains across the region."));
        writer.upsert(article("rail-2", "Rail strike talks resume",
                              "Union leaders and the rail operator resumed talks to end the drivers strike over pay "
                              "and freight schedules."));
        writer.upsert(article("rail-3", "Freight backlog grows in rail dispute",
                              "Freight trains are stuck at ports as the rail strike over pay enters its second week."));
        writer.upsert(article("vote-1", "Parliament passes budget",
                              "The parliament passed the budget after a long debate on spending and taxes."));
        writer.upsert(article("vote-2", "Budget vote delayed",
                              "A vote on the budget in parliament was delayed by a dispute over taxes."));
        writer.upsert(
            article("vote-3", "President signs budget",
                    "The president signed the budget into law on Friday, a week after parliament approved it."));
        writer.upsert(article("us-1", "USA imports rise", "Imports into the USA rose sharply in March."));
        writer.upsert(article("us-2", "United States exports fall", "Exports from the United States fell in March."));
        writer.upsert(article("fr-1", "Grève des cheminots",
                              "Les cheminots sont en grève pour les salaires; les trains sont arrêtés.", "", "", {},
                              "fr"));
        writer.upsert(article("zh-1", "北京地铁扩建", "北京地铁新线路今天开通，乘客数量大幅增加。", "", "", {}, "zh"));
        writer.commit();
    }
};

} // namespace

TEST_CASE("related articles share distinctive words, the article itself is excluded") {
    Library lib;
    Searcher s(lib.db);
    const auto related = s.related("rail-1", 3);
    const auto found = ids(related);
    REQUIRE(found.size() >= 2);
    CHECK(std::find(found.begin(), found.end(), "rail-1") == found.end());
    CHECK((found[0] == "rail-2" || found[0] == "rail-3"));
    CHECK((found[1] == "rail-2" || found[1] == "rail-3"));
    CHECK_THROWS_AS(s.related("missing"), Error);
}

TEST_CASE("did you mean: rare or unknown words get the common word one edit away") {
    Library lib;
    Searcher s(lib.db);
    SearchRequest r;
    r.query = "budegt vote";
    CHECK(s.search(r).suggestion == "budget vote");
    r.query = "parliment";
    CHECK(s.search(r).suggestion == "parliament");
    r.query = "budget vote";
    CHECK(s.search(r).suggestion.empty());
    r.query = "title:budegt"; // field syntax is left alone
    CHECK(s.search(r).suggestion.empty());
    r.query = "parliment";
    r.suggest = false; // where nobody reads it
    CHECK(s.search(r).suggestion.empty());
}

TEST_CASE("did you mean offers words as written, never a stem that is no word") {
    TempDir dir;
    const std::string db = dir.file("db");
    {
        IndexWriter writer(db);
        writer.upsert(article("h1", "House prices rise again", "The price of a house rose for the fifth month."));
        writer.upsert(article("h2", "Houses sold faster", "More houses were sold in March than a year before."));
        writer.upsert(article("h3", "Housing market cools", "The housing market cooled as rates rose."));
        writer.upsert(article("h4", "Rates hold", "The bank held rates; house buyers wait."));
        writer.commit();
    }
    Searcher s(db);
    SearchRequest r;
    // "hous" is one edit from "haus" and the stem of "house", but nobody writes it.
    r.query = "haus";
    CHECK(s.search(r).suggestion.empty());
    r.query = "housse";
    CHECK(s.search(r).suggestion == "house");
}

TEST_CASE("completions of the last word, most frequent first") {
    Library lib;
    Searcher s(lib.db);
    const auto c = s.complete("rail str", 5);
    REQUIRE(!c.empty());
    CHECK(c[0].text == "rail strike");
    CHECK(c[0].count == 2); // titles holding "strike"
    const auto b = s.complete("bu", 3);
    REQUIRE(b.size() == 1);
    CHECK(b[0].text == "budget");
    CHECK(s.complete("b", 5).empty()); // too short to be useful
    CHECK(s.complete("zzzz", 5).empty());
}

TEST_CASE("completions follow the words typed before the last one") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db);
        writer.upsert(article("1", "Bank of Japan holds rates", "x"));
        writer.upsert(article("2", "Bank of Japan surprises markets", "x"));
        writer.upsert(article("3", "January sales in Jakarta", "x"));
        writer.upsert(article("4", "January jobs report", "x"));
        writer.upsert(article("5", "Jakarta floods in January", "x"));
        writer.commit();
    }
    Searcher s(db);
    const auto alone = s.complete("ja", 3);
    REQUIRE(!alone.empty());
    CHECK(alone[0].text == "january"); // the most frequent "ja..." word overall
    const auto after_bank = s.complete("bank of ja", 3);
    REQUIRE(after_bank.size() == 1);
    CHECK(after_bank[0].text == "bank of japan"); // "of" is a stopword: it narrows nothing
    CHECK(after_bank[0].count == 2);              // counted among titles with "bank"
    const auto after_floods = s.complete("floods ja", 3);
    REQUIRE(after_floods.size() == 2);
    CHECK(after_floods[0].count == 1);
}

TEST_CASE("synonyms stored in the index expand queries, phrases included") {
    Library lib;
    Searcher before(lib.db);
    SearchRequest r;
    r.query = "usa";
    CHECK(ids(before.search(r)) == std::vector<std::string>{"us-1"});
    {
        IndexWriter writer(lib.db);
        writer.set_synonyms("# countries\nus, usa, united states\n\nstrike, walkout\n");
        writer.commit();
    }
    Searcher s(lib.db);
    const auto found = ids(s.search(r));
    CHECK(std::set<std::string>(found.begin(), found.end()) == std::set<std::string>{"us-1", "us-2"});
    r.query = "united states";
    CHECK(s.search(r).total == 2);
    r.query = "\"usa\""; // quoted: exactly this word
    CHECK(s.search(r).total == 1);
    r.query = "walkout";
    CHECK(s.search(r).total == 3);
    // NEAR and ADJ join single words: a word beside one is not expanded into a group.
    r.query = "usa NEAR strike";
    CHECK_NOTHROW(s.search(r));
    r.query = "walkout ADJ/2 usa";
    CHECK_NOTHROW(s.search(r));
    // A searcher opened before sees them after refresh().
    before.refresh();
    r.query = "usa";
    CHECK(before.search(r).total == 2);

    IndexWriter writer(lib.db);
    CHECK_THROWS_WITH(writer.set_synonyms("alone\n"), Catch::Contains("line 1: a group needs two members"));
    CHECK_THROWS_WITH(writer.set_synonyms("a, b\nb, c\n"), Catch::Contains("line 2: 'b' is already in another group"));
    CHECK_THROWS_WITH(writer.set_synonyms("u.s., usa\n"), Catch::Contains("members are words"));
}

TEST_CASE("articles are stemmed in their own language, queries can name theirs") {
    Library lib;
    Searcher s(lib.db);
    SearchRequest r;
    r.query = "grèves"; // French stemming joins grève / grèves; English does not
    r.language = "en";
    CHECK(s.search(r).total == 0);
    r.language = "fr";
    CHECK(ids(s.search(r)) == std::vector<std::string>{"fr-1"});
    // Without a query language, the query is read in every language of the index.
    r.language = "";
    CHECK(ids(s.search(r)) == std::vector<std::string>{"fr-1"});
    r.language = "klingon-with-a-very-long-name-that-is-not-a-code";
    CHECK_THROWS_AS(s.search(r), Error);
}

TEST_CASE("CJK text is indexed as n-grams, so it is searchable") {
    Library lib;
    Searcher s(lib.db);
    SearchRequest r;
    r.query = "地铁";
    CHECK(ids(s.search(r)) == std::vector<std::string>{"zh-1"});
    r.query = "北京";
    CHECK(ids(s.search(r)) == std::vector<std::string>{"zh-1"});
    r.query = "乘客";
    CHECK(ids(s.search(r)) == std::vector<std::string>{"zh-1"});
    // Fields: the words in them are the index's n-grams too.
    r.query = "title:扩建";
    CHECK(ids(s.search(r)) == std::vector<std::string>{"zh-1"});
    r.query = "title:乘客"; // in the body only
    CHECK(s.search(r).total == 0);
    r.query = "title:地铁 北京";
    CHECK(ids(s.search(r)) == std::vector<std::string>{"zh-1"});
    // Snippets highlight the words, a run of characters as one.
    r.query = "乘客";
    r.highlight_start = "<b>";
    r.highlight_end = "</b>";
    const auto hits = s.search(r).hits;
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].snippet.find("<b>乘客</b>") != std::string::npos);
}

TEST_CASE("CJK phrases match the text they quote, and only in that order") {
    Library lib;
    Searcher s(lib.db);
    SearchRequest r;
    const auto found = [&](std::string q) {
        r.query = std::move(q);
        return ids(s.search(r));
    };
    const std::vector<std::string> zh{"zh-1"}, none;
    CHECK(found("\"北京地铁\"") == zh);
    CHECK(found("\"地铁新线路\"") == zh);
    CHECK(found("\"开通，乘客\"") == zh);     // across punctuation
    CHECK(found("\"北京 地铁\"") == zh);      // a space in the query, none in the text
    CHECK(found("\"地\"") == zh);             // one character
    CHECK(found("\"地铁北京\"") == none);     // both words, in the other order
    CHECK(found("\"北京开通\"") == none);     // both words, apart
    CHECK(found("title:\"地铁扩建\"") == zh); // a field
    CHECK(found("title:\"新线路\"") == none); // in the body only
    CHECK(found("\"新线路\" -\"北京地铁\"") == none);
    auto either = found("\"新线路\" OR strike");
    std::sort(either.begin(), either.end());
    CHECK(either == std::vector<std::string>{"rail-1", "rail-2", "rail-3", "zh-1"});
}

TEST_CASE("stopwords written in capitals in text are found as acronyms: WHO, IT") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db);
        writer.upsert(
            article("who", "WHO warns on measles", "The WHO said cases rose. Officials who spoke disagreed."));
        writer.upsert(article("pronoun", "Who will win", "Voters who stayed home decided it."));
        writer.upsert(article("it", "IT budgets grow", "Spending on IT rose as firms bought it."));
        // All in capitals, or in a run of capitals: nothing said by the capitals.
        writer.upsert(article("caps", "WHO WILL PAY FOR IT", "The board said: SHAREHOLDERS TO VOTE ON IT SOON."));
        writer.commit();
    }
    Searcher s(db);
    const auto found = [&](const std::string& q, MatchMode match = MatchMode::any) {
        SearchRequest r;
        r.query = q;
        r.match = match;
        auto out = ids(s.search(r));
        std::sort(out.begin(), out.end());
        return out;
    };
    using V = std::vector<std::string>;
    CHECK(found("WHO") == V{"who"});
    CHECK(found("IT") == V{"it"});
    CHECK(found("WHO OR IT") == V{"it", "who"});
    CHECK(found("WHO measles", MatchMode::all) == V{"who"});
    CHECK(found("IT AND budgets") == V{"it"});
    CHECK(found("TO").empty()); // only in a run of capitals
    // In small letters they stay stopwords, and a query in capitals with other words reads them so.
    CHECK(found("who").empty());
    CHECK(found("WHO WARNS") == V{"who"});
}

TEST_CASE("a searcher open before the first acronym or language arrived reads them after the commit") {
    TempDir dir;
    const auto db = dir.file("db");
    IndexWriter writer(db);
    writer.upsert(article("pronoun", "Who will win", "Voters who stayed home decided it."));
    writer.commit();
    Searcher s(db);
    SearchRequest r;
    r.query = "WHO";
    CHECK(s.search(r).hits.empty());
    writer.upsert(article("who", "WHO warns on measles", "The WHO said cases rose."));
    writer.upsert(article("de-1", "Neue Häuser", "In der Stadt werden neue Häuser gebaut.", "", "", {}, "de"));
    writer.commit();
    REQUIRE(s.refresh());
    CHECK(ids(s.search(r)) == std::vector<std::string>{"who"});
    r.query = "Haus"; // read in German too, now that the index holds German
    CHECK(ids(s.search(r)) == std::vector<std::string>{"de-1"});
}

TEST_CASE("French and Italian elisions: the word after the apostrophe is found") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db);
        writer.upsert(
            article("fr1", "L'économie repart", "Selon l'Insee, l'économie française a progressé.", "", "", {}, "fr"));
        writer.upsert(article("it1", "Dell'anno scorso", "Il bilancio dell'anno è positivo.", "", "", {}, "it"));
        writer.commit();
    }
    Searcher s(db);
    SearchRequest r;
    r.language = "fr";
    r.query = "économie";
    CHECK(s.search(r).total == 1);
    r.query = "L'économie";
    CHECK(s.search(r).total == 1);
    r.query = "insee";
    CHECK(s.search(r).total == 1);
    r.language = "it";
    r.query = "anno";
    CHECK(s.search(r).total == 1);
}

TEST_CASE("acronyms with dots meet the same word without them, stopword phrases never fail") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db);
        writer.upsert(article("1", "U.K. budget passes", "The U.K. budget passed."));
        writer.upsert(article("2", "UK trade deficit widens", "UK exports fell."));
        writer.upsert(article("3", "Cocoa prices rise", "The cocoa harvest was poor."));
        writer.commit();
    }
    Searcher s(db);
    SearchRequest r;
    for (const char* q : {"U.K.", "UK", "uk", "U.K. BUDGET"}) {
        INFO(q);
        r.query = q;
        CHECK(s.search(r).total >= 1);
    }
    r.query = "U.K.";
    const auto dotted = s.search(r).total;
    r.query = "UK";
    CHECK(s.search(r).total == dotted);
    r.query = "cocoa AND \"the\"";
    CHECK(s.search(r).total == 1);
    r.query = "\"the\"";
    CHECK(s.search(r).total == 0); // nothing can match, rather than everything
    r.query = "cocoa OR \"the who\"";
    CHECK(s.search(r).total == 1);
}

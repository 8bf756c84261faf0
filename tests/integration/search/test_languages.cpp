// One index of articles in many languages, searched without naming a language: each article
// is stemmed in its own language, and a plain query is read in every language the index holds.

#include "articles.hpp"
#include "temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace gazette;
using gazette::test::article;
using gazette::test::TempDir;

namespace {

struct Multilingual {
    TempDir dir;
    std::string db = dir.file("db");
    Multilingual() {
        IndexWriter writer(db);
        const auto add = [&](const char* id, const char* title, const char* body, const char* language) {
            writer.upsert(article(id, title, body, "2021-03-15", "Wire", {}, language));
        };
        add("de", "Neue Häuser für die Altstadt", "Die Stadt baut am Hafen neue Häuser und Wohnungen.", "de");
        add("ru", "Правительство утвердило бюджет", "Правительство страны утвердило новый бюджет на год.", "ru");
        add("fr", "Les élections municipales approchent", "Les élections auront lieu en mars dans toutes les villes.",
            "fr");
        add("tr", "Meclis bütçeyi onayladı", "Meclis yeni bütçeyi uzun bir tartışmanın ardından onayladı.", "tr");
        add("es", "Las elecciones regionales", "Las elecciones regionales se celebrarán en otoño.", "es");
        add("ar", "الحكومة تقر الميزانية", "أقرت الحكومة الميزانية الجديدة للعام المقبل.", "ar");
        add("en", "City council approves the budget", "The council approved the new budget after a long debate.", "en");
        writer.commit();
    }
};

bool finds(Searcher& searcher, const std::string& query, const std::string& id, const std::string& language = "") {
    SearchRequest r;
    r.query = query;
    r.language = language;
    r.limit = 20;
    const auto results = searcher.search(r);
    return std::any_of(results.hits.begin(), results.hits.end(), [&](const auto& h) { return h.id == id; });
}

} // namespace

TEST_CASE("a plain query finds articles in every language of the index, each stemmed in its own") {
    Multilingual index;
    Searcher searcher(index.db);
    // Other forms of the words than those written: only the article's own stemmer joins them.
    CHECK(finds(searcher, "Haus", "de"));
    CHECK(finds(searcher, "Häuser", "de"));
    CHECK(finds(searcher, "Правительства", "ru"));
    CHECK(finds(searcher, "élection", "fr"));
    CHECK(finds(searcher, "bütçe", "tr"));
    CHECK(finds(searcher, "elección", "es"));
    CHECK(finds(searcher, "ميزانية", "ar"));
    CHECK(finds(searcher, "approving budgets", "en"));
    // Phrases, and every word required, in each language.
    CHECK(finds(searcher, "\"neue Häuser\"", "de"));
    SearchRequest all;
    all.query = "Stadt Häuser";
    all.match = MatchMode::all;
    CHECK(searcher.search(all).total == 1);
    // Naming the query language reads the query in that language only.
    CHECK(finds(searcher, "Häuser", "de", "de"));
    CHECK_FALSE(finds(searcher, "Häuser", "de", "en"));
    // A filter still narrows to one language.
    SearchRequest german;
    german.query = "Häuser OR budget";
    german.languages = {"de"};
    const auto results = searcher.search(german);
    REQUIRE(results.total == 1);
    CHECK(results.hits[0].id == "de");
}

TEST_CASE("an index in one language reads queries as before") {
    TempDir dir;
    const std::string db = dir.file("db");
    {
        IndexWriter writer(db);
        for (const auto& a : test::newsroom()) writer.upsert(a);
        writer.commit();
    }
    Searcher searcher(db);
    // The same answer as the query read in the index's language, scores included.
    SearchRequest plain, english;
    plain.query = english.query = "bridges OR heatwave";
    english.language = "en";
    const auto a = searcher.search(plain), b = searcher.search(english);
    REQUIRE(a.total > 1);
    REQUIRE(a.hits.size() == b.hits.size());
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
        CHECK(a.hits[i].id == b.hits[i].id);
        CHECK(a.hits[i].score == b.hits[i].score);
    }
}

TEST_CASE("each article scores as the query read in its own language, the readings never adding up") {
    Multilingual index;
    Searcher searcher(index.db);
    // "Hafen" stems alike in English and German, "Häuser" not: the German article matches both
    // readings, and counts only its own.
    SearchRequest plain, german;
    plain.query = german.query = "Hafen Häuser";
    german.language = "de";
    const auto a = searcher.search(plain), b = searcher.search(german);
    REQUIRE(a.hits.size() == 1);
    REQUIRE(b.hits.size() == 1);
    CHECK(a.hits[0].id == "de");
    CHECK(a.hits[0].score == b.hits[0].score);
    // So the words that explain the score add up to it.
    plain.explain = true;
    const auto explained = searcher.search(plain);
    REQUIRE(explained.hits.size() == 1);
    REQUIRE(explained.hits[0].explanation);
    double sum = 0;
    for (const auto& t : explained.hits[0].explanation->terms) sum += t.weight;
    CHECK(explained.hits[0].explanation->terms.size() == 2);
    CHECK(sum == Approx(explained.hits[0].explanation->text_score));
}

namespace {

// The fixture's texts without their languages, written by `options`.
void write_undeclared(const std::string& db, const WriterOptions& options) {
    IndexWriter writer(db, options);
    writer.upsert(article("de", "Neue Häuser für die Altstadt",
                          "Die Stadt baut am Hafen neue Häuser und Wohnungen, teilte die Verwaltung am Montag mit.",
                          "2021-03-15"));
    writer.upsert(article("ru", "Правительство утвердило бюджет",
                          "Правительство страны утвердило новый бюджет на следующий год после долгих споров.",
                          "2021-03-16"));
    writer.upsert(article("fr", "Les élections municipales approchent",
                          "Les élections auront lieu en mars dans toutes les villes du pays, selon le ministère.",
                          "2021-04-02"));
    writer.upsert(article("en", "City council approves the budget",
                          "The council approved the new budget after a long debate on Tuesday night.", "2021-04-03"));
    writer.commit();
}

std::string language_of(Searcher& searcher, const std::string& id) {
    SearchRequest r;
    r.query = "id:" + id;
    const auto results = searcher.search(r);
    return results.hits.size() == 1 ? results.hits[0].language : "(not found)";
}

} // namespace

TEST_CASE("with detection articles that declare no language are stemmed in the language of their text") {
    WriterOptions incremental, bulk, archive;
    for (auto* options : {&incremental, &bulk, &archive}) options->detect_languages = true;
    incremental.threads = 1;
    bulk.threads = 2;
    archive.threads = 2;
    archive.partition = "month";
    for (const auto* options : {&incremental, &bulk, &archive}) {
        TempDir dir;
        const std::string db = dir.file("db");
        write_undeclared(db, *options);
        Searcher searcher(db);
        CHECK(language_of(searcher, "de") == "de");
        CHECK(language_of(searcher, "ru") == "ru");
        CHECK(language_of(searcher, "fr") == "fr");
        CHECK(language_of(searcher, "en").empty()); // the index's own language, as before
        CHECK(finds(searcher, "Haus", "de"));
        CHECK(finds(searcher, "Правительства", "ru"));
        CHECK(finds(searcher, "élection", "fr"));
        CHECK(finds(searcher, "approving budgets", "en"));
        SearchRequest german;
        german.languages = {"de"};
        const auto results = searcher.search(german);
        REQUIRE(results.total == 1);
        CHECK(results.hits[0].id == "de");
        SearchRequest everything;
        everything.facets = {"lang"};
        const auto counted = searcher.search(everything);
        REQUIRE(counted.facets.size() == 1);
        for (const auto& value : counted.facets[0].values) CHECK(value.count == 1);
        CHECK(counted.facets[0].values.size() == 4);
    }
}

TEST_CASE("an index made without language detection reads every undeclared article in its own language") {
    TempDir dir;
    const std::string db = dir.file("db");
    write_undeclared(db, WriterOptions{}); // the default
    {
        // The setting is the index's: a later writer asking for detection does not change it.
        WriterOptions on;
        on.detect_languages = true;
        IndexWriter writer(db, on);
        writer.upsert(article("de-2", "Neue Häuser am Hafen",
                              "Die Stadt baut am Hafen neue Häuser und Wohnungen, teilte die Verwaltung mit.",
                              "2021-05-01"));
        writer.commit();
    }
    Searcher searcher(db);
    CHECK(language_of(searcher, "de").empty());
    CHECK(language_of(searcher, "de-2").empty());
    CHECK_FALSE(finds(searcher, "Haus", "de"));
    CHECK(finds(searcher, "Häuser", "de"));
}

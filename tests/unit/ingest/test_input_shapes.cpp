// The shapes articles come in besides Gazette's own: API responses (NewsAPI, the Guardian, the
// New York Times), Elasticsearch dumps, schema.org NewsArticle, HTML in JSON and CSV, a field
// mapping, legacy-encoded CSV, text articles without a date line, and files that are none of these.

#include "read_all.hpp"
#include "temp_dir.hpp"

#include <gazette/error.hpp>

#include <catch2/catch.hpp>

#include <filesystem>

using namespace gazette;
using gazette::test::read_file;
using gazette::test::TempDir;

namespace {

Article only(const test::ReadResult& r) {
    INFO(r.error_text());
    REQUIRE(r.errors.empty());
    REQUIRE(r.records.size() == 1);
    return r.records[0].article;
}

} // namespace

TEST_CASE("a NewsAPI response: the articles inside it, the source object's name") {
    TempDir dir;
    const auto r = read_file(dir.write("newsapi.json", R"({"status": "ok", "totalResults": 2, "articles": [
  {"source": {"id": "bbc-news", "name": "BBC News"}, "author": "Jane Doe", "title": "First",
   "description": "Lead one.", "url": "https://bbc.example/1", "urlToImage": null,
   "publishedAt": "2021-03-15T10:00:00Z", "content": "Body one."},
  {"source": {"id": null, "name": "Reuters"}, "author": null, "title": "Second", "url": "https://r.example/2",
   "publishedAt": "2021-03-16T10:00:00Z"}]})"));
    INFO(r.error_text());
    REQUIRE(r.records.size() == 2);
    const auto& a = r.records[0].article;
    CHECK(a.source == "BBC News");
    CHECK(a.authors == std::vector<std::string>{"Jane Doe"});
    CHECK(a.summary == "Lead one.");
    CHECK(a.body == "Body one.");
    CHECK(a.published == "2021-03-15T10:00:00Z");
    CHECK(r.records[1].article.source == "Reuters");
    CHECK(r.records[1].article.authors.empty());
    CHECK_THAT(r.records[1].location, Catch::EndsWith("(article 2)"));
}

TEST_CASE("Elasticsearch documents and search responses") {
    TempDir dir;
    const auto lines = read_file(dir.write(
        "dump.jsonl", R"({"_index": "news", "_id": "es-1", "_source": {"headline": "From a dump", "body": "x"}}
{"hits": {"total": 1, "hits": [{"_id": "es-2", "_source": {"title": "From a search", "text": "y"}}]}})"));
    INFO(lines.error_text());
    REQUIRE(lines.records.size() == 2);
    CHECK(lines.records[0].article.id == "es-1");
    CHECK(lines.records[0].article.title == "From a dump");
    CHECK(lines.records[1].article.id == "es-2");
    CHECK(lines.records[1].article.title == "From a search");
}

TEST_CASE("schema.org NewsArticle (JSON-LD) field names, authors as objects, keywords as one string") {
    TempDir dir;
    const auto& a = only(read_file(dir.write("ld.json", R"({"@context": "https://schema.org", "@type": "NewsArticle",
  "headline": "Budget passes", "articleBody": "The budget passed.", "datePublished": "2021-03-15T10:00:00+01:00",
  "dateModified": "2021-03-15T12:00:00+01:00", "author": [{"@type": "Person", "name": "Ana Ruiz"},
  {"@type": "Person", "name": "Tom Berg"}], "publisher": {"@type": "Organization", "name": "Harbor Daily"},
  "keywords": "budget, politics", "inLanguage": "en", "url": "https://harbor.example/budget"})")));
    CHECK(a.title == "Budget passes");
    CHECK(a.body == "The budget passed.");
    CHECK(a.published == "2021-03-15T10:00:00+01:00");
    CHECK(a.updated == "2021-03-15T12:00:00+01:00");
    CHECK(a.authors == std::vector<std::string>{"Ana Ruiz", "Tom Berg"});
    CHECK(a.source == "Harbor Daily");
    CHECK(a.tags == std::vector<std::string>{"budget", "politics"});
    CHECK(a.language == "en");
    const auto graph = read_file(dir.write("graph.json", R"({"@context": "https://schema.org", "@graph": [
  {"@type": "WebPage", "@id": "https://harbor.example/#page"}, {"@type": ["Organization", "NewsMediaOrganization"],
   "name": "Harbor Daily"}, {"@type": "NewsArticle", "headline": "One", "articleBody": "a"},
  {"@type": "BlogPosting", "headline": "Two", "articleBody": "b"}, {"@type": "BreadcrumbList"}]})"));
    // The page, the publisher and the breadcrumbs beside the articles are not articles.
    CHECK(graph.errors.empty());
    REQUIRE(graph.records.size() == 2);
    CHECK(graph.records[1].article.title == "Two");
}

TEST_CASE("dates as numbers of seconds or milliseconds, bylines, first name wins") {
    TempDir dir;
    const auto r = read_file(dir.write("n.jsonl", R"({"id": "1", "title": "t", "published": 1615802400}
{"id": "2", "title": "t", "date": 1615802400000, "byline": {"original": "By Jane Roe"}}
{"id": "3", "title": "t", "url": null, "link": "https://x.example/3"})"));
    INFO(r.error_text());
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[0].article.published == "2021-03-15T10:00:00Z");
    CHECK(r.records[1].article.published == "2021-03-15T10:00:00Z");
    CHECK(r.records[1].article.authors == std::vector<std::string>{"Jane Roe"});
    CHECK(r.records[2].article.url == "https://x.example/3");
}

TEST_CASE("a field mapping names the fields of any export") {
    TempDir dir;
    const auto path =
        dir.write("custom.jsonl",
                  R"({"story_key": "k1", "hed": "Mapped title", "copy": "Mapped body", "first_seen": "2021-03-15"})");
    InputFile input{path, InputFormat::automatic, 0};
    input.field_map = parse_field_map("story_key=id, hed=title,copy=body , first_seen=published");
    test::ReadResult r;
    InputHandlers handlers;
    handlers.on_record = [&](InputRecord&& record) { r.records.push_back(std::move(record)); };
    handlers.on_error = [&](InputError&& e) { r.errors.push_back(std::move(e)); };
    read_input(input, handlers);
    const auto& a = only(r);
    CHECK(a.id == "k1");
    CHECK(a.title == "Mapped title");
    CHECK(a.body == "Mapped body");
    CHECK(a.published == "2021-03-15");
    CHECK_THROWS_WITH(parse_field_map("hed=headline_of"), Catch::Contains("'headline_of' is not an article field"));
    CHECK_THROWS_WITH(parse_field_map("hed"), Catch::Contains("'hed' is not INPUT_NAME=FIELD"));
}

TEST_CASE("HTML in JSON and CSV text fields is reduced to text") {
    TempDir dir;
    const auto& a =
        only(read_file(dir.write("h.jsonl", R"({"id": "1", "title": "Caf&eacute; &amp; bar", "body": "<p>First.</p>)"
                                            R"(<script>var x = 1;</script><p>Second&nbsp;one.</p>"})")));
    CHECK(a.title == "Café & bar");
    CHECK(a.body == "First.\n\nSecond one.");
    const auto& plain = only(read_file(dir.write("p.jsonl", R"({"id": "2", "title": "5 < 6 and AT&T", "body": "x"})")));
    CHECK(plain.title == "5 < 6 and AT&T"); // not HTML: left alone
    const auto& cell = only(read_file(dir.write("c.csv", "id,title,body\n3,Title,\"<div>In <b>bold</b></div>\"\n")));
    CHECK(cell.body == "In bold");
}

TEST_CASE("CSV exports in a legacy encoding") {
    TempDir dir;
    SECTION("windows-1252 bytes are read as such when the encoding is not named") {
        const auto& a = only(read_file(dir.write("l.csv", "id,title\n1,Caf\xE9 \x93quoted\x94\n")));
        // The reader keeps the bytes; indexing decodes fields that are not UTF-8 (see Ingest).
        CHECK(a.title == "Caf\xE9 \x93quoted\x94");
    }
    SECTION("--encoding decodes the whole file") {
        const auto& a = only(read_file(dir.write("r.csv", "id,title\n1,\xCF\xF0\xE8\xE2\xE5\xF2\n"),
                                       InputFormat::automatic, "windows-1251"));
        CHECK(a.title == "Привет");
    }
}

TEST_CASE("JSON with windows-1252 (Latin-1) text in it is read, the UTF-8 in it kept") {
    TempDir dir;
    const auto lines = read_file(dir.write("l.jsonl", "{\"id\": \"1\", \"title\": \"Caf\xE9 \x93quoted\x94\"}\n"
                                                      "{\"id\": \"2\", \"title\": \"Caf\xC3\xA9 \xE9t\xE9\"}\n"));
    INFO(lines.error_text());
    REQUIRE(lines.records.size() == 2);
    CHECK(lines.records[0].article.title == "Café “quoted”");
    CHECK(lines.records[1].article.title == "Café été");
    const auto& a = only(read_file(dir.write("a.json", "[{\"id\": \"3\", \"title\": \"Ni\xF1o\"}]")));
    CHECK(a.title == "Niño");
}

TEST_CASE("text articles without a date line: the first line is the title") {
    TempDir dir;
    const auto& a = only(read_file(dir.write("story.txt", "A headline without a date\n\nThe body.\n")));
    CHECK(a.title == "A headline without a date");
    CHECK(a.body == "The body.");
    CHECK(a.published.empty());
    CHECK(a.id == "story");
}

TEST_CASE("a file of no known shape is one clear error, not a CSV of errors") {
    TempDir dir;
    const auto path = dir.write("README.md", "# Gazette\n\nSome prose, with commas, here.\n");
    try {
        read_file(path);
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK_THAT(e.what(), Catch::Contains("README.md: not a format Gazette can tell"));
    }
    // A CSV whose header names fields is still recognised without its extension.
    CHECK(read_file(dir.write("export.dat", "title,body\nT,B\n")).records.size() == 1);
}

TEST_CASE("directories: links are followed, loops read once, skipped files reported") {
    TempDir dir;
    dir.write("in/a.jsonl", R"({"id": "a", "title": "A"})");
    dir.write("elsewhere/b.jsonl", R"({"id": "b", "title": "B"})");
    dir.write("in/notes.md", "not an input");
    std::filesystem::create_directory_symlink(dir.file("elsewhere"), dir.file("in/linked"));
    std::filesystem::create_directory_symlink(dir.file("in"), dir.file("in/loop"));
    std::filesystem::create_symlink(dir.file("nowhere.jsonl"), dir.file("in/dangling.jsonl"));
    std::vector<std::string> notes;
    const auto inputs = collect_inputs({dir.file("in")}, InputFormat::automatic, &notes);
    REQUIRE(inputs.size() == 2);
    CHECK(inputs[0].path == dir.file("in/a.jsonl"));
    CHECK(inputs[1].path == dir.file("in/linked/b.jsonl"));
    std::string all;
    for (const auto& n : notes) all += n + "\n";
    CHECK_THAT(all, Catch::Contains("in/loop: a link to a directory already read, skipped"));
    CHECK_THAT(all, Catch::Contains("in/dangling.jsonl: a link to nothing, skipped"));
    CHECK(all.find("notes.md") == std::string::npos); // inputs were found beside it
    notes.clear();
    dir.write("docs/notes.md", "prose");
    CHECK(collect_inputs({dir.file("docs")}, InputFormat::automatic, &notes).empty());
    REQUIRE(notes.size() == 1);
    CHECK_THAT(notes[0], Catch::Contains("1 file without an input extension skipped (notes.md)"));
}

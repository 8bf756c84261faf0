#include <gazette/article.hpp>
#include <gazette/error.hpp>

#include <catch2/catch.hpp>

using gazette::Article;
using gazette::normalize_article;

namespace {

Article minimal() {
    Article a;
    a.id = "a1";
    a.title = "Title";
    return a;
}

std::string rejection(const Article& a) {
    try {
        normalize_article(a);
    } catch (const gazette::Error& e) {
        CHECK(e.code() == gazette::ErrorCode::invalid_article);
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("normalize_article puts fields in canonical form") {
    Article a = minimal();
    a.title = "  Harbour   bridge\nreopens ";
    a.language = "EN-gb";
    a.published = "2021-09-06T12:30:00+02:00";
    a.tags = {"climate", " ", "climate", "energy"};
    const Article n = normalize_article(a);
    CHECK(n.title == "Harbour bridge reopens");
    CHECK(n.language == "en");
    CHECK(n.published == "2021-09-06T10:30:00Z");
    CHECK(n.tags == std::vector<std::string>{"climate", "energy"});
}

TEST_CASE("normalize_article rejects what cannot be indexed") {
    Article empty;
    empty.title = " ";
    empty.source = "Harbor Daily"; // a feed's, not the article's own
    empty.language = "en";
    CHECK(rejection(empty) == "article is empty: no title, text, link, author, tag or date");

    Article long_id = minimal();
    long_id.id = std::string(gazette::max_id_bytes + 1, 'x');
    CHECK(rejection(long_id) == "id is 201 bytes long; the limit is 200");

    Article bad_date = minimal();
    bad_date.published = "yesterday";
    CHECK(rejection(bad_date) == "field 'published' is not a date: \"yesterday\"");

    Article bad_utf8 = minimal();
    bad_utf8.body = "caf\xE9";
    CHECK(rejection(bad_utf8) == "field 'body' is not valid UTF-8 (byte 3)");
}

TEST_CASE("a missing id is generated stably") {
    Article a;
    a.title = "Storm floods quay";
    a.source = "Harbor Daily";
    a.published = "2025-01-15";
    const std::string id = normalize_article(a).id;
    CHECK(id.size() == 16);
    CHECK(normalize_article(a).id == id);
    a.title = "Storm floods quay again";
    CHECK(normalize_article(a).id != id);

    Article with_url = a;
    with_url.url = "https://example.org/story";
    CHECK(normalize_article(with_url).id == "https://example.org/story");
    with_url.url = "https://example.org/" + std::string(300, 'p');
    CHECK(normalize_article(with_url).id.rfind("url-", 0) == 0);
    CHECK(normalize_article(with_url).id.size() == 20);
}

TEST_CASE("ids generated before articles without text were kept are unchanged") {
    Article a;
    a.title = "Storm floods quay";
    a.source = "Harbor Daily";
    a.published = "2025-01-15";
    a.authors = {"Jane Doe"}; // not part of the id of an article with text
    CHECK(normalize_article(a).id == "aa8ce33c85736e55");
}

TEST_CASE("an article without text is kept and told apart by what it has") {
    Article by_author;
    by_author.source = "Harbor Daily";
    by_author.authors = {"Jane Doe"};
    const Article kept = normalize_article(by_author);
    CHECK(kept.title.empty());
    CHECK(kept.id.size() == 16);
    Article other_author = by_author;
    other_author.authors = {"John Roe"};
    CHECK(normalize_article(other_author).id != kept.id);
    Article tagged = by_author;
    tagged.authors.clear();
    tagged.tags = {"weather"};
    CHECK(normalize_article(tagged).id != kept.id);
    Article tagged_as_author = by_author; // the same name as a tag: another article
    tagged_as_author.authors.clear();
    tagged_as_author.tags = {"Jane Doe"};
    CHECK(normalize_article(tagged_as_author).id != kept.id);
    Article updated = tagged;
    updated.updated = "2025-01-15T10:00:00Z";
    CHECK(normalize_article(updated).id != normalize_article(tagged).id);

    Article id_only;
    id_only.id = "guid-1";
    CHECK(rejection(id_only) == "article is empty: no title, text, link, author, tag or date");
    Article dated;
    dated.published = "2025-01-15";
    CHECK_FALSE(normalize_article(dated).id.empty());
}

TEST_CASE("fields are cut to the field limits, a link too long to cut is dropped") {
    using gazette::FieldLimits;
    Article a = minimal();
    a.title = std::string(FieldLimits::title - 1, 'a') + "é tail";
    a.body = std::string(FieldLimits::body + 10, 'b');
    a.source = std::string(1000, 's');
    for (int i = 0; i < 80; ++i) a.tags.push_back("tag" + std::to_string(i));
    a.authors = {std::string(600, 'w')};
    a.id.clear();
    a.url = "https://example.org/" + std::string(FieldLimits::url, 'u');
    const Article n = normalize_article(a);
    CHECK(n.title == std::string(FieldLimits::title - 1, 'a')); // é would straddle the limit
    CHECK(n.body.size() == FieldLimits::body);
    CHECK(n.source.size() == FieldLimits::source);
    CHECK(n.tags.size() == FieldLimits::list_items);
    CHECK(n.authors.front().size() == FieldLimits::list_item);
    CHECK(n.url.empty());
    CHECK(n.id.rfind("url-", 0) == 0); // the id still comes from the link
}

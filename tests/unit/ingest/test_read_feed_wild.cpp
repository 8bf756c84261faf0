// Feeds as they are in the wild: legacy encodings, extension elements, ill-formed and truncated
// XML, local guids, relative links, Atom 0.3. Every item a careful feed reader keeps is kept.

#include "read_all.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace gazette;
using gazette::test::read_file;
using gazette::test::TempDir;

namespace {

std::string rss(const std::string& declaration, const std::string& title, const std::string& extra = "") {
    return declaration + "<rss version=\"2.0\"><channel><title>Feed</title><link>https://news.example/</link>" +
           "<item><title>" + title + "</title><link>https://news.example/a</link>" + extra + "</item></channel></rss>";
}

Article only(const test::ReadResult& r) {
    REQUIRE(r.errors.empty());
    REQUIRE(r.records.size() == 1);
    return r.records[0].article;
}

} // namespace

TEST_CASE("feeds in legacy encodings are decoded by their declaration") {
    struct Case {
        const char* encoding;
        const char* bytes;
        const char* text;
    };
    const Case cases[] = {
        {"windows-1252", "Caf\xE9 \x93quoted\x94 \x96 ok", "Café “quoted” – ok"},
        {"ISO-8859-1", "Caf\xE9 \x93quoted\x94 \x96 ok", "Café “quoted” – ok"}, // read as windows-1252
        {"windows-1251", "\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0", "Привет, мир"},
        {"KOI8-R", "\xF0\xD2\xC9\xD7\xC5\xD4, \xCD\xC9\xD2", "Привет, мир"},
        {"GB2312", "\xD6\xD0\xB9\xFA\xD0\xC2\xCE\xC5", "中国新闻"},
        {"GBK", "\xD6\xD0\xB9\xFA\xD0\xC2\xCE\xC5", "中国新闻"},
        {"Big5", "\xA4\xA4\xB0\xEA\xB7\x73\xBB\x44", "中國新聞"},
        {"Shift_JIS", "\x93\xFA\x96\x7B\x82\xCC\x83\x6A\x83\x85\x81\x5B\x83\x58", "日本のニュース"},
        {"EUC-JP", "\xC6\xFC\xCB\xDC\xA4\xCE\xA5\xCB\xA5\xE5\xA1\xBC\xA5\xB9", "日本のニュース"},
        // As browsers read them (WHATWG): "~" and "\" are ASCII, not an overline and a yen sign;
        // the NEC and IBM characters Windows writes (Ⅲ, ①) are read, not replaced.
        {"Shift_JIS", "NIKE KATO\x87\x56 ~user \\100", "NIKE KATOⅢ ~user \\100"},
        {"x-sjis", "\x87\x40 \xFA\x40", "① ⅰ"},
        {"EUC-JP", "\xAD\xA1 ~user", "① ~user"},
        {"ISO-8859-7", "\xC5\xEB\xEB\xDC\xE4\xE1", "Ελλάδα"},
        {"ISO-8859-15", "Prix 5 \xA4", "Prix 5 €"},
        {"windows-1256", "\xDA\xD1\xC8\xED", "عربي"},
        {"ISO-8859-2", "Za\xBF\xF3\xB3\xE6", "Zażółć"},
    };
    TempDir dir;
    for (const auto& c : cases) {
        INFO(c.encoding);
        const auto path =
            dir.write("f.rss", rss(std::string("<?xml version=\"1.0\" encoding=\"") + c.encoding + "\"?>\n", c.bytes));
        CHECK(only(read_file(path)).title == c.text);
    }
}

TEST_CASE("byte order marks, missing declarations and mislabelled feeds") {
    TempDir dir;
    SECTION("UTF-16 with a byte order mark") {
        const std::string text = rss("<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "Señal");
        std::string utf16 = "\xFF\xFE";
        // Every character here is in the BMP: UTF-16LE is each code point in two bytes.
        for (std::size_t i = 0; i < text.size();) {
            const auto b = static_cast<unsigned char>(text[i]);
            char32_t cp = b;
            std::size_t n = 1;
            if (b >= 0xC0) cp = ((b & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F), n = 2;
            utf16 += static_cast<char>(cp & 0xFF);
            utf16 += static_cast<char>(cp >> 8);
            i += n;
        }
        CHECK(only(read_file(dir.write("f.rss", utf16))).title == "Señal");
    }
    SECTION("a UTF-8 byte order mark, then junk before the first tag") {
        CHECK(only(read_file(dir.write("f.rss", "\xEF\xBB\xBF\n\n  " + rss("<?xml version=\"1.0\"?>", "Ok")))).title ==
              "Ok");
    }
    SECTION("no declaration, and bytes that are not UTF-8: windows-1252") {
        CHECK(only(read_file(dir.write("f.rss", rss("", "Caf\xE9")))).title == "Café");
    }
    SECTION("declared ISO-8859-1 but written in UTF-8") {
        CHECK(
            only(read_file(dir.write("f.rss", rss("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>", "Café")))).title ==
            "Café");
    }
    SECTION("an unknown encoding label: the bytes decide") {
        CHECK(only(read_file(dir.write("f.rss", rss("<?xml version=\"1.0\" encoding=\"x-unheard-of\"?>", "Plain"))))
                  .title == "Plain");
    }
    SECTION("numeric references to windows-1252 characters") {
        CHECK(only(read_file(dir.write("f.rss", rss("", "It&#146;s &#147;news&#148;")))).title == "It’s “news”");
    }
    SECTION("--encoding overrides the declaration") {
        CHECK(only(read_file(dir.write("f.rss",
                                       rss("<?xml version=\"1.0\" encoding=\"utf-8\"?>", "\xCF\xF0\xE8\xE2\xE5\xF2")),
                             InputFormat::automatic, "windows-1251"))
                  .title == "Привет");
    }
}

TEST_CASE("extension elements never stand in for the feed's own") {
    TempDir dir;
    const auto path = dir.write("f.rss", R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom"
     xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Feed</title><link>https://news.example/</link>
<atom:link rel="self" href="https://news.example/feed.xml"/>
<item>
  <media:title>Photo caption</media:title>
  <media:description>About the photo</media:description>
  <atom:link rel="amphtml" href="https://news.example/amp/a"/>
  <title>The real title</title>
  <link>https://news.example/a</link>
  <description>The real description.</description>
  <itunes:summary>Podcast summary</itunes:summary>
</item>
<item>
  <title>Only an Atom link</title>
  <atom:link rel="alternate" href="https://news.example/b"/>
</item>
</channel></rss>)");
    const auto r = read_file(path);
    REQUIRE(r.records.size() == 2);
    const auto& a = r.records[0].article;
    CHECK(a.title == "The real title");
    CHECK(a.url == "https://news.example/a");
    CHECK(a.body == "The real description.");
    CHECK(r.records[1].article.url == "https://news.example/b");
}

TEST_CASE("ill-formed and truncated feeds keep the items before the damage") {
    TempDir dir;
    SECTION("a bare ampersand in a link, HTML entities that XML does not define") {
        const auto& a =
            only(read_file(dir.write("f.rss", rss("", "Caf&eacute; &amp; bar&nbsp;ok &copy; &unknownentity; &",
                                                  "<guid>https://news.example/a?x=1&y=2</guid>"))));
        CHECK(a.title == "Café & bar ok © &unknownentity; &");
        CHECK(a.id == "https://news.example/a?x=1&y=2");
    }
    SECTION("cut in the middle of the third item") {
        const std::string feed = "<rss><channel><title>Feed</title>"
                                 "<item><title>One</title><link>https://n.example/1</link></item>\n"
                                 "<item><title>Two</title><link>https://n.example/2</link></item>\n"
                                 "<item><title>Thr";
        const auto r = read_file(dir.write("f.rss", feed));
        // The half-written third item is left out: it has no link, and a later fetch of the
        // whole feed would add it again.
        REQUIRE(r.records.size() == 2);
        CHECK(r.records[0].article.title == "One");
        CHECK(r.records[1].article.title == "Two");
        REQUIRE(r.warnings.size() == 2);
        CHECK_THAT(r.warnings[0].message, Catch::Contains("what could be read is kept"));
        CHECK_THAT(r.warnings[1].message, Catch::Contains("cut off where the feed ends has no link or id"));
        // Cut after its link, an item is kept, as feedparser keeps it.
        const auto linked =
            read_file(dir.write("g.rss", "<rss><channel><title>Feed</title>"
                                         "<item><title>One</title><link>https://n.example/1</link></item>\n"
                                         "<item><title>Two</title><link>https://n.example/2</link><description>half"));
        REQUIRE(linked.records.size() == 2);
        CHECK(linked.records[1].article.url == "https://n.example/2");
    }
    SECTION("an Atom feed cut in an entry") {
        const auto r = read_file(dir.write(
            "f.atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>"
                      "<entry><id>tag:t,1</id><title>Atom 1</title><link href=\"https://t.example/1\"/></entry>"
                      "<entry><id>tag:t,2</id><title>Ato"));
        // The cut entry has its id: kept, and the whole feed fetched later replaces it.
        REQUIRE(r.records.size() == 2);
        CHECK(r.records[1].article.id == "tag:t,2");
        const auto anonymous =
            read_file(dir.write("g.atom", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>"
                                          "<entry><id>tag:t,1</id><title>Atom 1</title></entry><entry><title>Ato"));
        REQUIRE(anonymous.records.size() == 1);
    }
    SECTION("raw HTML in titles and descriptions, an unclosed tag among it: every item kept whole") {
        const auto r = read_file(dir.write(
            "f.rss", "<rss><channel><title>Feed</title>"
                     "<item><title>One <b>bold</title><link>https://n.example/1?a=1&amp;b=2</link>"
                     "<description>First <br> line &amp; more</description></item>\n"
                     "<item><title>Two</title><link>https://n.example/2?a=1&amp;b=2</link>"
                     "<description><![CDATA[<p>Kept <i>as</i> is</p>]]></description></item>\n"
                     "<item><title>Three &amp; four</title><link>https://n.example/3?a=1&amp;b=2</link></item>"
                     "</channel></rss>"));
        REQUIRE(r.records.size() == 3);
        CHECK(r.records[0].article.title == "One bold");
        CHECK(r.records[0].article.url == "https://n.example/1?a=1&b=2");
        CHECK_THAT(r.records[0].article.body, Catch::StartsWith("First") && Catch::EndsWith("line & more"));
        CHECK(r.records[0].article.body.find('<') == std::string::npos);
        CHECK(r.records[1].article.body == "Kept as is");
        // After the damage, escaped ampersands are still ampersands (libxml2 drops entity
        // references once a document is ill-formed).
        CHECK(r.records[2].article.title == "Three & four");
        CHECK(r.records[2].article.url == "https://n.example/3?a=1&b=2");
    }
    SECTION("control characters, a '<' that starts no tag, an unquoted attribute") {
        const auto r = read_file(dir.write("f.rss", "<rss version=2.0><channel><title>Feed</title>"
                                                    "<item><title>One\x0c two</title>"
                                                    "<description>5 < 6 &amp; 7 &gt; 2</description></item>"
                                                    "<item><title>Q&amp;A</title>"
                                                    "<link>https://n.example/q?id=7&amp;src=rss</link></item>"
                                                    "</channel></rss>"));
        REQUIRE(r.records.size() == 2);
        CHECK(r.records[0].article.title == "One two");
        CHECK(r.records[0].article.body == "5 < 6 & 7 > 2");
        CHECK(r.records[1].article.title == "Q&A");
        CHECK(r.records[1].article.url == "https://n.example/q?id=7&src=rss");
    }
}

TEST_CASE("prefixes a feed never declared are read by the namespace they usually name") {
    TempDir dir;
    const auto r = read_file(dir.write(
        "f.rss", "<rss version=\"2.0\"><channel><title>U</title><link>https://u.example/</link>"
                 "<item><media:title>Caption</media:title><title>Undeclared</title><link>https://u.example/1</link>"
                 "<dc:creator>Ann Undeclared</dc:creator><dc:date>2021-03-15T10:00:00Z</dc:date>"
                 "<content:encoded><![CDATA[<p>Full body</p>]]></content:encoded>"
                 "<description>short</description></item></channel></rss>"));
    REQUIRE(r.records.size() == 1);
    const Article& a = r.records[0].article;
    CHECK(a.title == "Undeclared");
    CHECK(a.authors == std::vector<std::string>{"Ann Undeclared"});
    CHECK(a.body == "Full body");
    CHECK(a.published == "2021-03-15T10:00:00Z");
}

TEST_CASE("ids, links and authors as feed readers resolve them") {
    TempDir dir;
    SECTION("local guids are scoped to their feed's site") {
        const auto a =
            read_file(dir.write("a.rss", "<rss><channel><title>A</title><link>https://www.a.example/news</link>"
                                         "<item><title>x</title><guid isPermaLink=\"false\">1</guid></item>"
                                         "</channel></rss>"));
        const auto b = read_file(dir.write("b.rss", "<rss><channel><title>B</title><link>https://b.example/</link>"
                                                    "<item><title>y</title><guid isPermaLink=\"false\">1</guid></item>"
                                                    "</channel></rss>"));
        CHECK(only(a).id == "a.example#1");
        CHECK(only(b).id == "b.example#1");
    }
    SECTION("relative links resolve against xml:base, else the feed's link") {
        const auto r = read_file(
            dir.write("f.atom", R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://site.example/blog/">
  <title>Blog</title><link href="https://site.example/"/>
  <author><name>Feed Author</name></author>
  <entry><id>tag:site.example,2021:1</id><title>One</title><link href="posts/1"/></entry>
  <entry xml:base="/other/"><id>tag:site.example,2021:2</id><title>Two</title><link href="2"/>
    <author><name>Own Author</name></author></entry>
</feed>)"));
        REQUIRE(r.records.size() == 2);
        CHECK(r.records[0].article.url == "https://site.example/blog/posts/1");
        CHECK(r.records[0].article.authors == std::vector<std::string>{"Feed Author"}); // inherited
        CHECK(r.records[1].article.url == "https://site.example/other/2");
        CHECK(r.records[1].article.authors == std::vector<std::string>{"Own Author"});
        const auto& rel =
            only(read_file(dir.write("r.rss", "<rss><channel><title>F</title><link>https://r.example/news/</link>"
                                              "<item><title>x</title><link>/2021/story.html</link></item>"
                                              "</channel></rss>")));
        CHECK(rel.url == "https://r.example/2021/story.html");
    }
    SECTION("RSS authors written as an email with the name in parentheses") {
        const auto& a =
            only(read_file(dir.write("f.rss", rss("", "x", "<author>jane@news.example (Jane Doe)</author>"))));
        CHECK(a.authors == std::vector<std::string>{"Jane Doe"});
    }
    SECTION("plain Atom text holding HTML character references, as CDATA keeps them, is read as HTML") {
        // As Movable Type's Japanese Atom 0.3 feeds write titles (chardet's test corpus).
        const auto r = read_file(dir.write("mt.atom", R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#">
<title>Blog</title>
<entry><title><![CDATA[3/29 Trades (7769&nbsp;Rhythm)]]></title><id>tag:b,2005:1</id></entry>
<entry><title><![CDATA[House of Demons &lt;DVD&gt;]]></title><id>tag:b,2005:2</id></entry>
<entry><title>AT&amp;T; Tom &amp; Jerry</title><id>tag:b,2005:3</id></entry>
</feed>)"));
        REQUIRE(r.records.size() == 3);
        CHECK(r.records[0].article.title == "3/29 Trades (7769 Rhythm)");
        CHECK(r.records[1].article.title == "House of Demons <DVD>");
        CHECK(r.records[2].article.title == "AT&T; Tom & Jerry"); // "&T;" is no HTML character
    }
    SECTION("Atom 0.3, with base64 content") {
        const auto& a = only(read_file(dir.write("f.atom", R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#">
  <title>Old</title><link rel="alternate" type="text/html" href="https://old.example/"/>
  <entry><title>Old entry</title><link rel="alternate" type="text/html" href="https://old.example/1"/>
    <id>tag:old.example,2004:1</id><issued>2004-01-02T03:04:05Z</issued><modified>2004-01-03T00:00:00Z</modified>
    <content type="text/html" mode="base64">PHA+SGVsbG8gPGI+d29ybGQ8L2I+PC9wPg==</content></entry>
</feed>)")));
        CHECK(a.title == "Old entry");
        CHECK(a.body == "Hello world");
        CHECK(a.published == "2004-01-02T03:04:05Z");
        CHECK(a.updated == "2004-01-03T00:00:00Z");
        CHECK(a.url == "https://old.example/1");
    }
    SECTION("script and style are never text") {
        const auto& a = only(read_file(
            dir.write("f.rss", rss("", "x",
                                   "<description><![CDATA[<p>Visible</p><script>var hidden = 1;</script>"
                                   "<style>.x{color:red}</style><noscript>nojs</noscript>]]></description>"))));
        CHECK(a.body == "Visible");
    }
}

TEST_CASE("elements feeds write besides the standard ones, and old spellings") {
    TempDir dir;
    SECTION("dc:author, <fullitem>, <summary> and <body> in RSS items; names in any case") {
        const auto r = read_file(dir.write("f.rss", R"(<rss xmlns:dc="http://purl.org/dc/elements/1.1/"><CHANNEL>
<TiTlE>Old Feed</TiTlE>
<item><title>One</title><dc:author>Ann Lee</dc:author><fullitem>The full text.</fullitem></item>
<item><title>Two</title><description>Short.</description><summary>The longer summary.</summary></item>
<item><title>Three</title><body><p>Body without a namespace.</p></body></item>
<item><TITLE>Four</TITLE><PUBDATE>Mon, 15 Mar 2021 10:00:00 GMT</PUBDATE></item>
</CHANNEL></rss>)"));
        REQUIRE(r.records.size() == 4);
        CHECK(r.records[0].article.source == "Old Feed");
        CHECK(r.records[0].article.authors == std::vector<std::string>{"Ann Lee"});
        CHECK(r.records[0].article.body == "The full text.");
        CHECK(r.records[1].article.body == "The longer summary.");
        CHECK(r.records[1].article.summary == "Short.");
        CHECK(r.records[2].article.body == "Body without a namespace.");
        CHECK(r.records[3].article.title == "Four");
        CHECK(r.records[3].article.published == "Mon, 15 Mar 2021 10:00:00 GMT");
    }
    SECTION("RSS 2.0 in UserLand's namespace, the default namespace of some feeds") {
        // As in a real university news feed (chardet's test corpus, KOI8-R/susu.ac.ru.xml).
        const auto r = read_file(dir.write("u.rss", R"(<rss version="2.0" xmlns="http://backend.userland.com/rss2">
<channel><title>University News</title><link>http://u.example/news/</link>
<lastBuildDate>Thu, 10 Mar 2005 15:45:45 +0500</lastBuildDate>
<item><pubDate>Thu, 29 Dec 2005 00:00:00 +0500</pubDate><link>http://u.example/news/1329</link>
<title>Prize winners</title><description>The ceremony took place.</description>
<AUTHOR>press@u.example (Press Office)</AUTHOR></item></channel></rss>)"));
        REQUIRE(r.records.size() == 1);
        const auto& a = r.records[0].article;
        CHECK(a.source == "University News");
        CHECK(a.title == "Prize winners");
        CHECK(a.url == "http://u.example/news/1329");
        CHECK(a.published == "Thu, 29 Dec 2005 00:00:00 +0500");
        CHECK(a.body == "The ceremony took place.");
        CHECK(a.authors == std::vector<std::string>{"Press Office"});
    }
    SECTION("markup in RSS categories, escaped, in CDATA or as elements, is dropped from the tag") {
        const auto& a =
            only(read_file(dir.write("c.rss", R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><item><title>Tagged</title><category>&lt;p&gt;Economy&lt;/p&gt;</category>
<category><![CDATA[<b>Trade</b>]]></category><category><p>Ports</p></category>
<dc:subject>&lt;i&gt;Shipping&lt;/i&gt;</dc:subject><category>R&amp;D</category></item></channel></rss>)")));
        CHECK(a.tags == std::vector<std::string>{"Economy", "Trade", "Ports", "Shipping", "R&D"});
    }
    SECTION("iTunes elements, its namespace spelt in capitals too") {
        const auto& a =
            only(read_file(dir.write("p.rss", R"(<rss xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd">
<channel><title>Cast</title><item><title>Episode</title><itunes:author>Pat Moss</itunes:author>
<itunes:category text="Technology"/><itunes:summary>About it.</itunes:summary></item></channel></rss>)")));
        CHECK(a.authors == std::vector<std::string>{"Pat Moss"});
        CHECK(a.tags == std::vector<std::string>{"Technology"});
        CHECK(a.body == "About it.");
    }
    SECTION("an iTunes subcategory inside its category is a tag too") {
        const auto& a =
            only(read_file(dir.write("q.rss", R"(<rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Cast</title><item><title>Episode</title><itunes:category text="Technology">
<itunes:category text="Gadgets"/></itunes:category></item></channel></rss>)")));
        CHECK(a.tags == std::vector<std::string>{"Technology", "Gadgets"});
    }
    SECTION("Atom: base64 by MIME type, links as text, the term of a category, the text's own language") {
        const auto& a = only(read_file(dir.write("a.atom", R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
<title>F</title><entry><id>tag:x,2021:1</id><title type="application/octet-stream">SGVsbG8gd29ybGQ=</title>
<link rel="alternate">https://x.example/1</link><category term="atom10" label="Atom 1.0 tests"/>
<content xml:lang="en">English text.</content></entry></feed>)")));
        CHECK(a.title == "Hello world");
        CHECK(a.url == "https://x.example/1");
        CHECK(a.tags == std::vector<std::string>{"atom10"});
        CHECK(a.language == "en");
    }
    SECTION("Atom: base64 text that decodes to markup or escaped markup is read as HTML") {
        // "Example <b>Atom</b>" and "&lt;p&gt;Entry&lt;/p&gt;", base64-encoded.
        const auto& a = only(read_file(dir.write("m.atom", R"(<feed xmlns="http://www.w3.org/2005/Atom">
<entry><id>tag:x,2021:2</id><title type="application/octet-stream">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>
<summary type="application/octet-stream">Jmx0O3AmZ3Q7RW50cnkmbHQ7L3AmZ3Q7</summary></entry></feed>)")));
        CHECK(a.title == "Example Atom");
        CHECK(a.body == "<p>Entry</p>");
    }
    SECTION("a feed in a namespace of an Atom draft") {
        const auto& a = only(read_file(dir.write("d.atom", R"(<feed xmlns="http://purl.org/echo/">
<title>Draft</title><entry><title>Echo entry</title></entry></feed>)")));
        CHECK(a.title == "Echo entry");
        CHECK(a.source == "Draft");
    }
    SECTION("authors written 'Name (email)'") {
        const auto& a =
            only(read_file(dir.write("f.rss", rss("", "x", "<author>Jane Doe (jane@news.example)</author>"))));
        CHECK(a.authors == std::vector<std::string>{"Jane Doe"});
    }
    SECTION("object fallback text is kept; a self-closed iframe does not swallow what follows") {
        const auto& a = only(read_file(
            dir.write("f.rss", rss("", "x",
                                   "<description>safe &lt;object data=\"x\"&gt; description &lt;/object&gt; then "
                                   "&lt;iframe src=\"y\"/&gt; after</description>"))));
        CHECK(a.body == "safe description then after");
    }
    SECTION("character references XML cannot hold become U+FFFD; &#X41; is A") {
        const auto& a = only(read_file(dir.write("f.rss", rss("", "a &#1114112; b &#55296; c &#X41; d"))));
        CHECK(a.title == "a \xEF\xBF\xBD b \xEF\xBF\xBD c A d");
    }
    SECTION("an item with only a link is kept") {
        const auto r = read_file(dir.write("l.rss", "<rss><channel><title>F</title>"
                                                    "<item><link>https://l.example/1</link></item></channel></rss>"));
        REQUIRE(r.records.size() == 1);
        CHECK(r.records[0].article.url == "https://l.example/1");
        CHECK(normalize_article(r.records[0].article).id == "https://l.example/1");
    }
}

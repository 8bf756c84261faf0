#include "read_all.hpp"
#include "temp_dir.hpp"

#include <gazette/error.hpp>

#include <catch2/catch.hpp>

using namespace gazette;
using gazette::test::read_file;
using gazette::test::TempDir;

TEST_CASE("RSS 2.0: items with HTML descriptions reduced to text") {
    TempDir dir;
    const auto path = dir.write("f.rss", R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Harbor Daily</title>
  <language>en-us</language>
  <item>
    <title>Bridge reopens</title>
    <link>https://harbordaily.example/bridge</link>
    <guid isPermaLink="false">hd-1</guid>
    <pubDate>Tue, 12 Apr 2022 08:30:00 +0000</pubDate>
    <dc:creator>Ana Ruiz</dc:creator>
    <category>transport</category><category>infrastructure</category>
    <description>&lt;p&gt;The bridge &lt;a href="x"&gt;reopened&lt;/a&gt; &amp;amp; traffic flowed.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
  </item>
  <item>
    <title>CDATA item</title>
    <guid>https://harbordaily.example/cdata</guid>
    <description><![CDATA[<p>First paragraph.</p><p>Second &eacute;t&eacute;.</p>]]></description>
    <content:encoded><![CDATA[<div>Full <b>body</b> text.</div>]]></content:encoded>
  </item>
</channel>
</rss>)");
    const auto r = read_file(path);
    REQUIRE(r.errors.empty());
    REQUIRE(r.records.size() == 2);
    const auto& a = r.records[0].article;
    CHECK(r.records[0].location == path + ":item 1 (line 6)");
    CHECK(a.id == "Harbor Daily#hd-1"); // a local id, scoped to its feed (which has no link)
    CHECK(a.url == "https://harbordaily.example/bridge");
    CHECK(a.title == "Bridge reopens");
    CHECK(a.body == "The bridge reopened & traffic flowed.");
    CHECK(a.published == "Tue, 12 Apr 2022 08:30:00 +0000");
    CHECK(a.source == "Harbor Daily");
    CHECK(a.language == "en-us");
    CHECK(a.authors == std::vector<std::string>{"Ana Ruiz"});
    CHECK(a.tags == std::vector<std::string>{"transport", "infrastructure"});
    const auto& b = r.records[1].article;
    CHECK(b.url == "https://harbordaily.example/cdata"); // a permalink guid doubles as the link
    CHECK(b.body == "Full body text.");
    CHECK(b.summary == "First paragraph.\n\nSecond été.");
}

TEST_CASE("Atom: entries with text constructs") {
    TempDir dir;
    const auto path = dir.write("f.atom", R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Northern Ledger</title>
  <entry>
    <id>tag:ledger.example,2023:1</id>
    <title type="html">Rates &lt;b&gt;rise&lt;/b&gt;</title>
    <link rel="self" href="https://ledger.example/self"/>
    <link rel="alternate" href="https://ledger.example/rates"/>
    <published>2023-03-01T09:00:00+01:00</published>
    <updated>2023-03-02T09:00:00Z</updated>
    <author><name>Tom Berg</name></author>
    <category term="economy"/>
    <summary>Short summary.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <em>text</em>.</p></div></content>
  </entry>
  <entry xml:lang="de">
    <id>urn:uuid:2</id>
    <title>Nur Zusammenfassung</title>
    <updated>2023-04-01T00:00:00Z</updated>
    <summary type="html">&lt;p&gt;Zusammenfassung&lt;/p&gt;</summary>
  </entry>
</feed>)");
    const auto r = read_file(path);
    REQUIRE(r.errors.empty());
    REQUIRE(r.records.size() == 2);
    const auto& a = r.records[0].article;
    CHECK(a.id == "tag:ledger.example,2023:1");
    CHECK(a.title == "Rates rise");
    CHECK(a.url == "https://ledger.example/rates");
    CHECK(a.published == "2023-03-01T09:00:00+01:00");
    CHECK(a.updated == "2023-03-02T09:00:00Z");
    CHECK(a.authors == std::vector<std::string>{"Tom Berg"});
    CHECK(a.tags == std::vector<std::string>{"economy"});
    CHECK(a.summary == "Short summary.");
    CHECK(a.body == "Body text.");
    CHECK(a.source == "Northern Ledger");
    CHECK(a.language == "en");
    const auto& b = r.records[1].article;
    CHECK(b.language == "de");
    CHECK(b.published == "2023-04-01T00:00:00Z"); // falls back to updated
    CHECK(b.body == "Zusammenfassung");
}

TEST_CASE("feeds: ill-formed XML is read as far as it goes, with a warning, other XML fails") {
    TempDir dir;
    const auto r = read_file(dir.write("broken.rss", "<rss><channel>\n<item><title>x</title>\n</channel></rss>"));
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].article.title == "x");
    REQUIRE(r.warnings.size() == 1);
    CHECK_THAT(r.warnings[0].location, Catch::Contains("broken.rss:3"));
    CHECK_THAT(r.warnings[0].message, Catch::Contains("not well-formed XML"));
    try {
        read_file(dir.write("plain.xml", "this is not xml at all"));
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK_THAT(e.what(), Catch::Contains("plain.xml:1: not an XML feed"));
    }
    try {
        read_file(dir.write("other.xml", "<html><body>hi</body></html>"));
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK_THAT(e.what(), Catch::Contains("<html> is not an RSS or Atom feed"));
    }
}

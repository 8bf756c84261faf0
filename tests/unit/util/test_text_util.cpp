#include "util/text_util.hpp"

#include <catch2/catch.hpp>

using namespace gazette::detail;

TEST_CASE("UTF-8 validation rejects malformed sequences") {
    CHECK(is_valid_utf8("plain ascii"));
    CHECK(is_valid_utf8("Zürich “quoted” 東京 🙂"));
    CHECK_FALSE(is_valid_utf8("\xC3"));             // truncated 2-byte sequence
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));         // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));     // UTF-16 surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80")); // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("ok\xFFok"));
    CHECK(invalid_utf8_offset("ok\xFFok") == 2);
    CHECK(repair_utf8("a\xFF"
                      "b") == "a\xEF\xBF\xBD"
                              "b");
}

TEST_CASE("trim and normalize_space handle Unicode spaces and keep paragraphs") {
    CHECK(trim("  \t hello \n") == "hello");
    CHECK(trim("\xC2\xA0nbsp\xC2\xA0") == "nbsp");
    CHECK(trim("\xEF\xBB\xBFwith bom") == "with bom");
    CHECK(trim("   ") == "");
    CHECK(normalize_space("one\n  two\t three") == "one two three");
    CHECK(normalize_space("para one\n\n\npara two") == "para one\n\npara two");
}

TEST_CASE("slugify makes exact-match keys") {
    CHECK(slugify("The Lakeside Post") == "the-lakeside-post");
    CHECK(slugify("  Climate -- Change! ") == "climate-change");
    CHECK(slugify("Zürcher Zeitung") == "zürcher-zeitung");
    CHECK(slugify("ÉCONOMIE") == "économie");
    CHECK(slugify("***") == "");
}

TEST_CASE("html_escape escapes markup characters") {
    CHECK(html_escape("R&D <3 \"quotes\" 'single'") == "R&amp;D &lt;3 &quot;quotes&quot; &#39;single&#39;");
}

TEST_CASE("fnv1a64 is stable") {
    CHECK(hex16(fnv1a64("")) == "cbf29ce484222325");
    CHECK(hex16(fnv1a64("a")) == "af63dc4c8601ec8c");
}

TEST_CASE("highlights that touch are joined into one") {
    using gazette::detail::merge_adjacent_marks;
    std::string s = "新<b>预</b><b>算</b>，<b>预</b><b>算</b>将";
    merge_adjacent_marks(s, "<b>", "</b>");
    CHECK(s == "新<b>预算</b>，<b>预算</b>将");
    s = "a <b>budget</b> <b>vote</b>"; // apart: left as they are
    merge_adjacent_marks(s, "<b>", "</b>");
    CHECK(s == "a <b>budget</b> <b>vote</b>");
    s = "<b>x</b><b>y</b>";
    merge_adjacent_marks(s, "", ""); // no highlighting: nothing to join
    CHECK(s == "<b>x</b><b>y</b>");
}

TEST_CASE("lead_snippet cuts at a word boundary, escapes, and marks the cut") {
    using gazette::detail::lead_snippet;
    CHECK(lead_snippet("Short text.", 40) == "Short text.");
    CHECK(lead_snippet("One two three four", 12) == "One two…");
    CHECK(lead_snippet("Spaces\n\n  and\tlines", 100) == "Spaces and lines");
    CHECK(lead_snippet("R&D <costs> fell", 100) == "R&amp;D &lt;costs&gt; fell");
    CHECK(lead_snippet("Unbreakablewordthatgoeson", 10) == "Unbreakabl…");
    CHECK(lead_snippet("日本語のテキスト", 7) == "日本…"); // never splits a character
    CHECK(lead_snippet("", 10).empty());
}

TEST_CASE("truncate_utf8 cuts at a character boundary") {
    using gazette::detail::truncate_utf8;
    std::string text = "abc";
    truncate_utf8(text, 10);
    CHECK(text == "abc");
    text = "héllo"; // é is two bytes: h(1) é(2) l l o
    truncate_utf8(text, 2);
    CHECK(text == "h");
    text = "héllo";
    truncate_utf8(text, 3);
    CHECK(text == "hé");
    text = "日本語";
    truncate_utf8(text, 5);
    CHECK(text == "日");
    text = "😀x";
    truncate_utf8(text, 3);
    CHECK(text.empty());
}

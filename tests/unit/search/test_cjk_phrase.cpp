// CJK phrases are built from the pairs of adjacent characters, with the window that the
// indexer's interleaved positions need.

#include <catch2/catch.hpp>

#include "search/cjk_phrase.hpp"
#include "search/hex_token.hpp"

using namespace gazette::detail;

TEST_CASE("a CJK phrase is the pairs of its characters, within the positions they span") {
    // 北1 北京2 京3 京地4 地5 地铁6 铁7: the pairs at 2, 4 and 6.
    CHECK(cjk_phrase_query("北京地铁", "Z").get_description() == "Query((Z北京 PHRASE 5 Z京地 PHRASE 5 Z地铁))");
    // Two characters: their pair; one: the character.
    CHECK(cjk_phrase_query("北京", "ZS").get_description() == "Query(ZS北京)");
    CHECK(cjk_phrase_query("北", "Z").get_description() == "Query(Z北)");
    // Runs split by a space or punctuation: one position more between them, so that they match
    // the text with or without a pair across them.
    CHECK(cjk_phrase_query("北京 地铁", "Z").get_description() == "Query((Z北京 PHRASE 5 Z地铁))");
    CHECK(cjk_phrase_query("北京，地", "Z").get_description() == "Query((Z北京 PHRASE 4 Z地))");
    CHECK(cjk_phrase_query("，", "Z").empty());
}

TEST_CASE("only phrases of CJK text alone are built as CJK phrases") {
    CHECK(is_cjk_phrase("北京地铁"));
    CHECK(is_cjk_phrase("예산안을 발표"));
    CHECK(is_cjk_phrase(" 北京，地铁。"));
    CHECK_FALSE(is_cjk_phrase("北京 subway"));
    CHECK_FALSE(is_cjk_phrase("2021年"));
    CHECK_FALSE(is_cjk_phrase("，。"));
    CHECK_FALSE(is_cjk_phrase(""));
}

TEST_CASE("a CJK phrase passes the query parser as hex, and the field processor reads it back") {
    const std::string token = hex_token("北京地铁");
    CHECK(token.find_first_not_of("0123456789abcdef") == std::string::npos);
    CjkPhraseProcessor processor("Z");
    CHECK(processor(token).get_description() == cjk_phrase_query("北京地铁", "Z").get_description());
    // Not hex (typed by hand): a plain term of the field.
    CHECK(processor("xyz").get_description() == "Query(Zxyz)");
}

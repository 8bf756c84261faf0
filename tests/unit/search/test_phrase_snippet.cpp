// Snippets around phrases of stopwords, which Xapian's snippets cannot mark.

#include "search/phrase_snippet.hpp"

#include <catch2/catch.hpp>

using namespace gazette::detail;

TEST_CASE("a phrase snippet marks each word of the phrase where it stands") {
    const std::vector<std::string> who{"The Who"};
    CHECK(phrase_snippet("Last night the Who played.", who, 100, "<b>", "</b>") ==
          "Last night <b>the</b> <b>Who</b> played.");
    // Across punctuation, as phrases match; every occurrence in the window.
    CHECK(phrase_snippet("The, who? Then the\n\nWho & co", who, 100, "[", "]") ==
          "[The], [who]? Then [the] [Who] &amp; co");
    CHECK(phrase_snippet("the whole town", who, 100, "[", "]") == std::nullopt);
    CHECK(phrase_snippet("Who the", who, 100, "[", "]") == std::nullopt);
    CHECK(phrase_snippet("", who, 100, "[", "]") == std::nullopt);
}

TEST_CASE("a phrase snippet is a window around the first place the phrase stands") {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "word" + std::to_string(i) + " ";
    text += "and then the Who came";
    for (int i = 0; i < 40; ++i) text += " tail" + std::to_string(i);
    const auto snippet = phrase_snippet(text, {"the who"}, 80, "[", "]");
    REQUIRE(snippet);
    CHECK(snippet->rfind("…", 0) == 0);
    CHECK(snippet->find("[the] [Who] came") != std::string::npos);
    CHECK(snippet->size() < 80 + 40);
    CHECK(snippet->substr(snippet->size() - 3) == "…");
    // Two phrases: the one that comes first in the text.
    const auto either = phrase_snippet("to be or not to be, said the Who", {"the who", "to be"}, 12, "[", "]");
    REQUIRE(either);
    CHECK(either->rfind("[to] [be]", 0) == 0);
    // Where two phrases start at one word, the longer one.
    CHECK(phrase_snippet("so the Who played on", {"the who", "the who played"}, 100, "[", "]") ==
          "so [the] [Who] [played] on");
}

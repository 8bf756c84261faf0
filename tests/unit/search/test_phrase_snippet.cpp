// Snippets around phrases of stopwords, which Xapian's snippets cannot mark.

#include "search/phrase_snippet.hpp"

#include <catch2/catch.hpp>

using namespace gazette::detail;

TEST_CASE("a phrase snippet marks each word of the phrase where it stands") {
    const PhraseSnippets who({"The Who"});
    CHECK(who.snippet("Last night the Who played.", 100, "<b>", "</b>") == "Last night <b>the</b> <b>Who</b> played.");
    // Across punctuation, as phrases match; every occurrence in the window.
    CHECK(who.snippet("The, who? Then the\n\nWho & co", 100, "[", "]") == "[The], [who]? Then [the] [Who] &amp; co");
    CHECK(who.snippet("the whole town", 100, "[", "]") == std::nullopt);
    CHECK(who.snippet("Who the", 100, "[", "]") == std::nullopt);
    CHECK(who.snippet("", 100, "[", "]") == std::nullopt);
}

TEST_CASE("a phrase snippet is a window around the first place the phrase stands") {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "word" + std::to_string(i) + " ";
    text += "and then the Who came";
    for (int i = 0; i < 40; ++i) text += " tail" + std::to_string(i);
    const auto snippet = PhraseSnippets({"the who"}).snippet(text, 80, "[", "]");
    REQUIRE(snippet);
    CHECK(snippet->rfind("…", 0) == 0);
    CHECK(snippet->find("[the] [Who] came") != std::string::npos);
    CHECK(snippet->size() < 80 + 40);
    CHECK(snippet->substr(snippet->size() - 3) == "…");
    // Single words are Xapian's to mark; no phrase of two words, nothing to do.
    CHECK(PhraseSnippets({"who", "the", ""}).empty());
    // Two phrases: the one that comes first in the text.
    const auto either = PhraseSnippets({"the who", "to be"}).snippet("to be or not to be, said the Who", 12, "[", "]");
    REQUIRE(either);
    CHECK(either->rfind("[to] [be]", 0) == 0);
    // Where two phrases start at one word, the longer one.
    CHECK(PhraseSnippets({"the who", "the who played"}).snippet("so the Who played on", 100, "[", "]") ==
          "so [the] [Who] [played] on");
}

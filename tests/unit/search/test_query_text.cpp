// The query text before the parser: stopword-only parts, acronyms in capitals, elisions.

#include "analysis/elisions.hpp"
#include "search/hex_token.hpp"
#include "search/query_builder.hpp"
#include "search/query_rewrite.hpp"
#include "search/stopword_phrase.hpp"

#include <catch2/catch.hpp>

using namespace gazette::detail;

namespace {

const std::vector<std::string_view> stopwords{"the", "who", "of", "a", "and"};

} // namespace

TEST_CASE("parts made only of stopwords are taken out with their operators") {
    CHECK(drop_stopword_only_parts("cocoa AND \"the\"", stopwords) == "cocoa");
    CHECK(drop_stopword_only_parts("\"bank of america\" OR \"the who\"", stopwords) == "\"bank of america\"");
    CHECK(drop_stopword_only_parts("bridge AND the", stopwords) == "bridge");
    CHECK(drop_stopword_only_parts("the AND bridge", stopwords) == "bridge");
    CHECK(drop_stopword_only_parts("(cocoa OR the) AND sugar", stopwords) == "(cocoa) AND sugar");
    CHECK(drop_stopword_only_parts("cocoa NOT \"the\"", stopwords) == "cocoa");
    CHECK(drop_stopword_only_parts("\"The Who\"", stopwords).empty());
    CHECK(drop_stopword_only_parts("title:\"the\" bridge", stopwords) == "bridge");
    // Left as they are: phrases with other words, lone stopwords among words (the parser
    // ignores those), lower-case "and" (a word, not an operator).
    CHECK(drop_stopword_only_parts("\"the bridge\" toll", stopwords) == "\"the bridge\" toll");
    CHECK(drop_stopword_only_parts("the bridge", stopwords) == "the bridge");
    CHECK(drop_stopword_only_parts("rock and roll", stopwords) == "rock and roll");
    CHECK(drop_stopword_only_parts("the*", stopwords) == "the*");
}

TEST_CASE("a query of excluded words only is a pure negation") {
    CHECK(pure_negation("-bridge") == "NOT (bridge)");
    CHECK(pure_negation("-bridge -\"toll road\"") == "NOT (bridge OR \"toll road\")");
    CHECK(pure_negation("toll -bridge") == "toll -bridge");
    CHECK(pure_negation("-") == "-");
    CHECK(pure_negation("") == "");
}

TEST_CASE("a query in capitals is lower-cased, but not its acronyms") {
    CHECK(lower_keeping_acronyms("BANK OF AMERICA") == "bank of america");
    CHECK(lower_keeping_acronyms("U.K. BUDGET") == "U.K. budget");
    CHECK(lower_keeping_acronyms("\"U.S.A.\" (TRADE)") == "\"U.S.A.\" (trade)");
}

TEST_CASE("stopwords typed in capitals are acronyms, outside phrases, operators aside") {
    const std::string who = acronym_field() + ":" + hex_token("who");
    CHECK(stopword_acronyms("WHO vaccine", stopwords) == who + " vaccine");
    CHECK(stopword_acronyms("vaccine AND WHO", stopwords) == "vaccine AND " + who);
    CHECK(stopword_acronyms("(WHO OR UN) report", stopwords) == "(" + who + " OR UN) report"); // UN: no stopword
    CHECK(stopword_acronyms("who said", stopwords) == "who said");                             // small letters
    CHECK(stopword_acronyms("Who said", stopwords) == "Who said");
    CHECK(stopword_acronyms("\"WHO said\"", stopwords) == "\"WHO said\""); // a phrase
    CHECK(stopword_acronyms("title:WHO", stopwords) == "title:WHO");       // a field's value
    CHECK(stopword_acronyms("A", stopwords) == "A");                       // one letter
    // The processor reads the word back into the acronym's term.
    AcronymProcessor processor;
    CHECK(processor(hex_token("who")).get_description() == "Query(XACwho)");

    CHECK(only_stopwords("WHO", stopwords));
    CHECK(only_stopwords("WHO OR THE", stopwords));
    CHECK_FALSE(only_stopwords("WHO WARNS", stopwords));
    CHECK_FALSE(only_stopwords("", stopwords));
}

TEST_CASE("elided articles are split from the word after them") {
    CHECK(has_elisions("fr"));
    CHECK(has_elisions("it"));
    CHECK_FALSE(has_elisions("en"));
    CHECK(split_elisions("L'économie de l'Europe") == "L économie de l Europe");
    CHECK(split_elisions("qu'il jusqu’à dell'anno") == "qu il jusqu à dell anno");
    CHECK(split_elisions("aujourd'hui") == "aujourd'hui"); // not an elision
    CHECK(split_elisions("l'") == "l'");                   // nothing after it
    CHECK(split_elisions("O'Brien") == "O'Brien");
}

TEST_CASE("runs of dots in running text are spaces, date ranges are left to the parser") {
    CHECK(dots_as_spaces("Re: ... oil prices") == "Re:     oil prices");
    CHECK(dots_as_spaces("wait..what") == "wait  what");
    CHECK(dots_as_spaces("end of story.. more") == "end of story   more");
    CHECK(dots_as_spaces("2021..2022 oil") == "2021..2022 oil");
    CHECK(dots_as_spaces("oil ..now-7d") == "oil ..now-7d");
    CHECK(dots_as_spaces("published:2021.. oil") == "published:2021.. oil");
    CHECK(dots_as_spaces("U.S. policy") == "U.S. policy");
    CHECK(dots_as_spaces("1..5") == "1..5"); // numbers: still a (bad) range, reported as such
    // Three dots or more are an ellipsis, whatever stands beside them.
    CHECK(dots_as_spaces("Centris 650...") == "Centris 650   ");
    CHECK(dots_as_spaces("DeskJet 500...)") == "DeskJet 500   )");
    CHECK(dots_as_spaces("Wanting 3479P's...") == "Wanting 3479P's   ");
    CHECK(dots_as_spaces("1990...2000") == "1990   2000");
    CHECK(dots_as_spaces("card with 20mb..") == "card with 20mb  "); // not a date
    CHECK(dots_as_spaces("2021-03-15T10:00Z..") == "2021-03-15T10:00Z..");
    CHECK(dots_as_spaces("published:2021-03-15t10:00:00,5z.. oil") == "published:2021-03-15t10:00:00,5z.. oil");
    CHECK(dots_as_spaces("(2022..2021) wait..what") == "(2022..2021) wait  what"); // a range in brackets
}

TEST_CASE("operators glued to punctuation are prose, not query syntax") {
    CHECK(prose_operators("Pins   NOT!") == "Pins   not!");
    CHECK(prose_operators("this OR, that AND?") == "this or, that and?");
    CHECK(prose_operators("God!! (NOT!)") == "God!! (not!)");
    CHECK(prose_operators("Agnostic NOT... this OR... that") == "Agnostic not... this or... that");
    CHECK(prose_operators("(bridge OR toll)") == "(bridge OR toll)");
    CHECK(prose_operators("bridge AND toll") == "bridge AND toll"); // syntax
    CHECK(prose_operators("bridge NEAR/3 toll") == "bridge NEAR/3 toll");
    CHECK(prose_operators("NOTE: ORACLE!") == "NOTE: ORACLE!"); // words that start like one
    CHECK(prose_operators("bridge AND") == "bridge AND");       // a dangling one stays an error
}

TEST_CASE("phrases with stopwords side by side read the pairs of them the index keeps") {
    const auto field = [](const std::string& name, const std::string& text) {
        return stop_phrase_field(name) + ":" + hex_token(text);
    };
    CHECK(stopword_phrases("\"The Who\"", stopwords) == field("", "The Who"));
    CHECK(stopword_phrases("\"the who\" tour", stopwords) == field("", "the who") + " tour");
    CHECK(stopword_phrases("-\"of the\" bridge", stopwords) == "-" + field("", "of the") + " bridge");
    CHECK(stopword_phrases("title:\"The Who\"", stopwords) == field("title", "The Who"));
    CHECK(stopword_phrases("\"bank of america\" OR \"the who\"", stopwords) ==
          "\"bank of america\" OR " + field("", "the who"));
    // A run inside a longer phrase: the other words keep their phrase, and the run must be there too.
    CHECK(stopword_phrases("\"the who concert\"", stopwords) == "(\"concert\" AND " + field("", "the who") + ")");
    CHECK(stopword_phrases("+\"rock of the who\"", stopwords) == "+(\"rock\" AND " + field("", "of the who") + ")");
    CHECK(stopword_phrases("title:\"a bank of the west\"", stopwords) ==
          "(title:\"a bank west\" AND " + field("title", "of the") + ")");
    // Two stopwords or more and nothing else: the phrase, the only thing they can mean.
    CHECK(stopword_phrases("the who", stopwords) == field("", "the who"));
    CHECK(stopword_phrases(" The  Who ", stopwords) == field("", "The  Who"));
    // Left as they are: one stopword, none side by side, operators, fields that are not text.
    CHECK(stopword_phrases("\"the\"", stopwords) == "\"the\"");
    CHECK(stopword_phrases("the", stopwords) == "the");
    CHECK(stopword_phrases("\"bank of america\"", stopwords) == "\"bank of america\"");
    CHECK(stopword_phrases("the AND who", stopwords) == "the AND who");
    CHECK(stopword_phrases("source:\"the who\"", stopwords) == "source:\"the who\"");
    CHECK(stopword_phrases("the who tour", stopwords) == "the who tour");
    CHECK(stopword_phrases("\"the who\"", {}) == "\"the who\"");
    CHECK(stopword_phrases("say\"the who\"", stopwords) == "say\"the who\"");
    CHECK(stopword_phrases("the* who", stopwords) == "the* who"); // a wildcard
    // The rest of the query stays as typed: "-(" and "title:(" mean something only glued.
    CHECK(stopword_phrases("\"the who\" -(tour tickets)", stopwords) == field("", "the who") + " -(tour tickets)");
    CHECK(stopword_phrases("title:(beatles) \"the who\"", stopwords) == "title:(beatles) " + field("", "the who"));
    // NEAR and ADJ take words and phrases only: left to the old reading (stopwords dropped).
    CHECK(stopword_phrases("\"the who\" NEAR concert", stopwords) == "\"the who\" NEAR concert");
    CHECK(stopword_phrases("hits ADJ/3 \"the who\"", stopwords) == "hits ADJ/3 \"the who\"");
}

TEST_CASE("operators left by a dropped part keep the grouping they were glued to") {
    CHECK(drop_stopword_only_parts("cocoa \"the\" -(tour tickets)", stopwords) == "cocoa -(tour tickets)");
    CHECK(drop_stopword_only_parts("\"the\" OR title:(toll bridge)", stopwords) == "title:(toll bridge)");
}

TEST_CASE("a query of excluded groups only is a pure negation too") {
    CHECK(pure_negation("-(\"concert\" AND x)") == "NOT ((\"concert\" AND x))");
    CHECK(pure_negation("-(a b) -c") == "NOT ((a b) OR c)");
    CHECK(pure_negation("-(a b") == "-(a b"); // unclosed: left to the parser's error
    CHECK(pure_negation("-(a) b") == "-(a) b");
}

TEST_CASE("an operand of excluded words only is a pure negation at every level of brackets") {
    CHECK(pure_negation("-oil AND prices") == "(NOT (oil)) AND prices");
    CHECK(pure_negation("prices OR -oil -gas") == "prices OR (NOT (oil OR gas))");
    CHECK(pure_negation("(-oil) AND prices") == "((NOT (oil))) AND prices");
    CHECK(pure_negation("-(oil OR gas) AND prices") == "(NOT ((oil OR gas))) AND prices");
    CHECK(pure_negation("-(-oil AND gas)") == "NOT (((NOT (oil)) AND gas))");
    CHECK(pure_negation("a NOT -b") == "a NOT (NOT (b))");
    CHECK(pure_negation("-\"crude oil\" XOR title:gas") == "(NOT (\"crude oil\")) XOR title:gas");
    // What Xapian reads as typed: an operand with a word it keeps, a doubled sign, no sign.
    CHECK(pure_negation("prices -oil AND gas") == "prices -oil AND gas");
    CHECK(pure_negation("--oil AND gas") == "--oil AND gas");
    CHECK(pure_negation("(oil OR gas) AND prices") == "(oil OR gas) AND prices");
    CHECK(pure_negation("-(oil AND gas") == "-(oil AND gas"); // unclosed: left to the parser's error
    // Beside an operator, an operand that starts with an excluded word goes in brackets: the
    // parser refuses it after OR, XOR and NOT, and reads "a AND -b c" as "a AND NOT (b c)".
    CHECK(pure_negation("a OR -b c") == "a OR (-b c)");
    CHECK(pure_negation("a AND -b c") == "a AND (-b c)");
    CHECK(pure_negation("-b c XOR a") == "(-b c) XOR a");
    CHECK(pure_negation("a OR c -b") == "a OR c -b");
    CHECK(pure_negation("-title:(oil gas) AND prices") == "(NOT (title:(oil gas))) AND prices"); // the field stays
}

TEST_CASE("a sign or colon parted from a bracket by a space is not glued to it when the query is rewritten") {
    // The parser ignores them there: "x - (b)" is "x (b)", not "x -(b)".
    CHECK(grouped_proximity("x NEAR y - (b)") == "(x NEAR y) (b)");
    CHECK(grouped_proximity("x NEAR y title: (b c)") == "(x NEAR y) title (b c)");
    CHECK(grouped_proximity("x NEAR y -(b)") == "(x NEAR y) -(b)"); // glued: excluded
    CHECK(pure_negation("-oil AND - (gas)") == "(NOT (oil)) AND (gas)");
    CHECK(drop_stopword_only_parts("cocoa \"the\" Re: (toll bridge)", stopwords) == "cocoa Re (toll bridge)");
}

TEST_CASE("signs alone beside NEAR are no operand of it") {
    // Found by fuzz_query: "- NEAR n" threw out_of_range.
    CHECK(grouped_proximity("- NEAR n") == "- NEAR n");
    CHECK(grouped_proximity("x +- NEAR y") == "x +- NEAR y");
}

TEST_CASE("typographic double quotes are read as straight ones") {
    CHECK(straight_quotes("\u201CThe Who\u201D tour") == "\"The Who\" tour");
    CHECK(straight_quotes("\u201Ebank of the west\u201C") == "\"bank of the west\"");
    CHECK(straight_quotes("\u00ABto be\u00BB \u201Fx\u201D") == "\"to be\" \"x\"");
    CHECK(straight_quotes("l\u2019\u00E9conomie \u00E9lections") ==
          "l\u2019\u00E9conomie \u00E9lections"); // others stay
    CHECK(straight_quotes("") == "");
}

TEST_CASE("chains of NEAR and ADJ are bracketed with the sign of their first word") {
    CHECK(grouped_proximity("oil NEAR crude prices") == "(oil NEAR crude) prices");
    CHECK(grouped_proximity("a b NEAR/3 c ADJ d e") == "a (b NEAR/3 c ADJ d) e");
    CHECK(grouped_proximity("-oil NEAR crude prices") == "-(oil NEAR crude) prices");
    CHECK(grouped_proximity("+title:oil NEAR crude") == "+(title:oil NEAR crude)");
    CHECK(grouped_proximity("bridge \"toll road\" NEAR fees") == "bridge (\"toll road\" NEAR fees)");
    CHECK(grouped_proximity("a NEAR b OR c NEAR d") == "(a NEAR b) OR (c NEAR d)");
    // Already in brackets, or no chain: as typed.
    CHECK(grouped_proximity("(oil NEAR crude) prices") == "(oil NEAR crude) prices");
    CHECK(grouped_proximity("title:(oil NEAR crude)") == "title:(oil NEAR crude)");
    CHECK(grouped_proximity("(-oil NEAR crude)") == "(-(oil NEAR crude))"); // a sign: not as Xapian takes it
    CHECK(grouped_proximity("oil  near crude") == "oil  near crude");
    CHECK(grouped_proximity("oil NEAR") == "oil NEAR");
    CHECK(grouped_proximity("NEAR oil") == "NEAR oil");
    CHECK(grouped_proximity("oil NEAR (crude OR brent)") == "oil NEAR (crude OR brent)");
    CHECK(grouped_proximity("oil AND NEAR crude") == "oil AND NEAR crude");
    CHECK(grouped_proximity("\"oil NEAR crude\" prices") == "\"oil NEAR crude\" prices");
    // A signed word after the operator is not an operand Xapian takes: left to its reading.
    CHECK(grouped_proximity("oil NEAR -crude prices") == "oil NEAR -crude prices");
}

TEST_CASE("NEAR and ADJ typed as operators are those between two parts the query has in no other form") {
    using V = std::vector<std::string>;
    CHECK(typed_proximity_operators("oil NEAR/3 crude AND gas ADJ prices") == V{"near", "adj"});
    CHECK(typed_proximity_operators("\"crude oil\" NEAR (gas OR coal)") == V{"near"});
    CHECK(typed_proximity_operators("oil NEAR crude near shore") == V{});
    CHECK(typed_proximity_operators("\"oil NEAR gas\" prices") == V{});
    CHECK(typed_proximity_operators("NEAR Shoemaker") == V{}); // the spacecraft
    CHECK(typed_proximity_operators("bridge NEAR") == V{});
    CHECK(typed_proximity_operators("toll AND NEAR bridge") == V{});
}

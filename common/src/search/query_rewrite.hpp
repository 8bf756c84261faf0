#pragma once
// Query text adjusted to how the index was built (stems, no stopwords), before parsing.

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace gazette::detail {

/// Drops stopwords from "phrases" (the index leaves them out, positions included, so the rest
/// of the phrase matches), and turns wildcards into wildcards over stems, as the index holds
/// stems: "presidents*" becomes stem_field("")+":presid*", which finds "president" too, and
/// "title:presidents*" becomes stem_field("title")+":presid*". CJK words get the stem field
/// too: the indexer prefixes their n-grams like stems, the parser would not.
/// The hidden query field whose terms are the stems of a free-text field ("" = the default).
std::string stem_field(std::string_view field);

std::string rewrite_for_index(std::string_view query, const Xapian::Stem& stemmer,
                              const std::vector<std::string_view>& stopwords);

/// The parts of a query that can match nothing in an index without stopwords, taken out so
/// that what is left still parses and means what it says: a "phrase" of stopwords only
/// ("the", "The Who"), and a stopword tied to the rest by AND, OR, NOT, XOR or +, with that
/// operator ("cocoa AND the" is "cocoa"; '"bank of america" OR "the who"' is the first phrase).
std::string drop_stopword_only_parts(std::string_view query, const std::vector<std::string_view>& stopwords);

/// Phrases with two stopwords or more side by side, for an index that keeps their pairs
/// (analysis/stopword_pairs.hpp): a phrase of stopwords only ("The Who", title:"This Is Us")
/// becomes the query field that finds it (stop_phrase_field()); in a longer phrase each such
/// run is ANDed with the phrase of the other words ('"the who concert"' reads '("concert" AND
/// the field of "the who")'). A query of two stopwords or more and nothing else is that phrase.
/// Phrases beside NEAR or ADJ, which take words and phrases only, are left as they are; so is
/// the rest of the query, as typed.
std::string stopword_phrases(std::string_view query, const std::vector<std::string_view>& stopwords);

/// Each chain of NEAR or ADJ ("x NEAR y", "x NEAR/3 y ADJ z") in brackets, with the sign of
/// its first word before them ("-x NEAR y" is "-(x NEAR y)"). Xapian 1.4's parser reads such
/// a chain only as the whole query or beside a boolean operator: with a word after it
/// ("oil NEAR crude prices") the query is a syntax error, which it reads again as plain words
/// ("near" among them, the sign lost), and "-x NEAR y z" also leaks memory.
std::string grouped_proximity(std::string_view query);

/// NEAR and ADJ typed in `query` as operators, outside phrases, with something on each side
/// that is not another operator, in small letters ("near", "adj"), but for a word the query
/// also has as a word. Xapian 1.4's parser reads a query it cannot parse again as plain words,
/// without a word of warning: such an operator among the parsed query's words says it did.
std::vector<std::string> typed_proximity_operators(std::string_view query);

/// Typographic double quotes (“ ” „ ‟ « ») as '"': they are phrases to whoever types them, and
/// Xapian's parser reads only some of them so (“ ”), without the rewriting of phrases above.
std::string straight_quotes(std::string_view query);

/// A query made only of -excluded words, phrases or groups ("-bridge -toll") as the pure negation it
/// means ("NOT (bridge OR toll)"): Xapian's parser would otherwise search for the words. The
/// same for such an operand of AND, OR, XOR or NOT, in brackets or not ("-oil AND prices" is
/// "(NOT (oil)) AND prices"), which Xapian 1.4's parser takes for a syntax error and reads again
/// as plain words, "and" among them and the sign lost.
std::string pure_negation(std::string_view query);

/// The query field of the acronyms an index keeps of stopwords written in capitals.
std::string acronym_field();
/// Stopwords typed in capitals outside phrases ("WHO vaccine", "IT AND budget"), as that
/// field's words, which are not dropped; the operators (AND, OR, NOT...) stay operators.
std::string stopword_acronyms(std::string_view query, const std::vector<std::string_view>& stopwords);

/// True when every word of the query (operators aside) is a stopword, and there is one.
bool only_stopwords(std::string_view query, const std::vector<std::string_view>& stopwords);

/// The hex token of "who" (hex_token.hpp) -> the acronym's term.
class AcronymProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& word) override;
};

/// A query typed all in capitals, lower-cased except its acronyms ("U.K.", "U.S.A."), which
/// the parser reads as acronyms only in capitals.
std::string lower_keeping_acronyms(std::string_view query);

} // namespace gazette::detail

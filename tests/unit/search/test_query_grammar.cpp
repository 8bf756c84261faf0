// Well-formed queries of every shape the query language has (words, +/- signs, phrases,
// fields, wildcards, NEAR/ADJ chains, brackets, AND/OR/NOT/XOR), generated at random with a
// fixed seed, through the rewrites before parsing: Xapian's parser must take each one as
// written. On a syntax error it would either refuse it or silently read it again as plain
// words, operators among them.

#include "search/query_rewrite.hpp"

#include <xapian.h>

#include <catch2/catch.hpp>

#include <random>

using namespace gazette::detail;

namespace {

class QueryGenerator {
  public:
    explicit QueryGenerator(unsigned seed) : random_(seed) {}

    std::string expression(int depth) {
        static const char* operators[] = {"AND", "OR", "NOT", "XOR"};
        std::string text = operand(depth);
        for (int n = pick(4); n > 0; --n) text += std::string(" ") + operators[pick(4)] + " " + operand(depth);
        return text;
    }

  private:
    int pick(int n) { return static_cast<int>(random_() % static_cast<unsigned>(n)); }

    std::string word(bool wildcard) {
        static const char* words[] = {"bridge", "toll", "council", "title:cables", "repair*"};
        return words[pick(wildcard ? 5 : 4)];
    }

    std::string operand(int depth) {
        std::string text;
        for (int n = 1 + pick(3); n > 0; --n) {
            if (!text.empty()) text += ' ';
            const std::string sign = pick(3) == 0 ? "-" : pick(4) == 0 ? "+" : "";
            switch (pick(depth > 2 ? 4 : 6)) {
            case 0:
            case 1: text += sign + word(true); break;
            case 2: text += sign + "\"toll road\""; break;
            case 3: text += sign + word(false) + (pick(2) ? " NEAR " : " ADJ/3 ") + word(false); break;
            default: text += sign + "(" + expression(depth + 1) + ")";
            }
        }
        return text;
    }

    std::mt19937 random_;
};

// A word of the query language's syntax read as a term: the parser read the query again as words.
bool has_operator_term(const Xapian::Query& query) {
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t)
        for (const char* word : {"and", "or", "not", "xor", "near", "adj"})
            if (*t == word) return true;
    return false;
}

} // namespace

TEST_CASE("every well-formed query is parsed as written once rewritten") {
    Xapian::QueryParser parser;
    parser.add_prefix("title", "S");
    const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                           Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT;
    QueryGenerator generate(20261206);
    for (int i = 0; i < 20000; ++i) {
        const std::string query = generate.expression(0);
        const std::string text = pure_negation(grouped_proximity(query));
        INFO(query << "  ->  " << text);
        Xapian::Query parsed;
        REQUIRE_NOTHROW(parsed = parser.parse_query(text, flags));
        REQUIRE_FALSE(has_operator_term(parsed));
    }
}

#include "analysis/stopwords.hpp"

namespace gazette::detail {

namespace {

// Function words that carry no topic. Short on purpose: in news, words like "first", "new",
// "said" or "us" can matter ("US", "New York"), so only pure grammar words are listed.
const std::vector<std::string_view> english{
    "a",       "about",  "above", "after",      "again",    "against",    "all",     "am",        "an",    "and",
    "any",     "are",    "as",    "at",         "be",       "because",    "been",    "before",    "being", "below",
    "between", "both",   "but",   "by",         "can",      "could",      "did",     "do",        "does",  "doing",
    "down",    "during", "each",  "few",        "for",      "from",       "further", "had",       "has",   "have",
    "having",  "he",     "her",   "here",       "hers",     "herself",    "him",     "himself",   "his",   "how",
    "i",       "if",     "in",    "into",       "is",       "it",         "its",     "itself",    "just",  "me",
    "more",    "most",   "my",    "myself",     "no",       "nor",        "not",     "of",        "off",   "on",
    "once",    "only",   "or",    "other",      "ought",    "our",        "ours",    "ourselves", "out",   "over",
    "own",     "same",   "she",   "should",     "so",       "some",       "such",    "than",      "that",  "the",
    "their",   "theirs", "them",  "themselves", "then",     "there",      "these",   "they",      "this",  "those",
    "through", "to",     "too",   "under",      "until",    "up",         "very",    "was",       "we",    "were",
    "what",    "when",   "where", "which",      "while",    "who",        "whom",    "why",       "will",  "with",
    "would",   "you",    "your",  "yours",      "yourself", "yourselves",
};

const std::vector<std::string_view> none;

} // namespace

const std::vector<std::string_view>& stopwords_for(std::string_view language) {
    if (language == "en" || language == "english") return english;
    return none;
}

} // namespace gazette::detail

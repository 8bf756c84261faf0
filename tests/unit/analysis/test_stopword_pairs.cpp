// Pairs of adjacent stopwords, as the indexer and the query side both read them.

#include "analysis/stopword_pairs.hpp"

#include <catch2/catch.hpp>

using namespace gazette::detail;
using V = std::vector<std::string>;

namespace {

struct EnglishSample : Xapian::SimpleStopper {
    EnglishSample() {
        for (const char* w : {"the", "who", "to", "be", "or", "not", "it", "don't", "of", "a"}) add(w);
    }
};

} // namespace

TEST_CASE("pairs are two stopwords side by side, lower-cased, across punctuation as phrases are") {
    const EnglishSample words;
    CHECK(stopword_pairs("The Who played", &words) == V{"the who"});
    CHECK(stopword_pairs("Who, the band", &words) == V{"who the"});
    CHECK(stopword_pairs("to be or not to be", &words) == V{"to be", "be or", "or not", "not to", "to be"});
    CHECK(stopword_pairs("I don't know", &words).empty()); // "don't" is one word, as Xapian reads it
    CHECK(stopword_pairs("don't be", &words) == V{"don't be"});
}

TEST_CASE("a word that is not a stopword, a number or CJK text breaks a run of stopwords") {
    const EnglishSample words;
    CHECK(stopword_pairs("the bank of the west", &words) == V{"of the"});
    CHECK(stopword_pairs("the 2 who", &words).empty());
    CHECK(stopword_pairs("the 政府 who", &words).empty());
    CHECK(stopword_pairs("bridge toll", &words).empty());
    CHECK(stopword_pairs("", &words).empty());
    CHECK(stopword_pairs("the who", nullptr).empty()); // no stopwords: no pairs
}

TEST_CASE("a recorder starts each text afresh: no pair spans two texts") {
    const EnglishSample words;
    StopPairRecorder recorder(&words);
    Xapian::TermGenerator generator;
    generator.set_stopper(&recorder);
    generator.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
    Xapian::Document doc;
    generator.set_document(doc);
    V first, second;
    recorder.start(&first);
    generator.index_text("rock of the");
    recorder.start(&second);
    generator.index_text("who rolled");
    CHECK(first == V{"of the"});
    CHECK(second.empty());
    // The stopwords are still left out of the text's terms.
    std::vector<std::string> terms(doc.termlist_begin(), doc.termlist_end());
    CHECK(terms == V{"rock", "rolled"});
}

#pragma once
// Pairs of adjacent stopwords ("the who", "to be"), kept so that a phrase made only of
// stopwords ("The Who", "This Is Us", "to be or not to be") can match although the stopwords
// themselves are left out of the index, as Lucene's and Solr's common-grams do. Only pairs of
// two stopwords: a stopword beside a word is already found by the word, and those pairs would
// cost far more terms. The pairs are read by Xapian's own tokenizer, in the text and in the
// query's phrase alike, so both split words (and punctuation, numbers, CJK) the same way.

#include <xapian.h>

#include <string>
#include <vector>

namespace gazette::detail {

/// A stopper that answers as `words` does, and records the pairs of stopwords it is asked
/// about one after the other: the words a term generator reads, in order. Xapian calls a
/// stopper through a const operator, so the record is mutable; one recorder serves one
/// term generator (one thread).
class StopPairRecorder : public Xapian::Stopper {
  public:
    explicit StopPairRecorder(const Xapian::Stopper* words = nullptr) : words_(words) {}

    void set_words(const Xapian::Stopper* words) { words_ = words; }

    /// Starts a new text, whose pairs go to `pairs` ("first second"); no pair spans two texts.
    void start(std::vector<std::string>* pairs) const;
    bool operator()(const std::string& word) const override;

  private:
    const Xapian::Stopper* words_;
    mutable std::vector<std::string>* pairs_ = nullptr;
    mutable std::string previous_;
    mutable bool previous_stopped_ = false;
};

/// The pairs of adjacent stopwords of `text`, as the indexer reads them.
std::vector<std::string> stopword_pairs(const std::string& text, const Xapian::Stopper* words);

} // namespace gazette::detail

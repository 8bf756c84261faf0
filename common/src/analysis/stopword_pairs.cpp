#include "analysis/stopword_pairs.hpp"

namespace gazette::detail {

void StopPairRecorder::start(std::vector<std::string>* pairs) const {
    pairs_ = pairs;
    previous_stopped_ = false;
}

bool StopPairRecorder::operator()(const std::string& word) const {
    const bool stopped = words_ != nullptr && (*words_)(word);
    if (stopped && previous_stopped_ && pairs_ != nullptr) pairs_->push_back(previous_ + ' ' + word);
    if (stopped) previous_ = word;
    previous_stopped_ = stopped;
    return stopped;
}

std::vector<std::string> stopword_pairs(const std::string& text, const Xapian::Stopper* words) {
    std::vector<std::string> pairs;
    if (words == nullptr) return pairs;
    StopPairRecorder recorder(words);
    Xapian::TermGenerator generator;
    // The indexer's reading of words (CJK as n-grams too); no stems needed.
    generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    generator.set_stopper(&recorder);
    generator.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
    Xapian::Document scratch;
    generator.set_document(scratch);
    recorder.start(&pairs);
    generator.index_text(text);
    return pairs;
}

} // namespace gazette::detail

#pragma once
// Phrases made only of stopwords ("The Who", "to be or not to be"), found by the pairs of
// adjacent stopwords the index keeps (analysis/stopword_pairs.hpp). The phrase reaches its
// field processor as a hex token (hex_token.hpp): the parser would drop its words.

#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::detail {

/// The query field that reads a phrase of stopwords of a text field ("" for the default fields).
std::string stop_phrase_field(std::string_view field);

/// The hex token of a phrase -> every pair of adjacent stopwords in it, among the pairs of the
/// field `prefix` ("" or a field's prefix); nothing when it has no such pair. Each phrase read
/// is added to `seen` (for snippets, phrase_snippet.hpp).
class StopPhraseProcessor : public Xapian::FieldProcessor {
  public:
    StopPhraseProcessor(const Xapian::Stopper* words, std::string prefix,
                        std::shared_ptr<std::vector<std::string>> seen)
        : words_(words), prefix_(std::move(prefix)), seen_(std::move(seen)) {}
    Xapian::Query operator()(const std::string& token) override;

  private:
    const Xapian::Stopper* words_; // the query language's, owned by the Analyzer
    std::string prefix_;
    std::shared_ptr<std::vector<std::string>> seen_;
};

} // namespace gazette::detail

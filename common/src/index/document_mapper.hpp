#pragma once
// Article -> Xapian document, following the schema table.

#include "analysis/language_detection.hpp"
#include "analysis/stopword_pairs.hpp"

#include <gazette/article.hpp>

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace gazette::detail {

class Analyzer;

class DocumentMapper {
  public:
    explicit DocumentMapper(Analyzer& analyzer);

    /// `article`, or a copy of it in `storage` in the language its text is in, when it declares
    /// none and the index detects languages: what build() and the stored article take.
    const Article& with_language(const Article& article, Article& storage) const;

    /// Builds the terms and values of a normalised article (see normalize_article()); the
    /// caller adds its story and stored form (story.hpp, stored_article.hpp).
    Xapian::Document build(const Article& article);

  private:
    Analyzer& analyzer_;
    std::optional<LanguageDetector> detector_;
    Xapian::TermGenerator generator_;
    StopPairRecorder stop_pairs_;
    std::vector<std::string> pairs_; // of the field value being indexed
};

} // namespace gazette::detail

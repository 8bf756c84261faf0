#pragma once
// Article -> Xapian document, following the schema table.

#include "analysis/stopword_pairs.hpp"

#include <gazette/article.hpp>

#include <xapian.h>

#include <string>
#include <vector>

namespace gazette::detail {

class Analyzer;

class DocumentMapper {
  public:
    explicit DocumentMapper(Analyzer& analyzer) : analyzer_(analyzer) {}

    /// Builds the terms and values of a normalised article (see normalize_article()); the
    /// caller adds its story and stored form (story.hpp, stored_article.hpp).
    Xapian::Document build(const Article& article);

  private:
    Analyzer& analyzer_;
    Xapian::TermGenerator generator_;
    StopPairRecorder stop_pairs_;
    std::vector<std::string> pairs_; // of the field value being indexed
};

} // namespace gazette::detail

#pragma once
// The Xapian document of an article, as every writer builds it: terms and values, its story,
// and the stored article.

#include <gazette/article.hpp>

#include "index/minhash.hpp"
#include "util/dates.hpp"

#include <xapian.h>

#include <optional>
#include <string>

namespace gazette::detail {

class DocumentMapper;
class StoryIndex;

struct ArticleDocument {
    Xapian::Document document;
    MinHash signature;                    ///< for StoryIndex::remember() once the document is written
    std::optional<UnixSeconds> published; ///< likewise
    std::string story;
};

/// `article` is normalised already. `maybe_indexed`: as StoryIndex::assign() takes it.
ArticleDocument article_document(const Article& article, DocumentMapper& mapper, StoryIndex& stories,
                                 bool maybe_indexed = true);

} // namespace gazette::detail

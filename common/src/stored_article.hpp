#pragma once
// The stored form of an article in its document: LZ4-compressed JSON in a value slot. Xapian
// deflates document data with zlib on every write, which cost a tenth of the indexing time;
// LZ4 compresses the same text about as well for this purpose at a small fraction of the cost.

#include <gazette/article.hpp>

#include <xapian.h>

namespace gazette::detail {

void store_article(Xapian::Document& doc, const Article& article);

/// @throws Error database_corrupt if the stored bytes are damaged.
Article stored_article(const Xapian::Document& doc);

} // namespace gazette::detail

#pragma once
// How an article is kept in its document. The fields a result list shows (id, title, url,
// source, published, tags) are one value slot, in a compact length-prefixed encoding that is
// cheap to read for every hit; authors and summary, which a hit may show, another one (read from
// the whole article, its JSON parsed for them, they took 15% of a short query). The whole article is LZ4-compressed
// JSON in another slot, read only for snippets and lookups by id. Neither is document data: Xapian deflates document
// data with zlib on every write, which cost a tenth of the indexing time for full articles and still 5% for the hit
// fields alone.

#include <gazette/article.hpp>

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace gazette::detail {

/// What a hit shows of an article.
struct StoredHit {
    std::string id, title, url, source, published, language, story;
    std::vector<std::string> tags;
};

void store_article(Xapian::Document& doc, const Article& article, const std::string& story);

/// @throws Error database_corrupt if the stored bytes are damaged.
StoredHit stored_hit(const Xapian::Document& doc);
/// @throws Error database_corrupt if the stored bytes are damaged.
Article stored_article(const Xapian::Document& doc);

/// The authors and summary of an article.
struct StoredLead {
    std::vector<std::string> authors;
    std::string summary;
};
/// None for a document written before they were kept apart: stored_article() has them.
/// @throws Error database_corrupt if the stored bytes are damaged.
std::optional<StoredLead> stored_lead(const Xapian::Document& doc);

} // namespace gazette::detail

#pragma once
// How an article is kept in its document. The fields a result list shows (id, title, url,
// source, published, tags, then authors and summary) are one value slot, in a compact
// length-prefixed encoding that is cheap to read for every hit: one lookup per hit (authors and
// summary were read from the whole article, its JSON parsed for them, 15% of a short query; then
// from a slot of their own, a second lookup, 5%). The whole article is LZ4-compressed JSON in
// another slot, read only for snippets and lookups by id. Neither is document data: Xapian
// deflates document data with zlib on every write, which cost a tenth of the indexing time for
// full articles and still 5% for the hit fields alone.

#include <gazette/article.hpp>

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace gazette::detail {

/// The authors and summary of an article.
struct StoredLead {
    std::vector<std::string> authors;
    std::string summary;
};

/// What a hit shows of an article.
struct StoredHit {
    std::string id, title, url, source, published, language, story;
    std::vector<std::string> tags;
    /// None for a document written before they were kept with the hit.
    std::optional<StoredLead> lead;
};

void store_article(Xapian::Document& doc, const Article& article, const std::string& story);

/// @throws Error database_corrupt if the stored bytes are damaged.
StoredHit stored_hit(const Xapian::Document& doc);
/// The same from the value itself (which a match can return as its sort key).
/// @throws Error database_corrupt if the bytes are damaged.
StoredHit decode_hit(const std::string& value);
/// @throws Error database_corrupt if the stored bytes are damaged.
Article stored_article(const Xapian::Document& doc);

/// Authors and summary from the slot of their own of a document written when they were kept
/// there (newer documents have them in StoredHit::lead); none for a document written before that
/// (stored_article() has them).
/// @throws Error database_corrupt if the stored bytes are damaged.
std::optional<StoredLead> stored_lead(const Xapian::Document& doc);

} // namespace gazette::detail

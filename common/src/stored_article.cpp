#include "stored_article.hpp"

#include <gazette/error.hpp>

#include "article_json.hpp"
#include "schema.hpp"

#include <lz4.h>

namespace gazette::detail {

namespace {

// 4 bytes of uncompressed size (big-endian), then the LZ4 block.
constexpr std::size_t header_bytes = 4;

} // namespace

void store_article(Xapian::Document& doc, const Article& article) {
    const std::string json = article_to_json(article).dump();
    const int bound = LZ4_compressBound(static_cast<int>(json.size()));
    std::string stored(header_bytes + static_cast<std::size_t>(bound), '\0');
    const auto size = static_cast<std::uint32_t>(json.size());
    for (std::size_t i = 0; i < header_bytes; ++i) stored[i] = static_cast<char>((size >> (8 * (3 - i))) & 0xff);
    const int n = LZ4_compress_default(json.data(), stored.data() + header_bytes, static_cast<int>(json.size()), bound);
    stored.resize(header_bytes + static_cast<std::size_t>(n));
    doc.add_value(slot(Slot::document), stored);
}

Article stored_article(const Xapian::Document& doc) {
    const std::string stored = doc.get_value(slot(Slot::document));
    if (stored.size() < header_bytes) throw Error(ErrorCode::database_corrupt, "an article is missing its stored data");
    std::uint32_t size = 0;
    for (std::size_t i = 0; i < header_bytes; ++i) size = (size << 8) | static_cast<unsigned char>(stored[i]);
    std::string json(size, '\0');
    const int n = LZ4_decompress_safe(stored.data() + header_bytes, json.data(),
                                      static_cast<int>(stored.size() - header_bytes), static_cast<int>(size));
    if (n != static_cast<int>(size)) throw Error(ErrorCode::database_corrupt, "an article's stored data is damaged");
    return article_from_stored_json(json);
}

} // namespace gazette::detail

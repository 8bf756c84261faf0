#include "index/stored_article.hpp"

#include <gazette/error.hpp>

#include "index/schema.hpp"
#include "ingest/article_json.hpp"

#include <lz4.h>

namespace gazette::detail {

namespace {

// 4 bytes of uncompressed size (big-endian), then the LZ4 block.
constexpr std::size_t size_bytes = 4;

[[noreturn]] void damaged() {
    throw Error(ErrorCode::database_corrupt, "an article's stored data is damaged");
}

void put_varint(std::string& out, std::size_t n) {
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7f) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
}

void put_string(std::string& out, const std::string& s) {
    put_varint(out, s.size());
    out += s;
}

struct Reader {
    const std::string& data;
    std::size_t pos = 0;
    std::size_t varint() {
        std::size_t n = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= data.size()) damaged();
            const auto byte = static_cast<unsigned char>(data[pos++]);
            n |= static_cast<std::size_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return n;
        }
        damaged();
    }
    std::string string() {
        const std::size_t n = varint();
        if (n > data.size() - pos) damaged();
        std::string s = data.substr(pos, n);
        pos += n;
        return s;
    }
};

void put_lead(std::string& out, const Article& a) {
    put_varint(out, a.authors.size());
    for (const auto& author : a.authors) put_string(out, author);
    put_string(out, a.summary);
}

// A hit's fields, then authors and summary: one value read per hit (a second slot cost a
// B-tree lookup of its own, 5% of a short query).
std::string encode_hit(const Article& a, const std::string& story) {
    std::string out;
    for (const std::string* field : {&a.id, &a.title, &a.url, &a.source, &a.published, &a.language, &story})
        put_string(out, *field);
    put_varint(out, a.tags.size());
    for (const auto& tag : a.tags) put_string(out, tag);
    put_lead(out, a);
    return out;
}

StoredLead read_lead(Reader& in) {
    StoredLead lead;
    const std::size_t authors = in.varint();
    if (authors > in.data.size()) damaged();
    for (std::size_t i = 0; i < authors; ++i) lead.authors.push_back(in.string());
    lead.summary = in.string();
    if (in.pos != in.data.size()) damaged();
    return lead;
}

} // namespace

void store_article(Xapian::Document& doc, const Article& article, const std::string& story) {
    doc.add_value(slot(Slot::hit), encode_hit(article, story));
    const std::string json = article_to_json(article);
    const int bound = LZ4_compressBound(static_cast<int>(json.size()));
    std::string stored(size_bytes + static_cast<std::size_t>(bound), '\0');
    const auto size = static_cast<std::uint32_t>(json.size());
    for (std::size_t i = 0; i < size_bytes; ++i) stored[i] = static_cast<char>((size >> (8 * (3 - i))) & 0xff);
    const int n = LZ4_compress_default(json.data(), stored.data() + size_bytes, static_cast<int>(json.size()), bound);
    stored.resize(size_bytes + static_cast<std::size_t>(n));
    doc.add_value(slot(Slot::document), stored);
}

StoredHit stored_hit(const Xapian::Document& doc) {
    return decode_hit(doc.get_value(slot(Slot::hit)));
}

StoredHit decode_hit(const std::string& data) {
    Reader in{data};
    StoredHit hit;
    for (std::string* field : {&hit.id, &hit.title, &hit.url, &hit.source, &hit.published, &hit.language, &hit.story})
        *field = in.string();
    const std::size_t tags = in.varint();
    if (tags > data.size()) damaged();
    for (std::size_t i = 0; i < tags; ++i) hit.tags.push_back(in.string());
    if (in.pos < data.size()) hit.lead = read_lead(in);
    return hit;
}

std::optional<StoredLead> stored_lead(const Xapian::Document& doc) {
    const std::string data = doc.get_value(slot(Slot::lead));
    if (data.empty()) return std::nullopt;
    Reader in{data};
    return read_lead(in);
}

Article stored_article(const Xapian::Document& doc) {
    const std::string stored = doc.get_value(slot(Slot::document));
    if (stored.size() < size_bytes) damaged();
    std::uint32_t size = 0;
    for (std::size_t i = 0; i < size_bytes; ++i) size = (size << 8) | static_cast<unsigned char>(stored[i]);
    std::string json(size, '\0');
    const int n = LZ4_decompress_safe(stored.data() + size_bytes, json.data(),
                                      static_cast<int>(stored.size() - size_bytes), static_cast<int>(size));
    if (n != static_cast<int>(size)) damaged();
    return article_from_stored_json(json);
}

} // namespace gazette::detail

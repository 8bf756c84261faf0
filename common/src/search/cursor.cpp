#include "search/cursor.hpp"

#include <gazette/error.hpp>

#include "index/schema.hpp"
#include "index/stored_article.hpp"
#include "util/text_util.hpp"

#include <algorithm>
#include <vector>

namespace gazette::detail {

namespace {

constexpr std::string_view cursor_prefix = "c1";
constexpr char field_separator = '\x1f';

std::string to_hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

bool from_hex(std::string_view hex, std::string& out) {
    if (hex.size() % 2 != 0) return false;
    const auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    out.clear();
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) return false;
        out += static_cast<char>(hi * 16 + lo);
    }
    return true;
}

bool to_number(const std::string& text, std::uint64_t& out) {
    if (text.empty() || text.size() > 20) return false;
    out = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        out = out * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return true;
}

[[noreturn]] void invalid() {
    throw Error(ErrorCode::invalid_argument,
                "invalid cursor: use the next_cursor of a previous page of the same search");
}

} // namespace

std::uint64_t request_fingerprint(const SearchRequest& r) {
    std::string key = r.query;
    const auto add = [&](const std::string& part) {
        key += field_separator;
        key += part;
    };
    for (const auto* list : {&r.sources, &r.tags, &r.languages}) {
        add(std::to_string(list->size()));
        for (const auto& v : *list) add(v);
    }
    add(r.from);
    add(r.to);
    add(std::to_string(static_cast<int>(r.sort)));
    add(std::to_string(static_cast<int>(r.match)));
    return fnv1a64(key);
}

std::string encode_cursor(const Cursor& c) {
    std::string payload = std::to_string(static_cast<int>(c.sort));
    for (const std::string& part :
         {std::to_string(c.fingerprint), std::to_string(c.offset), to_hex(c.last_value), std::to_string(c.last_docid),
          std::to_string(c.total), std::string(c.total_exact ? "1" : "0")}) {
        payload += field_separator;
        payload += part;
    }
    return std::string(cursor_prefix) + to_hex(payload);
}

Cursor decode_cursor(const std::string& text) {
    std::string payload;
    if (text.size() > 1024 || text.rfind(cursor_prefix, 0) != 0 ||
        !from_hex(text.substr(cursor_prefix.size()), payload))
        invalid();
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const auto end = payload.find(field_separator, start);
        parts.push_back(payload.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    if (parts.size() != 7) invalid();
    Cursor c;
    std::uint64_t sort = 0, docid = 0;
    if (!to_number(parts[0], sort) || sort > 2) invalid();
    c.sort = static_cast<SortOrder>(sort);
    if (!to_number(parts[1], c.fingerprint) || !to_number(parts[2], c.offset) || !from_hex(parts[3], c.last_value) ||
        !to_number(parts[4], docid) || !to_number(parts[5], c.total) || (parts[6] != "0" && parts[6] != "1"))
        invalid();
    c.last_docid = static_cast<Xapian::docid>(docid);
    c.total_exact = parts[6] == "1";
    return c;
}

AfterCursorDecider::AfterCursorDecider(const Cursor& cursor, Xapian::valueno slot, const Xapian::Database& db)
    : cursor_(cursor), slot_(slot), newest_first_(cursor.sort == SortOrder::newest), db_(db),
      parts_(std::max<Xapian::docid>(1, static_cast<Xapian::docid>(db.size()))),
      last_in_part_(cursor.last_docid == 0 ? 0 : (cursor.last_docid - 1) / parts_ + 1) {}

bool AfterCursorDecider::operator()(const Xapian::Document& doc) const {
    const std::string value = doc.get_value(slot_);
    if (value != cursor_.last_value) return newest_first_ ? value < cursor_.last_value : value > cursor_.last_value;
    const Xapian::docid in_part = doc.get_docid();
    if (parts_ == 1 || in_part != last_in_part_) return in_part > last_in_part_;
    return number_in_database(doc) > cursor_.last_docid; // rare: the same date and number
}

Xapian::docid AfterCursorDecider::number_in_database(const Xapian::Document& doc) const {
    const std::string term = id_term(stored_hit(doc).id);
    for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it)
        if ((*it - 1) / parts_ + 1 == doc.get_docid()) return *it;
    return 0;
}

} // namespace gazette::detail

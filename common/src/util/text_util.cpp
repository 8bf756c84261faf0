#include "util/text_util.hpp"

#include <xapian.h>

#include <cstdio>

namespace gazette::detail {

namespace {

// Length of the well-formed UTF-8 sequence starting at text[i], or 0 if malformed.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    char32_t min = 0;
    char32_t cp = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, min = 0x80, cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, min = 0x800, cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, min = 0x10000, cp = lead & 0x07;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return length;
}

bool is_space_at(std::string_view text, std::size_t i, std::size_t& width) noexcept {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        width = 1;
        return true;
    }
    if (text.substr(i, 2) == "\xC2\xA0") { // no-break space
        width = 2;
        return true;
    }
    if (text.substr(i, 3) == "\xEF\xBB\xBF") { // byte order mark
        width = 3;
        return true;
    }
    return false;
}

} // namespace

std::size_t invalid_utf8_offset(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

bool is_valid_utf8(std::string_view text) noexcept {
    return invalid_utf8_offset(text) == std::string_view::npos;
}

std::string repair_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string trim(std::string_view text) {
    std::size_t width = 0;
    std::size_t begin = 0;
    while (begin < text.size() && is_space_at(text, begin, width)) begin += width;
    std::size_t end = text.size();
    while (end > begin) {
        // Look back for a 1-, 2- or 3-byte space ending at `end`.
        bool found = false;
        for (std::size_t w = 1; w <= 3 && w <= end - begin; ++w) {
            if (is_space_at(text, end - w, width) && width == w) {
                end -= w;
                found = true;
                break;
            }
        }
        if (!found) break;
    }
    return std::string(text.substr(begin, end - begin));
}

std::string normalize_space(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t newlines = 0;
    bool pending_space = false;
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (is_space_at(text, i, width)) {
            if (text[i] == '\n') ++newlines;
            pending_space = true;
            i += width;
            continue;
        }
        if (pending_space && !out.empty()) out += newlines >= 2 ? "\n\n" : " ";
        pending_space = false;
        newlines = 0;
        out += text[i++];
    }
    return out;
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string to_lower(std::string_view text) {
    return Xapian::Unicode::tolower(std::string(text));
}

bool is_all_caps(std::string_view text) {
    int letters = 0;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const auto category = Xapian::Unicode::get_category(*it);
        if (category == Xapian::Unicode::LOWERCASE_LETTER) return false;
        if (category == Xapian::Unicode::UPPERCASE_LETTER) ++letters;
    }
    return letters >= 2;
}

std::string slugify(std::string_view text) {
    std::string out;
    bool dash = false;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned ch = *it;
        if (!Xapian::Unicode::is_wordchar(ch) || ch == '_') {
            dash = true;
            continue;
        }
        if (dash && !out.empty()) out += '-';
        dash = false;
        Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(ch));
    }
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

void merge_adjacent_marks(std::string& snippet, std::string_view start, std::string_view end) {
    if (start.empty() || end.empty()) return;
    const std::string seam = std::string(end) + std::string(start);
    std::string out;
    std::size_t from = 0;
    for (std::size_t at; (at = snippet.find(seam, from)) != std::string::npos; from = at + seam.size())
        out.append(snippet, from, at - from);
    if (from == 0) return;
    out.append(snippet, from, std::string::npos);
    snippet = std::move(out);
}

std::string lead_snippet(std::string_view text, std::size_t length) {
    // White space collapsed, a few bytes past the limit so the cut can see where characters
    // and words end.
    std::string flat;
    bool more = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
        if (space) {
            if (!flat.empty() && flat.back() != ' ') flat += ' ';
            continue;
        }
        if (flat.size() >= length + 4) {
            more = true;
            break;
        }
        flat += c;
    }
    while (!flat.empty() && flat.back() == ' ') flat.pop_back();
    if (!more && flat.size() <= length) return html_escape(flat);

    // Cut at the last word boundary within the limit; a single long word at a character boundary.
    std::size_t cut = length;
    const std::size_t space = flat.rfind(' ', cut);
    if (space != std::string::npos && space > 0) {
        cut = space;
    } else {
        while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
    }
    flat.resize(cut);
    while (!flat.empty() && flat.back() == ' ') flat.pop_back();
    return html_escape(flat) + "…";
}

std::uint64_t fnv1a64(std::string_view data) noexcept {
    std::uint64_t hash = 14695981039346656037ULL;
    for (char c : data) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::string hex16(std::uint64_t value) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
    return buffer;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

void truncate_utf8(std::string& text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return;
    std::size_t end = max_bytes;
    // Back up over continuation bytes (10xxxxxx) to the start of the cut character.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
}

} // namespace gazette::detail

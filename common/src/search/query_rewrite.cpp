#include "search/query_rewrite.hpp"

#include "analysis/query_words.hpp"
#include "util/text_util.hpp"

#include <algorithm>

namespace gazette::detail {

namespace {

// The part of a word it shares with its stem: what every form of the word starts with.
std::string stem_prefix(const std::string& word, const Xapian::Stem& stemmer) {
    const std::string stem = stemmer(word);
    const auto shared = std::mismatch(word.begin(), word.end(), stem.begin(), stem.end()).first - word.begin();
    return shared > 0 ? word.substr(0, static_cast<std::size_t>(shared)) : word;
}

bool is_text_field(std::string_view name) {
    return name == "title" || name == "author";
}

bool is_cjk(unsigned ch) {
    return (ch >= 0x1100 && ch <= 0x11FF) || (ch >= 0x2E80 && ch <= 0x2FDF) || (ch >= 0x3000 && ch <= 0x30FF) ||
           (ch >= 0x3130 && ch <= 0x318F) || (ch >= 0x3400 && ch <= 0x4DBF) || (ch >= 0x4E00 && ch <= 0x9FFF) ||
           (ch >= 0xAC00 && ch <= 0xD7AF) || (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0xFF00 && ch <= 0xFFEF) ||
           (ch >= 0x20000 && ch <= 0x2FA1F);
}

bool has_cjk(std::string_view text) {
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it)
        if (is_cjk(*it)) return true;
    return false;
}

} // namespace

std::string stem_field(std::string_view field) {
    return "zzstem" + std::string(field);
}

std::string rewrite_for_index(std::string_view query, const Xapian::Stem& stemmer,
                              const std::vector<std::string_view>& stopwords) {
    std::string out;
    std::size_t copied = 0;
    const auto words = query_words(query);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        const std::string word = to_lower(query.substr(w.begin, w.end - w.begin));
        if (w.quoted && std::find(stopwords.begin(), stopwords.end(), word) != stopwords.end()) {
            // Drop the word and the spaces after it.
            out.append(query.substr(copied, w.begin - copied));
            copied = w.end;
            while (copied < query.size() && query[copied] == ' ') ++copied;
        } else if (w.plain && !w.quoted && has_cjk(word)) {
            // The parser gives CJK n-grams no "Z", the indexer does: a stem field adds it.
            out.append(query.substr(copied, w.begin - copied));
            out += stem_field("") + ":" + std::string(query.substr(w.begin, w.end - w.begin));
            copied = w.end;
        } else if (w.wildcard && !w.field_value && !w.quoted) {
            out.append(query.substr(copied, w.begin - copied));
            out += stem_field("") + ":" + stem_prefix(word, stemmer);
            copied = w.end;
        } else if (w.wildcard && w.field_value && i > 0 && words[i - 1].end + 1 == w.begin) {
            // "title:word*": the field name is the word just before the colon.
            const auto& field = words[i - 1];
            const std::string name = to_lower(query.substr(field.begin, field.end - field.begin));
            if (!is_text_field(name) || field.begin < copied) continue;
            out.append(query.substr(copied, field.begin - copied));
            out += stem_field(name) + ":" + stem_prefix(word, stemmer);
            copied = w.end;
        }
    }
    out.append(query.substr(copied));
    return out;
}

} // namespace gazette::detail

#include "search/cjk_phrase.hpp"

#include "search/hex_token.hpp"

#include <vector>

namespace gazette::detail {

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

namespace {

// A character the indexer puts in a CJK n-gram (not CJK punctuation, which separates words).
bool is_cjk_word_char(unsigned ch) {
    return is_cjk(ch) && Xapian::Unicode::is_wordchar(ch);
}

} // namespace

bool is_cjk_phrase(std::string_view text) {
    bool cjk = false;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (is_cjk_word_char(*it))
            cjk = true;
        else if (Xapian::Unicode::is_wordchar(*it))
            return false;
    }
    return cjk;
}

std::string cjk_phrase_field(std::string_view field) {
    return "zzcjk" + std::string(field);
}

Xapian::Query CjkPhraseProcessor::operator()(const std::string& token) {
    const auto phrase = from_hex_token(token);
    if (!phrase) return Xapian::Query(prefix_ + token); // typed by hand: a plain term
    return cjk_phrase_query(*phrase, prefix_);
}

Xapian::Query cjk_phrase_query(std::string_view phrase, const std::string& prefix) {
    // The runs of CJK characters, as the indexer splits them.
    std::vector<std::vector<std::string>> runs(1);
    for (Xapian::Utf8Iterator it(phrase.data(), phrase.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (is_cjk_word_char(*it)) {
            std::string ch;
            Xapian::Unicode::append_utf8(ch, Xapian::Unicode::tolower(*it));
            runs.back().push_back(std::move(ch));
        } else if (!runs.back().empty()) {
            runs.emplace_back();
        }
    }
    if (runs.back().empty()) runs.pop_back();
    // Positions as the indexer gives them: a run of n characters takes 2n - 1 (each character,
    // and each pair between two). Runs split in the query (by a space) may be one run in the
    // text, with a pair across them: one position more between runs matches both.
    std::vector<std::string> terms;
    Xapian::termpos position = 0, first = 0, last = 0;
    for (const auto& run : runs) {
        const auto pick = [&](std::string term, Xapian::termpos at) {
            if (terms.empty()) first = at;
            last = at;
            terms.push_back(prefix + std::move(term));
        };
        if (run.size() == 1) pick(run[0], position);
        for (std::size_t i = 0; i + 1 < run.size(); ++i)
            pick(run[i] + run[i + 1], position + 2 * static_cast<Xapian::termpos>(i) + 1);
        position += 2 * static_cast<Xapian::termpos>(run.size());
    }
    if (terms.empty()) return Xapian::Query();
    if (terms.size() == 1) return Xapian::Query(terms.front());
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), last - first + 1);
}

} // namespace gazette::detail

#pragma once
// Splitting text into lower-cased words (runs of Unicode word characters), for the places that
// need words without Xapian's term generator: title completions and story fingerprints.

#include <xapian.h>

#include <string>
#include <string_view>

namespace gazette::detail {

/// Calls `on_word(const std::string&)` for each word of `text`, lower-cased, in order.
template <typename OnWord> void for_each_lower_word(std::string_view text, OnWord&& on_word) {
    std::string word;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned ch = *it;
        // ASCII first, without the Unicode tables: most news text is ASCII. The word
        // characters of ASCII are exactly [A-Za-z0-9_] in Xapian's classification too.
        if (ch < 0x80) {
            const bool upper = ch >= 'A' && ch <= 'Z';
            if (upper || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_') {
                word += static_cast<char>(upper ? ch + ('a' - 'A') : ch);
            } else if (!word.empty()) {
                on_word(word);
                word.clear();
            }
        } else if (Xapian::Unicode::is_wordchar(ch)) {
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
        } else if (!word.empty()) {
            on_word(word);
            word.clear();
        }
    }
    if (!word.empty()) on_word(word);
}

} // namespace gazette::detail

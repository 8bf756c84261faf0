#pragma once
// Splitting text into lower-cased words (runs of Unicode word characters), for the places that
// need words without Xapian's term generator: title completions, story fingerprints and the
// snippets of phrases.

#include <xapian.h>

#include <string>
#include <string_view>
#include <type_traits>

namespace gazette::detail {

/// Calls `on_word(const std::string&)` for each word of `text`, lower-cased, in order; or
/// `on_word(word, begin, end)` with the word's bytes in `text`, when it takes them (snippets).
template <typename OnWord> void for_each_lower_word(std::string_view text, OnWord&& on_word) {
    constexpr bool with_span = std::is_invocable_v<OnWord, const std::string&, std::size_t, std::size_t>;
    std::string word;
    std::size_t begin = 0;
    const auto flush = [&](const char* at) {
        if constexpr (with_span)
            on_word(word, begin, static_cast<std::size_t>(at - text.data()));
        else
            on_word(word);
        word.clear();
    };
    const auto start = [&](const char* at) {
        if constexpr (with_span)
            if (word.empty()) begin = static_cast<std::size_t>(at - text.data());
    };
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned ch = *it;
        // ASCII first, without the Unicode tables: most news text is ASCII. The word
        // characters of ASCII are exactly [A-Za-z0-9_] in Xapian's classification too.
        if (ch < 0x80) {
            const bool upper = ch >= 'A' && ch <= 'Z';
            if (upper || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_') {
                start(it.raw());
                word += static_cast<char>(upper ? ch + ('a' - 'A') : ch);
            } else if (!word.empty()) {
                flush(it.raw());
            }
        } else if (Xapian::Unicode::is_wordchar(ch)) {
            start(it.raw());
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
        } else if (!word.empty()) {
            flush(it.raw());
        }
    }
    if (!word.empty()) flush(text.data() + text.size());
}

} // namespace gazette::detail

#include "analysis/elisions.hpp"

#include <array>
#include <cctype>

namespace gazette::detail {

namespace {

// Words that elide before a vowel, in French, Italian and Catalan, lower-cased.
constexpr std::array<std::string_view, 34> elided{
    "l",      "d",      "j",      "m",      "n",    "s",    "t",    "c",    "qu",   "jusqu", "lorsqu", "puisqu",
    "quoiqu", "presqu", "quelqu", "dell",   "all",  "dall", "nell", "sull", "coll", "dev",   "un",     "quest",
    "quell",  "bell",   "sant",   "nessun", "buon", "cent", "tutt", "gl",   "pel",  "mentr"};

bool letter_start(std::string_view text, std::size_t at) {
    if (at >= text.size()) return false;
    const auto c = static_cast<unsigned char>(text[at]);
    return std::isalpha(c) || c >= 0xC3; // an ASCII letter, or the lead byte of an accented one
}

} // namespace

bool has_elisions(std::string_view language) {
    return language == "fr" || language == "it" || language == "ca";
}

std::string split_elisions(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t word_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool straight = c == '\'';
        const bool curly = text.compare(i, 3, "\xE2\x80\x99") == 0; // ’
        if ((straight || curly) && i > word_start) {
            std::string word(text.substr(word_start, i - word_start));
            for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            const std::size_t after = i + (curly ? 3 : 1);
            bool elision = false;
            for (auto e : elided)
                if (word == e) elision = true;
            if (elision && letter_start(text, after)) {
                out += ' ';
                i = after - 1;
                word_start = after;
                continue;
            }
        }
        out += static_cast<char>(c);
        if (!(std::isalnum(c) || c >= 0x80)) word_start = i + 1;
    }
    return out;
}

} // namespace gazette::detail

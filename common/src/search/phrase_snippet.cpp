#include "search/phrase_snippet.hpp"

#include "util/text_util.hpp"

#include <xapian.h>

#include <algorithm>

namespace gazette::detail {

namespace {

struct Word {
    std::size_t begin = 0, end = 0; // bytes of the text
    std::string lower;
};

std::vector<Word> words_of(std::string_view text) {
    std::vector<Word> words;
    Word current;
    bool in_word = false;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const std::size_t at = static_cast<std::size_t>(it.raw() - text.data());
        const unsigned ch = *it;
        if (Xapian::Unicode::is_wordchar(ch)) {
            if (!in_word) current = Word{at, 0, {}};
            in_word = true;
            Xapian::Unicode::append_utf8(current.lower, Xapian::Unicode::tolower(ch));
        } else if (in_word) {
            current.end = at;
            words.push_back(std::move(current));
            in_word = false;
        }
    }
    if (in_word) {
        current.end = text.size();
        words.push_back(std::move(current));
    }
    return words;
}

// White space runs as single spaces, then escaped.
std::string flat_html(std::string_view text) {
    std::string flat;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
        if (!space)
            flat += c;
        else if (flat.empty() || flat.back() != ' ')
            flat += ' ';
    }
    return html_escape(flat);
}

} // namespace

std::optional<std::string> phrase_snippet(std::string_view text, const std::vector<std::string>& phrases,
                                          std::size_t length, std::string_view start, std::string_view end) {
    // Phrases of two words or more (Xapian marks single words), a bounded number of them: a
    // query can hold thousands, and each is tried at every word of the text.
    constexpr std::size_t max_phrases = 16;
    std::vector<std::vector<std::string>> wanted;
    for (const auto& phrase : phrases) {
        std::vector<std::string> lower;
        for (auto& w : words_of(phrase)) lower.push_back(std::move(w.lower));
        if (lower.size() < 2 || std::find(wanted.begin(), wanted.end(), lower) != wanted.end()) continue;
        wanted.push_back(std::move(lower));
        if (wanted.size() == max_phrases) break;
    }
    if (wanted.empty()) return std::nullopt;
    const auto words = words_of(text);
    // The length in words of the longest phrase that starts at word i, or 0.
    const auto phrase_at = [&](std::size_t i) -> std::size_t {
        std::size_t longest = 0;
        for (const auto& phrase : wanted) {
            if (phrase.size() <= longest || i + phrase.size() > words.size()) continue;
            bool same = true;
            for (std::size_t k = 0; same && k < phrase.size(); ++k) same = words[i + k].lower == phrase[k];
            if (same) longest = phrase.size();
        }
        return longest;
    };
    std::size_t first = 0;
    while (first < words.size() && phrase_at(first) == 0) ++first;
    if (first == words.size()) return std::nullopt;

    // The window starts a few words before the phrase (about a quarter of the snippet), at a word.
    std::size_t from = first;
    while (from > 0 && words[first].begin - words[from - 1].begin <= length / 4) --from;
    const std::size_t window_begin = words[from].begin;
    std::size_t to = first + phrase_at(first); // words [from, to) at least hold the phrase
    while (to < words.size() && words[to].end - window_begin <= length) ++to;

    std::string out = from > 0 ? "…" : "";
    std::size_t copied = window_begin;
    for (std::size_t i = from; i < to;) {
        const std::size_t n = std::min(phrase_at(i), to - i);
        if (n == 0) {
            ++i;
            continue;
        }
        for (std::size_t k = i; k < i + n; ++k) {
            out += flat_html(text.substr(copied, words[k].begin - copied));
            out.append(start);
            out += flat_html(text.substr(words[k].begin, words[k].end - words[k].begin));
            out.append(end);
            copied = words[k].end;
        }
        i += n;
    }
    // To the last word, or to the end of the text (its closing punctuation) when that is in.
    out += flat_html(text.substr(copied, (to < words.size() ? words[to - 1].end : text.size()) - copied));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (to < words.size()) out += "…";
    return out;
}

} // namespace gazette::detail

#include "search/phrase_snippet.hpp"

#include "analysis/words.hpp"
#include "util/text_util.hpp"

#include <algorithm>

namespace gazette::detail {

namespace {

struct Word {
    std::size_t begin = 0, end = 0; // bytes of the text
    std::string lower;
};

std::vector<Word> words_of(std::string_view text) {
    std::vector<Word> words;
    for_each_lower_word(text, [&](const std::string& word, std::size_t begin, std::size_t end) {
        words.push_back({begin, end, word});
    });
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

PhraseSnippets::PhraseSnippets(const std::vector<std::string>& phrases) {
    constexpr std::size_t max_phrases = 16;
    for (const auto& phrase : phrases) {
        std::vector<std::string> lower;
        for_each_lower_word(phrase, [&](const std::string& word) { lower.push_back(word); });
        if (lower.size() < 2 || std::find(phrases_.begin(), phrases_.end(), lower) != phrases_.end()) continue;
        phrases_.push_back(std::move(lower));
        if (phrases_.size() == max_phrases) break;
    }
}

std::optional<std::string> PhraseSnippets::snippet(std::string_view text, std::size_t length, std::string_view start,
                                                   std::string_view end) const {
    if (phrases_.empty()) return std::nullopt;
    const auto words = words_of(text);
    // The length in words of the longest phrase that starts at word i, or 0.
    const auto phrase_at = [&](std::size_t i) -> std::size_t {
        std::size_t longest = 0;
        for (const auto& phrase : phrases_) {
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

#include "analysis/language_detection.hpp"

#include "analysis/analyzer.hpp"
#include "analysis/stopwords.hpp"
#include "analysis/words.hpp"
#include "util/text_util.hpp"

#include <algorithm>
#include <cstdio> // CLD2's header uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

namespace gazette::detail {

namespace {

// The opening of an article says its language; reading more costs time (CLD2 reads about
// 20 MB/s: all of Reuters-21578 would add 8% to its indexing).
constexpr std::size_t sample_bytes = 1024;
// A text whose first words are this much the default language's stopwords is in it (English
// news: 25-45%; German, French, Spanish, Turkish read with English stopwords: under 10%).
constexpr std::size_t stopword_words = 64;
constexpr std::size_t stopword_bytes = 384; // about as many words of English, read no further
constexpr std::size_t stopword_min_words = 8;
constexpr double stopword_share = 0.2;
// CLD2's answer is taken only when it is sure: reliable, and most of the text in one language.
constexpr int min_percent = 90;
// Latin-script text needs this much (letters CLD2 scored) to be taken for another language:
// below it, headlines of names err ("RIO DE JANEIRO - IBC closes export registrations" reads as
// Portuguese). Other scripts are evidence enough: a Russian headline is not English.
constexpr int min_latin_text_bytes = 64;

// Appends `text` to `out`, on a line of its own, keeping `out` to `limit` bytes cut at a
// character boundary. (One byte past the room, so truncate_utf8() sees where a character starts.)
void append_up_to(std::string& out, std::string_view text, std::size_t limit) {
    if (text.empty() || out.size() >= limit) return;
    if (!out.empty()) out += '\n';
    out.append(text.substr(0, limit - std::min(limit, out.size()) + 1));
    truncate_utf8(out, limit);
}

// Mostly bytes of multi-byte characters: a script other than Latin.
bool mostly_non_latin(std::string_view text) {
    std::size_t multi = 0, letters = 0;
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0x80)
            ++multi;
        else if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')
            ++letters;
    }
    return multi > letters;
}

// CLD2's codes that are not ISO 639-1's current ones.
std::string iso_code(std::string code) {
    if (const auto dash = code.find('-'); dash != std::string::npos) code.resize(dash); // "zh-Hant"
    if (code == "iw") return "he";
    if (code == "jw") return "jv";
    return canonical_language(code);
}

} // namespace

LanguageDetector::LanguageDetector(std::string default_language)
    : default_language_(std::move(default_language)),
      default_hint_(CLD2::GetLanguageFromName(default_language_.c_str())) {
    const auto& words = stopwords_for(default_language_);
    stopwords_.assign(words.begin(), words.end());
    std::sort(stopwords_.begin(), stopwords_.end());
}

bool LanguageDetector::reads_as_default(std::string_view sample) const {
    if (stopwords_.empty()) return false;
    std::size_t words = 0, stop = 0;
    // A character cut at the end reads as a byte of its own: it is not a stopword either way.
    for_each_lower_word(sample.substr(0, stopword_bytes), [&](const std::string& word) {
        if (words == stopword_words) return;
        ++words;
        if (std::binary_search(stopwords_.begin(), stopwords_.end(), std::string_view(word))) ++stop;
    });
    return words >= stopword_min_words && static_cast<double>(stop) >= stopword_share * static_cast<double>(words);
}

std::string LanguageDetector::detect(std::initializer_list<std::string_view> texts) const {
    std::string sample;
    for (const std::string_view text : texts) append_up_to(sample, text, sample_bytes);
    if (sample.empty() || reads_as_default(sample)) return {};

    CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, static_cast<CLD2::Language>(default_hint_)};
    // Filled by CLD2 only when the text is valid UTF-8.
    CLD2::Language top3[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE};
    int percent3[3] = {0, 0, 0};
    double scores3[3] = {0, 0, 0};
    int text_bytes = 0, valid_bytes = 0;
    bool reliable = false;
    // The checking variant: an article's text is valid UTF-8 once normalised, but this costs
    // nothing and CLD2 must never read past a broken sequence.
    const CLD2::Language found =
        CLD2::ExtDetectLanguageSummaryCheckUTF8(sample.data(), static_cast<int>(sample.size()), true, &hints, 0, top3,
                                                percent3, scores3, nullptr, &text_bytes, &reliable, &valid_bytes);
    if (!reliable) return {};
    int percent = 0;
    for (int i = 0; i < 3; ++i)
        if (top3[i] == found) percent = percent3[i];
    if (percent < min_percent) return {};
    if (text_bytes < min_latin_text_bytes && !mostly_non_latin(sample)) return {};
    const std::string code = iso_code(CLD2::LanguageCode(found));
    if (code == default_language_ || !is_language_code(code)) return {};
    return code;
}

} // namespace gazette::detail

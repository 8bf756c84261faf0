#include "search/suggest.hpp"

#include "analysis/query_words.hpp"
#include "index/schema.hpp"
#include "util/text_util.hpp"

#include <algorithm>
#include <functional>

namespace gazette::detail {

namespace {

constexpr Xapian::doccount rare_frequency = 2;
constexpr Xapian::doccount min_correction_frequency = 3;
constexpr std::size_t max_scanned_terms = 50000;

std::u32string decode(std::string_view text) {
    std::u32string out;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it)
        out += static_cast<char32_t>(*it);
    return out;
}

std::string encode(const std::u32string& text) {
    std::string out;
    for (char32_t c : text) Xapian::Unicode::append_utf8(out, c);
    return out;
}

// Every word one edit away from `w`: a letter deleted, swapped with the next, replaced or
// inserted (from a-z and the word's own letters).
template <typename Fn> void for_each_edit(const std::u32string& w, Fn&& fn) {
    std::u32string alphabet = U"abcdefghijklmnopqrstuvwxyz";
    for (char32_t c : w)
        if (alphabet.find(c) == std::u32string::npos) alphabet += c;
    for (std::size_t i = 0; i < w.size(); ++i) {
        fn(w.substr(0, i) + w.substr(i + 1)); // deletion
        if (i + 1 < w.size()) {               // transposition
            std::u32string t = w;
            std::swap(t[i], t[i + 1]);
            fn(t);
        }
        for (char32_t c : alphabet) { // replacement
            if (c == w[i]) continue;
            std::u32string t = w;
            t[i] = c;
            fn(t);
        }
    }
    for (std::size_t i = 0; i <= w.size(); ++i) // insertion
        for (char32_t c : alphabet) fn(w.substr(0, i) + c + w.substr(i));
}

using Frequency = std::function<Xapian::doccount(const std::string& term)>;

// The best word one edit away from `word`, or "" if none is frequent enough.
std::string best_correction(const Frequency& frequency_of, const std::string& word, Xapian::doccount frequency,
                            const Xapian::Stem& stemmer, const std::vector<std::string_view>& stopwords) {
    const Xapian::doccount needed = std::max<Xapian::doccount>(min_correction_frequency, frequency * 10);
    std::string best;
    Xapian::doccount best_frequency = 0;
    for_each_edit(decode(word), [&](const std::u32string& candidate) {
        const std::string text = encode(candidate);
        // A correction to a stopword ("tol" -> "to") is never what was meant.
        if (text.size() < 3 || std::find(stopwords.begin(), stopwords.end(), text) != stopwords.end()) return;
        const Xapian::doccount f = frequency_of("Z" + stemmer(text));
        if (f < needed || f < best_frequency) return;
        // Only a word written somewhere: an edit can share a real word's stem without being one
        // ("haus" -> "hous", the stem of "house"). Titles are where the index keeps words as
        // written; among spellings of one stem ("vaccine", "vaccines") any seen there will do.
        if (frequency_of(std::string(title_word_prefix) + text) == 0) return;
        if (f > best_frequency || text < best) {
            best_frequency = f;
            best = text;
        }
    });
    return best;
}

// Words worth correcting: long enough to be a typo of something, short enough that trying
// every edit of them stays cheap (the variants grow with the square of the length).
bool correctable(const std::string& word) {
    return word.size() >= 3 && word.size() <= 40 &&
           !std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

std::string spelling_suggestion(const Xapian::MSet& mset, std::string_view query, const Xapian::Stem& stemmer,
                                const std::vector<std::string_view>& stopwords, const Xapian::Database* prefetch_from) {
    // The words to correct, with their frequencies (which the match already knows).
    struct Rare {
        std::size_t begin, end;
        std::string word;
        Xapian::doccount frequency;
    };
    std::vector<Rare> rare;
    for (const auto& w : query_words(query)) {
        if (!w.plain) continue;
        std::string word = to_lower(query.substr(w.begin, w.end - w.begin));
        if (!correctable(word)) continue;
        if (std::find(stopwords.begin(), stopwords.end(), word) != stopwords.end()) continue;
        const Xapian::doccount frequency = mset.get_termfreq("Z" + stemmer(word));
        if (frequency <= rare_frequency) rare.push_back({w.begin, w.end, std::move(word), frequency});
    }
    if (rare.empty()) return {};

    Frequency frequency_of = [&](const std::string& term) { return mset.get_termfreq(term); };
    // Over remote parts each lookup is a round trip to every part (about 500 per word): the
    // candidates' frequencies are gathered instead by one match of all of them, whose term
    // statistics the parts send together.
    Xapian::MSet gathered;
    if (prefetch_from) {
        std::vector<std::string> terms;
        for (const auto& r : rare)
            for_each_edit(decode(r.word), [&](const std::u32string& candidate) {
                const std::string text = encode(candidate);
                terms.push_back("Z" + stemmer(text));
                terms.push_back(std::string(title_word_prefix) + text);
            });
        std::sort(terms.begin(), terms.end());
        terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
        Xapian::Enquire enquire(*prefetch_from);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        gathered = enquire.get_mset(0, 0);
        frequency_of = [&](const std::string& term) { return gathered.get_termfreq(term); };
    }

    std::string out;
    std::size_t copied = 0;
    bool changed = false;
    for (const auto& r : rare) {
        const std::string correction = best_correction(frequency_of, r.word, r.frequency, stemmer, stopwords);
        if (correction.empty()) continue;
        out.append(query.substr(copied, r.begin - copied));
        out += correction;
        copied = r.end;
        changed = true;
    }
    if (!changed) return {};
    out.append(query.substr(copied));
    return out;
}

std::vector<Completion> completions(const Xapian::Database& db, std::string_view text, std::size_t limit) {
    const std::size_t cut = text.find_last_of(" \t\"(");
    const std::string head(text.substr(0, cut == std::string_view::npos ? 0 : cut + 1));
    const std::string prefix = to_lower(text.substr(head.size()));
    if (prefix.size() < 2 || !is_valid_utf8(prefix)) return {};
    const std::string term_prefix = std::string(title_word_prefix) + prefix;
    std::vector<Completion> found;
    std::size_t scanned = 0;
    for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix) && scanned < max_scanned_terms;
         ++t, ++scanned)
        found.push_back({head + (*t).substr(title_word_prefix.size()), t.get_termfreq()});
    const auto by_count = [](const Completion& a, const Completion& b) {
        return a.count != b.count ? a.count > b.count : a.text < b.text;
    };

    // The words typed before narrow the completions to titles that hold them too: "bank of ja"
    // completes to what follows "bank" in titles, counted among those titles.
    std::vector<Xapian::Query> context;
    for (const auto& w : query_words(head)) {
        if (!w.plain) continue;
        const std::string term = std::string(title_word_prefix) + to_lower(head.substr(w.begin, w.end - w.begin));
        if (db.term_exists(term)) context.emplace_back(term); // stopwords and unknown words narrow nothing
    }
    if (!context.empty()) {
        // The most frequent candidates are counted again within the context.
        const std::size_t candidates = std::min(found.size(), std::max<std::size_t>(limit * 5, 50));
        std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(candidates), found.end(),
                          by_count);
        found.resize(candidates);
        const Xapian::Query narrowing(Xapian::Query::OP_AND, context.begin(), context.end());
        Xapian::Enquire enquire(db);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        for (auto& completion : found) {
            const std::string word = completion.text.substr(head.size());
            enquire.set_query(
                Xapian::Query(Xapian::Query::OP_AND, narrowing, Xapian::Query(std::string(title_word_prefix) + word)));
            const Xapian::MSet counted = enquire.get_mset(0, 0, db.get_doccount());
            completion.count = counted.get_matches_estimated();
        }
        found.erase(std::remove_if(found.begin(), found.end(), [](const Completion& c) { return c.count == 0; }),
                    found.end());
    }
    const std::size_t n = std::min(limit, found.size());
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(n), found.end(), by_count);
    found.resize(n);
    return found;
}

} // namespace gazette::detail

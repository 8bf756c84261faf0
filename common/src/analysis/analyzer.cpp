#include "analysis/analyzer.hpp"

#include "analysis/stem_cache.hpp"
#include "analysis/stopwords.hpp"
#include "util/text_util.hpp"

#include <array>

namespace gazette::detail {

namespace {

constexpr std::string_view key_language = "gazette.language";
constexpr std::string_view key_stopwords = "gazette.stopwords";
constexpr std::string_view key_detect_languages = "gazette.detect_languages";

struct LanguageName {
    std::string_view code;
    std::string_view name;
};

// Snowball languages that Xapian 1.4 ships, with their ISO 639-1 codes.
constexpr std::array<LanguageName, 24> snowball_languages{{
    {"ar", "arabic"},    {"hy", "armenian"},   {"eu", "basque"},     {"ca", "catalan"},  {"da", "danish"},
    {"nl", "dutch"},     {"en", "english"},    {"fi", "finnish"},    {"fr", "french"},   {"de", "german"},
    {"hu", "hungarian"}, {"id", "indonesian"}, {"ga", "irish"},      {"it", "italian"},  {"lt", "lithuanian"},
    {"ne", "nepali"},    {"nb", "norwegian"},  {"pt", "portuguese"}, {"ro", "romanian"}, {"ru", "russian"},
    {"es", "spanish"},   {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},
}};

// Every ISO 639-1 code.
constexpr std::string_view iso_639_1 =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el "
    "en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu "
    "ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na "
    "nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so "
    "sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

} // namespace

bool is_language_code(std::string_view language) {
    const std::string code = canonical_language(language);
    if (code.size() != 2) return false;
    for (std::size_t at = 0; at < iso_639_1.size(); at += 3)
        if (iso_639_1.substr(at, 2) == code) return true;
    return false;
}

std::string canonical_language(std::string_view language) {
    std::string lower = to_lower_ascii(trim(language));
    // "en-GB", "pt_BR" -> "en", "pt"
    if (const auto cut = lower.find_first_of("-_"); cut != std::string::npos) lower.resize(cut);
    for (const auto& l : snowball_languages)
        if (lower == l.name) return std::string(l.code);
    if (lower == "no" || lower == "nn") return "nb";
    return lower;
}

bool has_stemmer(std::string_view language) {
    const std::string code = canonical_language(language);
    for (const auto& l : snowball_languages)
        if (code == l.code) return true;
    return false;
}

AnalysisSettings AnalysisSettings::load(const Xapian::Database& db) {
    AnalysisSettings settings;
    if (const std::string language = db.get_metadata(std::string(key_language)); !language.empty())
        settings.language = language;
    if (const std::string stop = db.get_metadata(std::string(key_stopwords)); !stop.empty())
        settings.stopwords = stop == "1";
    settings.detect_languages = db.get_metadata(std::string(key_detect_languages)) == "1";
    return settings;
}

void AnalysisSettings::store(Xapian::WritableDatabase& db) const {
    db.set_metadata(std::string(key_language), language);
    db.set_metadata(std::string(key_stopwords), stopwords ? "1" : "0");
    db.set_metadata(std::string(key_detect_languages), detect_languages ? "1" : "0");
}

Analyzer::Analyzer(AnalysisSettings settings) : settings_(std::move(settings)) {
    settings_.language = canonical_language(settings_.language);
}

const Analyzer::LanguageTools& Analyzer::tools(std::string_view language) {
    std::string code = canonical_language(language);
    if (code.empty() || !has_stemmer(code)) code = settings_.language;
    if (auto found = tools_.find(code); found != tools_.end()) return found->second;

    LanguageTools entry;
    if (has_stemmer(code)) {
        entry.stem = Xapian::Stem(code);
        entry.indexing_stem = caching_stemmer(entry.stem);
    }
    if (settings_.stopwords) {
        const auto& words = stopwords_for(code);
        if (!words.empty()) {
            auto& stopper = stoppers_[code];
            for (const auto word : words) stopper.add(std::string(word));
            entry.stopper = &stopper;
        }
    }
    return tools_.emplace(code, std::move(entry)).first->second;
}

const Xapian::Stem& Analyzer::stemmer(std::string_view language) {
    return tools(language).stem;
}

const std::vector<std::string_view>& Analyzer::stopwords(std::string_view language) {
    static const std::vector<std::string_view> none;
    if (!settings_.stopwords) return none;
    std::string code = canonical_language(language);
    if (code.empty() || !has_stemmer(code)) code = settings_.language;
    return stopwords_for(code);
}

const Xapian::Stopper* Analyzer::stopper(std::string_view language) {
    return tools(language).stopper;
}

void Analyzer::configure(Xapian::TermGenerator& generator, std::string_view language) {
    const auto& t = tools(language);
    generator.set_stemmer(t.indexing_stem);
    // Stems only (with Xapian's "Z" prefix, which snippets need to highlight them), stopwords
    // left out: half the terms of Xapian's default (exact words plus stems), so indexing is much
    // faster, and relevance on the test collections is as good (bench/README.md). Positions
    // skip stopwords, and queries drop them from phrases too, so "state of the art" matches.
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    generator.set_stopper(t.stopper);
    generator.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
    generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

void Analyzer::configure(Xapian::QueryParser& parser, std::string_view language) {
    const auto& t = tools(language);
    parser.set_stemmer(t.stem);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    parser.set_stopper(t.stopper);
}

} // namespace gazette::detail

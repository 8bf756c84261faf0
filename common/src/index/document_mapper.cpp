#include "index/document_mapper.hpp"

#include "analysis/analyzer.hpp"
#include "analysis/elisions.hpp"
#include "analysis/stopwords.hpp"
#include "analysis/words.hpp"
#include "index/schema.hpp"
#include "util/dates.hpp"

#include <algorithm>
#include <cctype>

namespace gazette::detail {

namespace {

const std::string* text_of(const Article& a, std::string_view field) {
    if (field == "title") return &a.title;
    if (field == "summary") return &a.summary;
    if (field == "body") return &a.body;
    if (field == "source") return &a.source;
    if (field == "id") return &a.id;
    return nullptr;
}

const std::vector<std::string>* list_of(const Article& a, std::string_view field) {
    if (field == "authors") return &a.authors;
    if (field == "tags") return &a.tags;
    return nullptr;
}

// The title's words as written (lower-cased), for completions: the indexed text terms are
// stems, which are not words to show a person.
void add_title_words(Xapian::Document& doc, const std::string& title, const std::string& language) {
    const auto& stopwords = stopwords_for(language);
    for_each_lower_word(title, [&](const std::string& word) {
        const bool number = std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (word.size() >= 2 && word.size() <= max_title_word_bytes && !number &&
            std::find(stopwords.begin(), stopwords.end(), word) == stopwords.end())
            doc.add_boolean_term(std::string(title_word_prefix) + word);
    });
}

// Stopwords written in capitals ("the WHO said", "IT budgets"): in text that has small letters
// too, these are names, which the stopword list would leave out. Capitals say nothing in a text
// all in capitals (a wire headline), nor within a run of words in capitals ("SHAREHOLDERS TO
// VOTE"): a word counts only beside a word that is not all capitals.
void add_acronyms(Xapian::Document& doc, std::string_view text, const std::vector<std::string_view>& stopwords) {
    if (stopwords.empty() || std::none_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        return;
    const auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    const auto is_word_byte = [&](char c) {
        return is_letter(c) || std::isdigit(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    };
    // Words of ASCII letters alone (a digit or a letter of another script joined to one makes it
    // part of a longer word), and whether each is all capitals.
    struct Word {
        std::string_view text;
        bool capitals;
    };
    std::vector<Word> words;
    for (std::size_t i = 0; i < text.size();) {
        if (!is_word_byte(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && is_word_byte(text[end])) ++end;
        const std::string_view word = text.substr(i, end - i);
        const bool letters = std::all_of(word.begin(), word.end(), is_letter);
        words.push_back({letters ? word : std::string_view(),
                         letters && word.size() >= 2 &&
                             std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; })});
        i = end;
    }
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (!words[k].capitals) continue;
        const bool beside_other = (k > 0 && !words[k - 1].capitals) || (k + 1 < words.size() && !words[k + 1].capitals);
        if (!beside_other) continue;
        std::string lower(words[k].text);
        for (char& c : lower) c = static_cast<char>(c - 'A' + 'a');
        if (std::find(stopwords.begin(), stopwords.end(), lower) != stopwords.end())
            doc.add_term(std::string(acronym_prefix) + lower);
    }
}

} // namespace

DocumentMapper::DocumentMapper(Analyzer& analyzer) : analyzer_(analyzer) {
    if (analyzer_.settings().detect_languages) detector_.emplace(analyzer_.settings().language);
}

const Article& DocumentMapper::with_language(const Article& article, Article& storage) const {
    if (!detector_ || !article.language.empty()) return article;
    std::string language = detector_->detect({article.title, article.summary, article.body});
    if (language.empty()) return article;
    storage = article;
    storage.language = std::move(language);
    return storage;
}

Xapian::Document DocumentMapper::build(const Article& article) {
    Xapian::Document doc;
    analyzer_.configure(generator_, article.language);
    // The stopper that leaves stopwords out also records which of them stand side by side.
    const Xapian::Stopper* stopper = analyzer_.stopper(article.language);
    if (stopper != nullptr) {
        stop_pairs_.set_words(stopper);
        generator_.set_stopper(&stop_pairs_);
    }
    const auto index_text = [&](const std::string& value, Xapian::termcount wdf_inc, std::string_view prefix) {
        pairs_.clear();
        stop_pairs_.start(stopper != nullptr ? &pairs_ : nullptr);
        generator_.index_text(value, wdf_inc, std::string(prefix));
        for (const auto& pair : pairs_)
            doc.add_boolean_term(std::string(stop_pair_prefix) + std::string(prefix) + pair);
    };
    generator_.set_document(doc);
    const bool elisions = has_elisions(article.language.empty() ? analyzer_.settings().language : article.language);

    for (const auto& spec : fields) {
        std::vector<std::string> values;
        if (const auto* text = text_of(article, spec.field)) {
            if (!text->empty()) values.push_back(*text);
        } else if (const auto* list = list_of(article, spec.field)) {
            values = *list;
        }
        for (const auto& original : values) {
            if (spec.kind == FieldKind::exact) {
                doc.add_boolean_term(spec.field == "id" ? id_term(original) : exact_term(spec.prefix, original));
                continue;
            }
            const std::string& value = elisions ? split_elisions(original) : original;
            if (spec.wdf_inc > 0) add_acronyms(doc, value, analyzer_.stopwords(article.language));
            if (!spec.prefix.empty()) {
                index_text(value, 1, spec.prefix);
                generator_.increase_termpos();
            }
            if (spec.wdf_inc > 0) {
                index_text(value, spec.wdf_inc, "");
                // A gap stops phrases from matching across field boundaries.
                generator_.increase_termpos(100);
            }
        }
    }

    const std::string language = article.language.empty() ? analyzer_.settings().language : article.language;
    add_title_words(doc, article.title, language);
    doc.add_boolean_term(std::string(language_prefix) + language);
    doc.add_value(slot(Slot::language), language);
    if (!article.source.empty()) doc.add_value(slot(Slot::source), article.source);
    if (!article.tags.empty()) {
        std::string joined;
        for (const auto& tag : article.tags) {
            if (!joined.empty()) joined += list_separator;
            joined += tag;
        }
        doc.add_value(slot(Slot::tags), joined);
    }
    if (!article.published.empty()) {
        if (const auto date = parse_date(article.published)) {
            doc.add_value(slot(Slot::published), Xapian::sortable_serialise(static_cast<double>(date->seconds)));
            // "2021-03", or "2021" for a date known to the year only (the year facet counts it,
            // the month facet does not).
            doc.add_value(slot(Slot::month), format_date(*date).substr(0, 7));
        }
    }
    return doc;
}

} // namespace gazette::detail

#include "search/query_builder.hpp"

#include <gazette/error.hpp>

#include "analysis/analyzer.hpp"
#include "analysis/elisions.hpp"
#include "analysis/synonyms.hpp"
#include "index/schema.hpp"
#include "search/cjk_phrase.hpp"
#include "search/query_fields.hpp"
#include "search/query_rewrite.hpp"
#include "search/stopword_phrase.hpp"
#include "util/text_util.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace gazette::detail {

namespace {

constexpr unsigned parser_flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                                  Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                                  Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_CJK_NGRAM;

Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(exact_term(prefix, v));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Xapian 1.4 has no accessor for an OP_WILDCARD's pattern; its description is
// "Query(WILDCARD SYNONYM <pattern>)", with the pattern last.
std::string wildcard_pattern(const Xapian::Query& wildcard) {
    std::string text = wildcard.get_description();
    if (!text.empty() && text.back() == ')') text.pop_back();
    const auto space = text.rfind(' ');
    return space == std::string::npos ? std::string() : text.substr(space + 1);
}

// Words the wildcards of `query` expand to, counted until `budget` is passed: each one costs
// a search as much as a word typed out.
// @throws Error invalid_query if one wildcard alone expands to more than `per_wildcard`.
std::size_t wildcard_expansions(const Xapian::Query& query, const Xapian::Database& db, std::size_t budget,
                                std::size_t per_wildcard) {
    if (query.get_type() == Xapian::Query::OP_WILDCARD) {
        const std::string pattern = wildcard_pattern(query);
        const std::size_t cap = std::min(budget, per_wildcard);
        std::size_t words = 0;
        for (auto t = db.allterms_begin(pattern); t != db.allterms_end(pattern) && words <= cap; ++t) ++words;
        if (words > per_wildcard)
            throw Error(ErrorCode::invalid_query, "a wildcard matches too many words; use a longer prefix");
        return words;
    }
    std::size_t total = 0;
    for (std::size_t i = 0; i < query.get_num_subqueries() && total <= budget; ++i)
        total += wildcard_expansions(query.get_subquery(i), db, budget - total, per_wildcard);
    return total;
}

// Xapian 1.4's parser reads a query it cannot parse again as plain words, operators among
// them, and says nothing. What the rewrites before it leave so is NEAR or ADJ beside what they
// cannot join (a phrase, a hyphenated word, a wildcard, brackets): "near" is then a word of
// the parsed query.
// @throws Error invalid_query when that happened.
void refuse_proximity_read_as_words(const std::string& text, const Xapian::Query& query, const Xapian::Stem& stemmer) {
    const auto operators = typed_proximity_operators(text);
    if (operators.empty()) return;
    const std::set<std::string> words(query.get_unique_terms_begin(), query.get_unique_terms_end());
    for (const auto& op : operators)
        if (words.count(op) || words.count("Z" + stemmer(op)))
            throw Error(ErrorCode::invalid_query,
                        "cannot parse query: NEAR and ADJ join single words, not phrases, hyphenated words, "
                        "wildcards or brackets");
}

} // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db, Analyzer& analyzer, const SearchLimits& limits,
                           const SynonymMap& synonyms)
    : db_(db), analyzer_(analyzer), limits_(limits), synonyms_(synonyms) {
    index_changed();
}

void QueryBuilder::index_changed() {
    // Articles carry their language as a term; those without one are in the default language.
    const std::string default_language = canonical_language(analyzer_.settings().language);
    index_languages_.assign(1, default_language);
    const std::string prefix(language_prefix);
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
        const std::string code = (*t).substr(prefix.size());
        if (code != default_language && is_language_code(code) && has_stemmer(code)) index_languages_.push_back(code);
    }
    const std::string acronyms(acronym_prefix);
    has_acronyms_ = db_.allterms_begin(acronyms) != db_.allterms_end(acronyms);
    const std::string pairs(stop_pair_prefix);
    has_stop_pairs_ = db_.allterms_begin(pairs) != db_.allterms_end(pairs);
}

Xapian::Query QueryBuilder::parse_text_in_index_languages(const SearchRequest& request) {
    if (!request.language.empty() || index_languages_.size() < 2) return parse_text(request);
    // The languages whose reading is the same share it: most queries read alike in all.
    struct Reading {
        Xapian::Query query;
        std::vector<Xapian::Query> languages; ///< their terms
    };
    std::vector<Reading> readings;
    std::map<std::string, std::size_t> by_description;
    SearchRequest in_language = request;
    for (const auto& language : index_languages_) {
        in_language.language = language;
        Xapian::Query reading = parse_text(in_language);
        const auto [found, added] = by_description.emplace(reading.get_description(), readings.size());
        if (added) readings.push_back({std::move(reading), {}});
        readings[found->second].languages.emplace_back(std::string(language_prefix) + language);
    }
    if (readings.size() == 1) return readings.front().query;
    // Each article is matched by the reading of its own language only: the readings match
    // apart, so none adds to another's score. (OP_MAX would say the same, but Xapian skips no
    // postings under it: with one German article in an English index, two-word queries took
    // 1.15x as long and long queries 2.5x; filtered readings, 1.08x and 1.21x.) The default
    // language's reading takes every article not in another reading's languages: those in
    // languages without a stemmer too.
    std::vector<Xapian::Query> others;
    for (std::size_t i = 1; i < readings.size(); ++i)
        others.insert(others.end(), readings[i].languages.begin(), readings[i].languages.end());
    std::vector<Xapian::Query> parts;
    parts.emplace_back(Xapian::Query::OP_AND_NOT, readings.front().query,
                       Xapian::Query(Xapian::Query::OP_OR, others.begin(), others.end()));
    for (std::size_t i = 1; i < readings.size(); ++i)
        parts.emplace_back(
            Xapian::Query::OP_FILTER, readings[i].query,
            Xapian::Query(Xapian::Query::OP_OR, readings[i].languages.begin(), readings[i].languages.end()));
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::QueryParser& QueryBuilder::parser(const SearchRequest& request) {
    if (!request.language.empty() && (request.language.size() > 35 || !is_language_code(request.language)))
        throw Error(ErrorCode::invalid_argument, "language must be an ISO 639-1 code such as en or fr");
    const auto key = std::make_pair(request.language, request.match);
    if (auto found = parsers_.find(key); found != parsers_.end()) return found->second;

    Xapian::QueryParser parser;
    parser.set_database(db_);
    analyzer_.configure(parser, request.language);
    parser.set_default_op(request.match == MatchMode::all ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
    // Past the limit the match fails with WildcardError (reported as invalid_query), rather than
    // silently searching for an arbitrary subset of the words.
    parser.set_max_expansion(static_cast<Xapian::termcount>(limits_.max_wildcard_expansion),
                             Xapian::Query::WILDCARD_LIMIT_ERROR);
    parser.add_prefix(stem_field(""), "Z");
    parser.add_prefix(cjk_phrase_field(""), (new CjkPhraseProcessor("Z"))->release());
    parser.add_prefix(acronym_field(), (new AcronymProcessor)->release());
    const Xapian::Stopper* stopper = analyzer_.stopper(request.language);
    parser.add_prefix(stop_phrase_field(""), (new StopPhraseProcessor(stopper, "", stop_phrases_))->release());
    for (const auto& spec : fields) {
        if (spec.query_name.empty()) continue;
        const std::string name(spec.query_name);
        if (spec.kind == FieldKind::free_text) {
            parser.add_prefix(name, std::string(spec.prefix));
            // Wildcards run over the stems of the field (see rewrite_for_index()).
            parser.add_prefix(stem_field(name), "Z" + std::string(spec.prefix));
            parser.add_prefix(cjk_phrase_field(name),
                              (new CjkPhraseProcessor("Z" + std::string(spec.prefix)))->release());
            parser.add_prefix(stop_phrase_field(name),
                              (new StopPhraseProcessor(stopper, std::string(spec.prefix), stop_phrases_))->release());
        } else if (spec.field == "id") {
            parser.add_boolean_prefix(name, std::string(spec.prefix));
        } else {
            // Released objects are reference-counted by the parser.
            parser.add_boolean_prefix(name, (new ExactFieldProcessor(std::string(spec.prefix)))->release());
        }
    }
    parser.add_boolean_prefix(std::string(language_query_name), (new LanguageFieldProcessor)->release());
    parser.add_boolean_prefix(std::string(story_query_name), std::string(story_prefix));
    parser.add_rangeprocessor((new DateRangeProcessor("published:", now_))->release());
    parser.add_rangeprocessor((new DateRangeProcessor("", now_))->release());
    return parsers_.emplace(key, std::move(parser)).first->second;
}

namespace {

// A side of "a..b" that could be meant as a date bound: "2021", "2021-03-15", "now-7d"; a
// number too ("1..5" is a range, if not one Gazette reads), but not "20mb".
bool looks_like_date_bound(std::string_view side) {
    // Brackets and quotes around a range are the query's, not the date's: "(2021..2022)".
    while (!side.empty() && (side.front() == '(' || side.front() == '"')) side.remove_prefix(1);
    while (!side.empty() && (side.back() == ')' || side.back() == '"')) side.remove_suffix(1);
    if (side.rfind("published:", 0) == 0) side.remove_prefix(10);
    if (side.rfind("now", 0) == 0) return true;
    // What ISO 8601 dates are written with, fractions after a comma included.
    return !side.empty() && side[0] >= '0' && side[0] <= '9' &&
           side.find_first_not_of("0123456789-:+.,TZtz") == std::string_view::npos;
}

// Calls `edit` on each run of characters between spaces of `text`, which it may change in
// place, keeping its length.
template <typename Edit> std::string edit_tokens(std::string text, Edit&& edit) {
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find_first_of(" \t\n", start);
        if (end == std::string::npos) end = text.size();
        edit(text.data() + start, end - start);
        start = end + 1;
    }
    return text;
}

} // namespace

std::string dots_as_spaces(const std::string& text) {
    return edit_tokens(text, [](char* token, std::size_t size) {
        const std::string_view original(token, size);
        const auto dots = original.find("..");
        if (dots == std::string_view::npos) return;
        std::string_view after = original.substr(dots);
        while (!after.empty() && after.front() == '.') after.remove_prefix(1);
        const bool ellipsis = size - dots - after.size() >= 3; // a range is two dots
        if (!ellipsis && (looks_like_date_bound(original.substr(0, dots)) || looks_like_date_bound(after))) return;
        // Judged on the original: a dot already made a space still makes its neighbour a run.
        const std::string before_edit(original);
        for (std::size_t i = 0; i < size; ++i)
            if (before_edit[i] == '.' &&
                ((i + 1 < size && before_edit[i + 1] == '.') || (i > 0 && before_edit[i - 1] == '.')))
                token[i] = ' ';
    });
}

std::string prose_operators(const std::string& text) {
    static constexpr std::string_view operators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    static constexpr std::string_view prose_marks = "!?,;:.";
    static constexpr std::string_view closing = "!?,;:.)\""; // the marks, and what closes "(NOT!)"
    return edit_tokens(text, [](char* start, std::size_t size) {
        std::string_view token(start, size);
        const std::size_t opening = std::min(token.find_first_not_of("(\""), token.size());
        token.remove_prefix(opening);
        for (const std::string_view op : operators) {
            if (token.rfind(op, 0) != 0) continue;
            const std::string_view rest = token.substr(op.size());
            if (rest.find_first_of(prose_marks) != std::string_view::npos &&
                rest.find_first_not_of(closing) == std::string_view::npos)
                for (std::size_t i = 0; i < op.size(); ++i)
                    start[opening + i] = static_cast<char>(token[i] - 'A' + 'a');
            return;
        }
    });
}

Xapian::Query QueryBuilder::parse_text(const SearchRequest& request) {
    Xapian::QueryParser& parser = this->parser(request);
    // A query typed all in capitals (caps lock, a pasted headline) is read as plain words:
    // otherwise "ANALYSIS AND DESIGN" would be a boolean AND, and capitalised words would not
    // be stemmed (the parser takes them for proper names).
    const std::string language =
        request.language.empty() ? analyzer_.settings().language : canonical_language(request.language);
    const auto& stopwords = analyzer_.stopwords(request.language);
    // Otherwise "WHO", "IT" in capitals are names, not stopwords, in an index that keeps them
    // (older ones do not); also all in capitals when there is nothing else ("WHO", "IT OR US").
    const bool acronyms = has_acronyms_ && (!is_all_caps(request.query) || only_stopwords(request.query, stopwords));
    std::string text = acronyms                     ? stopword_acronyms(request.query, stopwords)
                       : is_all_caps(request.query) ? lower_keeping_acronyms(request.query)
                                                    : request.query;
    if (has_elisions(language)) text = split_elisions(text);
    // Phrases of stopwords are found by their pairs where the index keeps them (older indexes
    // do not), and can match nothing where it does not.
    if (has_stop_pairs_) text = stopword_phrases(text, stopwords);
    text = drop_stopword_only_parts(text, stopwords);
    // Only stopwords in phrases or tied by operators ("the"; "The Who" in an index without
    // pairs of stopwords): nothing can match,
    // which is said by a query that matches nothing rather than by the whole index. No id
    // holds a NUL byte, so that term is in no article.
    if (trim(text).empty()) return Xapian::Query(std::string(id_prefix) + std::string(1, '\0'));
    // Last, on the words as the parser will see them: operands Xapian 1.4's parser cannot take
    // as typed, which it would read again as plain words, signs and operators among them.
    text = pure_negation(
        grouped_proximity(rewrite_for_index(synonyms_.expand(text), analyzer_.stemmer(request.language), stopwords)));
    Xapian::Query query;
    try {
        query = parser.parse_query(text, parser_flags);
    } catch (const Xapian::QueryParserError& e) {
        // Dots in running text ("Re: ... oil", "wait..what") read as a range by the parser:
        // they are punctuation unless a side looks like a date, which stays an error. Text
        // pasted from a headline also holds operators that are prose ("... NOT!").
        // (Before and after the dots go: "NOT..." and "... NOT!" alike.)
        const std::string plain = prose_operators(dots_as_spaces(prose_operators(text)));
        if (plain == text) throw Error(ErrorCode::invalid_query, "cannot parse query: " + e.get_msg());
        try {
            query = parser.parse_query(plain, parser_flags);
        } catch (const Xapian::QueryParserError&) {
            throw Error(ErrorCode::invalid_query, "cannot parse query: " + e.get_msg());
        }
    }
    refuse_proximity_read_as_words(text, query, analyzer_.stemmer(request.language));
    std::size_t terms = 0;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) ++terms;
    if (terms > limits_.max_query_terms)
        throw Error(ErrorCode::invalid_query, "query has " + std::to_string(terms) + " distinct terms; the limit is " +
                                                  std::to_string(limits_.max_query_terms));
    // A wildcard counts as the words it expands to.
    const std::size_t expanded =
        wildcard_expansions(query, db_, limits_.max_query_terms - terms, limits_.max_wildcard_expansion);
    if (terms + expanded > limits_.max_query_terms)
        throw Error(ErrorCode::invalid_query, "query has more than " + std::to_string(limits_.max_query_terms) +
                                                  " terms once its wildcards are expanded; the limit is " +
                                                  std::to_string(limits_.max_query_terms));
    return query;
}

Xapian::Query QueryBuilder::filters(const SearchRequest& request) const {
    std::vector<Xapian::Query> parts;
    if (!request.sources.empty()) parts.push_back(any_of(source_prefix, request.sources));
    if (!request.tags.empty()) parts.push_back(any_of(tag_prefix, request.tags));
    if (!request.languages.empty()) {
        std::vector<Xapian::Query> languages;
        for (const auto& l : request.languages)
            languages.emplace_back(std::string(language_prefix) + canonical_language(l));
        parts.emplace_back(Xapian::Query::OP_OR, languages.begin(), languages.end());
    }
    if (!request.from.empty() || !request.to.empty()) {
        auto range = date_range_query(request.from, request.to, now_);
        if (!range)
            throw Error(ErrorCode::invalid_argument, "from/to must be dates like 2021-03-01, 2021-03, 2021 or now-7d");
        // An empty filter would be dropped, widening the search to everything.
        if (range->empty()) throw Error(ErrorCode::invalid_argument, "from is later than to");
        parts.push_back(*range);
    }
    if (parts.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

BuiltQuery QueryBuilder::build(const SearchRequest& request, UnixSeconds now) {
    now_ = now;
    if (request.query.size() > limits_.max_query_bytes)
        throw Error(ErrorCode::invalid_query, "query is " + std::to_string(request.query.size()) +
                                                  " bytes; the limit is " + std::to_string(limits_.max_query_bytes));
    if (!is_valid_utf8(request.query)) throw Error(ErrorCode::invalid_query, "query is not valid UTF-8");

    BuiltQuery built;
    // Read with straight quotes throughout (a copy of the request only when it has others).
    std::optional<SearchRequest> straightened;
    if (std::string straight = straight_quotes(request.query); straight != request.query) {
        straightened = request;
        straightened->query = std::move(straight);
    }
    const SearchRequest& read = straightened ? *straightened : request;
    const std::string text = trim(read.query);
    if (!text.empty()) {
        stop_phrases_->clear();
        built.query = filters_as_filters(parse_text_in_index_languages(read));
        built.has_text = !built.query.empty();
        built.phrases = std::move(*stop_phrases_);
        stop_phrases_->clear();
        // Xapian's snippets mark no word of a phrase with stopwords (it sees the stopwords
        // the index skips): the phrases as typed, for the searcher to mark them itself.
        for (std::size_t open = text.find('"'); open != std::string::npos;) {
            const std::size_t close = text.find('"', open + 1);
            const std::string phrase = text.substr(open + 1, close == std::string::npos ? close : close - open - 1);
            if (std::find(built.phrases.begin(), built.phrases.end(), phrase) == built.phrases.end())
                built.phrases.push_back(phrase);
            open = close == std::string::npos ? close : text.find('"', close + 1);
        }
    }
    // A query of only stopwords parses to nothing: treat it like no query rather than
    // matching nothing.
    if (built.query.empty()) built.query = match_all();

    const Xapian::Query filter = filters(request);
    if (!filter.empty()) built.query = Xapian::Query(Xapian::Query::OP_FILTER, built.query, filter);
    return built;
}

} // namespace gazette::detail

#include "search/query_rewrite.hpp"

#include "analysis/query_words.hpp"
#include "index/schema.hpp"
#include "search/cjk_phrase.hpp"
#include "search/hex_token.hpp"
#include "search/stopword_phrase.hpp"
#include "util/text_util.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace gazette::detail {

namespace {

// The part of a word it shares with its stem: what every form of the word starts with.
std::string stem_prefix(const std::string& word, const Xapian::Stem& stemmer) {
    const std::string stem = stemmer(word);
    const auto shared = std::mismatch(word.begin(), word.end(), stem.begin(), stem.end()).first - word.begin();
    return shared > 0 ? word.substr(0, static_cast<std::size_t>(shared)) : word;
}

bool is_text_field(std::string_view name) {
    return name == "title" || name == "author";
}

bool is_operator(std::string_view token) {
    return token == "AND" || token == "OR" || token == "NOT" || token == "XOR" || token == "NEAR" || token == "ADJ" ||
           token.rfind("NEAR/", 0) == 0 || token.rfind("ADJ/", 0) == 0;
}

bool is_stopword(std::string_view word, const std::vector<std::string_view>& stopwords) {
    const std::string lower = to_lower(word);
    return std::find(stopwords.begin(), stopwords.end(), lower) != stopwords.end();
}

// A query split into top-level pieces: "phrases" (with their quotes and any field or +/-
// before them), parentheses, and whitespace-separated words.
std::vector<std::string> pieces_of(std::string_view query) {
    std::vector<std::string> pieces;
    std::string current;
    bool quoted = false;
    bool spaced = false; // white space since the last piece ended
    const auto flush = [&] {
        if (!current.empty()) pieces.push_back(std::move(current));
        current.clear();
    };
    for (char c : query) {
        if (c == '"') {
            current += c;
            if (quoted) flush();
            quoted = !quoted;
        } else if (quoted) {
            current += c;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            flush();
            spaced = true;
            continue;
        } else if (c == '(' || c == ')') {
            const bool glued = !current.empty();
            flush();
            // The parser ignores a sign or colon that white space parts from a bracket ("oil - (gas)"
            // is "oil (gas)"); joined() would glue them again ("-(gas)", a change of meaning).
            if (c == '(' && !glued && spaced && !pieces.empty()) {
                std::string& last = pieces.back();
                while (!last.empty() && (last.back() == '-' || last.back() == '+' || last.back() == ':'))
                    last.pop_back();
                if (last.empty()) pieces.pop_back();
            }
            pieces.emplace_back(1, c);
        } else {
            current += c;
        }
        spaced = false;
    }
    flush();
    return pieces;
}

// True when a piece can match nothing: a phrase of stopwords only, or a plain stopword.
bool matches_nothing(const std::string& piece, const std::vector<std::string_view>& stopwords) {
    std::string_view text = piece;
    while (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
    // title:"the": the field does not change what the phrase can match.
    if (const auto colon = text.find(':'), quote = text.find('"');
        colon != std::string_view::npos && quote == colon + 1)
        text.remove_prefix(quote);
    if (text.size() >= 2 && text.front() == '"') {
        for (const auto& w : query_words(text))
            if (!is_stopword(text.substr(w.begin, w.end - w.begin), stopwords)) return false;
        return true;
    }
    for (char c : text)
        if (c == ':' || c == '*' || c == '.' || c == '"') return false;
    return !text.empty() && is_stopword(text, stopwords);
}

// The field name ending just before `colon` ("title" in `title:...`), or "".
std::string_view field_before(std::string_view query, std::size_t colon) {
    std::size_t start = colon;
    while (start > 0 && (std::isalpha(static_cast<unsigned char>(query[start - 1])) || query[start - 1] == '_'))
        --start;
    return query.substr(start, colon - start);
}

// The end of the phrase whose opening quote is at `quote` (past its closing quote, or the end).
std::size_t phrase_end(std::string_view query, std::size_t quote) {
    const std::size_t close = query.find('"', quote + 1);
    return close == std::string_view::npos ? query.size() : close + 1;
}

// A phrase (`"..."`, quotes included) of CJK text only, as the query field that builds it
// (see cjk_phrase.hpp) of `field` ("" for the default fields); else none.
std::optional<std::string> cjk_phrase_piece(std::string_view phrase, std::string_view field) {
    if (phrase.size() < 2 || phrase.back() != '"') return std::nullopt;
    const std::string_view text = phrase.substr(1, phrase.size() - 2);
    if (!is_cjk_phrase(text)) return std::nullopt;
    return cjk_phrase_field(field) + ":" + hex_token(text);
}

// CJK after a text field (title:预算): the field is given the stem prefix, as plain CJK words
// are (see rewrite_for_index()). Phrases of CJK text, fielded or not, go to the query fields
// that build them (see cjk_phrase.hpp).
std::string cjk_fields(std::string_view query) {
    if (!has_cjk(query)) return std::string(query);
    std::string out;
    std::size_t i = 0;
    while (i < query.size()) {
        const std::size_t quote = query.find('"', i);
        const std::size_t colon = query.find(':', i);
        const std::size_t at = std::min(quote, colon);
        if (at == std::string_view::npos) break;
        std::size_t end = at + 1;
        if (at == quote) {
            end = phrase_end(query, quote);
            out.append(query.substr(i, quote - i));
            const auto phrase = query.substr(quote, end - quote);
            out += cjk_phrase_piece(phrase, "").value_or(std::string(phrase));
            i = end;
            continue;
        }
        const std::string_view field = field_before(query, colon);
        if (colon + 1 < query.size() && query[colon + 1] == '"') { // title:"..."
            end = phrase_end(query, colon + 1);
            const auto piece = is_text_field(to_lower(field))
                                   ? cjk_phrase_piece(query.substr(colon + 1, end - colon - 1), to_lower(field))
                                   : std::nullopt;
            out.append(query.substr(i, (piece ? colon - field.size() : end) - i));
            if (piece) out += *piece;
            i = end;
            continue;
        }
        while (end < query.size() && query[end] != ' ' && query[end] != ')' && query[end] != '"') ++end;
        const std::string_view value = query.substr(colon + 1, end - colon - 1);
        if (!field.empty() && is_text_field(to_lower(field)) && has_cjk(value)) {
            out.append(query.substr(i, colon - field.size() - i));
            out += stem_field(to_lower(field)) + ":";
            out.append(value);
        } else {
            out.append(query.substr(i, end - i));
        }
        i = end;
    }
    out.append(query.substr(std::min(i, query.size())));
    return out;
}

// Pieces (pieces_of()) put back together.
std::string joined(const std::vector<std::string>& pieces) {
    std::string out;
    for (const auto& piece : pieces) {
        // "-(", "+(" and "title:(" mean something only glued together.
        const bool glued =
            piece == "(" && !out.empty() && (out.back() == '-' || out.back() == '+' || out.back() == ':');
        if (!out.empty() && out.back() != '(' && piece != ")" && !glued) out += ' ';
        out += piece;
    }
    return out;
}

// A phrase piece (pieces_of()) with a run of two stopwords or more, as the stopword-phrase field
// of each run (see stopword_phrase.hpp), ANDed with the phrase of its other words; else none.
std::optional<std::string> stopword_phrase_piece(const std::string& piece,
                                                 const std::vector<std::string_view>& stopwords) {
    std::size_t at = 0;
    while (at < piece.size() && (piece[at] == '+' || piece[at] == '-')) ++at;
    const std::size_t quote = piece.find('"', at);
    if (quote == std::string::npos) return std::nullopt;
    std::string field;
    if (quote != at) { // title:"..."
        if (piece[quote - 1] != ':') return std::nullopt;
        field = to_lower(std::string_view(piece).substr(at, quote - 1 - at));
        if (!is_text_field(field)) return std::nullopt;
    }
    const std::size_t close = piece.size() > quote + 1 && piece.back() == '"' ? piece.size() - 1 : piece.size();
    const std::string_view text = std::string_view(piece).substr(quote + 1, close - quote - 1);
    const auto words = query_words(text);
    // Runs of adjacent stopwords, as [first, last] word indexes.
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    for (std::size_t i = 0; i < words.size();) {
        std::size_t end = i;
        while (end < words.size() &&
               is_stopword(text.substr(words[end].begin, words[end].end - words[end].begin), stopwords))
            ++end;
        if (end - i >= 2) runs.emplace_back(i, end - 1);
        i = std::max(end, i + 1);
    }
    if (runs.empty()) return std::nullopt;
    const std::string sign = piece.substr(0, at);
    const auto run_field = [&](const std::pair<std::size_t, std::size_t>& run) {
        return stop_phrase_field(field) + ":" +
               hex_token(text.substr(words[run.first].begin, words[run.second].end - words[run.first].begin));
    };
    if (runs.size() == 1 && runs.front().first == 0 && runs.front().second + 1 == words.size())
        return sign + run_field(runs.front());
    // The other words keep their phrase (without its stopwords, as every phrase is read).
    std::string rest;
    for (std::size_t i = 0, r = 0; i < words.size(); ++i) {
        while (r < runs.size() && runs[r].second < i) ++r;
        if (r < runs.size() && runs[r].first <= i) continue;
        if (!rest.empty()) rest += ' ';
        rest.append(text.substr(words[i].begin, words[i].end - words[i].begin));
    }
    std::string out = sign + "(" + (field.empty() ? "" : field + ":") + '"' + rest + '"';
    for (const auto& run : runs) out += " AND " + run_field(run);
    return out + ")";
}

} // namespace

std::string drop_stopword_only_parts(std::string_view query, const std::vector<std::string_view>& stopwords) {
    auto pieces = pieces_of(query);
    std::vector<bool> dropped(pieces.size(), false);
    bool changed = false;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (pieces[i] == "(" || pieces[i] == ")" || is_operator(pieces[i])) continue;
        const bool phrase = pieces[i].find('"') != std::string::npos;
        // A lone stopword among plain words is left to the parser, which ignores it; one tied
        // by an operator, or a phrase of stopwords, would make the query match nothing or fail.
        const bool tied =
            (i > 0 && is_operator(pieces[i - 1])) || (i + 1 < pieces.size() && is_operator(pieces[i + 1]));
        if (!matches_nothing(pieces[i], stopwords) || (!phrase && !tied)) continue;
        dropped[i] = changed = true;
    }
    if (!changed) return std::string(query);
    // Operators left without an operand on one side go too.
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < pieces.size(); ++i)
        if (!dropped[i]) kept.push_back(pieces[i]);
    for (bool again = true; again;) {
        again = false;
        for (std::size_t i = 0; i < kept.size(); ++i) {
            if (!is_operator(kept[i]) || kept[i] == "NOT") continue;
            const bool left = i > 0 && kept[i - 1] != "(" && !is_operator(kept[i - 1]);
            const bool right = i + 1 < kept.size() && kept[i + 1] != ")" && !is_operator(kept[i + 1]);
            if (left && right) continue;
            kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(i));
            again = true;
            break;
        }
        if (!kept.empty() && kept.back() == "NOT") {
            kept.pop_back();
            again = true;
        }
    }
    return joined(kept);
}

namespace {

bool is_boolean_operator(std::string_view piece) {
    return piece == "AND" || piece == "OR" || piece == "XOR" || piece == "NOT";
}

// One operand's item: a piece, or a bracketed group with what is glued before it ("-", "+",
// "title:"), over pieces [begin, end).
struct NegationItem {
    std::size_t begin, end; // one piece, or a group with its brackets
    bool negated;           // -word, -"phrase", -(group)
};

// Operands made only of negated items, at every level of brackets, as (NOT (a OR b)).
// Returns false when a bracket is not closed, which is left to the parser's error.
bool negate_operands(const std::vector<std::string>& pieces, std::size_t begin, std::size_t end, bool whole_query,
                     std::vector<std::string>& out) {
    std::vector<NegationItem> operand;
    const auto close_of = [&](std::size_t open) {
        for (int depth = 0; open < end; ++open) {
            depth += pieces[open] == "(" ? 1 : pieces[open] == ")" ? -1 : 0;
            if (depth == 0) return open;
        }
        return end;
    };
    // The items of one operand, negated ones inside the same kind of group.
    const auto emit_item = [&](const NegationItem& item, bool drop_sign) {
        if (item.end == item.begin + 1) {
            out.push_back(drop_sign ? pieces[item.begin].substr(1) : pieces[item.begin]);
            return true;
        }
        const std::size_t open = pieces[item.begin] == "(" ? item.begin : item.begin + 1;
        if (open != item.begin) { // "-", "+", "title:", "-title:" before the brackets
            const std::string glued = pieces[item.begin].substr(drop_sign ? 1 : 0);
            if (!glued.empty()) out.push_back(glued);
        }
        out.emplace_back("(");
        if (!negate_operands(pieces, open + 1, item.end - 1, false, out)) return false;
        out.emplace_back(")");
        return true;
    };
    const auto flush = [&](bool alone) {
        const bool all_negated = !operand.empty() && std::all_of(operand.begin(), operand.end(),
                                                                 [](const NegationItem& i) { return i.negated; });
        // Beside an operator, an operand that starts with an excluded item is refused ("a OR -b
        // c") or read as AND NOT of the whole operand ("a AND -b c"): in brackets it is the
        // words as typed ("a OR (-b c)").
        const bool bracketed = !alone && !operand.empty() && operand.front().negated;
        if (bracketed) out.emplace_back("(");
        if (all_negated) {
            out.emplace_back("NOT");
            out.emplace_back("(");
        }
        for (std::size_t k = 0; k < operand.size(); ++k) {
            if (all_negated && k > 0) out.emplace_back("OR");
            if (!emit_item(operand[k], all_negated)) return false;
        }
        if (all_negated) out.emplace_back(")");
        if (bracketed) out.emplace_back(")");
        operand.clear();
        return true;
    };
    bool operators = false;
    for (std::size_t i = begin; i < end;) {
        const std::string& piece = pieces[i];
        if (is_boolean_operator(piece)) {
            operators = true;
            if (!flush(false)) return false;
            out.push_back(piece);
            ++i;
            continue;
        }
        const bool glued = i + 1 < end && pieces[i + 1] == "(" && (piece == "-" || piece == "+" || piece.back() == ':');
        if (piece == "(" || glued) {
            const std::size_t close = close_of(glued ? i + 1 : i);
            if (close == end) return false;
            const bool negated = glued && piece.size() >= 1 && piece[0] == '-' && piece.rfind("--", 0) != 0;
            operand.push_back({i, close + 1, negated});
            i = close + 1;
            continue;
        }
        const bool negated = piece.size() >= 2 && piece[0] == '-' && piece[1] != '-';
        operand.push_back({i, i + 1, negated});
        ++i;
    }
    return flush(whole_query && !operators);
}

} // namespace

std::string pure_negation(std::string_view query) {
    if (query.find('-') == std::string_view::npos) return std::string(query);
    const auto pieces = pieces_of(query);
    std::vector<std::string> out;
    if (!negate_operands(pieces, 0, pieces.size(), true, out) || out == pieces) return std::string(query);
    return joined(out);
}

std::string lower_keeping_acronyms(std::string_view query) {
    std::string out;
    std::size_t start = 0;
    while (start < query.size()) {
        const std::size_t end = std::min(query.find_first_of(" \t\"()", start), query.size());
        const std::string_view word = query.substr(start, end - start);
        // "U.K.", "U.S.A": letters each followed by a dot.
        bool acronym = word.size() >= 3;
        for (std::size_t i = 0; acronym && i < word.size(); ++i)
            acronym = i % 2 == 0 ? std::isalpha(static_cast<unsigned char>(word[i])) != 0 : word[i] == '.';
        out += acronym ? std::string(word) : to_lower(word);
        if (end < query.size()) out += query[end];
        start = end + 1;
    }
    return out;
}

std::string acronym_field() {
    return "zzacronym";
}

std::string stopword_acronyms(std::string_view query, const std::vector<std::string_view>& stopwords) {
    std::string out;
    std::size_t copied = 0;
    for (const auto& w : query_words(query)) {
        const std::string_view word = query.substr(w.begin, w.end - w.begin);
        if (!w.plain || w.quoted || word.size() < 2 || is_operator(word)) continue;
        if (!std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) continue;
        if (!is_stopword(word, stopwords)) continue;
        out.append(query.substr(copied, w.begin - copied));
        out += acronym_field() + ":" + hex_token(to_lower(word));
        copied = w.end;
    }
    if (copied == 0) return std::string(query);
    out.append(query.substr(copied));
    return out;
}

bool only_stopwords(std::string_view query, const std::vector<std::string_view>& stopwords) {
    bool any = false;
    for (const auto& w : query_words(query)) {
        const std::string_view word = query.substr(w.begin, w.end - w.begin);
        if (is_operator(word)) continue;
        if (!is_stopword(word, stopwords)) return false;
        any = true;
    }
    return any;
}

Xapian::Query AcronymProcessor::operator()(const std::string& token) {
    const auto word = from_hex_token(token);
    return Xapian::Query(std::string(acronym_prefix) + to_lower(word ? *word : token));
}

std::string stem_field(std::string_view field) {
    return "zzstem" + std::string(field);
}

std::string rewrite_for_index(std::string_view original, const Xapian::Stem& stemmer,
                              const std::vector<std::string_view>& stopwords) {
    const std::string prefixed = cjk_fields(original);
    const std::string_view query = prefixed;
    std::string out;
    std::size_t copied = 0;
    const auto words = query_words(query);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        const std::string word = to_lower(query.substr(w.begin, w.end - w.begin));
        if (w.quoted && std::find(stopwords.begin(), stopwords.end(), word) != stopwords.end()) {
            // Drop the word and the spaces after it.
            out.append(query.substr(copied, w.begin - copied));
            copied = w.end;
            while (copied < query.size() && query[copied] == ' ') ++copied;
        } else if (w.plain && !w.quoted && has_cjk(word)) {
            // The parser gives CJK n-grams no "Z", the indexer does: a stem field adds it.
            out.append(query.substr(copied, w.begin - copied));
            out += stem_field("") + ":" + std::string(query.substr(w.begin, w.end - w.begin));
            copied = w.end;
        } else if (w.wildcard && !w.field_value && !w.quoted) {
            out.append(query.substr(copied, w.begin - copied));
            out += stem_field("") + ":" + stem_prefix(word, stemmer);
            copied = w.end;
        } else if (w.wildcard && w.field_value && i > 0 && words[i - 1].end + 1 == w.begin) {
            // "title:word*": the field name is the word just before the colon.
            const auto& field = words[i - 1];
            const std::string name = to_lower(query.substr(field.begin, field.end - field.begin));
            if (!is_text_field(name) || field.begin < copied) continue;
            out.append(query.substr(copied, field.begin - copied));
            out += stem_field(name) + ":" + stem_prefix(word, stemmer);
            copied = w.end;
        }
    }
    out.append(query.substr(copied));
    return out;
}

std::string stopword_phrases(std::string_view query, const std::vector<std::string_view>& stopwords) {
    if (stopwords.empty()) return std::string(query);
    // Two stopwords or more and nothing else ("the who", "to be or not to be") can only mean
    // the phrase: as words they would be dropped, and the query would match everything.
    const auto is_syntax = [](char c) {
        return c == '"' || c == ':' || c == '(' || c == ')' || c == '+' || c == '-' || c == '*';
    };
    const auto pieces = pieces_of(query);
    if (pieces.size() >= 2 && std::none_of(query.begin(), query.end(), is_syntax) &&
        std::none_of(pieces.begin(), pieces.end(), [&](const std::string& p) { return is_operator(p); }) &&
        only_stopwords(query, stopwords) && query_words(query).size() >= 2)
        return stop_phrase_field("") + ":" + hex_token(trim(query));
    // Each phrase is replaced where it stands, with the field and signs glued to it; the rest of
    // the query is left as typed.
    std::string out;
    std::size_t copied = 0;
    for (std::size_t open = query.find('"'); open != std::string_view::npos;) {
        const std::size_t close = query.find('"', open + 1);
        const std::size_t end = close == std::string_view::npos ? query.size() : close + 1;
        std::size_t start = open;
        if (start > 0 && query[start - 1] == ':') {
            --start;
            while (start > 0 && (std::isalpha(static_cast<unsigned char>(query[start - 1])) || query[start - 1] == '_'))
                --start;
        }
        while (start > 0 && (query[start - 1] == '+' || query[start - 1] == '-')) --start;
        // A quote glued to a word (`say"the who"`) is left to the parser, as it was typed.
        const bool alone = start == 0 || query[start - 1] == ' ' || query[start - 1] == '(' ||
                           query[start - 1] == '\t' || query[start - 1] == '\n' || query[start - 1] == '\r';
        if (alone && !beside_proximity_operator(query, start, end)) {
            if (auto rewritten = stopword_phrase_piece(std::string(query.substr(start, end - start)), stopwords)) {
                out.append(query.substr(copied, start - copied));
                out += *rewritten;
                copied = end;
            }
        }
        open = close == std::string_view::npos ? close : query.find('"', end);
    }
    if (copied == 0) return std::string(query);
    out.append(query.substr(copied));
    return out;
}

namespace {

// No NEAR or ADJ anywhere: most queries, spared the work of the two functions below.
bool without_proximity(std::string_view query) {
    return query.find("NEAR") == std::string_view::npos && query.find("ADJ") == std::string_view::npos;
}

} // namespace

std::string grouped_proximity(std::string_view query) {
    if (without_proximity(query)) return std::string(query);
    const auto pieces = pieces_of(query);
    // A word or phrase NEAR and ADJ can take: not an operator, a bracket, a dangling field or
    // signs alone.
    const auto operand = [](const std::string& piece, bool first) {
        if (piece == "(" || piece == ")" || is_operator(piece) || piece.back() == ':' ||
            piece.find_first_not_of("+-") == std::string::npos)
            return false;
        return first || (piece.front() != '+' && piece.front() != '-');
    };
    std::vector<std::string> out;
    bool grouped = false;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        std::size_t end = i; // the last operand of a chain starting at i
        while (end + 2 < pieces.size() && is_proximity_operator(pieces[end + 1]) && operand(pieces[end], end == i) &&
               operand(pieces[end + 2], false))
            end += 2;
        // In brackets already, unless with a sign, which Xapian does not take there either.
        const bool bracketed = i > 0 && pieces[i - 1] == "(" && end + 1 < pieces.size() && pieces[end + 1] == ")" &&
                               pieces[i].front() != '-' && pieces[i].front() != '+';
        if (end == i || bracketed) {
            out.push_back(pieces[i]);
            continue;
        }
        // The sign of the first word is the whole group's, as Xapian reads it at the end of a
        // query ("a -x NEAR y" excludes x near y).
        const std::string& first = pieces[i];
        const std::size_t signs = first.find_first_not_of("+-");
        if (signs > 0) out.push_back(first.substr(0, signs));
        out.emplace_back("(");
        out.push_back(first.substr(signs));
        out.insert(out.end(), pieces.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                   pieces.begin() + static_cast<std::ptrdiff_t>(end) + 1);
        out.emplace_back(")");
        grouped = true;
        i = end;
    }
    return grouped ? joined(out) : std::string(query);
}

std::vector<std::string> typed_proximity_operators(std::string_view query) {
    std::vector<std::string> operators;
    if (without_proximity(query)) return operators;
    const auto pieces = pieces_of(query);
    // With something on each side that is not another operator: at an end ("NEAR Shoemaker",
    // the spacecraft) it is a word, and read so.
    for (std::size_t i = 1; i + 1 < pieces.size(); ++i) {
        if (!is_proximity_operator(pieces[i]) || is_operator(pieces[i - 1]) || is_operator(pieces[i + 1])) continue;
        const std::string word = to_lower(pieces[i].substr(0, pieces[i].find('/')));
        if (std::find(operators.begin(), operators.end(), word) == operators.end()) operators.push_back(word);
    }
    // A word the query also has as a word ("oil NEAR crude near shore") would be no sign.
    for (const auto& w : query_words(query)) {
        const std::string_view word = query.substr(w.begin, w.end - w.begin);
        if (is_operator(word) && !w.quoted) continue;
        const auto same = std::find(operators.begin(), operators.end(), to_lower(word));
        if (same != operators.end()) operators.erase(same);
    }
    return operators;
}

std::string straight_quotes(std::string_view query) {
    // Typographic double quotes, as phones and word processors type them: “ ” „ ‟ « ».
    static constexpr std::string_view quotes[] = {"\u201C", "\u201D", "\u201E", "\u201F", "\u00AB", "\u00BB"};
    std::string out;
    out.reserve(query.size());
    for (std::size_t i = 0; i < query.size();) {
        const auto byte = static_cast<unsigned char>(query[i]);
        if (byte >= 0x80) {
            const auto quote = std::find_if(std::begin(quotes), std::end(quotes),
                                            [&](std::string_view q) { return query.compare(i, q.size(), q) == 0; });
            if (quote != std::end(quotes)) {
                out += '"';
                i += quote->size();
                continue;
            }
        }
        out += query[i++];
    }
    return out;
}

} // namespace gazette::detail

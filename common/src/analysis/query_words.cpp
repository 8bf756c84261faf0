#include "analysis/query_words.hpp"

#include <cctype>

namespace gazette::detail {

namespace {

bool is_word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u >= 0x80 || c == '\'' || c == '_';
}

bool is_operator(std::string_view word) {
    return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" || word == "ADJ";
}

} // namespace

std::vector<QueryWord> query_words(std::string_view query) {
    std::vector<QueryWord> words;
    bool quoted = false;
    for (std::size_t i = 0; i < query.size();) {
        if (query[i] == '"') {
            quoted = !quoted;
            ++i;
            continue;
        }
        if (!is_word_byte(query[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < query.size() && is_word_byte(query[end])) ++end;
        const char before = i > 0 ? query[i - 1] : ' ';
        const char after = end < query.size() ? query[end] : ' ';
        QueryWord word;
        word.begin = i;
        word.end = end;
        word.quoted = quoted;
        word.wildcard = after == '*';
        word.field_value = before == ':';
        word.plain = before != ':' && before != '+' && before != '-' && after != ':' && after != '*' &&
                     !is_operator(query.substr(i, end - i));
        words.push_back(word);
        i = end;
    }
    return words;
}

bool is_proximity_operator(std::string_view token) {
    return token == "NEAR" || token == "ADJ" || token.rfind("NEAR/", 0) == 0 || token.rfind("ADJ/", 0) == 0;
}

bool beside_proximity_operator(std::string_view query, std::size_t begin, std::size_t end) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t before_end = begin;
    while (before_end > 0 && is_space(query[before_end - 1])) --before_end;
    std::size_t before = before_end;
    while (before > 0 && !is_space(query[before - 1])) --before;
    std::size_t after = end;
    while (after < query.size() && is_space(query[after])) ++after;
    std::size_t after_end = after;
    while (after_end < query.size() && !is_space(query[after_end])) ++after_end;
    return is_proximity_operator(query.substr(before, before_end - before)) ||
           is_proximity_operator(query.substr(after, after_end - after));
}

} // namespace gazette::detail

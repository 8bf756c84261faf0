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

} // namespace gazette::detail

#include "analysis/synonyms.hpp"

#include <gazette/error.hpp>

#include "analysis/query_words.hpp"
#include "util/text_util.hpp"

#include <cctype>

#include <xapian.h>

namespace gazette::detail {

namespace {

// Canonical member text: lower-case words joined by single spaces.
std::string canonical(std::string_view text) {
    return normalize_space(to_lower(text));
}

std::size_t word_count(const std::string& member) {
    std::size_t n = 1;
    for (char c : member) n += c == ' ';
    return n;
}

bool is_word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u >= 0x80 || c == '\'' || c == '_';
}

std::string alternative(const std::string& member) {
    return member.find(' ') == std::string::npos ? member : "\"" + member + "\"";
}

} // namespace

SynonymMap SynonymMap::parse(std::string_view text) {
    SynonymMap map;
    std::size_t line_number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string line = trim(text.substr(start, end - start));
        ++line_number;
        start = end + 1;
        if (line.empty() || line[0] == '#') continue;
        if (!is_valid_utf8(line))
            throw Error(ErrorCode::invalid_argument, "synonyms line " + std::to_string(line_number) + ": not UTF-8");
        std::vector<std::string> group;
        std::size_t from = 0;
        while (from <= line.size()) {
            std::size_t comma = line.find(',', from);
            if (comma == std::string::npos) comma = line.size();
            std::string member = canonical(line.substr(from, comma - from));
            from = comma + 1;
            if (member.empty()) continue;
            for (char c : member)
                if (!is_word_byte(c) && c != ' ')
                    throw Error(ErrorCode::invalid_argument, "synonyms line " + std::to_string(line_number) +
                                                                 ": members are words, found '" + member + "'");
            if (map.group_of_.count(member))
                throw Error(ErrorCode::invalid_argument, "synonyms line " + std::to_string(line_number) + ": '" +
                                                             member + "' is already in another group");
            map.group_of_[member] = map.groups_.size();
            map.longest_ = std::max(map.longest_, word_count(member));
            group.push_back(std::move(member));
        }
        if (group.size() < 2)
            throw Error(ErrorCode::invalid_argument,
                        "synonyms line " + std::to_string(line_number) + ": a group needs two members or more");
        map.groups_.push_back(std::move(group));
    }
    return map;
}

std::string SynonymMap::to_text() const {
    std::string text;
    for (const auto& group : groups_) {
        for (std::size_t i = 0; i < group.size(); ++i) text += (i ? ", " : "") + group[i];
        text += '\n';
    }
    return text;
}

std::string SynonymMap::expand(std::string_view query) const {
    if (empty()) return std::string(query);
    struct Word {
        std::size_t begin, end;
        bool expandable;
    };
    std::vector<Word> words;
    for (const auto& w : query_words(query)) words.push_back({w.begin, w.end, w.plain && !w.quoted});

    std::string out;
    std::size_t copied = 0;
    for (std::size_t w = 0; w < words.size();) {
        // The longest run of expandable words, separated only by spaces, that is a member.
        std::size_t matched = 0;
        std::size_t group = 0;
        std::string phrase;
        for (std::size_t n = 0; n < longest_ && w + n < words.size() && words[w + n].expandable; ++n) {
            if (n > 0) {
                const auto gap = query.substr(words[w + n - 1].end, words[w + n].begin - words[w + n - 1].end);
                if (gap.find_first_not_of(' ') != std::string_view::npos) break;
                phrase += ' ';
            }
            phrase += to_lower(query.substr(words[w + n].begin, words[w + n].end - words[w + n].begin));
            if (auto found = group_of_.find(phrase); found != group_of_.end()) {
                matched = n + 1;
                group = found->second;
            }
        }
        const std::size_t begin = words[w].begin, end = matched ? words[w + matched - 1].end : 0;
        if (matched == 0 || beside_proximity_operator(query, begin, end)) {
            ++w;
            continue;
        }
        out.append(query.substr(copied, begin - copied));
        out += '(';
        out += query.substr(begin, end - begin);
        const std::string self = canonical(query.substr(begin, end - begin));
        for (const auto& member : groups_[group])
            if (member != self) out += " OR " + alternative(member);
        out += ')';
        copied = end;
        w += matched;
    }
    out.append(query.substr(copied));
    return out;
}

} // namespace gazette::detail

#include "search/stopword_phrase.hpp"

#include "analysis/stopword_pairs.hpp"
#include "index/schema.hpp"
#include "search/hex_token.hpp"

#include <algorithm>
#include <vector>

namespace gazette::detail {

std::string stop_phrase_field(std::string_view field) {
    return "zzstopphrase" + std::string(field);
}

Xapian::Query StopPhraseProcessor::operator()(const std::string& token) {
    const auto text = from_hex_token(token);
    if (!text) return Xapian::Query::MatchNothing;
    auto pairs = stopword_pairs(*text, words_);
    if (pairs.empty()) return Xapian::Query::MatchNothing;
    if (seen_ && std::find(seen_->begin(), seen_->end(), *text) == seen_->end()) seen_->push_back(*text);
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::vector<Xapian::Query> terms;
    for (const auto& pair : pairs) terms.emplace_back(std::string(stop_pair_prefix) + prefix_ + pair);
    return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
}

} // namespace gazette::detail

#pragma once
// The plain words of a query string, with their positions: what synonym expansion and spelling
// correction may touch. Quoted words are marked; words that are field names, field values,
// wildcards, +/- terms or upper-case operators are not plain.

#include <string_view>
#include <vector>

namespace gazette::detail {

struct QueryWord {
    std::size_t begin = 0, end = 0; ///< byte span in the query
    bool plain = false;             ///< an ordinary word (see above)
    bool quoted = false;            ///< inside "..."
    bool wildcard = false;          ///< followed by '*'
    bool field_value = false;       ///< right after "field:"
};

std::vector<QueryWord> query_words(std::string_view query);

/// NEAR, ADJ, NEAR/n or ADJ/n: the proximity operators, which join single words.
bool is_proximity_operator(std::string_view token);

/// True when the text of `query` in [begin, end) has a proximity operator right before or
/// right after it (spaces between): an operand of NEAR or ADJ, which must stay a single word.
bool beside_proximity_operator(std::string_view query, std::size_t begin, std::size_t end);

} // namespace gazette::detail

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

} // namespace gazette::detail

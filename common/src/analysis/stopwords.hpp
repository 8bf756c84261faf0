#pragma once
// Stopword lists, by language (ISO 639-1). Only English for now.

#include <string_view>
#include <vector>

namespace gazette::detail {

/// The stopwords of a language, or an empty list when there is none.
const std::vector<std::string_view>& stopwords_for(std::string_view language);

} // namespace gazette::detail

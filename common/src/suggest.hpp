#pragma once
// Suggestions from the indexed vocabulary: "did you mean" corrections and word completions.

#include <gazette/search.hpp>

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace gazette::detail {

/// The query with each rare or unknown word (in at most 2 articles) replaced by the most
/// frequent word one edit away (a letter deleted, inserted, replaced or two swapped), if that
/// word is in at least 10 times as many articles (and 3 at least) and is not a stopword.
/// "" when nothing changes.
std::string spelling_suggestion(const Xapian::Database& db, std::string_view query,
                                const std::vector<std::string_view>& stopwords);

/// Completions of the query's last word from the indexed words that start with it, most
/// frequent first; the words before it are kept. Nothing for a prefix under 2 characters.
std::vector<Completion> completions(const Xapian::Database& db, std::string_view text, std::size_t limit);

} // namespace gazette::detail

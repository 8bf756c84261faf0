#pragma once
// Suggestions from the indexed vocabulary: "did you mean" corrections and word completions.

#include <gazette/search.hpp>

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace gazette::detail {

/// The query with each rare or unknown word (its stem in at most 2 articles) replaced by the
/// word one edit away (a letter deleted, inserted, replaced or two swapped) whose stem is in
/// the most articles, at least 10 times as many (and 3); never a stopword, and only a word seen
/// in a title, where the index keeps words as written. "" when nothing changes.
/// The query's own words are looked up in `mset`, which already knows their frequencies.
/// With `prefetch_from` (a database with remote parts), the candidates' frequencies are
/// gathered by one match over it rather than looked up one by one.
std::string spelling_suggestion(const Xapian::MSet& mset, std::string_view query, const Xapian::Stem& stemmer,
                                const std::vector<std::string_view>& stopwords,
                                const Xapian::Database* prefetch_from = nullptr);

/// Completions of the query's last word from the words of indexed titles that start with it,
/// by the number of titles holding them; the words before it are kept. Nothing for a prefix
/// under 2 characters.
std::vector<Completion> completions(const Xapian::Database& db, std::string_view text, std::size_t limit);

} // namespace gazette::detail

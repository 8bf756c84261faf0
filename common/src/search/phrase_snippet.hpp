#pragma once
// Snippets for phrases of stopwords ("The Who"). Xapian's snippets mark the words of the query
// it finds in the text, and a phrase of stopwords has none (it is found by pairs of stopwords,
// analysis/stopword_pairs.hpp): without this its hits would show the article's lead, unmarked.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::detail {

/// A snippet of about `length` bytes of `text` (HTML-escaped, white space made single spaces)
/// around the first place any of `phrases` stands, each word of each of its occurrences in the
/// snippet between `start` and `end`; none when no phrase is in the text. Only phrases of two
/// words or more count, the first 16 of them. Words compare lower-cased, split at every
/// character that is not a letter or digit ("don't" is two words, a CJK run one), punctuation
/// between them ignored.
std::optional<std::string> phrase_snippet(std::string_view text, const std::vector<std::string>& phrases,
                                          std::size_t length, std::string_view start, std::string_view end);

} // namespace gazette::detail

#pragma once
// Elided articles and pronouns in French, Italian and Catalan ("l'économie", "dell'anno",
// "qu'il"): the word after the apostrophe is a word of its own. Xapian's term generator keeps
// "l'économie" whole, so "économie" would not find it; splitting before indexing (and before
// parsing a query in those languages) fixes that.

#include <string>
#include <string_view>

namespace gazette::detail {

/// True for the languages whose elisions are split (fr, it, ca).
bool has_elisions(std::string_view language);

/// `text` with the apostrophe (' or ’) after an elided word ("l", "d", "qu", "dell", ...)
/// replaced by a space, when a letter follows.
std::string split_elisions(std::string_view text);

} // namespace gazette::detail

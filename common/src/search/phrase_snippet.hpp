#pragma once
// Snippets for phrases of stopwords ("The Who"). Xapian's snippets mark the words of the query
// it finds in the text, and a phrase of stopwords has none (it is found by pairs of stopwords,
// analysis/stopword_pairs.hpp): without this its hits would show the article's lead, unmarked.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::detail {

/// The phrases of one query, split into words once, for the snippets of all its hits.
class PhraseSnippets {
  public:
    /// Only phrases of two words or more count (Xapian marks single words), the first 16 of
    /// them: a query can hold thousands, and each is tried at every word of a hit's text.
    explicit PhraseSnippets(const std::vector<std::string>& phrases);

    bool empty() const { return phrases_.empty(); }

    /// A snippet of about `length` bytes of `text` (HTML-escaped, white space made single
    /// spaces) around the first place one of the phrases stands, each word of each of their
    /// occurrences in it between `start` and `end`; none when no phrase is in the text. Words
    /// compare lower-cased, split at every character that is not a letter or digit ("don't" is
    /// two words, a CJK run one), punctuation between them ignored.
    std::optional<std::string> snippet(std::string_view text, std::size_t length, std::string_view start,
                                       std::string_view end) const;

  private:
    std::vector<std::vector<std::string>> phrases_; // lower-cased words
};

} // namespace gazette::detail

#pragma once
// Phrases of Chinese, Japanese and Korean text. Xapian 1.4's indexer (with stems, as Gazette
// indexes) gives every character and every pair of adjacent characters a position of its own,
// interleaved (政 1, 政府 2, 府 3, ...), while its query parser looks for the characters alone
// at most one position apart: a CJK phrase never matched. Gazette builds these phrases itself,
// from the pairs, with the window the interleaving needs. The parser cannot hand CJK text to a
// field processor, so the phrase travels through it as a hex token (hex_token.hpp).

#include <xapian.h>

#include <string>
#include <string_view>

namespace gazette::detail {

/// True for a code point that Xapian indexes as CJK n-grams.
bool is_cjk(unsigned ch);
bool has_cjk(std::string_view text);
/// True when `text` has CJK characters and no other letters or digits: a phrase that
/// cjk_phrase_query() builds whole.
bool is_cjk_phrase(std::string_view text);

/// The query field that reads a CJK phrase of a text field ("" for the default fields).
std::string cjk_phrase_field(std::string_view field);

/// The phrase of the text in `token` among terms of `prefix` ("Z" plus the field's prefix).
class CjkPhraseProcessor : public Xapian::FieldProcessor {
  public:
    explicit CjkPhraseProcessor(std::string prefix) : prefix_(std::move(prefix)) {}
    Xapian::Query operator()(const std::string& token) override;

  private:
    std::string prefix_;
};

/// The query for a CJK phrase among terms of `prefix`: the pairs of adjacent characters of each
/// run of CJK characters (a run of one, the character) in order, within the positions they span.
Xapian::Query cjk_phrase_query(std::string_view phrase, const std::string& prefix);

} // namespace gazette::detail

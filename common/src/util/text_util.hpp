#pragma once
// Small string helpers shared by readers, analysis and output.

#include <cstdint>
#include <string>
#include <string_view>

namespace gazette::detail {

/// True if `text` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;
/// Offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t invalid_utf8_offset(std::string_view text) noexcept;

/// Replaces malformed UTF-8 sequences with U+FFFD.
std::string repair_utf8(std::string_view text);

/// Cuts valid UTF-8 `text` to at most `max_bytes`, at a character boundary.
void truncate_utf8(std::string& text, std::size_t max_bytes);

/// Strips ASCII and Unicode whitespace (NBSP, BOM) from both ends.
std::string trim(std::string_view text);

/// Collapses runs of whitespace into one space and trims; keeps paragraph breaks ("\n\n").
std::string normalize_space(std::string_view text);

std::string to_lower_ascii(std::string_view text);

/// Lower-cases letters of any script.
std::string to_lower(std::string_view text);

/// True if the text has at least two letters and none of them is lower case ("WAVE GUIDES").
bool is_all_caps(std::string_view text);

/// Lower-cases letters (Unicode-aware), turns every run of non-letters/digits into one '-',
/// and trims '-': "Zürcher Zeitung" becomes "zürcher-zeitung". The key of exact-match fields.
std::string slugify(std::string_view text);

/// Escapes & < > " ' for HTML text and attributes.
std::string html_escape(std::string_view text);

/// The start of `text` as a snippet: white space runs made single spaces, cut at a word
/// boundary within `length` bytes, HTML-escaped, "…" appended when cut.
std::string lead_snippet(std::string_view text, std::size_t length);

/// Joins highlights that touch ("<b>预</b><b>算</b>" becomes "<b>预算</b>"): Xapian marks
/// CJK text character by character.
void merge_adjacent_marks(std::string& snippet, std::string_view start, std::string_view end);

/// 64-bit FNV-1a: a stable, platform-independent hash for generated ids.
std::uint64_t fnv1a64(std::string_view data) noexcept;
std::string hex16(std::uint64_t value);

/// Appends the UTF-8 encoding of a code point (invalid ones become U+FFFD).
void append_utf8(std::string& out, char32_t code_point);

} // namespace gazette::detail

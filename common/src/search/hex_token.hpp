#pragma once
// Text passed through Xapian's query parser to a field processor untouched: the parser drops a
// field value that is a stopword ("who") and cannot pass CJK text on at all, but leaves hex
// digits alone (and hex of letters always holds a digit, so it is never a stopword).

#include <optional>
#include <string>
#include <string_view>

namespace gazette::detail {

std::string hex_token(std::string_view text);
/// None when `token` is not hex_token() of anything (typed by hand).
std::optional<std::string> from_hex_token(std::string_view token);

} // namespace gazette::detail

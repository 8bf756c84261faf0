#pragma once
// HTML -> plain text, for feed descriptions and content.

#include <string>
#include <string_view>

namespace gazette::detail {

/// The readable text of an HTML fragment: tags dropped, entities decoded, script/style
/// removed, block elements (p, div, li, br, headings ...) separated by paragraph breaks.
std::string html_to_text(std::string_view html);

} // namespace gazette::detail

#pragma once
// HTML -> plain text, for feed descriptions and content.

#include <string>
#include <string_view>

namespace gazette::detail {

/// The readable text of an HTML fragment: tags dropped, entities decoded, script/style
/// removed, block elements (p, div, li, br, headings ...) separated by paragraph breaks.
std::string html_to_text(std::string_view html);

/// True when `text` holds HTML: a tag of HTML's own ("<p>", "</div>", "<br/>", "<a href=...>") or
/// one of the entities HTML text is full of (&amp;nbsp; &amp;amp; &amp;#8217; ...). "5 < 6" and "AT&T" are text.
bool looks_like_html(std::string_view text);

} // namespace gazette::detail

#pragma once
// Textual repairs of feeds that libxml2's recovering parser reads badly: tried when a feed is not
// well-formed, before parsing it again. Each keeps the text's line breaks, so that line numbers
// stay those of the file.

#include <string>

namespace gazette::detail {

/// Characters that may start, and continue, an XML name (ASCII rules; any byte of a multi-byte
/// UTF-8 character counts as a name character, as XML allows most of them).
bool xml_name_start(unsigned char c);
bool xml_name_char(unsigned char c);

/// RSS's <title> and <description> hold text (HTML escaped), yet careless feeds write raw HTML in
/// them ("<b>", an unclosed "<br>"), which nests the rest of the feed inside one item. Escapes
/// every '<' inside those elements, CDATA sections aside, up to their closing tag.
std::string escape_markup_in_rss_text(const std::string& xml);

/// Quotes attribute values written without quotes (<rss version=2.0>), which libxml2 cannot
/// recover from.
std::string quote_attribute_values(const std::string& xml);

/// How many closing tags of elements with this local name (any prefix, any case) the text has.
std::size_t count_closing_tags(const std::string& xml, const std::string& local_name);

} // namespace gazette::detail

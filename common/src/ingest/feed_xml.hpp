#pragma once
// A feed's bytes to an XML tree, the way lenient feed readers get there: decoded to UTF-8 by
// its byte order mark or declaration (or as windows-1252 when it claims UTF-8 and is not),
// HTML entities and bare ampersands repaired, then parsed by libxml2 in recovery mode, so a
// truncated or ill-formed feed still gives the items before the damage.

#include <libxml/tree.h>

#include <memory>
#include <optional>
#include <string>

namespace gazette::detail {

struct XmlDocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocFree>;

struct FeedXml {
    XmlDoc doc;                        ///< null when nothing could be read as XML
    std::string text;                  ///< the UTF-8 text that was parsed (for line numbers)
    std::string encoding;              ///< the encoding it was decoded from
    std::optional<std::string> damage; ///< the first well-formedness error, if any
    std::uint64_t damage_line = 0;     ///< its line
};

/// `bytes`: the whole file. `encoding`: an encoding to use instead of the declared one ("").
/// @throws Error invalid_input for an encoding iconv does not know.
FeedXml parse_feed_xml(const std::string& bytes, const std::string& encoding);

/// The text with every '&' that does not start a reference to a known entity escaped, and
/// HTML's named entities (&nbsp; &eacute; ...) written as numeric references, outside CDATA
/// sections and comments. Entities declared in the document's own DTD are left alone.
std::string repair_entities(const std::string& xml);

} // namespace gazette::detail

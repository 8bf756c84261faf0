#include "ingest/feed_xml.hpp"

#include "ingest/charset.hpp"
#include "ingest/feed_repair.hpp"
#include "util/text_util.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <cctype>
#include <set>

namespace gazette::detail {

namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The encoding named in the XML declaration, or "".
std::string declared_encoding(std::string_view text) {
    const std::string head = lower_ascii(text.substr(0, 1024));
    if (head.rfind("<?xml", 0) != 0) return {};
    const auto end = head.find("?>");
    const auto at = head.find("encoding", 0);
    if (at == std::string::npos || (end != std::string::npos && at > end)) return {};
    auto quote = head.find_first_of("\"'", at);
    if (quote == std::string::npos) return {};
    const auto close = head.find(head[quote], quote + 1);
    if (close == std::string::npos) return {};
    return std::string(text.substr(quote + 1, close - quote - 1));
}

bool has_multibyte_utf8(std::string_view text) {
    for (unsigned char c : text)
        if (c >= 0xC2 && c <= 0xF4) return true;
    return false;
}

bool legacy_single_byte(const std::string& charset) {
    return charset.rfind("WINDOWS-125", 0) == 0 || charset.rfind("ISO-8859-", 0) == 0 || charset == "MACINTOSH" ||
           charset == "KOI8-R" || charset == "KOI8-U" || charset == "CP874";
}

// Removes the XML declaration (the text is UTF-8 from here on, whatever it said), and turns
// whatever comes before the first tag (blank lines, a stray BOM, server junk) into spaces,
// keeping line ends so that line numbers stay those of the file.
std::string without_declaration(std::string text) {
    const auto first = text.find('<');
    if (first == std::string::npos) return text;
    for (std::size_t i = 0; i < first; ++i)
        if (text[i] != '\n') text[i] = ' ';
    if (text.compare(first, 5, "<?xml") == 0)
        if (const auto end = text.find("?>", first); end != std::string::npos)
            for (std::size_t i = first; i < end + 2; ++i)
                if (text[i] != '\n') text[i] = ' ';
    return text;
}

// Decodes the bytes to UTF-8: by byte order mark, then by declaration (but text that declares
// a single-byte encoding and is UTF-8 with multi-byte characters is UTF-8: a common mistake),
// then UTF-8 if it is valid, else windows-1252.
std::string decode(const std::string& bytes, const std::string& forced, std::string& used) {
    std::string_view view = bytes;
    std::string bom_charset;
    if (view.rfind("\xEF\xBB\xBF", 0) == 0) {
        view.remove_prefix(3);
        bom_charset = "UTF-8";
    } else if (view.rfind(std::string_view("\xFF\xFE\0\0", 4), 0) == 0) {
        bom_charset = "UTF-32LE", view.remove_prefix(4);
    } else if (view.rfind(std::string_view("\0\0\xFE\xFF", 4), 0) == 0) {
        bom_charset = "UTF-32BE", view.remove_prefix(4);
    } else if (view.rfind("\xFF\xFE", 0) == 0) {
        bom_charset = "UTF-16LE", view.remove_prefix(2);
    } else if (view.rfind("\xFE\xFF", 0) == 0) {
        bom_charset = "UTF-16BE", view.remove_prefix(2);
    } else if (view.size() >= 4 && view[0] == '<' && view[1] == '\0' && view[2] == '?' && view[3] == '\0') {
        bom_charset = "UTF-16LE";
    } else if (view.size() >= 4 && view[0] == '\0' && view[1] == '<' && view[2] == '\0' && view[3] == '?') {
        bom_charset = "UTF-16BE";
    }
    std::string charset = !forced.empty() ? canonical_charset(forced) : bom_charset;
    if (charset.empty()) {
        const std::string declared = declared_encoding(view);
        charset = declared.empty() ? "UTF-8" : canonical_charset(declared);
        if (charset != "UTF-8" && !charset_supported(charset)) charset = "UTF-8"; // unknown label: sniff
        if (legacy_single_byte(charset) && is_valid_utf8(view) && has_multibyte_utf8(view)) charset = "UTF-8";
        if (charset == "UTF-8" && !is_valid_utf8(view)) charset = "WINDOWS-1252";
    }
    used = charset;
    std::string text = charset == "UTF-8" ? std::string(view) : to_utf8(view, charset);
    if (!is_valid_utf8(text)) text = repair_utf8(text);
    return without_declaration(std::move(text));
}

// XML's five predefined entities as character references.
const char* predefined_reference(const std::string& name) {
    if (name == "amp") return "&#38;";
    if (name == "lt") return "&#60;";
    if (name == "gt") return "&#62;";
    if (name == "quot") return "&#34;";
    if (name == "apos") return "&#39;";
    return nullptr;
}

// Names declared with <!ENTITY name ...> in the internal subset.
std::set<std::string> declared_entities(const std::string& xml) {
    std::set<std::string> names;
    const auto doctype = xml.find("<!DOCTYPE");
    if (doctype == std::string::npos) return names;
    for (auto at = xml.find("<!ENTITY", doctype); at != std::string::npos; at = xml.find("<!ENTITY", at + 8)) {
        std::size_t p = at + 8;
        while (p < xml.size() && (xml[p] == ' ' || xml[p] == '\t' || xml[p] == '\n' || xml[p] == '\r')) ++p;
        if (p < xml.size() && xml[p] == '%') continue; // a parameter entity
        const std::size_t start = p;
        while (p < xml.size() && xml_name_char(static_cast<unsigned char>(xml[p]))) ++p;
        if (p > start) names.insert(xml.substr(start, p - start));
    }
    return names;
}

struct Damage {
    std::optional<std::string> message;
    int line = 0;
};

void record_first_error(void* context, xmlError* error) {
    auto* damage = static_cast<Damage*>(context);
    if (damage->message || !error || error->level < XML_ERR_ERROR) return;
    std::string message = error->message ? error->message : "unknown error";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    damage->message = std::move(message);
    damage->line = error->line;
}

} // namespace

std::string repair_entities(const std::string& xml) {
    const std::set<std::string> declared = declared_entities(xml);
    std::string out;
    out.reserve(xml.size() + xml.size() / 64);
    std::size_t i = 0;
    while (i < xml.size()) {
        // Copied untouched: CDATA sections, comments, processing instructions.
        if (xml.compare(i, 9, "<![CDATA[") == 0 || xml.compare(i, 4, "<!--") == 0 || xml.compare(i, 2, "<?") == 0) {
            const std::string_view close = xml[i + 1] == '!' ? (xml[i + 2] == '[' ? "]]>" : "-->") : "?>";
            const auto end = xml.find(close, i + 2);
            const std::size_t stop = end == std::string::npos ? xml.size() : end + close.size();
            out.append(xml, i, stop - i);
            i = stop;
            continue;
        }
        const auto c = static_cast<unsigned char>(xml[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out += ' '; // a control character XML cannot hold (feed readers drop them)
            ++i;
            continue;
        }
        if (c == '<') {
            // A '<' that cannot start markup ("5 < 6") is text.
            const unsigned char next = i + 1 < xml.size() ? static_cast<unsigned char>(xml[i + 1]) : ' ';
            const bool markup = xml_name_start(next) || next == '/' || next == '!' || next == '?';
            out += markup ? "<" : "&#60;";
            ++i;
            continue;
        }
        if (c != '&') {
            out += xml[i++];
            continue;
        }
        std::size_t p = i + 1;
        if (p < xml.size() && xml[p] == '#') { // a character reference
            ++p;
            const bool hex = p < xml.size() && (xml[p] == 'x' || xml[p] == 'X');
            if (hex) ++p;
            const std::size_t digits = p;
            while (p < xml.size() && (hex ? std::isxdigit(static_cast<unsigned char>(xml[p]))
                                          : std::isdigit(static_cast<unsigned char>(xml[p]))))
                ++p;
            if (p > digits && p < xml.size() && xml[p] == ';') {
                // A code point XML cannot hold (past U+10FFFF, a surrogate, most controls) is U+FFFD,
                // as in HTML; "&#X41;" is written "&#x41;", which XML requires.
                const std::string number = xml.substr(digits, p - digits);
                const unsigned long value = number.size() > 8 ? 0x110000 : std::stoul(number, nullptr, hex ? 16 : 10);
                const bool allowed = (value >= 0x20 && value < 0xD800) ||
                                     (value >= 0xE000 && value < 0x110000 && value != 0xFFFE && value != 0xFFFF) ||
                                     value == 0x9 || value == 0xA || value == 0xD;
                if (allowed)
                    out += (hex ? "&#x" : "&#") + number + ";";
                else
                    out += "&#xFFFD;";
                i = p + 1;
            } else {
                out += "&#38;";
                ++i;
            }
            continue;
        }
        const std::size_t start = p;
        if (p < xml.size() && xml_name_start(static_cast<unsigned char>(xml[p])))
            while (p < xml.size() && xml_name_char(static_cast<unsigned char>(xml[p]))) ++p;
        const std::string name = xml.substr(start, p - start);
        const bool terminated = p < xml.size() && xml[p] == ';';
        if (const char* code = terminated ? predefined_reference(name) : nullptr) {
            // As a character reference: once a document is not well-formed, libxml2 drops every
            // entity reference that follows, "&amp;" included, but keeps character references.
            out += code;
            i = p + 1;
        } else if (terminated && declared.count(name)) {
            out.append(xml, i, p + 1 - i);
            i = p + 1;
        } else if (const htmlEntityDesc* entity =
                       terminated ? htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str())) : nullptr) {
            out += "&#" + std::to_string(entity->value) + ";";
            i = p + 1;
        } else {
            out += "&#38;"; // a bare ampersand, or an entity nobody defines: kept as text
            ++i;
        }
    }
    return out;
}

namespace {

// Parses `result.text` into `result.doc`, recording the first error as the damage.
void parse_into(FeedXml& result) {
    Damage damage;
    xmlSetStructuredErrorFunc(&damage, record_first_error);
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context) {
        // No network, no entity expansion (external entities could read local files), no output.
        const int options =
            XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
        result.doc.reset(xmlCtxtReadMemory(context, result.text.data(), static_cast<int>(result.text.size()), nullptr,
                                           "UTF-8", options));
        xmlFreeParserCtxt(context);
    }
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    result.damage = std::move(damage.message);
    result.damage_line = damage.line > 0 ? static_cast<std::uint64_t>(damage.line) : 0;
}

bool is_rss_root(const xmlDoc* doc) {
    const xmlNode* root = doc ? xmlDocGetRootElement(const_cast<xmlDoc*>(doc)) : nullptr;
    if (!root) return false;
    const std::string name = lower_ascii(reinterpret_cast<const char*>(root->name));
    return name == "rss" || name == "rdf" || name == "rdf:rdf" || name == "channel";
}

} // namespace

FeedXml parse_feed_xml(const std::string& bytes, const std::string& encoding) {
    static const bool initialised = (xmlInitParser(), true);
    (void)initialised;
    FeedXml result;
    result.text = repair_entities(decode(bytes, encoding, result.encoding));
    parse_into(result);
    if (!result.damage) return result;
    // Not well-formed: the repairs libxml2 cannot make itself, then a second parse.
    std::string repaired = quote_attribute_values(result.text);
    FeedXml second;
    second.text = std::move(repaired);
    parse_into(second);
    if (is_rss_root(second.doc.get()) && second.damage) {
        second.text = escape_markup_in_rss_text(second.text);
        parse_into(second);
    }
    if (second.doc && xmlDocGetRootElement(second.doc.get())) {
        second.encoding = result.encoding;
        // The first error of the file as it was is what a warning names.
        second.damage = result.damage;
        second.damage_line = result.damage_line;
        return second;
    }
    return result;
}

} // namespace gazette::detail

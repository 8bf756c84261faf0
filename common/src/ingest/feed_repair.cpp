#include "ingest/feed_repair.hpp"

#include "util/text_util.hpp"

#include <cctype>
#include <string_view>

namespace gazette::detail {

namespace {

bool space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The name of the tag opening at `at` ('<' or "</"), and where it ends.
std::string_view tag_name(const std::string& xml, std::size_t at, std::size_t& end) {
    std::size_t p = at;
    while (p < xml.size() && xml_name_char(static_cast<unsigned char>(xml[p]))) ++p;
    end = p;
    return std::string_view(xml).substr(at, p - at);
}

std::string_view local_part(std::string_view name) {
    const auto colon = name.rfind(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The end of the closing tag </name> searched from `from` (any case), or npos.
std::size_t closing_tag(const std::string& xml, std::size_t from, std::string_view name, std::size_t& after) {
    for (std::size_t at = xml.find("</", from); at != std::string::npos; at = xml.find("</", at + 2)) {
        std::size_t end = 0;
        if (to_lower_ascii(tag_name(xml, at + 2, end)) != name) continue;
        while (end < xml.size() && space(xml[end])) ++end;
        if (end < xml.size() && xml[end] == '>') {
            after = end + 1;
            return at;
        }
    }
    return std::string::npos;
}

} // namespace

bool xml_name_start(unsigned char c) {
    return std::isalpha(c) || c == '_' || c == ':' || c >= 0x80;
}
bool xml_name_char(unsigned char c) {
    return xml_name_start(c) || std::isdigit(c) || c == '-' || c == '.';
}

std::string escape_markup_in_rss_text(const std::string& xml) {
    std::string out;
    out.reserve(xml.size() + 64);
    std::size_t i = 0;
    while (i < xml.size()) {
        const std::size_t open = xml.find('<', i);
        if (open == std::string::npos) break;
        std::size_t end = 0;
        const std::string name = to_lower_ascii(tag_name(xml, open + 1, end));
        const std::size_t close_of_start = (name == "title" || name == "description") ? xml.find('>', end) : 0;
        if (close_of_start == 0 || close_of_start == std::string::npos || xml[close_of_start - 1] == '/') {
            out.append(xml, i, open + 1 - i);
            i = open + 1;
            continue;
        }
        std::size_t after = 0;
        const std::size_t close = closing_tag(xml, close_of_start + 1, name, after);
        if (close == std::string::npos) { // cut off: left to the parser
            out.append(xml, i, open + 1 - i);
            i = open + 1;
            continue;
        }
        out.append(xml, i, close_of_start + 1 - i);
        for (std::size_t p = close_of_start + 1; p < close;) {
            if (xml.compare(p, 9, "<![CDATA[") == 0) {
                const std::size_t cdata_end = xml.find("]]>", p);
                const std::size_t stop = cdata_end == std::string::npos ? close : std::min(close, cdata_end + 3);
                out.append(xml, p, stop - p);
                p = stop;
            } else {
                if (xml[p] == '<')
                    out += "&#60;";
                else
                    out += xml[p];
                ++p;
            }
        }
        out.append(xml, close, after - close);
        i = after;
    }
    if (i < xml.size()) out.append(xml, i, std::string::npos);
    return out;
}

std::string quote_attribute_values(const std::string& xml) {
    std::string out;
    out.reserve(xml.size() + 16);
    std::size_t i = 0;
    while (i < xml.size()) {
        const char c = xml[i];
        // Start tags only: comments, CDATA, declarations and end tags are copied as they are.
        if (c != '<' || i + 1 >= xml.size() ||
            !(std::isalpha(static_cast<unsigned char>(xml[i + 1])) || xml[i + 1] == '_')) {
            if (c == '<' && xml.compare(i, 9, "<![CDATA[") == 0) {
                const auto stop = xml.find("]]>", i);
                const std::size_t end = stop == std::string::npos ? xml.size() : stop + 3;
                out.append(xml, i, end - i);
                i = end;
                continue;
            }
            out += c;
            ++i;
            continue;
        }
        // Inside a start tag: copy quoted values as they are, quote unquoted ones.
        out += c;
        ++i;
        while (i < xml.size() && xml[i] != '>') {
            if (xml[i] == '"' || xml[i] == '\'') {
                const auto close = xml.find(xml[i], i + 1);
                const std::size_t end = close == std::string::npos ? xml.size() : close + 1;
                out.append(xml, i, end - i);
                i = end;
            } else if (xml[i] == '=') {
                out += '=';
                ++i;
                while (i < xml.size() && space(xml[i])) out += xml[i++];
                if (i < xml.size() && xml[i] != '"' && xml[i] != '\'' && xml[i] != '>') {
                    out += '"';
                    while (i < xml.size() && !space(xml[i]) && xml[i] != '>' &&
                           !(xml[i] == '/' && i + 1 < xml.size() && xml[i + 1] == '>')) {
                        out += xml[i] == '"' ? std::string("&#34;") : std::string(1, xml[i]);
                        ++i;
                    }
                    out += '"';
                }
            } else {
                out += xml[i++];
            }
        }
    }
    return out;
}

std::size_t count_closing_tags(const std::string& xml, const std::string& local_name) {
    std::size_t count = 0;
    const std::string wanted = to_lower_ascii(local_name);
    for (std::size_t at = xml.find("</"); at != std::string::npos; at = xml.find("</", at + 2)) {
        std::size_t end = 0;
        if (to_lower_ascii(local_part(tag_name(xml, at + 2, end))) == wanted) ++count;
    }
    return count;
}

} // namespace gazette::detail

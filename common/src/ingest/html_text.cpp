#include "ingest/html_text.hpp"

#include "util/text_util.hpp"

#include <gumbo.h>

#include <cctype>

namespace gazette::detail {

namespace {

bool is_skipped(GumboTag tag) {
    return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
           tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_IFRAME;
}

bool is_block(GumboTag tag) {
    switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_ASIDE: return true;
    default: return false;
    }
}

void collect_text(const GumboNode* node, std::string& out) {
    switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE: out += node->v.text.text; return;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
    case GUMBO_NODE_DOCUMENT: {
        const bool element = node->type != GUMBO_NODE_DOCUMENT;
        const GumboTag tag = element ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
        if (element && is_skipped(tag)) return;
        const bool block = element && is_block(tag);
        if (block) out += "\n\n";
        const GumboVector& children = element ? node->v.element.children : node->v.document.children;
        for (unsigned i = 0; i < children.length; ++i)
            collect_text(static_cast<const GumboNode*>(children.data[i]), out);
        if (block) out += "\n\n";
        return;
    }
    case GUMBO_NODE_COMMENT: return;
    }
}

} // namespace

// "<iframe src=x/>" written XHTML-style: HTML has no self-closing iframes, scripts or styles, so
// a parser would take all that follows for their content. Closed here instead.
std::string close_self_closed(std::string_view html) {
    std::string out;
    std::size_t copied = 0;
    for (auto at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
        std::size_t end = at + 1;
        while (end < html.size() && std::isalpha(static_cast<unsigned char>(html[end]))) ++end;
        const std::string name = to_lower_ascii(html.substr(at + 1, end - at - 1));
        if (name != "iframe" && name != "script" && name != "style" && name != "object" && name != "noscript") continue;
        const auto close = html.find('>', end);
        if (close == std::string_view::npos || html[close - 1] != '/') continue;
        out.append(html.substr(copied, close - 1 - copied));
        out += "></" + name + ">";
        copied = close + 1;
    }
    if (copied == 0) return std::string(html);
    out.append(html.substr(copied));
    return out;
}

std::string html_to_text(std::string_view raw) {
    // Plain text is common in feeds: skip the parser when there is no markup or entity at all.
    if (raw.find_first_of("<&") == std::string_view::npos) return normalize_space(raw);
    const std::string html = close_self_closed(raw);
    GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
    std::string text;
    collect_text(output->root, text);
    gumbo_destroy_output(&kGumboDefaultOptions, output);
    return normalize_space(text);
}

bool looks_like_html(std::string_view text) {
    static constexpr std::string_view tags[] = {
        "p",     "br",     "div",  "span", "a",     "b",       "i",          "u",        "em",         "strong",
        "img",   "ul",     "ol",   "li",   "h1",    "h2",      "h3",         "h4",       "h5",         "h6",
        "table", "tr",     "td",   "th",   "tbody", "thead",   "blockquote", "figure",   "figcaption", "script",
        "style", "iframe", "html", "body", "head",  "section", "article",    "header",   "footer",     "pre",
        "code",  "hr",     "sup",  "sub",  "small", "font",    "center",     "noscript", "picture",    "video",
        "audio", "source", "meta", "link", "dl",    "dt",      "dd",         "cite",     "q",          "abbr"};
    for (auto at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
        std::size_t start = at + 1;
        if (start < text.size() && text[start] == '/') ++start;
        std::size_t end = start;
        while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
        if (end == start || end >= text.size()) continue;
        const char next = text[end];
        if (next != '>' && next != ' ' && next != '/' && next != '\n' && next != '\t') continue;
        const std::string name = to_lower_ascii(text.substr(start, end - start));
        for (auto tag : tags)
            if (name == tag) return true;
    }
    for (std::string_view entity : {"&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&#", "&rsquo;", "&lsquo;", "&ldquo;",
                                    "&rdquo;", "&mdash;", "&ndash;", "&hellip;", "&eacute;", "&apos;"})
        if (text.find(entity) != std::string_view::npos) return true;
    return false;
}

} // namespace gazette::detail

// RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 feeds. Elements are matched by namespace, so
// that extension elements (<media:title>, <atom:link rel="amphtml">, <itunes:summary>) never
// stand in for the feed's own; the tree comes from feed_xml.cpp, which repairs what it can.

#include "ingest/charset.hpp"
#include "ingest/feed_repair.hpp"
#include "ingest/feed_xml.hpp"
#include "ingest/html_text.hpp"
#include "ingest/readers.hpp"
#include "util/text_util.hpp"

#include <gazette/error.hpp>

#include <libxml/entities.h>
#include <libxml/uri.h>
#include <libxml/xmlsave.h>

#include <cctype>
#include <cstring>
#include <filesystem>
#include <string_view>

namespace gazette::detail {

namespace {

// Namespaces, by what they mean to a feed reader.
enum class Ns { none, rss, atom, atom03, dc, dcterms, content, xhtml, rdf, itunes, other };

// The namespace of a <feed> root that is not Atom's (drafts before Atom 1.0 used several):
// its elements are read as Atom's. Set while one feed is read, on the reading thread.
thread_local const xmlChar* other_feed_namespace = nullptr;

// The prefix of an element whose prefix the feed never declared ("dc:creator" with no
// namespace): libxml2 keeps it in the name.
std::string_view undeclared_prefix(const xmlNode* node) {
    if (node->ns) return {};
    const std::string_view name = reinterpret_cast<const char*>(node->name);
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

Ns ns_of(const xmlNode* node) {
    if (const std::string_view prefix = undeclared_prefix(node); !prefix.empty()) {
        // Undeclared, read by the prefix everybody uses for the namespace, as feed readers do.
        if (prefix == "dc") return Ns::dc;
        if (prefix == "dcterms") return Ns::dcterms;
        if (prefix == "content") return Ns::content;
        if (prefix == "atom") return Ns::atom;
        if (prefix == "itunes") return Ns::itunes;
        if (prefix == "rdf") return Ns::rdf;
        return Ns::other;
    }
    if (!node->ns || !node->ns->href) return Ns::none;
    const std::string_view uri = reinterpret_cast<const char*>(node->ns->href);
    if (uri == "http://www.w3.org/2005/Atom") return Ns::atom;
    if (other_feed_namespace && xmlStrEqual(node->ns->href, other_feed_namespace)) return Ns::atom03;
    if (uri == "http://purl.org/atom/ns#") return Ns::atom03;
    if (uri == "http://purl.org/rss/1.0/" || uri == "http://my.netscape.com/rdf/simple/0.9/" ||
        uri == "http://backend.userland.com/rss2" || uri == "http://blogs.law.harvard.edu/tech/rss")
        return Ns::rss;
    if (uri == "http://purl.org/dc/elements/1.1/") return Ns::dc;
    if (uri == "http://purl.org/dc/terms/") return Ns::dcterms;
    if (uri == "http://purl.org/rss/1.0/modules/content/") return Ns::content;
    if (uri == "http://www.w3.org/1999/xhtml") return Ns::xhtml;
    if (uri == "http://www.w3.org/1999/02/22-rdf-syntax-ns#") return Ns::rdf;
    if (to_lower_ascii(uri) == "http://www.itunes.com/dtds/podcast-1.0.dtd") return Ns::itunes;
    return Ns::other;
}

bool is_rss(const xmlNode* n) {
    const Ns ns = ns_of(n);
    return ns == Ns::none || ns == Ns::rss;
}
bool is_atom(const xmlNode* n) {
    const Ns ns = ns_of(n);
    return ns == Ns::atom || ns == Ns::atom03;
}

std::string_view name_of(const xmlNode* n) {
    const std::string_view name = reinterpret_cast<const char*>(n->name);
    const std::string_view prefix = undeclared_prefix(n);
    return prefix.empty() ? name : name.substr(prefix.size() + 1);
}

bool same_name(const xmlNode* n, std::string_view name) {
    const std::string_view actual = name_of(n);
    if (actual == name) return true;
    // Names in no namespace or an RSS one are compared as feed readers do, ignoring case (<TITLE>).
    return (!n->ns || ns_of(n) == Ns::rss) && actual.size() == name.size() &&
           to_lower_ascii(actual) == to_lower_ascii(name);
}

bool is(const xmlNode* n, bool (*in)(const xmlNode*), std::string_view name) {
    return n && n->type == XML_ELEMENT_NODE && same_name(n, name) && in(n);
}
bool is(const xmlNode* n, Ns ns, std::string_view name) {
    return n && n->type == XML_ELEMENT_NODE && name_of(n) == name && ns_of(n) == ns;
}

template <typename Match> const xmlNode* first_child(const xmlNode* parent, Match match) {
    if (!parent) return nullptr;
    for (const xmlNode* c = parent->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && match(c)) return c;
    return nullptr;
}

std::string attribute(const xmlNode* n, const char* name) {
    if (!n) return {};
    xmlChar* value = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    if (!value) return {};
    std::string text = reinterpret_cast<const char*>(value);
    xmlFree(value);
    return text;
}

// All text inside a node: text, CDATA, and entities the feed declared itself.
void append_text(const xmlNode* node, std::string& out) {
    for (const xmlNode* c = node->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) out += reinterpret_cast<const char*>(c->content);
        } else if (c->type == XML_ENTITY_REF_NODE) {
            const xmlEntity* entity = xmlGetDocEntity(node->doc, c->name);
            if (entity && entity->content && entity->etype == XML_INTERNAL_GENERAL_ENTITY)
                out += reinterpret_cast<const char*>(entity->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            append_text(c, out);
        }
    }
}

std::string raw_text(const xmlNode* node) {
    std::string text;
    if (node) append_text(node, text);
    fix_c1_controls(text);
    return text;
}

std::string plain(const xmlNode* node) {
    return normalize_space(raw_text(node));
}

// The markup inside a node (xhtml content), for html_to_text.
std::string inner_markup(const xmlNode* node) {
    std::string out;
    xmlBufferPtr buffer = xmlBufferCreate();
    for (xmlNode* c = node->children; c; c = c->next) {
        xmlBufferEmpty(buffer);
        xmlNodeDump(buffer, node->doc, c, 0, 0);
        out.append(reinterpret_cast<const char*>(xmlBufferContent(buffer)),
                   static_cast<std::size_t>(xmlBufferLength(buffer)));
    }
    xmlBufferFree(buffer);
    fix_c1_controls(out);
    return out;
}

// Base64 as Atom 0.3's mode="base64" content uses it; small enough not to need a library.
std::string base64_decode(std::string_view in) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+' || c == '-') return 62;
        if (c == '/' || c == '_') return 63;
        return -1;
    };
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (char c : in) {
        const int v = value(c);
        if (v < 0) continue; // whitespace, padding
        bits = (bits << 6) | static_cast<unsigned>(v);
        if ((count += 6) >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

// Text said to be plain that holds a tag or an HTML character reference (`&nbsp;`, `&#8217;`,
// `&lt;`, left as written inside CDATA) is escaped HTML from a careless publisher: as feed
// readers do (feedparser's lookslikehtml), it is read as HTML, not shown with its markup.
bool looks_like_markup(std::string_view text) {
    if (text.find('<') != std::string_view::npos) return true;
    for (std::size_t amp = text.find('&'); amp != std::string_view::npos; amp = text.find('&', amp + 1)) {
        std::size_t i = amp + 1;
        const bool numeric = i < text.size() && text[i] == '#';
        if (numeric) ++i;
        if (numeric && i < text.size() && (text[i] == 'x' || text[i] == 'X')) ++i;
        const std::size_t start = i;
        while (i < text.size() && i - start < 32 && std::isalnum(static_cast<unsigned char>(text[i]))) ++i;
        if (i > start && i < text.size() && text[i] == ';') return true;
    }
    return false;
}

// An Atom (or Atom 0.3) text construct: type text, html or xhtml; mode xml, escaped or base64.
std::string atom_text(const xmlNode* node) {
    if (!node) return {};
    const std::string type = attribute(node, "type");
    const std::string mode = attribute(node, "mode");
    const bool html = type == "html" || type == "text/html" || type == "application/xhtml+xml" || type == "xhtml" ||
                      mode == "escaped";
    // Atom 1.0: a MIME type that is neither text nor XML means base64 (RFC 4287 4.1.3.3).
    const bool binary_type = type.find('/') != std::string::npos && type.rfind("text/", 0) != 0 && type.size() >= 3 &&
                             type.compare(type.size() - 3, 3, "xml") != 0;
    if (mode == "base64" || binary_type) {
        std::string decoded = base64_decode(raw_text(node));
        if (!is_valid_utf8(decoded)) decoded = repair_utf8(decoded);
        // What it decodes to is read as the plain text below is: markup in it is HTML to readers.
        return type.find("html") != std::string::npos || looks_like_markup(decoded) ? html_to_text(decoded)
                                                                                    : normalize_space(decoded);
    }
    if (type == "xhtml" || type == "application/xhtml+xml" || mode == "xml") return html_to_text(inner_markup(node));
    // Plain text, or escaped markup (type="html", or text that a careless feed marked up).
    const std::string text = raw_text(node);
    return html || looks_like_markup(text) ? html_to_text(text) : normalize_space(text);
}

// RSS text that may hold escaped HTML (titles do, despite the spec).
std::string rss_text(const xmlNode* node) {
    return node ? html_to_text(raw_text(node)) : std::string();
}

std::string language_of(const xmlNode* node) {
    for (; node && node->type == XML_ELEMENT_NODE; node = node->parent) {
        xmlChar* lang = xmlNodeGetLang(node);
        if (lang) {
            std::string text = reinterpret_cast<const char*>(lang);
            xmlFree(lang);
            return text;
        }
    }
    return {};
}

bool absolute_uri(std::string_view uri) {
    const auto colon = uri.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    for (std::size_t i = 0; i < colon; ++i) {
        const char c = uri[i];
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
    }
    return true;
}

// `link` resolved against the node's xml:base, else against `fallback` (the feed's own link).
std::string resolve(const xmlNode* node, const std::string& link, const std::string& fallback) {
    if (link.empty() || absolute_uri(link)) return link;
    std::string base;
    if (xmlChar* b = xmlNodeGetBase(node->doc, node)) {
        base = reinterpret_cast<const char*>(b);
        xmlFree(b);
    }
    if (!absolute_uri(base)) {
        xmlChar* combined = base.empty() ? nullptr
                                         : xmlBuildURI(reinterpret_cast<const xmlChar*>(base.c_str()),
                                                       reinterpret_cast<const xmlChar*>(fallback.c_str()));
        base = combined ? reinterpret_cast<const char*>(combined) : fallback;
        if (combined) xmlFree(combined);
    }
    if (!absolute_uri(base)) return link;
    xmlChar* resolved =
        xmlBuildURI(reinterpret_cast<const xmlChar*>(link.c_str()), reinterpret_cast<const xmlChar*>(base.c_str()));
    if (!resolved) return link;
    std::string out = reinterpret_cast<const char*>(resolved);
    xmlFree(resolved);
    return out;
}

// "jane@example.org (Jane Doe)" and "Jane Doe <jane@example.org>" name Jane Doe.
std::string person_name(std::string text) {
    text = normalize_space(text);
    const auto open = text.find('('), close = text.rfind(')');
    if (open != std::string::npos && close != std::string::npos && close > open + 1) {
        if (text.substr(0, open).find('@') != std::string::npos) // "jane@x (Jane Doe)"
            return normalize_space(text.substr(open + 1, close - open - 1));
        if (open > 0 && text.substr(open, close - open).find('@') != std::string::npos) // "Jane Doe (jane@x)"
            return normalize_space(text.substr(0, open));
    }
    const auto lt = text.find('<'), gt = text.rfind('>');
    if (lt != std::string::npos && gt != std::string::npos && gt > lt && lt > 0 &&
        text.substr(lt, gt - lt).find('@') != std::string::npos)
        return normalize_space(text.substr(0, lt));
    return text;
}

// The name of an Atom person construct (its email when it has no name).
std::string atom_person(const xmlNode* person) {
    std::string name = plain(first_child(person, [](const xmlNode* n) { return is(n, is_atom, "name"); }));
    if (name.empty()) name = plain(first_child(person, [](const xmlNode* n) { return is(n, is_atom, "email"); }));
    if (name.empty() && !first_child(person, [](const xmlNode*) { return true; })) name = person_name(plain(person));
    return name;
}

// The alternate link among Atom <link> elements (no rel means alternate), HTML first.
std::string atom_link(const xmlNode* parent, bool (*in)(const xmlNode*)) {
    std::string any;
    for (const xmlNode* c = parent ? parent->children : nullptr; c; c = c->next) {
        if (!is(c, in, "link")) continue;
        const std::string rel = attribute(c, "rel");
        if (!rel.empty() && rel != "alternate") continue;
        std::string href = normalize_space(attribute(c, "href"));
        if (href.empty()) href = plain(c); // <link>url</link>, as old feeds write it
        if (href.empty()) continue;
        const std::string type = attribute(c, "type");
        if (type.empty() || type.find("html") != std::string::npos) return href;
        if (any.empty()) any = href;
    }
    return any;
}

void add_unique(std::vector<std::string>& list, std::string value) {
    if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

// What every item of a feed shares.
struct FeedInfo {
    std::string title; ///< the source of its articles
    std::string link;  ///< base for relative links, scope for local ids
    std::string language;
    std::vector<std::string> authors; ///< Atom: entries without an author inherit these
    std::string scope;                ///< prefix of ids that are not globally unique
};

// An id that is not an absolute URI ("1", "post-42") is only unique within its feed.
std::string scoped_id(const std::string& id, const FeedInfo& feed) {
    if (id.empty() || absolute_uri(id)) return id;
    std::string scoped = feed.scope + "#" + id;
    // Ids are at most 200 bytes: a long scope is shortened to a hash of itself.
    if (scoped.size() > 200) scoped = "feed-" + hex16(fnv1a64(feed.scope)) + "#" + id;
    return scoped;
}

// The site a feed comes from ("harbordaily.example" for https://www.harbordaily.example/news),
// else its title, else the file: what scopes its local ids.
std::string feed_scope(const FeedInfo& feed, const std::string& file) {
    if (absolute_uri(feed.link)) {
        std::string_view host = feed.link;
        if (const auto slashes = host.find("//"); slashes != std::string_view::npos) host.remove_prefix(slashes + 2);
        host = host.substr(0, host.find_first_of("/?#"));
        if (const auto at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
        std::string site = to_lower_ascii(host);
        if (site.rfind("www.", 0) == 0) site.erase(0, 4);
        if (!site.empty()) return site;
    }
    return !feed.title.empty() ? feed.title : std::filesystem::path(file).filename().string();
}

Article rss_item(const xmlNode* item, const FeedInfo& feed) {
    Article a;
    std::string description, content, xhtml_body, rss_link, atom_alternate, guid, rss_summary;
    const xmlNode* text_node = nullptr; ///< the element the body comes from, for its xml:lang
    bool guid_permalink = true;
    for (const xmlNode* c = item->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        // RSS names are compared lower-cased (<pubDate>, <PUBDATE>), in no namespace or in one of
        // RSS's own (UserLand's RSS 2.0 namespace, written as the default by some feeds).
        const std::string name = !c->ns || ns_of(c) == Ns::rss ? to_lower_ascii(name_of(c)) : std::string(name_of(c));
        const Ns ns = ns_of(c);
        if (is_rss(c)) {
            if (name == "title" && a.title.empty()) {
                a.title = rss_text(c);
            } else if (name == "link" && rss_link.empty()) {
                rss_link = plain(c);
            } else if (name == "description" && description.empty()) {
                description = raw_text(c);
            } else if (name == "guid" && guid.empty()) {
                guid = plain(c);
                guid_permalink = attribute(c, "isPermaLink") != "false";
            } else if (name == "pubdate" && a.published.empty()) {
                a.published = plain(c);
            } else if (name == "author") {
                add_unique(a.authors, person_name(plain(c)));
            } else if (name == "category") {
                add_unique(a.tags, rss_text(c)); // "<p>Economy</p>", escaped or not, is the tag Economy
            } else if (name == "language" && a.language.empty()) {
                a.language = plain(c);
            } else if (name == "fullitem" && content.empty()) { // the full text, in some RSS 0.9x feeds
                content = raw_text(c);
                text_node = c;
            } else if (name == "body" && xhtml_body.empty()) { // XHTML without its namespace
                xhtml_body = inner_markup(c);
            } else if (name == "summary" && rss_summary.empty()) { // not RSS, but written
                rss_summary = raw_text(c);
            }
        } else if (ns == Ns::dc) {
            if (name == "title" && a.title.empty())
                a.title = rss_text(c);
            else if (name == "creator" || name == "contributor" || name == "author")
                add_unique(a.authors, person_name(plain(c)));
            else if (name == "date" && a.published.empty())
                a.published = plain(c);
            else if (name == "subject")
                add_unique(a.tags, rss_text(c));
            else if (name == "description" && description.empty())
                description = raw_text(c);
            else if (name == "language" && a.language.empty())
                a.language = plain(c);
            else if (name == "identifier" && guid.empty())
                guid = plain(c), guid_permalink = false;
        } else if (ns == Ns::dcterms) {
            if ((name == "issued" || name == "created") && a.published.empty())
                a.published = plain(c);
            else if (name == "modified" && a.updated.empty())
                a.updated = plain(c);
        } else if (ns == Ns::content && name == "encoded" && content.empty()) {
            content = raw_text(c);
            text_node = c;
        } else if (ns == Ns::xhtml && name == "body" && xhtml_body.empty()) {
            xhtml_body = inner_markup(c);
        } else if (is_atom(c)) {
            if ((name == "published" || name == "issued") && a.published.empty())
                a.published = plain(c);
            else if ((name == "updated" || name == "modified") && a.updated.empty())
                a.updated = plain(c);
            else if (name == "author")
                add_unique(a.authors, atom_person(c));
        } else if (ns == Ns::itunes && name == "author") {
            if (a.authors.empty()) add_unique(a.authors, plain(c));
        } else if (ns == Ns::itunes && name == "category") {
            add_unique(a.tags, normalize_space(attribute(c, "text")));
            // A subcategory is written inside its category ("Technology" > "Gadgets").
            for (const xmlNode* sub = c->children; sub; sub = sub->next)
                if (is(sub, Ns::itunes, "category")) add_unique(a.tags, normalize_space(attribute(sub, "text")));
        }
    }
    atom_alternate = atom_link(item, is_atom);
    // RSS 1.0 items name themselves with rdf:about.
    if (guid.empty()) {
        if (const xmlChar* about =
                xmlGetNsProp(item, reinterpret_cast<const xmlChar*>("about"),
                             reinterpret_cast<const xmlChar*>("http://www.w3.org/1999/02/22-rdf-syntax-ns#"))) {
            guid = normalize_space(reinterpret_cast<const char*>(about));
            xmlFree(const_cast<xmlChar*>(about));
        }
    }
    a.url = rss_link.empty() ? atom_alternate : rss_link;
    if (a.url.empty() && guid_permalink && absolute_uri(guid) && guid.rfind("http", 0) == 0) a.url = guid;
    a.url = resolve(item, a.url, feed.link);
    a.id = scoped_id(guid, feed);

    // A <summary> beside a <description> is the fuller text of the two.
    if (!rss_summary.empty() && content.empty() && xhtml_body.empty()) {
        if (description.empty())
            description = rss_summary;
        else
            content = rss_summary;
    }
    const std::string html_content = !content.empty() ? content : xhtml_body;
    if (!html_content.empty()) {
        a.body = html_to_text(html_content);
        a.summary = html_to_text(description);
        if (a.summary == a.body) a.summary.clear();
    } else {
        a.body = html_to_text(description);
    }
    if (a.body.empty())
        if (const xmlNode* summary = first_child(item, [](const xmlNode* n) { return is(n, Ns::itunes, "summary"); }))
            a.body = plain(summary);
    a.source = feed.title;
    if (a.language.empty()) a.language = language_of(text_node ? text_node : item);
    if (a.language.empty()) a.language = feed.language;
    return a;
}

Article atom_entry(const xmlNode* entry, const FeedInfo& feed) {
    Article a;
    const xmlNode* summary = nullptr;
    const xmlNode* content = nullptr;
    for (const xmlNode* c = entry->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const std::string_view name = name_of(c);
        if (is_atom(c) || ns_of(c) == Ns::none) { // Atom without its namespace happens too
            if (name == "id" && a.id.empty())
                a.id = plain(c);
            else if (name == "title" && a.title.empty())
                a.title = atom_text(c);
            else if (name == "author")
                add_unique(a.authors, atom_person(c));
            else if (name == "category") {
                std::string term = normalize_space(attribute(c, "term"));
                if (term.empty()) term = normalize_space(attribute(c, "label"));
                add_unique(a.tags, term);
            } else if ((name == "published" || name == "issued" || name == "created") && a.published.empty())
                a.published = plain(c);
            else if ((name == "updated" || name == "modified") && a.updated.empty())
                a.updated = plain(c);
            else if (name == "summary" && !summary)
                summary = c;
            else if (name == "content" && !content)
                content = c;
        } else if (ns_of(c) == Ns::dc) {
            if (name == "creator")
                add_unique(a.authors, person_name(plain(c)));
            else if (name == "subject")
                add_unique(a.tags, rss_text(c));
            else if (name == "date" && a.published.empty())
                a.published = plain(c);
        }
    }
    a.url = resolve(entry, atom_link(entry, [](const xmlNode* n) { return is_atom(n) || ns_of(n) == Ns::none; }),
                    feed.link);
    a.id = scoped_id(a.id, feed);
    // Out-of-line content (src=) has nothing to index here.
    const std::string body = content && attribute(content, "src").empty() ? atom_text(content) : std::string();
    const std::string lead = atom_text(summary);
    if (!body.empty()) {
        a.body = body;
        if (lead != body) a.summary = lead;
    } else {
        a.body = lead;
    }
    if (a.published.empty()) a.published = a.updated;
    // The feed's author is the entry's, if the entry holds anything of its own: an entry with
    // nothing but an id stays an empty article.
    const bool own_content =
        !a.title.empty() || !a.body.empty() || !a.url.empty() || !a.tags.empty() || !a.published.empty();
    if (a.authors.empty() && own_content) a.authors = feed.authors;
    a.source = feed.title;
    // The language of the text itself: xml:lang on the content or summary counts before the
    // entry's (libxml2 resolves what each inherits).
    const xmlNode* title = first_child(entry, [](const xmlNode* n) { return is(n, is_atom, "title"); });
    const xmlNode* text_node = content ? content : summary ? summary : title;
    a.language = language_of(text_node ? text_node : entry);
    if (a.language.empty()) a.language = feed.language;
    return a;
}

bool is_item(const xmlNode* node, std::string_view item_name) {
    if (node->type != XML_ELEMENT_NODE || name_of(node) != item_name) return false;
    return item_name == "item" ? is_rss(node) : (is_atom(node) || ns_of(node) == Ns::none);
}

// The items (or entries) below `node` in document order: also those that an ill-formed feed
// nested in other elements (an unclosed tag in one item holds the next ones). libxml2 bounds
// the depth of a tree, and so this recursion.
void find_items(const xmlNode* node, std::string_view item_name, std::vector<const xmlNode*>& items) {
    for (const xmlNode* c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_item(c, item_name)) items.push_back(c);
        find_items(c, item_name, items);
    }
}

std::string location_of(const std::string& name, std::string_view kind, std::uint64_t index, long line) {
    return name + ":" + std::string(kind) + " " + std::to_string(index) + " (line " + std::to_string(line) + ")";
}

} // namespace

void read_feed(ByteSource& source, const std::string& name, const InputHandlers& handlers,
               const std::string& encoding) {
    const std::string bytes = read_all(source, name, max_document_bytes);
    FeedXml xml = parse_feed_xml(bytes, encoding);
    struct ResetNamespace {
        ~ResetNamespace() { other_feed_namespace = nullptr; }
    } reset;
    const xmlNode* root = xml.doc ? xmlDocGetRootElement(xml.doc.get()) : nullptr;
    if (!root) {
        throw Error(ErrorCode::invalid_input, location(name, std::max<std::uint64_t>(1, xml.damage_line)) +
                                                  ": not an XML feed" +
                                                  (xml.damage ? ": " + *xml.damage : std::string()));
    }
    if (xml.damage && handlers.on_warning)
        handlers.on_warning({location(name, xml.damage_line),
                             "the feed is not well-formed XML (" + *xml.damage + "); what could be read is kept"});

    FeedInfo feed;
    const xmlNode* container = nullptr;
    std::string_view item_name;
    const std::string_view root_name = name_of(root);
    if (root_name == "rss" || (root_name == "channel" && is_rss(root))) {
        container =
            root_name == "rss" ? first_child(root, [](const xmlNode* n) { return is(n, is_rss, "channel"); }) : root;
        item_name = "item";
    } else if (root_name == "RDF") { // RSS 0.9 and 1.0: items are siblings of the channel
        container = root;
        item_name = "item";
    } else if (root_name == "feed") {
        container = root;
        item_name = "entry";
        if (root->ns && root->ns->href && ns_of(root) == Ns::other) other_feed_namespace = root->ns->href;
    } else {
        throw Error(ErrorCode::invalid_input,
                    name + ": XML root element <" + std::string(root_name) + "> is not an RSS or Atom feed");
    }
    if (item_name == "item") {
        const xmlNode* channel = root_name == "RDF"
                                     ? first_child(root, [](const xmlNode* n) { return is(n, is_rss, "channel"); })
                                     : container;
        feed.title = rss_text(first_child(channel, [](const xmlNode* n) { return is(n, is_rss, "title"); }));
        if (feed.title.empty())
            feed.title = rss_text(first_child(channel, [](const xmlNode* n) { return is(n, Ns::dc, "title"); }));
        feed.link = plain(first_child(channel, [](const xmlNode* n) { return is(n, is_rss, "link"); }));
        if (feed.link.empty()) feed.link = atom_link(channel, is_atom);
        feed.language = plain(first_child(channel, [](const xmlNode* n) { return is(n, is_rss, "language"); }));
        if (feed.language.empty())
            feed.language = plain(first_child(channel, [](const xmlNode* n) { return is(n, Ns::dc, "language"); }));
        if (feed.language.empty() && channel) feed.language = language_of(channel);
    } else {
        const auto atomish = [](const xmlNode* n) { return is_atom(n) || ns_of(n) == Ns::none; };
        feed.title =
            atom_text(first_child(root, [&](const xmlNode* n) { return atomish(n) && name_of(n) == "title"; }));
        feed.link = atom_link(root, atomish);
        feed.language = language_of(root);
        for (const xmlNode* c = root->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && atomish(c) && name_of(c) == "author")
                add_unique(feed.authors, atom_person(c));
    }
    feed.scope = feed_scope(feed, name);

    // Items are looked for in the whole tree: some feeds put them after the channel, and
    // recovery from ill-formed XML nests them.
    std::vector<const xmlNode*> items;
    find_items(root, item_name, items);
    // A feed cut off in an item: libxml2 gives the half of it that was read. Kept when it has
    // its link or id (as feedparser keeps it); without either it would be a junk article with a
    // made-up id, and a later fetch of the whole feed would add it again. (A feed that ends is
    // cut off when its root element is never closed.)
    if (xml.damage && count_closing_tags(xml.text, std::string(root_name)) == 0) {
        const std::size_t closed = count_closing_tags(xml.text, std::string(item_name));
        const auto identified = [&](const xmlNode* item) {
            return first_child(item, [&](const xmlNode* n) {
                       const std::string_view child = name_of(n);
                       return child == "link" || child == "guid" || (item_name == "entry" && child == "id");
                   }) != nullptr;
        };
        if (items.size() > closed && !identified(items.back())) {
            if (handlers.on_warning)
                handlers.on_warning({location(name, xml.damage_line),
                                     "the " + std::string(item_name) +
                                         " cut off where the feed ends has no link or id, and is left out"});
            items.pop_back();
        }
    }
    std::uint64_t index = 0;
    for (const xmlNode* node : items) {
        ++index;
        InputRecord record;
        record.location = location_of(name, item_name, index, xmlGetLineNo(node));
        record.article = item_name == "entry" ? atom_entry(node, feed) : rss_item(node, feed);
        handlers.on_record(std::move(record));
    }
    if (handlers.on_progress) handlers.on_progress(source.consumed());
}

} // namespace gazette::detail

// RSS 2.0 / RSS 1.0 and Atom feeds, parsed with pugixml. Elements are matched by local name
// so namespace prefixes (dc:, content:, atom:) do not matter.

#include "ingest/html_text.hpp"
#include "ingest/readers.hpp"
#include "util/text_util.hpp"

#include <gazette/error.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>

namespace gazette::detail {

namespace {

std::string_view local_name(const pugi::xml_node& node) {
    const std::string_view name = node.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool named(const pugi::xml_node& node, std::string_view local) {
    return local_name(node) == local;
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view local) {
    for (auto c : parent.children())
        if (c.type() == pugi::node_element && named(c, local)) return c;
    return {};
}

// All text inside a node, CDATA included.
std::string inner_text(const pugi::xml_node& node) {
    std::string text;
    for (auto c : node.children()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
            text += c.value();
        else if (c.type() == pugi::node_element)
            text += inner_text(c);
    }
    return text;
}

// The markup of an xhtml content element, for html_to_text.
std::string inner_markup(const pugi::xml_node& node) {
    struct Writer : pugi::xml_writer {
        std::string out;
        void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
    } writer;
    for (auto c : node.children()) c.print(writer, "", pugi::format_raw);
    return writer.out;
}

std::string plain(const pugi::xml_node& node) {
    return node ? normalize_space(inner_text(node)) : std::string();
}

// Atom text constructs: type="text" (default), "html" (escaped markup) or "xhtml" (inline markup).
std::string atom_text(const pugi::xml_node& node) {
    if (!node) return {};
    const std::string_view type = node.attribute("type").value();
    if (type == "xhtml") return html_to_text(inner_markup(node));
    if (type == "html" || type == "text/html") return html_to_text(inner_text(node));
    return plain(node);
}

std::string language_of(pugi::xml_node node) {
    for (; node; node = node.parent())
        if (auto lang = node.attribute("xml:lang")) return lang.value();
    return {};
}

// Line numbers of increasing offsets, counted incrementally (items come in document order).
class LineCounter {
  public:
    explicit LineCounter(const std::string& content) : content_(content) {}
    std::uint64_t line_at(std::ptrdiff_t offset) {
        const auto target = std::min(static_cast<std::size_t>(std::max<std::ptrdiff_t>(offset, 0)), content_.size());
        if (target < pos_) pos_ = 0, line_ = 1;
        for (; pos_ < target; ++pos_)
            if (content_[pos_] == '\n') ++line_;
        return line_;
    }

  private:
    const std::string& content_;
    std::size_t pos_ = 0;
    std::uint64_t line_ = 1;
};

Article rss_item(const pugi::xml_node& item, const std::string& source, const std::string& language) {
    Article a;
    a.title = html_to_text(inner_text(child(item, "title")));
    a.url = plain(child(item, "link"));
    if (auto guid = child(item, "guid")) a.id = plain(guid);
    if (a.id.empty()) a.id = plain(child(item, "identifier")); // dc:identifier
    if (a.url.empty() && !a.id.empty() &&
        std::strcmp(child(item, "guid").attribute("isPermaLink").as_string("true"), "false") != 0 &&
        a.id.rfind("http", 0) == 0)
        a.url = a.id;
    const std::string description = html_to_text(inner_text(child(item, "description")));
    const std::string content = html_to_text(inner_text(child(item, "encoded"))); // content:encoded
    if (!content.empty()) {
        a.body = content;
        a.summary = description;
    } else {
        a.body = description;
    }
    a.published = plain(child(item, "pubDate"));
    if (a.published.empty()) a.published = plain(child(item, "date")); // dc:date
    for (auto c : item.children()) {
        if (c.type() != pugi::node_element) continue;
        if (named(c, "category") || named(c, "subject")) {
            if (auto t = plain(c); !t.empty()) a.tags.push_back(t);
        } else if (named(c, "creator") || named(c, "author")) {
            if (auto t = plain(c); !t.empty()) a.authors.push_back(t);
        }
    }
    a.source = source;
    a.language = plain(child(item, "language"));
    if (a.language.empty()) a.language = language;
    return a;
}

Article atom_entry(const pugi::xml_node& entry, const std::string& source, const std::string& language) {
    Article a;
    a.id = plain(child(entry, "id"));
    a.title = atom_text(child(entry, "title"));
    for (auto c : entry.children()) {
        if (c.type() != pugi::node_element) continue;
        if (named(c, "link")) {
            const std::string_view rel = c.attribute("rel").as_string("alternate");
            if (rel == "alternate" && a.url.empty()) a.url = c.attribute("href").value();
        } else if (named(c, "author")) {
            if (auto n = plain(child(c, "name")); !n.empty()) a.authors.push_back(n);
        } else if (named(c, "category")) {
            std::string term = c.attribute("label").value();
            if (term.empty()) term = c.attribute("term").value();
            if (!term.empty()) a.tags.push_back(term);
        }
    }
    const std::string summary = atom_text(child(entry, "summary"));
    const std::string content = atom_text(child(entry, "content"));
    if (!content.empty()) {
        a.body = content;
        a.summary = summary;
    } else {
        a.body = summary;
    }
    a.published = plain(child(entry, "published"));
    a.updated = plain(child(entry, "updated"));
    if (a.published.empty()) a.published = a.updated;
    a.source = source;
    a.language = language_of(entry);
    if (a.language.empty()) a.language = language;
    return a;
}

} // namespace

void read_feed(ByteSource& source, const std::string& name, const InputHandlers& handlers) {
    const std::string content = read_all(source, name, max_document_bytes);
    pugi::xml_document doc;
    const auto parsed =
        doc.load_buffer(content.data(), content.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!parsed) {
        throw Error(ErrorCode::invalid_input, location(name, LineCounter(content).line_at(parsed.offset)) +
                                                  ": not a well-formed XML feed: " + parsed.description());
    }
    const pugi::xml_node root = doc.document_element();
    pugi::xml_node container;
    std::string_view item_name;
    std::string feed_source;
    std::string feed_language;
    if (named(root, "rss")) {
        container = child(root, "channel");
        item_name = "item";
        feed_source = plain(child(container, "title"));
        feed_language = plain(child(container, "language"));
    } else if (named(root, "RDF")) { // RSS 1.0: items are siblings of the channel
        container = root;
        item_name = "item";
        feed_source = plain(child(child(root, "channel"), "title"));
        feed_language = plain(child(child(root, "channel"), "language"));
    } else if (named(root, "feed")) {
        container = root;
        item_name = "entry";
        feed_source = atom_text(child(root, "title"));
        feed_language = language_of(root);
    } else {
        throw Error(ErrorCode::invalid_input,
                    name + ": XML root element <" + std::string(root.name()) + "> is not an RSS or Atom feed");
    }

    LineCounter lines(content);
    std::uint64_t index = 0;
    for (auto node : container.children()) {
        if (node.type() != pugi::node_element || !named(node, item_name)) continue;
        ++index;
        InputRecord record;
        record.location = name + ":" + std::string(item_name) + " " + std::to_string(index) + " (line " +
                          std::to_string(lines.line_at(node.offset_debug())) + ")";
        record.article = item_name == "entry" ? atom_entry(node, feed_source, feed_language)
                                              : rss_item(node, feed_source, feed_language);
        handlers.on_record(std::move(record));
    }
    if (handlers.on_progress) handlers.on_progress(source.consumed());
}

} // namespace gazette::detail

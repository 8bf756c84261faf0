// JSON arrays (and concatenated JSON values): split into top-level elements first, so one bad
// element is reported at its own line and the others are still read.

#include "ingest/article_json.hpp"
#include "ingest/charset.hpp"
#include "ingest/readers.hpp"
#include "util/text_util.hpp"

#include <gazette/error.hpp>

#include <nlohmann/json.hpp>

namespace gazette::detail {

namespace {

struct Cursor {
    const std::string& text;
    std::size_t pos = 0;
    std::uint64_t line = 1;

    bool done() const { return pos >= text.size(); }
    char peek() const { return text[pos]; }
    void advance() {
        if (text[pos] == '\n') ++line;
        ++pos;
    }
    void skip_space() {
        while (!done() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) advance();
    }
};

// Moves past one JSON value starting at the cursor, honouring strings and nesting. Returns
// false if the text ends first.
bool skip_value(Cursor& c) {
    const char first = c.peek();
    if (first != '{' && first != '[') {
        // A scalar (or stray bytes): at least one character, so the reader always moves on.
        do c.advance();
        while (!c.done() && c.peek() != ',' && c.peek() != ']' && c.peek() != '\n' && c.peek() != ' ');
        return true;
    }
    int depth = 0;
    bool in_string = false;
    while (!c.done()) {
        const char ch = c.peek();
        if (in_string) {
            if (ch == '\\') {
                c.advance();
                if (c.done()) return false;
            } else if (ch == '"') {
                in_string = false;
            }
        } else if (ch == '"') {
            in_string = true;
        } else if (ch == '{' || ch == '[') {
            ++depth;
        } else if (ch == '}' || ch == ']') {
            if (--depth == 0) {
                c.advance();
                return true;
            }
        }
        c.advance();
    }
    return false;
}

std::uint64_t line_at(const std::string& text, std::size_t begin, std::size_t offset, std::uint64_t first_line) {
    std::uint64_t line = first_line;
    for (std::size_t i = begin; i < begin + offset && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

} // namespace

void read_json(ByteSource& source, const std::string& name, const InputHandlers& handlers, const FieldNames& names) {
    std::string content = read_all(source, name, max_document_bytes);
    // JSON must be UTF-8; legacy exports put windows-1252 (Latin-1) text in it.
    if (!is_valid_utf8(content)) content = invalid_bytes_as_windows_1252(content);
    Cursor c{content};
    if (content.rfind("\xEF\xBB\xBF", 0) == 0) c.pos = 3; // byte order mark
    c.skip_space();
    if (c.done()) return;
    const bool array = c.peek() == '[';
    if (array) c.advance();
    bool closed = false;
    std::uint64_t index = 0;
    while (true) {
        c.skip_space();
        if (c.done()) break;
        if (array && c.peek() == ']') {
            c.advance();
            closed = true;
            break;
        }
        if (c.peek() == ',') {
            c.advance();
            continue;
        }
        const std::size_t begin = c.pos;
        const std::uint64_t line = c.line;
        ++index;
        if (!skip_value(c)) {
            handlers.on_error(
                {location(name, line), "element " + std::to_string(index) + " is not terminated (truncated file?)"});
            return;
        }
        const std::string where = location(name, line);
        try {
            const auto value = nlohmann::json::parse(content.begin() + static_cast<std::ptrdiff_t>(begin),
                                                     content.begin() + static_cast<std::ptrdiff_t>(c.pos));
            read_json_value(value, where, handlers, names);
        } catch (const nlohmann::json::parse_error& e) {
            const auto at = line_at(content, begin, e.byte > 0 ? e.byte - 1 : 0, line);
            handlers.on_error({location(name, at), "invalid JSON: " + json_error_reason(e.what())});
            continue;
        } catch (const nlohmann::json::exception& e) { // e.g. a number too large to represent
            handlers.on_error({where, "invalid JSON: " + json_error_reason(e.what())});
            continue;
        }
    }
    if (array && !closed)
        handlers.on_error({location(name, c.line), "the JSON array is not closed with ']' (truncated file?)"});
    if (closed) {
        c.skip_space();
        if (!c.done()) handlers.on_error({location(name, c.line), "unexpected content after the JSON array"});
    }
    if (handlers.on_progress) handlers.on_progress(source.consumed());
}

} // namespace gazette::detail

#include "ingest/article_json.hpp"
#include "ingest/charset.hpp"
#include "ingest/readers.hpp"

#include "util/text_util.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>

namespace gazette::detail {

std::string location(const std::string& name, std::uint64_t line) {
    return name + ":" + std::to_string(line);
}

std::string json_error_reason(const std::string& what) {
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." -> "syntax error ..."
    std::string text = what;
    if (const auto close = text.find("] "); text.rfind("[json.exception", 0) == 0 && close != std::string::npos)
        text.erase(0, close + 2);
    if (const auto column = text.find("column "); column != std::string::npos) {
        if (const auto colon = text.find(": ", column); colon != std::string::npos) text.erase(0, colon + 2);
    }
    return text;
}

namespace {

// False for a JSON-LD node of a type that is not an article (WebPage, Organization,
// BreadcrumbList...); true for every other value.
bool is_article_node(const nlohmann::json& item) {
    if (!item.is_object()) return true;
    const auto type = item.find("@type");
    if (type == item.end()) return true;
    const auto article_type = [](const nlohmann::json& t) {
        if (!t.is_string()) return false;
        const std::string& name = t.get_ref<const std::string&>();
        return name.ends_with("Article") || name.ends_with("Posting") || name.ends_with("Report");
    };
    if (type->is_array()) return std::any_of(type->begin(), type->end(), article_type);
    return article_type(*type);
}

} // namespace

void read_json_value(const nlohmann::json& value, const std::string& where, const InputHandlers& handlers,
                     const FieldNames& names) {
    const auto one = [&](const nlohmann::json& item, const std::string& at) {
        InputRecord record;
        record.location = at;
        try {
            record.article = article_from_json(item, record.ignored_fields, names);
        } catch (const RecordError& e) {
            handlers.on_error({at, e.what()});
            return;
        }
        handlers.on_record(std::move(record));
    };
    if (const nlohmann::json* list = article_list(value)) {
        std::size_t index = 0;
        for (const auto& item : *list) {
            ++index;
            // A JSON-LD @graph holds the page, the site, the publisher... beside the article.
            if (!is_article_node(item)) continue;
            one(item, where + " (article " + std::to_string(index) + ")");
        }
        return;
    }
    one(value, where);
}

void read_jsonl(ByteSource& source, const std::string& name, const InputHandlers& handlers, const FieldNames& names) {
    LineReader lines(source, max_record_bytes);
    std::string line;
    bool too_long = false;
    while (lines.next(line, too_long)) {
        const std::string where = location(name, lines.line_number());
        if (too_long) {
            handlers.on_error({where, "line longer than " + std::to_string(max_record_bytes >> 20) + " MiB"});
            continue;
        }
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        // JSON must be UTF-8; legacy exports put windows-1252 (Latin-1) text in it.
        if (!is_valid_utf8(line)) line = invalid_bytes_as_windows_1252(line);
        try {
            read_json_value(nlohmann::json::parse(line), where, handlers, names);
        } catch (const nlohmann::json::parse_error& e) {
            handlers.on_error(
                {where, "invalid JSON at column " + std::to_string(e.byte) + ": " + json_error_reason(e.what())});
            continue;
        } catch (const nlohmann::json::exception& e) { // e.g. a number too large to represent
            handlers.on_error({where, "invalid JSON: " + json_error_reason(e.what())});
            continue;
        }
        if (handlers.on_progress) handlers.on_progress(source.consumed());
    }
}

} // namespace gazette::detail

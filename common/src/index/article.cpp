// Validation and canonical form of an article, shared by every writer path.

#include <gazette/article.hpp>
#include <gazette/error.hpp>

#include "analysis/analyzer.hpp"
#include "util/dates.hpp"
#include "util/text_util.hpp"

#include <algorithm>

namespace gazette {

namespace {

[[noreturn]] void reject(const std::string& message) {
    throw Error(ErrorCode::invalid_article, message);
}

void check_utf8(std::string_view field, const std::string& value) {
    if (const auto offset = detail::invalid_utf8_offset(value); offset != std::string::npos)
        reject("field '" + std::string(field) + "' is not valid UTF-8 (byte " + std::to_string(offset) + ")");
}

std::string canonical_date(std::string_view field, const std::string& value) {
    const std::string trimmed = detail::trim(value);
    if (trimmed.empty()) return {};
    const auto date = detail::parse_date(trimmed);
    if (!date) reject("field '" + std::string(field) + "' is not a date: \"" + trimmed.substr(0, 40) + "\"");
    return detail::format_date(*date);
}

void clean_list(std::string_view field, std::vector<std::string>& values) {
    std::vector<std::string> cleaned;
    for (const auto& value : values) {
        check_utf8(field, value);
        std::string v = detail::normalize_space(value);
        detail::truncate_utf8(v, FieldLimits::list_item);
        if (!v.empty() && std::find(cleaned.begin(), cleaned.end(), v) == cleaned.end())
            cleaned.push_back(std::move(v));
        if (cleaned.size() == FieldLimits::list_items) break;
    }
    values = std::move(cleaned);
}

std::string generated_id(const Article& a) {
    if (!a.url.empty()) {
        if (a.url.size() <= max_id_bytes) return a.url;
        return "url-" + detail::hex16(detail::fnv1a64(a.url));
    }
    // Separators keep ("ab","c") and ("a","bc") apart.
    std::string key = a.source + '\x1f' + a.title + '\x1f' + a.published + '\x1f' +
                      (a.title.empty() ? a.body.substr(0, 2000) : std::string());
    // Without text the rest of the article tells it apart (this leaves every id that an
    // article with text was given before unchanged).
    if (a.title.empty() && a.body.empty() && a.summary.empty()) {
        for (const auto* list : {&a.authors, &a.tags}) {
            for (const auto& value : *list) key += '\x1f' + value;
            key += '\x1e'; // ends the list: an author is never taken for a tag
        }
        key += a.updated;
    }
    return detail::hex16(detail::fnv1a64(key));
}

} // namespace

Article normalize_article(Article a) {
    const std::pair<std::string_view, std::string*> text_fields[] = {
        {"id", &a.id},           {"title", &a.title},   {"body", &a.body},         {"summary", &a.summary},
        {"url", &a.url},         {"source", &a.source}, {"language", &a.language}, {"published", &a.published},
        {"updated", &a.updated},
    };
    for (const auto& [name, value] : text_fields) check_utf8(name, *value);

    a.id = detail::trim(a.id);
    a.title = detail::normalize_space(a.title);
    a.body = detail::trim(a.body);
    a.summary = detail::normalize_space(a.summary);
    a.url = detail::trim(a.url);
    a.source = detail::normalize_space(a.source);
    a.language = detail::canonical_language(a.language);
    detail::truncate_utf8(a.title, FieldLimits::title);
    detail::truncate_utf8(a.summary, FieldLimits::summary);
    detail::truncate_utf8(a.body, FieldLimits::body);
    detail::truncate_utf8(a.source, FieldLimits::source);
    clean_list("authors", a.authors);
    clean_list("tags", a.tags);
    a.published = canonical_date("published", a.published);
    a.updated = canonical_date("updated", a.updated);

    // Feed readers keep an item that holds only an author or a date, and so does Gazette. An id
    // alone is nothing to find, and the source and language come from the feed, not the item.
    if (a.title.empty() && a.body.empty() && a.summary.empty() && a.url.empty() && a.authors.empty() &&
        a.tags.empty() && a.published.empty() && a.updated.empty())
        reject("article is empty: no title, text, link, author, tag or date");
    if (a.language.size() > 35) reject("field 'language' is not a language code");
    if (a.id.empty()) a.id = generated_id(a);
    if (a.id.size() > max_id_bytes)
        reject("id is " + std::to_string(a.id.size()) + " bytes long; the limit is " + std::to_string(max_id_bytes));
    if (a.id.find('\0') != std::string::npos) reject("id contains a NUL byte");
    // A cut link would lead nowhere: one that long is dropped (after it gave the id).
    if (a.url.size() > FieldLimits::url) a.url.clear();
    return a;
}

} // namespace gazette

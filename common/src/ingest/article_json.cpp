#include "ingest/article_json.hpp"

#include "ingest/article_fields.hpp"
#include "util/dates.hpp"
#include "util/json_writer.hpp"
#include "util/text_util.hpp"

#include <algorithm>
#include <array>

namespace gazette::detail {

namespace {

std::string type_name(const nlohmann::json& v) {
    return v.type_name();
}

// The text an object stands for: {"name": "BBC News"} (a source, an author), {"@value": ...}
// (JSON-LD), {"original": "By ..."} (a byline), {"@id": url}, {"href": url}.
std::optional<std::string> object_text(const nlohmann::json& object) {
    for (const char* key :
         {"name", "@value", "text", "value", "title", "original", "display_name", "url", "@id", "href", "#text"}) {
        const auto it = object.find(key);
        if (it != object.end() && it->is_string()) return it->get<std::string>();
    }
    return std::nullopt;
}

// A text field's value: a string, null, a number (ids; dates as seconds since 1970), or an
// object that names its text.
std::string scalar_text(const nlohmann::json& v, const std::string& key, ArticleField field) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return {};
    if (v.is_number() && (field == ArticleField::published || field == ArticleField::updated)) {
        const auto date = date_from_epoch(v.get<double>());
        if (!date) throw RecordError("field '" + key + "' is not a time in seconds since 1970: " + v.dump());
        return format_date(*date);
    }
    if (v.is_number_integer() && field == ArticleField::id) return v.dump();
    if (v.is_object())
        if (auto text = object_text(v)) return *text;
    throw RecordError("field '" + key + "' must be a string, not " + type_name(v));
}

// "By Jane Doe" is Jane Doe.
std::string byline_name(std::string text) {
    text = trim(text);
    if (text.size() > 3 && (text.rfind("By ", 0) == 0 || text.rfind("by ", 0) == 0 || text.rfind("BY ", 0) == 0))
        text.erase(0, 3);
    return text;
}

void add_list_item(Article& article, ArticleField field, std::string item) {
    if (field == ArticleField::authors) item = byline_name(std::move(item));
    if (!trim(item).empty()) assign_field(article, field, std::move(item));
}

void add_list(Article& article, ArticleField field, const nlohmann::json& v, const std::string& key) {
    if (v.is_array()) {
        for (const auto& item : v) {
            if (item.is_string()) {
                add_list_item(article, field, item.get<std::string>());
            } else if (auto text = item.is_object() ? object_text(item) : std::nullopt) {
                add_list_item(article, field, *text);
            } else if (!item.is_null()) {
                throw RecordError("field '" + key + "' must hold strings, found " + type_name(item));
            }
        }
        return;
    }
    const std::string text = scalar_text(v, key, field);
    // Tags written as one string: "politics, economy" (schema.org keywords) is two.
    if (field != ArticleField::tags) {
        add_list_item(article, field, text);
        return;
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find_first_of(",;|", start), text.size());
        add_list_item(article, field, trim(std::string_view(text).substr(start, end - start)));
        start = end + 1;
    }
}

} // namespace

Article article_from_json(const nlohmann::json& value, std::vector<std::string>& ignored, const FieldNames& names) {
    if (!value.is_object()) throw RecordError("expected a JSON object, got " + type_name(value));
    // An Elasticsearch document: the article is its _source, its id the _id.
    if (const auto source = value.find("_source"); source != value.end() && source->is_object()) {
        Article article = article_from_json(*source, ignored, names);
        if (article.id.empty())
            if (const auto id = value.find("_id"); id != value.end() && (id->is_string() || id->is_number_integer()))
                article.id = id->is_string() ? id->get<std::string>() : id->dump();
        return article;
    }
    Article article;
    std::string time_of_day;
    std::array<bool, 16> assigned{}; // by field: the first of several names for one field wins
    for (const auto& [key, v] : value.items()) {
        const auto field = names.field(key);
        if (!field) {
            if (key.empty() || key[0] != '@') ignored.push_back(key); // JSON-LD's @context, @type
            continue;
        }
        if (is_list_field(*field)) {
            add_list(article, *field, v, key);
        } else if (*field == ArticleField::time) {
            time_of_day = scalar_text(v, key, *field);
        } else {
            std::string text = scalar_text(v, key, *field);
            // An empty value never hides a later name's ("url": null, "link": "...").
            bool& done = assigned[static_cast<std::size_t>(*field)];
            if (!text.empty() && !done) {
                assign_field(article, *field, std::move(text));
                done = true;
            }
        }
    }
    if (!time_of_day.empty()) merge_time_of_day(article, time_of_day);
    return article;
}

const nlohmann::json* article_list(const nlohmann::json& value) {
    if (!value.is_object()) return nullptr;
    // An object that is an article itself is not a container.
    for (const auto& [key, v] : value.items()) {
        const auto field = field_for_name(key);
        if (field && *field != ArticleField::id && (v.is_string() || v.is_number())) return nullptr;
    }
    const auto array_at = [](const nlohmann::json& object, const char* key) -> const nlohmann::json* {
        const auto it = object.find(key);
        return it != object.end() && it->is_array() ? &*it : nullptr;
    };
    for (const char* key : {"articles", "items", "results", "docs", "data", "entries", "stories", "posts", "news",
                            "@graph", "value", "documents", "hits"})
        if (const auto* list = array_at(value, key)) return list;
    for (const char* outer : {"hits", "response", "data", "result"}) // {"hits": {"hits": [...]}} ...
        if (const auto it = value.find(outer); it != value.end() && it->is_object())
            if (const auto* list = article_list(*it)) return list;
    return nullptr;
}

std::string article_to_json(const Article& a) {
    std::string text;
    JsonWriter out(text);
    out.begin_object();
    const auto put = [&](const char* key, const std::string& v) {
        if (!v.empty()) out.key(key).string(v);
    };
    const auto put_list = [&](const char* key, const std::vector<std::string>& list) {
        if (list.empty()) return;
        out.key(key).begin_array();
        for (const auto& item : list) out.string(item);
        out.end_array();
    };
    put("id", a.id);
    put("title", a.title);
    put("summary", a.summary);
    put("body", a.body);
    put("url", a.url);
    put("source", a.source);
    put_list("authors", a.authors);
    put_list("tags", a.tags);
    put("language", a.language);
    put("published", a.published);
    put("updated", a.updated);
    out.end_object();
    return text;
}

Article article_from_stored_json(const std::string& data) {
    const auto j = nlohmann::json::parse(data);
    Article a;
    const auto get = [&](const char* key, std::string& out) {
        if (auto it = j.find(key); it != j.end()) out = it->get<std::string>();
    };
    get("id", a.id);
    get("title", a.title);
    get("summary", a.summary);
    get("body", a.body);
    get("url", a.url);
    get("source", a.source);
    if (auto it = j.find("authors"); it != j.end()) a.authors = it->get<std::vector<std::string>>();
    if (auto it = j.find("tags"); it != j.end()) a.tags = it->get<std::vector<std::string>>();
    get("language", a.language);
    get("published", a.published);
    get("updated", a.updated);
    return a;
}

} // namespace gazette::detail

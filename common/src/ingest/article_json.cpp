#include "ingest/article_json.hpp"

#include "ingest/article_fields.hpp"
#include "util/json_writer.hpp"

namespace gazette::detail {

namespace {

std::string type_name(const nlohmann::json& v) {
    return v.type_name();
}

std::string scalar_text(const nlohmann::json& v, const std::string& key, bool allow_number) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return {};
    if (allow_number && v.is_number_integer()) return v.dump();
    throw RecordError("field '" + key + "' must be a string, not " + type_name(v));
}

} // namespace

Article article_from_json(const nlohmann::json& value, std::vector<std::string>& ignored) {
    if (!value.is_object()) throw RecordError("expected a JSON object, got " + type_name(value));
    Article article;
    std::string time_of_day;
    for (const auto& [key, v] : value.items()) {
        const auto field = field_for_name(key);
        if (!field) {
            ignored.push_back(key);
            continue;
        }
        if (is_list_field(*field)) {
            if (v.is_array()) {
                for (const auto& item : v) {
                    if (!item.is_string())
                        throw RecordError("field '" + key + "' must hold strings, found " + type_name(item));
                    assign_field(article, *field, item.get<std::string>());
                }
            } else {
                const std::string text = scalar_text(v, key, false);
                if (!text.empty()) assign_field(article, *field, text);
            }
        } else if (*field == ArticleField::time) {
            time_of_day = scalar_text(v, key, false);
        } else {
            assign_field(article, *field, scalar_text(v, key, *field == ArticleField::id));
        }
    }
    if (!time_of_day.empty()) merge_time_of_day(article, time_of_day);
    return article;
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

#include "ingest/article_fields.hpp"

#include "util/text_util.hpp"

#include <array>

namespace gazette::detail {

namespace {

struct Alias {
    std::string_view name;
    ArticleField field;
};

constexpr std::array<Alias, 39> aliases{{
    {"id", ArticleField::id},
    {"_id", ArticleField::id},
    {"guid", ArticleField::id},
    {"docid", ArticleField::id},
    {"uuid", ArticleField::id},
    {"title", ArticleField::title},
    {"headline", ArticleField::title},
    {"body", ArticleField::body},
    {"text", ArticleField::body},
    {"content", ArticleField::body},
    {"article", ArticleField::body},
    {"summary", ArticleField::summary},
    {"description", ArticleField::summary},
    {"lead", ArticleField::summary},
    {"abstract", ArticleField::summary},
    {"url", ArticleField::url},
    {"link", ArticleField::url},
    {"source", ArticleField::source},
    {"publisher", ArticleField::source},
    {"outlet", ArticleField::source},
    {"authors", ArticleField::authors},
    {"author", ArticleField::authors},
    {"byline", ArticleField::authors},
    {"creator", ArticleField::authors},
    {"tags", ArticleField::tags},
    {"tag", ArticleField::tags},
    {"categories", ArticleField::tags},
    {"category", ArticleField::tags},
    {"topics", ArticleField::tags},
    {"keywords", ArticleField::tags},
    {"language", ArticleField::language},
    {"lang", ArticleField::language},
    {"published", ArticleField::published},
    {"date", ArticleField::published},
    {"published_at", ArticleField::published},
    {"publishedat", ArticleField::published},
    {"updated", ArticleField::updated},
    {"updated_at", ArticleField::updated},
    {"time", ArticleField::time},
}};

} // namespace

std::optional<ArticleField> field_for_name(std::string_view name) {
    const std::string lower = to_lower_ascii(trim(name));
    for (const auto& alias : aliases)
        if (alias.name == lower) return alias.field;
    return std::nullopt;
}

bool is_list_field(ArticleField field) {
    return field == ArticleField::authors || field == ArticleField::tags;
}

void assign_field(Article& a, ArticleField field, std::string value) {
    switch (field) {
    case ArticleField::id: a.id = std::move(value); break;
    case ArticleField::title: a.title = std::move(value); break;
    case ArticleField::body: a.body = std::move(value); break;
    case ArticleField::summary: a.summary = std::move(value); break;
    case ArticleField::url: a.url = std::move(value); break;
    case ArticleField::source: a.source = std::move(value); break;
    case ArticleField::authors: a.authors.push_back(std::move(value)); break;
    case ArticleField::tags: a.tags.push_back(std::move(value)); break;
    case ArticleField::language: a.language = std::move(value); break;
    case ArticleField::published: a.published = std::move(value); break;
    case ArticleField::updated: a.updated = std::move(value); break;
    case ArticleField::time: merge_time_of_day(a, value); break;
    }
}

void assign_list_cell(Article& a, ArticleField field, std::string_view cell) {
    if (!is_list_field(field)) {
        assign_field(a, field, std::string(cell));
        return;
    }
    std::size_t start = 0;
    while (start <= cell.size()) {
        const std::size_t end = cell.find_first_of(";|", start);
        const std::string item = trim(cell.substr(start, end == std::string_view::npos ? cell.npos : end - start));
        if (!item.empty()) assign_field(a, field, item);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
}

void merge_time_of_day(Article& a, std::string_view time) {
    const std::string t = trim(time);
    const std::string date = trim(a.published);
    // Only a plain HH:MM[:SS] joins a plain date; anything else is left alone.
    const bool time_ok = (t.size() == 5 || t.size() == 8) && t[2] == ':';
    if (date.size() == 10 && time_ok) a.published = date + "T" + t + "Z";
}

} // namespace gazette::detail

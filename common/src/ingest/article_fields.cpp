#include "ingest/article_fields.hpp"

#include <gazette/error.hpp>

#include "util/dates.hpp"
#include "util/text_util.hpp"

#include <array>

namespace gazette::detail {

namespace {

struct Alias {
    std::string_view name;
    ArticleField field;
};

// Names used by news APIs and exports (NewsAPI, the Guardian, the New York Times, news-please,
// schema.org NewsArticle, Elasticsearch dumps) besides Gazette's own.
constexpr std::array<Alias, 76> aliases{{
    {"id", ArticleField::id},
    {"_id", ArticleField::id},
    {"@id", ArticleField::id},
    {"guid", ArticleField::id},
    {"docid", ArticleField::id},
    {"doc_id", ArticleField::id},
    {"uuid", ArticleField::id},
    {"article_id", ArticleField::id},
    {"title", ArticleField::title},
    {"headline", ArticleField::title},
    {"webtitle", ArticleField::title},
    {"body", ArticleField::body},
    {"text", ArticleField::body},
    {"content", ArticleField::body},
    {"article", ArticleField::body},
    {"articlebody", ArticleField::body},
    {"article_body", ArticleField::body},
    {"maintext", ArticleField::body},
    {"full_text", ArticleField::body},
    {"fulltext", ArticleField::body},
    {"summary", ArticleField::summary},
    {"description", ArticleField::summary},
    {"lead", ArticleField::summary},
    {"lead_paragraph", ArticleField::summary},
    {"abstract", ArticleField::summary},
    {"excerpt", ArticleField::summary},
    {"snippet", ArticleField::summary},
    {"teaser", ArticleField::summary},
    {"url", ArticleField::url},
    {"link", ArticleField::url},
    {"permalink", ArticleField::url},
    {"web_url", ArticleField::url},
    {"weburl", ArticleField::url},
    {"source", ArticleField::source},
    {"publisher", ArticleField::source},
    {"outlet", ArticleField::source},
    {"source_name", ArticleField::source},
    {"site_name", ArticleField::source},
    {"publication", ArticleField::source},
    {"authors", ArticleField::authors},
    {"author", ArticleField::authors},
    {"byline", ArticleField::authors},
    {"creator", ArticleField::authors},
    {"creators", ArticleField::authors},
    {"tags", ArticleField::tags},
    {"tag", ArticleField::tags},
    {"categories", ArticleField::tags},
    {"category", ArticleField::tags},
    {"topics", ArticleField::tags},
    {"keywords", ArticleField::tags},
    {"subjects", ArticleField::tags},
    {"section", ArticleField::tags},
    {"section_name", ArticleField::tags},
    {"sectionname", ArticleField::tags},
    {"articlesection", ArticleField::tags},
    {"language", ArticleField::language},
    {"lang", ArticleField::language},
    {"inlanguage", ArticleField::language},
    {"published", ArticleField::published},
    {"date", ArticleField::published},
    {"published_at", ArticleField::published},
    {"publishedat", ArticleField::published},
    {"published_date", ArticleField::published},
    {"publish_date", ArticleField::published},
    {"publication_date", ArticleField::published},
    {"pubdate", ArticleField::published},
    {"pub_date", ArticleField::published},
    {"date_publish", ArticleField::published},
    {"datepublished", ArticleField::published},
    {"webpublicationdate", ArticleField::published},
    {"updated", ArticleField::updated},
    {"updated_at", ArticleField::updated},
    {"modified", ArticleField::updated},
    {"datemodified", ArticleField::updated},
    {"date_modify", ArticleField::updated},
    {"time", ArticleField::time},
}};

} // namespace

FieldNames::FieldNames(const std::vector<std::pair<std::string, std::string>>& map) {
    for (const auto& [input, target] : map) {
        const auto field = field_for_name(target);
        if (!field) throw Error(ErrorCode::invalid_argument, "'" + target + "' is not an article field");
        user_.emplace_back(to_lower_ascii(trim(input)), *field);
    }
}

std::optional<ArticleField> FieldNames::field(std::string_view name) const {
    if (!user_.empty()) {
        const std::string lower = to_lower_ascii(trim(name));
        for (const auto& [input, field] : user_)
            if (input == lower) return field;
    }
    return field_for_name(name);
}

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
    // A time ("10:00", "9:30 pm", "10:00:00+01:00", "10:00 CET") joins a date that has none, with
    // its zone; a date that carries its own time, or a time that does not read, is left alone.
    const auto day = parse_date(date);
    if (t.empty() || !day || day->precision != DatePrecision::day) return;
    const std::string combined = date + " " + t;
    if (const auto both = parse_date(combined); both && both->precision == DatePrecision::time) a.published = combined;
}

} // namespace gazette::detail

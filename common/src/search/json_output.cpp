#include <gazette/json.hpp>

#include "ingest/article_json.hpp"
#include "search/results_json.hpp"

#include <algorithm>

namespace gazette {

namespace detail {

namespace {

constexpr std::pair<std::string_view, unsigned> hit_fields[] = {
    {"id", hit_id},
    {"title", hit_title},
    {"url", hit_url},
    {"source", hit_source},
    {"published", hit_published},
    {"score", hit_score},
    {"snippet", hit_snippet},
    {"tags", hit_tags},
    {"authors", hit_authors},
    {"summary", hit_summary},
    {"language", hit_language},
    {"story", hit_story},
    {"more_versions", hit_more_versions},
};

} // namespace

std::optional<unsigned> parse_hit_fields(std::string_view names) {
    unsigned bits = 0;
    std::size_t start = 0;
    while (start <= names.size()) {
        const auto end = std::min(names.find(',', start), names.size());
        const std::string_view name = names.substr(start, end - start);
        start = end + 1;
        if (name.empty()) continue;
        bool known = false;
        for (const auto& [field, bit] : hit_fields)
            if (name == field) bits |= bit, known = true;
        if (!known) return std::nullopt;
    }
    return bits == 0 ? all_hit_fields : bits;
}

std::string_view hit_field_names() {
    return "id, title, url, source, published, score, snippet, tags, authors, summary, language, story, "
           "more_versions";
}

void write_hit(JsonWriter& out, const SearchHit& hit, unsigned fields) {
    const auto wants = [&](unsigned bit) { return (fields & bit) != 0; };
    const auto list = [&](const char* key, const std::vector<std::string>& items) {
        out.key(key).begin_array();
        for (const auto& item : items) out.string(item);
        out.end_array();
    };
    out.begin_object();
    if (wants(hit_id)) out.key("id").string(hit.id);
    if (wants(hit_title)) out.key("title").string(hit.title);
    if (wants(hit_url)) out.key("url").string(hit.url);
    if (wants(hit_source)) out.key("source").string(hit.source);
    if (wants(hit_published)) out.key("published").string(hit.published);
    if (wants(hit_score)) out.key("score").number(hit.score);
    if (wants(hit_snippet)) out.key("snippet").string(hit.snippet);
    if (wants(hit_tags)) list("tags", hit.tags);
    if (wants(hit_authors)) list("authors", hit.authors);
    if (wants(hit_summary)) out.key("summary").string(hit.summary);
    if (wants(hit_language)) out.key("language").string(hit.language);
    if (wants(hit_story)) out.key("story").string(hit.story);
    if (wants(hit_more_versions)) out.key("more_versions").number(hit.more_versions);
    if (hit.explanation) {
        out.key("explain").begin_object();
        out.key("text_score").number(hit.explanation->text_score);
        out.key("freshness").number(hit.explanation->freshness);
        out.key("age_days").number(hit.explanation->age_days);
        out.key("terms").begin_array();
        for (const auto& t : hit.explanation->terms) {
            out.begin_object();
            out.key("term").string(t.term);
            out.key("field").string(t.field);
            out.key("weight").number(t.weight);
            out.end_object();
        }
        out.end_array();
        out.end_object();
    }
    out.end_object();
}

void write_shards(JsonWriter& out, const SearchResults& results) {
    out.key("partial").boolean(results.partial());
    out.key("shards").begin_object();
    out.key("total").number(static_cast<std::uint64_t>(results.shards.total));
    out.key("successful").number(static_cast<std::uint64_t>(results.shards.successful));
    out.key("failed").begin_array();
    for (const auto& name : results.shards.failed) out.string(name);
    out.end_array();
    out.end_object();
}

std::string results_json(const SearchResults& results, const std::string& query, double took_ms, unsigned fields) {
    std::string text;
    text.reserve(512 + results.hits.size() * 512);
    JsonWriter out(text);
    out.begin_object();
    out.key("query").string(query);
    out.key("total").begin_object();
    out.key("value").number(results.total);
    out.key("relation").string(results.total_exact ? "eq" : "gte");
    if (results.total_articles) out.key("articles").number(*results.total_articles);
    out.end_object();
    write_shards(out, results);
    if (took_ms >= 0) out.key("took_ms").number(static_cast<double>(static_cast<long long>(took_ms * 1000)) / 1000);
    out.key("hits").begin_array();
    for (const auto& hit : results.hits) write_hit(out, hit, fields);
    out.end_array();
    out.key("facets").begin_object();
    for (const auto& facet : results.facets) {
        out.key(facet.name).begin_array();
        for (const auto& v : facet.values) {
            out.begin_object();
            out.key("value").string(v.value);
            out.key("count").number(v.count);
            out.end_object();
        }
        out.end_array();
    }
    out.end_object();
    out.key("suggestion").string_or_null(results.suggestion);
    out.key("next_cursor").string_or_null(results.next_cursor);
    out.key("truncated").boolean(results.truncated);
    out.end_object();
    return text;
}

nlohmann::ordered_json completions_to_json(const std::vector<Completion>& completions, const std::string& query) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& c : completions) list.push_back({{"text", c.text}, {"count", c.count}});
    return {{"query", query}, {"suggestions", std::move(list)}};
}

std::string dump_json(const nlohmann::ordered_json& value) {
    return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace detail

std::string to_json(const Article& article) {
    return detail::article_to_json(article);
}

std::string to_json(const std::vector<Completion>& completions, const std::string& query) {
    return detail::dump_json(detail::completions_to_json(completions, query));
}

std::string to_json(const SearchResults& results, const std::string& query) {
    return detail::results_json(results, query);
}

} // namespace gazette

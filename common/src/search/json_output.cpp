#include <gazette/json.hpp>

#include "ingest/article_json.hpp"
#include "search/results_json.hpp"

namespace gazette {

namespace detail {

void write_hit(JsonWriter& out, const SearchHit& hit) {
    out.begin_object();
    out.key("id").string(hit.id);
    out.key("title").string(hit.title);
    out.key("url").string(hit.url);
    out.key("source").string(hit.source);
    out.key("published").string(hit.published);
    out.key("score").number(hit.score);
    out.key("snippet").string(hit.snippet);
    out.key("tags").begin_array();
    for (const auto& tag : hit.tags) out.string(tag);
    out.end_array();
    out.key("story").string(hit.story);
    out.key("more_versions").number(hit.more_versions);
    if (hit.explanation) {
        out.key("explain").begin_object();
        out.key("text_score").number(hit.explanation->text_score);
        out.key("freshness").number(hit.explanation->freshness);
        out.key("age_days").number(hit.explanation->age_days);
        out.end_object();
    }
    out.end_object();
}

std::string results_json(const SearchResults& results, const std::string& query, double took_ms) {
    std::string text;
    text.reserve(512 + results.hits.size() * 512);
    JsonWriter out(text);
    out.begin_object();
    out.key("query").string(query);
    out.key("total").begin_object();
    out.key("value").number(results.total);
    out.key("relation").string(results.total_exact ? "eq" : "gte");
    out.end_object();
    if (took_ms >= 0) out.key("took_ms").number(static_cast<double>(static_cast<long long>(took_ms * 1000)) / 1000);
    out.key("hits").begin_array();
    for (const auto& hit : results.hits) write_hit(out, hit);
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

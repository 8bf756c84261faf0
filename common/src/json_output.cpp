#include <gazette/json.hpp>

#include "article_json.hpp"
#include "results_json.hpp"

namespace gazette {

namespace detail {

nlohmann::ordered_json hit_to_json(const SearchHit& hit) {
    nlohmann::ordered_json j = {{"id", hit.id},
                                {"title", hit.title},
                                {"url", hit.url},
                                {"source", hit.source},
                                {"published", hit.published},
                                {"score", hit.score},
                                {"snippet", hit.snippet},
                                {"tags", hit.tags},
                                {"story", hit.story},
                                {"more_versions", hit.more_versions}};
    if (hit.explanation) {
        j["explain"] = {{"text_score", hit.explanation->text_score},
                        {"freshness", hit.explanation->freshness},
                        {"age_days", hit.explanation->age_days}};
    }
    return j;
}

nlohmann::ordered_json results_to_json(const SearchResults& results, const std::string& query, double took_ms) {
    nlohmann::ordered_json hits = nlohmann::ordered_json::array();
    for (const auto& hit : results.hits) hits.push_back(hit_to_json(hit));
    nlohmann::ordered_json out = {
        {"query", query}, {"total", {{"value", results.total}, {"relation", results.total_exact ? "eq" : "gte"}}}};
    if (took_ms >= 0) out["took_ms"] = static_cast<double>(static_cast<long long>(took_ms * 1000)) / 1000;
    out["hits"] = std::move(hits);
    nlohmann::ordered_json facets = nlohmann::ordered_json::object();
    for (const auto& facet : results.facets) {
        nlohmann::ordered_json values = nlohmann::ordered_json::array();
        for (const auto& v : facet.values) values.push_back({{"value", v.value}, {"count", v.count}});
        facets[facet.name] = std::move(values);
    }
    out["facets"] = std::move(facets);
    out["suggestion"] =
        results.suggestion.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(results.suggestion);
    out["next_cursor"] =
        results.next_cursor.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(results.next_cursor);
    return out;
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
    return detail::dump_json(detail::article_to_json(article));
}

std::string to_json(const std::vector<Completion>& completions, const std::string& query) {
    return detail::dump_json(detail::completions_to_json(completions, query));
}

std::string to_json(const SearchResults& results, const std::string& query) {
    return detail::dump_json(detail::results_to_json(results, query));
}

} // namespace gazette

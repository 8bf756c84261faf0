#include "search_params.hpp"

#include "params.hpp"

#include <algorithm>

namespace gazette::server {

namespace {

std::vector<std::string> comma_list(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) items.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return items;
}

} // namespace

SearchRequest parse_search_params(const Request& request, const ServerConfig& config) {
    reject_unknown_params(request,
                          {"q",        "source", "tag",          "lang",    "from",   "to",         "sort",
                           "match",    "page",   "size",         "cursor",  "facets", "facet_size", "snippet",
                           "collapse", "fresh",  "fresh_weight", "explain", "qlang",  "fields",     "suggest"});
    SearchRequest r;
    if (const auto* q = request.one("q")) r.query = *q;
    r.sources = request.all("source");
    r.tags = request.all("tag");
    r.languages = request.all("lang");
    if (r.sources.size() + r.tags.size() + r.languages.size() > 100) bad_param("at most 100 source/tag/lang filters");
    if (const auto* from = request.one("from")) r.from = *from;
    if (const auto* to = request.one("to")) r.to = *to;
    if (const auto* language = request.one("qlang")) r.language = *language;

    if (const auto* sort = request.one("sort")) {
        if (*sort == "relevance")
            r.sort = SortOrder::relevance;
        else if (*sort == "newest")
            r.sort = SortOrder::newest;
        else if (*sort == "oldest")
            r.sort = SortOrder::oldest;
        else
            bad_param("'sort' must be relevance, newest or oldest");
    }
    if (const auto* match = request.one("match")) {
        if (*match == "any")
            r.match = MatchMode::any;
        else if (*match == "all")
            r.match = MatchMode::all;
        else
            bad_param("'match' must be any or all");
    }

    // size=0: the total and facets only.
    r.limit = number_param(request, "size", std::min<std::size_t>(10, config.max_page_size), 0, config.max_page_size);
    const std::size_t max_page = std::max<std::size_t>(1, config.max_page_depth / std::max<std::size_t>(1, r.limit));
    const std::size_t page = number_param(request, "page", 1, 1, max_page);
    r.offset = (page - 1) * r.limit;
    if (const auto* cursor = request.one("cursor")) {
        if (request.one("page")) bad_param("give either 'page' or 'cursor', not both");
        r.cursor = *cursor;
    }

    if (const auto* facets = request.one("facets")) r.facets = comma_list(*facets);
    r.facet_size = number_param(request, "facet_size", 10, 1, config.max_facet_size);
    r.snippet_length = number_param(request, "snippet", 200, 0, config.max_snippet_bytes);
    if (const auto* collapse = request.one("collapse")) {
        if (*collapse == "story")
            r.collapse_stories = true;
        else if (*collapse != "none")
            bad_param("'collapse' must be story or none");
    }
    if (const auto* fresh = request.one("fresh")) r.fresh = *fresh;
    r.fresh_weight = real_param(request, "fresh_weight", 1.0, 0.0, 100.0);
    r.explain = flag_param(request, "explain");
    r.suggest = !request.one("suggest") || flag_param(request, "suggest");
    return r;
}

} // namespace gazette::server

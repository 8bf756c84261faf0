#include "search_params.hpp"

#include "api_error.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace gazette::server {

namespace {

constexpr std::array<std::string_view, 14> known_params{"q",      "source",     "tag",     "lang", "from",
                                                        "to",     "sort",       "page",    "size", "cursor",
                                                        "facets", "facet_size", "snippet", "match"};

[[noreturn]] void bad(const std::string& message) {
    throw ApiError("invalid_parameter", message);
}

std::size_t number(const Request& request, const std::string& name, std::size_t fallback, std::size_t min,
                   std::size_t max) {
    const std::string* text = request.one(name);
    if (!text) return fallback;
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size() || value < min || value > max)
        bad("'" + name + "' must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return value;
}

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
    for (const auto& [name, value] : request.params)
        if (std::find(known_params.begin(), known_params.end(), name) == known_params.end())
            bad("unknown parameter '" + name.substr(0, 64) + "'");

    SearchRequest r;
    if (const auto* q = request.one("q")) r.query = *q;
    r.sources = request.all("source");
    r.tags = request.all("tag");
    r.languages = request.all("lang");
    if (r.sources.size() + r.tags.size() + r.languages.size() > 100) bad("at most 100 source/tag/lang filters");
    if (const auto* from = request.one("from")) r.from = *from;
    if (const auto* to = request.one("to")) r.to = *to;

    if (const auto* sort = request.one("sort")) {
        if (*sort == "relevance")
            r.sort = SortOrder::relevance;
        else if (*sort == "newest")
            r.sort = SortOrder::newest;
        else if (*sort == "oldest")
            r.sort = SortOrder::oldest;
        else
            bad("'sort' must be relevance, newest or oldest");
    }
    if (const auto* match = request.one("match")) {
        if (*match == "any")
            r.match = MatchMode::any;
        else if (*match == "all")
            r.match = MatchMode::all;
        else
            bad("'match' must be any or all");
    }

    r.limit = number(request, "size", std::min<std::size_t>(10, config.max_page_size), 1, config.max_page_size);
    const std::size_t max_page = std::max<std::size_t>(1, config.max_page_depth / r.limit);
    const std::size_t page = number(request, "page", 1, 1, max_page);
    r.offset = (page - 1) * r.limit;
    if (const auto* cursor = request.one("cursor")) {
        if (request.one("page")) bad("give either 'page' or 'cursor', not both");
        r.cursor = *cursor;
    }

    if (const auto* facets = request.one("facets")) r.facets = comma_list(*facets);
    r.facet_size = number(request, "facet_size", 10, 1, config.max_facet_size);
    r.snippet_length = number(request, "snippet", 200, 0, config.max_snippet_bytes);
    return r;
}

} // namespace gazette::server

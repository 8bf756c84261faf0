#include "result_printer.hpp"

#include <string_view>

namespace gazette::cli {

namespace {

// Snippets are HTML (escaped text plus highlight markers); a terminal wants plain text.
std::string snippet_for_terminal(std::string_view html, const SearchRequest& request, bool terminal) {
    const std::string on = terminal ? "\033[1m" : "*";
    const std::string off = terminal ? "\033[0m" : "*";
    std::string out;
    for (std::size_t i = 0; i < html.size();) {
        if (html.substr(i, request.highlight_start.size()) == request.highlight_start) {
            out += on;
            i += request.highlight_start.size();
        } else if (html.substr(i, request.highlight_end.size()) == request.highlight_end) {
            out += off;
            i += request.highlight_end.size();
        } else if (html[i] == '&') {
            static constexpr std::pair<std::string_view, char> entities[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
            bool matched = false;
            for (const auto& [entity, ch] : entities) {
                if (html.substr(i, entity.size()) == entity) {
                    out += ch;
                    i += entity.size();
                    matched = true;
                    break;
                }
            }
            if (!matched) out += html[i++];
        } else if (html[i] == '\n') {
            out += ' ';
            ++i;
        } else {
            out += html[i++];
        }
    }
    return out;
}

} // namespace

void print_text(std::FILE* out, const SearchResults& results, const SearchRequest& request, bool terminal) {
    std::fprintf(out, "%s%llu result%s\n", results.total_exact ? "" : "at least ",
                 static_cast<unsigned long long>(results.total), results.total == 1 ? "" : "s");
    if (!results.suggestion.empty()) std::fprintf(out, "Did you mean: %s\n", results.suggestion.c_str());
    std::size_t rank = request.offset;
    for (const auto& hit : results.hits) {
        ++rank;
        const std::string title = hit.title.empty() ? "(untitled)" : hit.title;
        std::fprintf(out, "\n%zu. %s\n", rank, title.c_str());
        std::string meta = hit.published.substr(0, 10);
        if (!hit.source.empty()) meta += (meta.empty() ? "" : " · ") + hit.source;
        meta += (meta.empty() ? "" : " · ") + std::string("id ") + hit.id;
        if (hit.score > 0) {
            char score[32];
            std::snprintf(score, sizeof score, " · score %.3f", hit.score);
            meta += score;
        }
        if (hit.more_versions > 0)
            meta += " · " + std::to_string(hit.more_versions) + " more version" + (hit.more_versions == 1 ? "" : "s");
        std::fprintf(out, "   %s\n", meta.c_str());
        if (hit.explanation) {
            std::fprintf(out, "   score %.4f = text %.4f × freshness %.4f (age %.1f days)\n", hit.score,
                         hit.explanation->text_score, hit.explanation->freshness, hit.explanation->age_days);
            std::string terms;
            for (const auto& t : hit.explanation->terms) {
                char part[64];
                std::snprintf(part, sizeof part, " %.4f", t.weight);
                terms += (terms.empty() ? "" : " +") + std::string(part) + " " + t.term +
                         (t.field == "text" ? "" : " (" + t.field + ")");
            }
            if (!terms.empty()) std::fprintf(out, "   text =%s\n", terms.c_str());
        }
        if (!hit.snippet.empty())
            std::fprintf(out, "   %s\n", snippet_for_terminal(hit.snippet, request, terminal).c_str());
    }
    for (const auto& facet : results.facets) {
        std::fprintf(out, "\n%s:", facet.name.c_str());
        for (const auto& v : facet.values)
            std::fprintf(out, "  %s (%llu)", v.value.c_str(), static_cast<unsigned long long>(v.count));
        std::fprintf(out, "\n");
    }
    if (!results.next_cursor.empty()) std::fprintf(out, "\nmore: --cursor %s\n", results.next_cursor.c_str());
}

void print_trec(std::FILE* out, const std::string& qid, const SearchResults& results, const std::string& tag) {
    std::size_t rank = 0;
    for (const auto& hit : results.hits)
        std::fprintf(out, "%s Q0 %s %zu %.6f %s\n", qid.c_str(), hit.id.c_str(), ++rank, hit.score, tag.c_str());
}

} // namespace gazette::cli

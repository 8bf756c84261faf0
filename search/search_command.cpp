#include "search_command.hpp"

#include "result_printer.hpp"

#include <gazette/gazette.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <unistd.h>

namespace gazette::cli {

namespace {

constexpr int exit_partial = 3;

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

// Partial results are printed, then said on stderr: a script sees exit status 3.
int partial_warning(const SearchResults& results) {
    if (!results.partial()) return 0;
    std::fprintf(stderr, "gazette-search: warning: partial results, %zu of %zu parts answered; not: %s\n",
                 results.shards.successful, results.shards.total, joined(results.shards.failed).c_str());
    return exit_partial;
}

// A TREC run is read by an evaluation tool: ids and scores only. No snippets, no "did you mean",
// no authors or summary, and no count of the matches (counting 1,000 exactly read every posting
// of a short query's words).
SearchRequest request_for(const SearchOptions& options) {
    SearchRequest request = options.request;
    if (options.format == OutputFormat::trec) {
        request.snippet_length = 0;
        request.suggest = false;
        request.exact_total_up_to = 0;
        request.with_article_fields = false;
    }
    return request;
}

int run_batch(Searcher& searcher, const SearchOptions& options) {
    std::ifstream in(options.queries_file);
    if (!in) throw Error(ErrorCode::io_error, options.queries_file + ": cannot open");
    std::string line;
    std::size_t line_number = 0;
    SearchRequest request = request_for(options);
    std::size_t partial = 0, queries = 0;
    std::vector<std::string> failed_parts;
    while (std::getline(in, line)) {
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const auto tab = line.find('\t');
        if (tab == std::string::npos) {
            std::fprintf(stderr, "%s:%zu: expected \"qid<TAB>query\"\n", options.queries_file.c_str(), line_number);
            return 1;
        }
        const std::string qid = line.substr(0, tab);
        request.query = line.substr(tab + 1);
        SearchResults results;
        try {
            results = searcher.search(request);
        } catch (const Error& e) {
            // One bad query must not spoil an evaluation run; it simply retrieves nothing.
            if (e.code() != ErrorCode::invalid_query) throw;
            std::fprintf(stderr, "%s:%zu: %s\n", options.queries_file.c_str(), line_number, e.what());
        }
        ++queries;
        if (results.partial()) {
            ++partial;
            for (const auto& name : results.shards.failed)
                if (std::find(failed_parts.begin(), failed_parts.end(), name) == failed_parts.end())
                    failed_parts.push_back(name);
        }
        switch (options.format) {
        case OutputFormat::trec: print_trec(stdout, qid, results, options.run_tag); break;
        case OutputFormat::json: std::printf("%s\n", to_json(results, request.query).c_str()); break;
        case OutputFormat::text:
            std::printf("== %s: %s\n", qid.c_str(), request.query.c_str());
            print_text(stdout, results, request, false);
            std::printf("\n");
            break;
        }
    }
    if (partial == 0) return 0;
    std::fprintf(stderr,
                 "gazette-search: warning: partial results for %zu of %zu queries; parts that did not answer: %s\n",
                 partial, queries, joined(failed_parts).c_str());
    return exit_partial;
}

} // namespace

int run_search(const SearchOptions& options) {
    try {
        // A local tool: long evaluation queries are fine here.
        SearchLimits limits;
        limits.max_query_bytes = 1 << 20;
        limits.max_query_terms = 4096;
        Searcher searcher(options.db, limits, std::make_shared<ShardMonitor>(options.shards));
        if (!options.get_id.empty()) {
            const auto article = searcher.get(options.get_id);
            if (!article) {
                std::fprintf(stderr, "gazette-search: no article with id \"%s\"\n", options.get_id.c_str());
                return 1;
            }
            std::printf("%s\n", to_json(*article).c_str());
            return 0;
        }
        if (!options.queries_file.empty()) return run_batch(searcher, options);
        if (options.complete) {
            const auto completions = searcher.complete(options.query, options.request.limit);
            if (options.format == OutputFormat::json) {
                std::printf("%s\n", to_json(completions, options.query).c_str());
            } else {
                for (const auto& c : completions)
                    std::printf("%s\t%llu\n", c.text.c_str(), static_cast<unsigned long long>(c.count));
            }
            return 0;
        }
        if (!options.related_id.empty()) {
            const SearchResults related = searcher.related(options.related_id, options.request.limit);
            if (options.format == OutputFormat::json)
                std::printf("%s\n", to_json(related, "").c_str());
            else
                print_text(stdout, related, options.request, ::isatty(STDOUT_FILENO));
            return partial_warning(related);
        }

        SearchRequest request = request_for(options);
        request.query = options.query;
        const SearchResults results = searcher.search(request);
        switch (options.format) {
        case OutputFormat::json: std::printf("%s\n", to_json(results, request.query).c_str()); break;
        case OutputFormat::trec: print_trec(stdout, "1", results, options.run_tag); break;
        case OutputFormat::text: print_text(stdout, results, request, ::isatty(STDOUT_FILENO)); break;
        }
        return partial_warning(results);
    } catch (const Error& e) {
        std::fprintf(stderr, "gazette-search: %s\n", e.what());
        return 1;
    }
}

} // namespace gazette::cli

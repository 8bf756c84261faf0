// gazette-search: searches a Gazette index from the terminal or a script.

#include "search_command.hpp"

#include <gazette/version.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <map>

int main(int argc, char** argv) {
    using namespace gazette::cli;
    SearchOptions options;
    std::vector<std::string> words;
    bool json = false;
    auto& r = options.request;

    CLI::App app{"Search a Gazette index. QUERY uses the query language: words, \"phrases\", AND OR NOT, +/-,\n"
                 "prefix*, title: source: author: tag: lang: id:, date ranges (2021-01-01..2021-12-31, now-7d..).\n"
                 "Put -- before a query that starts with '-'.",
                 "gazette-search"};
    app.set_version_flag("--version", GAZETTE_VERSION);
    app.add_option("--db", options.db, "Index directory")->required();
    app.add_option("query", words, "Query words (joined with spaces)");
    app.add_option("--queries", options.queries_file, "Batch mode: run each line \"qid<TAB>query\" of FILE")
        ->check(CLI::ExistingFile);
    app.add_option("--get", options.get_id, "Print the stored article with this id as JSON");
    app.add_option("--related", options.related_id, "Print articles related to the one with this id");
    app.add_flag("--complete", options.complete, "Print completions of the query's last word");
    app.add_option("--qlang", r.language, "Analyse the query in this language (stemming), e.g. fr");
    app.add_flag("--json", json, "Print results as JSON (same as --format json)");
    const std::map<std::string, OutputFormat> formats{
        {"text", OutputFormat::text}, {"json", OutputFormat::json}, {"trec", OutputFormat::trec}};
    app.add_option("--format", options.format, "Output: text, json, trec (qid Q0 docid rank score tag)")
        ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
    app.add_option("--run-tag", options.run_tag, "Tag in the last column of TREC output");
    app.add_option("-n,--limit", r.limit, "Results per query")->check(CLI::Range(0, 10000));
    app.add_option("--offset", r.offset, "Skip this many results");
    const std::map<std::string, gazette::SortOrder> sorts{{"relevance", gazette::SortOrder::relevance},
                                                          {"newest", gazette::SortOrder::newest},
                                                          {"oldest", gazette::SortOrder::oldest}};
    app.add_option("--sort", r.sort, "relevance, newest or oldest")
        ->transform(CLI::CheckedTransformer(sorts, CLI::ignore_case));
    const std::map<std::string, gazette::MatchMode> matches{{"any", gazette::MatchMode::any},
                                                            {"all", gazette::MatchMode::all}};
    app.add_option("--match", r.match, "Words without operators: any (ranked OR) or all (AND)")
        ->transform(CLI::CheckedTransformer(matches, CLI::ignore_case));
    // Repeatable options take one value each, so that "--tag transport bridge" searches for
    // bridge rather than making it a second tag.
    app.add_option("--source", r.sources, "Only this source (repeat for more)")->allow_extra_args(false);
    app.add_option("--tag", r.tags, "Only this tag (repeat for more)")->allow_extra_args(false);
    app.add_option("--lang", r.languages, "Only this language (repeat for more)")->allow_extra_args(false);
    app.add_option("--from", r.from, "Published on or after (2021-03-01, 2021-03, 2021, now-7d)");
    app.add_option("--to", r.to, "Published on or before");
    app.add_option("--snippet", r.snippet_length, "Snippet length in bytes (0: none)");
    app.add_option("--facets", r.facets, "Count matches by source, tag, lang, month, year (comma-separated)")
        ->delimiter(',')
        ->allow_extra_args(false);
    app.add_option("--facet-size", r.facet_size, "Values shown per facet");
    app.add_option("--cursor", r.cursor, "Continue after the page that printed this cursor");
    app.add_flag("--collapse", r.collapse_stories, "One hit per story (copies counted in more_versions)");
    app.add_option("--fresh", r.fresh, "Freshness half-life, e.g. 7d: newer articles rank higher");
    app.add_option("--fresh-weight", r.fresh_weight, "Largest freshness boost (default 1: up to 2x)")
        ->check(CLI::Range(0.0, 100.0));
    app.add_flag("--explain", r.explain, "Show the parts of each score");
    // CLI11 2.1 has no std::chrono support: milliseconds are read as integers.
    const auto add_ms = [&app](const std::string& name, std::chrono::milliseconds& target, const std::string& help) {
        app.add_option_function<long long>(
               name, [&target](long long ms) { target = std::chrono::milliseconds(ms); }, help)
            ->default_str(std::to_string(target.count()))
            ->check(CLI::Range(1LL, 3600000LL));
    };
    add_ms("--shard-connect-timeout-ms", options.shards.connect_timeout,
           "Sharded index: time to connect to a remote part");
    add_ms("--shard-timeout-ms", options.shards.timeout,
           "Sharded index: a remote part slower than this is left out (exit status 3: partial results)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 64;
    }
    if (json) options.format = OutputFormat::json;
    for (const auto& w : words) options.query += (options.query.empty() ? "" : " ") + w;
    return run_search(options);
}

// Query latency of the Gazette library, in-process: the same measurement as the anchors'
// latency mode (../shared/anchors/anchors.sh latency), for Gazette's searcher.
// usage: gazette-query-bench --db DIR --queries QUERIES.tsv [--limit 10] [--repeat 5]
//        [--snippets N] [--facets source,tag,...] [--collapse] [--exact-total N] [--run FILE]

#include <gazette/gazette.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    std::string db, queries_file, run_file;
    std::size_t repeat = 5;
    unsigned threads = 1;
    gazette::SearchRequest request;
    request.snippet_length = 0;
    request.exact_total_up_to = 1000; // the library default
    CLI::App app{"Top-k query latency of the Gazette library", "gazette-query-bench"};
    app.add_option("--db", db)->required();
    app.add_option("--queries", queries_file, "qid<TAB>text per line")->required();
    app.add_option("--limit", request.limit);
    app.add_option("--repeat", repeat, "Passes over the query log (the first warms the cache too)");
    app.add_option("--snippets", request.snippet_length, "Snippet bytes (0: none)");
    app.add_option("--facets", request.facets)->delimiter(',');
    app.add_flag("--collapse", request.collapse_stories);
    app.add_option("--exact-total", request.exact_total_up_to, "Count matches exactly up to N");
    app.add_flag("!--no-suggest", request.suggest, "No \"did you mean\" for searches with few results");
    app.add_option("--run", run_file, "Write the first pass as a TREC run");
    app.add_option("--threads", threads, "Measure throughput: this many threads, each with its own searcher");
    CLI11_PARSE(app, argc, argv);

    std::vector<std::pair<std::string, std::string>> queries;
    std::ifstream in(queries_file);
    for (std::string line; std::getline(in, line);)
        if (const auto tab = line.find('\t'); tab != std::string::npos)
            queries.emplace_back(line.substr(0, tab), line.substr(tab + 1));

    gazette::SearchLimits limits;
    limits.max_query_terms = 4096;
    if (threads > 1) {
        // Throughput: every thread runs the whole log `repeat` times on its own searcher.
        std::atomic<std::size_t> done{0};
        const auto start = std::chrono::steady_clock::now();
        std::vector<std::thread> workers;
        for (unsigned t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                gazette::Searcher own(db, limits);
                gazette::SearchRequest r = request;
                for (std::size_t pass = 0; pass < repeat; ++pass) {
                    for (std::size_t i = 0; i < queries.size(); ++i) {
                        r.query = queries[(i + t * 997) % queries.size()].second;
                        try {
                            own.search(r);
                        } catch (const gazette::Error&) {
                        }
                        ++done;
                    }
                }
            });
        }
        for (auto& w : workers) w.join();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("gazette library threads=%u queries=%zu qps=%.0f\n", threads, done.load(),
                    static_cast<double>(done.load()) / seconds);
        return 0;
    }
    gazette::Searcher searcher(db, limits);
    std::ofstream run(run_file.empty() ? "/dev/null" : run_file);
    std::vector<double> latencies;
    std::size_t errors = 0;
    for (std::size_t pass = 0; pass < repeat; ++pass) {
        for (const auto& [qid, text] : queries) {
            request.query = text;
            const auto start = std::chrono::steady_clock::now();
            gazette::SearchResults results;
            try {
                results = searcher.search(request);
            } catch (const gazette::Error&) {
                ++errors;
            }
            latencies.push_back(
                std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
            if (pass == 0) {
                std::size_t rank = 0;
                for (const auto& hit : results.hits)
                    run << qid << " Q0 " << hit.id << ' ' << ++rank << ' ' << hit.score << " gazette\n";
            }
        }
    }
    std::sort(latencies.begin(), latencies.end());
    double sum = 0;
    for (double l : latencies) sum += l;
    std::printf("gazette search queries=%zu p50_us=%.1f p99_us=%.1f mean_us=%.1f errors=%zu\n", latencies.size(),
                latencies[latencies.size() / 2], latencies[latencies.size() * 99 / 100],
                sum / static_cast<double>(latencies.size()), errors);
}

#pragma once
// The work of gazette-search once its options are parsed.

#include <gazette/search.hpp>
#include <gazette/shards.hpp>

#include <string>

namespace gazette::cli {

enum class OutputFormat { text, json, trec };

struct SearchOptions {
    std::string db;
    std::string query;
    std::string queries_file; ///< batch mode: lines "qid<TAB>text"
    std::string get_id;       ///< print one stored article
    std::string related_id;   ///< print articles related to this one
    bool complete = false;    ///< print completions of the query
    OutputFormat format = OutputFormat::text;
    std::string run_tag = "gazette";
    SearchRequest request;
    ShardOptions shards; ///< timeouts for the parts of a sharded index
};

/// 0 on success, 1 on failure (bad query, no index), with a one-line message on stderr;
/// 3 when a part of a sharded index did not answer and results are partial (with a warning).
int run_search(const SearchOptions& options);

} // namespace gazette::cli

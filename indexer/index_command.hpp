#pragma once
// The work of gazette-index once its options are parsed: index inputs, delete ids, report.

#include <gazette/input.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace gazette::cli {

/// Exit codes; scripts rely on them.
enum ExitCode : int {
    exit_ok = 0,       ///< everything was indexed
    exit_failed = 1,   ///< the job failed (index unusable, locked, I/O error, max-errors reached)
    exit_rejected = 2, ///< done, but some records or files were rejected
    exit_usage = 64,   ///< bad command line
};

enum class ProgressMode { automatic, always, never };

struct IndexOptions {
    std::string db;
    std::vector<std::string> inputs;
    InputFormat format = InputFormat::automatic;
    std::string encoding; ///< "" tells: feeds by their declaration, other inputs UTF-8 or windows-1252
    std::vector<std::pair<std::string, std::string>> field_map; ///< --map input=field
    HtmlMode html = HtmlMode::automatic;
    std::vector<std::string> delete_ids;
    std::vector<std::string> delete_files;
    std::string synonyms_file;
    std::size_t batch_size = 2000;
    unsigned threads = 0;
    std::uint64_t max_errors = 0;
    std::size_t show_errors = 100;
    std::string error_log;
    std::string language = "en";
    std::string partition;       ///< "month" or "year": a new index is a time-partitioned archive
    std::string seal_older_than; ///< archives: seal the partitions older than this age
    std::string drop_older_than; ///< archives: delete the partitions older than this age
    bool list_partitions = false;
    bool rebuild = false; ///< build anew, aside, and swap in at the end
    /// Keep this many changesets for xapian-replicate (0: Xapian's default, none).
    unsigned replication_changesets = 0;
    bool stopwords = true;
    bool detect_languages = false;
    ProgressMode progress = ProgressMode::automatic;
    bool quiet = false;
};

/// Runs the job, printing errors and progress to stderr and the summary to stdout.
int run_index(const IndexOptions& options);

} // namespace gazette::cli

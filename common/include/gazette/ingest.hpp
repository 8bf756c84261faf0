#pragma once
// Batch ingestion: read inputs, upsert their articles, remove ids, count what happened.
// Bad records are reported and skipped; they never stop the good ones.

#include <gazette/export.hpp>
#include <gazette/index_writer.hpp>
#include <gazette/input.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace gazette {

struct IngestOptions {
    /// Stop after this many rejected records or unreadable files (0 = never stop).
    std::uint64_t max_errors = 0;
};

struct IngestStats {
    std::uint64_t added = 0;
    std::uint64_t updated = 0;
    std::uint64_t deleted = 0;
    std::uint64_t not_found = 0;    ///< ids to delete that were not in the index
    std::uint64_t skipped = 0;      ///< records rejected (bad syntax, wrong types, invalid articles)
    std::uint64_t files = 0;        ///< input files read
    std::uint64_t failed_files = 0; ///< files that could not be read to their end
    std::uint64_t bytes = 0;        ///< input bytes consumed (compressed size for gzip)
    std::map<std::string, std::uint64_t> ignored_fields; ///< unknown field name -> records having it
    std::uint64_t warnings = 0; ///< problems that lost nothing that could be kept (see on_warning)
    std::uint64_t undated = 0;  ///< articles kept without a date that could not be read
    bool aborted = false;       ///< stopped by max_errors

    std::uint64_t errors() const { return skipped + failed_files; }
};

struct IngestProgress {
    std::uint64_t records = 0; ///< records read so far (good and bad)
    std::uint64_t bytes_done = 0;
    std::uint64_t bytes_total = 0; ///< 0 when unknown (stdin)
};

struct IngestObserver {
    /// A record or file that was skipped, with its location.
    std::function<void(const InputError&)> on_error;
    /// A record kept with a repair (an unreadable date dropped, a feed read in recovery mode).
    std::function<void(const InputError&)> on_warning;
    std::function<void(const IngestProgress&)> on_progress;
};

class GAZETTE_EXPORT Ingest {
  public:
    Ingest(IndexWriter& writer, IngestOptions options = {}, IngestObserver observer = {});

    /// Reads every input and upserts its articles. Returns false if max_errors stopped it
    /// (what was read before stays indexed once committed).
    /// @throws Error for failures of the index itself (database_error, io_error ...).
    bool add(const std::vector<InputFile>& inputs);

    /// Removes articles by id. @throws Error as IndexWriter::remove.
    void remove(const std::vector<std::string>& ids);

    /// Commits the open batch. @throws Error as IndexWriter::commit.
    void finish();

    /// Counts so far (added/updated/deleted are exact once finish() returned).
    const IngestStats& stats() const;

  private:
    bool note_error(const InputError& error);
    void note_warning(const InputError& warning);

    IndexWriter& writer_;
    IngestOptions options_;
    IngestObserver observer_;
    mutable IngestStats stats_;
    WriteCounts base_;
    std::uint64_t records_ = 0;
};

/// Reads a file of ids, one per line; blank lines and lines starting with '#' are skipped.
/// @throws Error io_error.
GAZETTE_EXPORT std::vector<std::string> read_id_file(const std::string& path);

} // namespace gazette

#pragma once
// Reading an index: ranked search and lookup by id.

#include <gazette/article.hpp>
#include <gazette/export.hpp>
#include <gazette/search.hpp>
#include <gazette/shards.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gazette {

/// A read-only view of an index. Cheap to keep open; not thread-safe (use one per thread).
/// It sees the index as of its opening or last refresh().
class GAZETTE_EXPORT Searcher {
  public:
    /// `path`: an index, an archive, or a sharded index: a Xapian stub file (or a directory
    /// holding one) listing local and remote parts ("remote HOST:PORT", served by
    /// xapian-tcpsrv). The parts' health is shared through `monitor` (one per process; a
    /// searcher makes its own if none is given).
    /// @throws Error database_not_found, database_corrupt, database_version, database_error;
    ///         unavailable if no part of a sharded index can be reached.
    explicit Searcher(const std::string& path, const SearchLimits& limits = {},
                      std::shared_ptr<ShardMonitor> monitor = nullptr);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// Runs a search. Retries once when a concurrent commit invalidated the open revision.
    /// @throws Error invalid_query (with the parser's message), invalid_argument (bad filter
    ///         date, limit out of range), database_error.
    SearchResults search(const SearchRequest& request);

    /// Articles related to the one with this id: found through the terms that best tell it
    /// apart (Xapian's expand set of the article), excluding the article and its other copies.
    /// @throws Error not_found if there is no such article, database_error.
    SearchResults related(const std::string& id, std::size_t limit = 5);

    /// Completions of the last word of `text` from the indexed words, most frequent first.
    std::vector<Completion> complete(const std::string& text, std::size_t limit = 10);

    /// The stored article with this id, or nothing.
    /// @throws Error database_error.
    std::optional<Article> get(const std::string& id);

    /// Moves to the latest committed revision; returns true if it changed. An index replaced
    /// by another at the same path (moved in, rebuilt in place) is opened anew. While nothing
    /// can be opened at the path (in the middle of a swap, during a rebuild in place), it goes
    /// on reading the index it has open, and returns false.
    /// @throws Error database_error if the index changed under every retry.
    bool refresh();

    /// Opens the index anew and reads a little of each part that searches use (a health check:
    /// about a tenth of a millisecond).
    /// @throws Error database_not_found, database_corrupt, database_error if that fails.
    void probe();

    std::uint64_t document_count();

    /// When the index was last committed to (UTC, ISO 8601), or "" if unknown.
    std::string last_updated();

    /// The revision being read; it grows with each commit.
    std::uint64_t revision();

    /// The UUID of the index being read: another one after refresh() means that the index at
    /// the path was replaced by a different one.
    std::string uuid();

    /// Names what this searcher reads: it changes with each commit it sees and with another
    /// index at the path, so results can be cached under it. "" when changes cannot be told
    /// (a sharded index with remote parts, whose revisions Xapian 1.4 does not report).
    std::string version();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace gazette

#pragma once
// Writing to an index: upsert and remove articles by id, in all-or-nothing batches.

#include <gazette/article.hpp>
#include <gazette/export.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gazette {

struct WriterOptions {
    /// Stemming language for articles without a `language` (ISO 639-1 or a Snowball name).
    /// Only used when the index is created; an existing index keeps its own setting.
    std::string language = "en";
    /// Drop common words (of the stemming language) from the stemmed terms.
    /// Only used when the index is created.
    bool stopwords = true;
    /// Read the language of an article that declares none from its text (title, summary and
    /// the opening of the body), so that it is stemmed, filtered and faceted as what it is,
    /// rather than taking it to be in `language`. An article is given another language only
    /// when the text says so clearly. Off by default: every language an index holds is one
    /// more reading of each query without a query language (see the README). Only used when
    /// the index is created.
    bool detect_languages = false;
    /// Changes per batch. A batch is committed as one transaction when it fills up and on
    /// commit(); a crash loses at most the open batch, never part of one. Around 1000-2000
    /// is fastest: Xapian's in-memory batch structures slow down as they grow. A bulk build
    /// divides it among its threads, whose batches start shorter and grow to that share.
    std::size_t batch_size = 2000;
    /// Threads for a bulk build (see IndexWriter); 0 = one per core (at most 8), 1 = none.
    unsigned threads = 0;
    /// "month" or "year": a new index is created as a time-partitioned archive, one database
    /// per period of publication (see IndexWriter). "" = one database. Only used when the index
    /// is created; an archive keeps its partitioning.
    std::string partition;
    /// Build the index anew from what is written, aside, and put it in place of the existing
    /// one at the first commit(), in one rename: readers and replicas see the old index until
    /// then. The new index is analysed with `language`, `stopwords` and `detect_languages`. Not
    /// for archives.
    bool rebuild = false;
};

/// A partition of an archive.
struct PartitionInfo {
    std::string name; ///< "2021-03", "2021" or "undated"
    std::uint64_t documents = 0;
    bool sealed = false; ///< compacted, and not written to since
};

/// What a writer did since it was opened.
struct WriteCounts {
    std::uint64_t added = 0;
    std::uint64_t updated = 0; ///< upserts that replaced an article with the same id
    std::uint64_t deleted = 0;
    std::uint64_t not_found = 0; ///< removals of ids that were not in the index
};

/// The single writer of an index (Xapian allows one at a time). Not thread-safe.
///
/// An archive (WriterOptions::partition) is a directory of indexes, one per month or year of
/// publication, listed in a Xapian stub file so that it opens as one database. Articles go to
/// the partition of their date (undated ones to "undated"); an upsert whose date moved the
/// article removes its copy from the old partition, so an id is in one partition. A commit
/// commits every partition written to, each all-or-nothing; the copies an upsert moved away
/// are removed by a second step of the same commit, so an interruption between the two leaves
/// at worst an old copy that the next run removes, never a lost article.
///
/// Writing to an index that has articles, every batch is committed to it as it fills up.
/// Writing a new (empty) index with several threads, or a rebuild, is a bulk build: shard
/// databases are written in parallel beside the index and compacted into it by the first
/// commit(), in one step. Until then there is no index at the path (or the old one, for a
/// rebuild), never an empty one that a reader or a replica would serve; an interrupted build
/// leaves things as they were. A new archive (no partition yet) is a bulk build too: its
/// partitions are compacted, moved in and listed by the stub at the first commit(); until then
/// the archive is empty.
class GAZETTE_EXPORT IndexWriter {
  public:
    /// Opens the index at `path`, creating it (and missing parent directories) if needed, and
    /// cleans up after an interrupted bulk build.
    /// @throws Error database_locked if another writer holds the index,
    ///         database_corrupt / database_version / io_error / database_error otherwise.
    explicit IndexWriter(const std::string& path, const WriterOptions& options = {});
    /// Discards the uncommitted batch (call commit() to keep it) and releases the lock.
    ~IndexWriter();
    IndexWriter(IndexWriter&&) noexcept;
    IndexWriter& operator=(IndexWriter&&) noexcept;

    /// Adds the article, or replaces the one with the same id. The article is validated and
    /// normalised first (see normalize_article()).
    /// @throws Error invalid_article if it is not valid (nothing is changed then),
    ///         database_error / io_error if the index fails.
    void upsert(const Article& article);

    /// Removes the article with this id, if there is one (see counts()).
    /// @throws Error invalid_argument for an empty or oversized id, database_error / io_error.
    void remove(const std::string& id);

    /// Replaces the index's synonym groups: one group per line, members separated by commas
    /// ("us, usa, united states"); "" removes them. Part of the open batch.
    /// @throws Error invalid_argument naming the line of a malformed group.
    void set_synonyms(const std::string& text);

    /// Commits the open batch (all-or-nothing) and makes it durable (files and directory
    /// fsynced); for a bulk build, compacts the shards into the index. Readers see the changes
    /// after their next refresh().
    /// @throws Error database_error / io_error.
    void commit();

    /// Added, updated and removed articles so far (exact once commit() returned).
    WriteCounts counts() const;
    /// Documents in the index, counting uncommitted changes.
    std::uint64_t document_count() const;
    /// Changes made since the last commit.
    std::size_t pending_changes() const;
    /// Batches committed by this writer so far (a bulk build counts once).
    std::uint64_t commits() const;
    /// True while writing a bulk build (until the first commit()).
    bool bulk() const;
    /// True for a time-partitioned archive.
    bool archive() const;

    /// Archives: commits, then compacts each partition whose period ended more than
    /// `older_than` ago ("2M", "1y", "90d": date-math units, see the README) and is not sealed
    /// yet, and marks it sealed. Returns the partitions sealed.
    /// @throws Error invalid_argument for a single index or a bad duration, io_error / database_error.
    std::vector<std::string> seal_partitions(const std::string& older_than);
    /// Archives: commits, then deletes every partition whose period ended more than
    /// `older_than` ago, with its articles (a retention rule). Returns the partitions dropped.
    std::vector<std::string> drop_partitions(const std::string& older_than);
    /// Archives: the partitions, oldest first, with their committed document counts.
    std::vector<PartitionInfo> partitions() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace gazette

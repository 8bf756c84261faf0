#pragma once
// The writer of a time-partitioned archive (see archive_layout.hpp): routes each article to the
// partition of its date, keeps one copy of an id across partitions, commits the partitions
// written to, and seals and drops whole partitions. A new archive is a bulk build: every
// partition is written by shard threads and compacted at the first commit, as a new index is.

#include "analysis/analyzer.hpp"
#include "index/archive_gate.hpp"
#include "index/archive_layout.hpp"
#include "index/bloom.hpp"
#include "index/bulk_build.hpp"
#include "index/document_mapper.hpp"
#include "index/index_lock.hpp"
#include "index/partition_filters.hpp"
#include "index/story.hpp"
#include "index/writer_backend.hpp"

#include <xapian.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gazette::detail {

class ArchiveWriter final : public WriterBackend {
  public:
    /// Opens the archive at `path`, or creates it partitioned by `options.partition`; finishes
    /// or discards what an interrupted writer left (the stub is the truth: a partition it does
    /// not list was never written to, or was being dropped).
    ArchiveWriter(const std::string& path, const WriterOptions& options);
    ~ArchiveWriter() override;

    void upsert(const Article& article) override;
    void remove(const std::string& id) override;
    void set_synonyms(const std::string& text) override;
    void commit() override;
    WriteCounts counts() const override;
    std::uint64_t document_count() const override;
    std::size_t pending_changes() const override;
    std::uint64_t commits() const override { return commits_; }
    bool bulk() const override { return bulk_ != nullptr; }
    void abandon() noexcept override;
    ArchiveWriter* archive() override { return this; }

    std::vector<std::string> seal_older_than(const std::string& duration);
    std::vector<std::string> drop_older_than(const std::string& duration);
    std::vector<PartitionInfo> partitions() const;

  private:
    struct Writable {
        Xapian::WritableDatabase db;
        bool in_transaction = false;
    };

    std::string part_path(const std::string& name) const;
    void recover();
    /// The partition open for writing in the current batch, created when new.
    Writable& writable(const std::string& name);
    void create_partition(const std::string& name);
    /// Empty filters for a partition about to be created.
    PartitionFilters filters_for_new_partition() const;
    /// Partitions holding `term` now (committed copies and this batch's changes); `committed`
    /// gets those whose committed state holds it.
    std::vector<std::string> holders(const std::string& term, std::vector<std::string>& committed);
    /// Reads the filters of every partition and the archive's gate, once, before the first change.
    void load_filters();
    /// Stores the gate, covering every partition as committed now.
    void store_gate();
    /// Whether storing the gate costs less than the passes over the partitions it does not
    /// cover: those paid since it was stored and the next writer's.
    bool gate_worth_storing() const;
    /// Commits the open transaction of a partition, its filters with it.
    void commit_partition(const std::string& name, Writable& w);
    /// The story lookups' view: each partition a part of its own, so that a band term is looked
    /// up only in the partitions whose filter may hold it (as one database, every lookup went
    /// to every partition: adding to an archive cost more with every month it held).
    StoryView open_story_view() const;
    /// The place of a partition among the story view's parts (stable: new ones are appended).
    unsigned story_part(const std::string& name);
    void start_stories();
    /// Brings the committed view up to the partitions listed: a partition in `changed` (committed
    /// to since) is reopened, one in `replaced` (a new database at its path) opened anew, and the
    /// others are kept as they are (reopening all of them, as many as the archive has months, at
    /// every commit made adding to a large archive cost more per article).
    void refresh_committed(const std::set<std::string>& changed, const std::set<std::string>& replaced = {});
    void changed();
    /// Compacts the bulk build into its partitions and lists them in the stub.
    void finish_bulk();
    /// Records the commit in the settings partition: synonyms set since, the update time.
    void commit_meta();
    void close_partitions();
    /// The start of the ages older than `duration` ("90d", "6M").
    static UnixSeconds cutoff(const std::string& duration);

    std::string path_;
    IndexLock lock_; ///< before anything touches the archive
    Partitioning partitioning_ = Partitioning::month;
    std::size_t batch_size_;
    Xapian::WritableDatabase meta_;
    std::optional<Analyzer> analyzer_;
    std::optional<DocumentMapper> mapper_;
    std::unique_ptr<StoryIndex> stories_;
    std::unique_ptr<BulkBuild> bulk_;      ///< a new archive, until the first commit
    std::vector<std::string> story_parts_; ///< partitions in the story view's order
    ShardPlacement story_placement_;       ///< which part each partition is
    std::vector<std::string> partitions_;  ///< as the stub lists them, sorted
    std::map<std::string, Writable> open_;
    std::map<std::string, Xapian::Database> committed_; ///< each listed partition's committed state
    /// Id terms whose committed copy in a partition an upsert moved elsewhere: removed by the
    /// second step of the commit, after the new copies are committed.
    std::map<std::string, std::set<std::string>> moved_out_;
    std::optional<std::string> synonyms_; ///< set in the open batch
    /// Per partition, its ids and band terms, with those written to it since: a new id is looked
    /// up in no partition, and a known one (or a band term) only in those that may hold it.
    std::map<std::string, PartitionFilters> filters_;
    bool filters_loaded_ = false;
    std::optional<ArchiveGate> gate_;                   ///< once the filters are loaded
    bool gate_changed_ = false;                         ///< since it was read or stored
    std::chrono::steady_clock::time_point gate_stored_; ///< when last stored (or read)
    std::map<std::string, Xapian::rev> gate_on_disk_;   ///< the revisions the stored gate covers
    /// Articles read into the gate again since it was stored, by this writer and earlier ones.
    std::uint64_t gate_rereads_ = 0;
    WriteCounts written_;
    std::size_t pending_ = 0;
    std::uint64_t pending_text_bytes_ = 0;
    std::uint64_t commits_ = 0;
};

} // namespace gazette::detail

#pragma once
// One shard of a bulk build: Xapian databases written by its own thread. Articles arrive
// already validated and with their story; the thread analyses them, writes them, and commits
// every `commit_every` changes, recording what each commit covers for the story lookups. Once
// a database holds `generation_size` articles (twice that from the fifth, four times from the
// ninth...) the shard starts a new one, a generation: a commit costs more the larger the
// B-trees it updates, so small databases merged once at the end index a million articles
// faster than two large ones (bench/README.md). Articles come with a group (the partition of an
// archive, "" for one index): each group has databases, and generations, of its own. A grouped
// shard holds each group's articles back and writes them a batch at a time: input in no date
// order spreads every batch over all the partitions of an archive, and committing a few
// articles to each of a hundred databases cost more than writing them (bench/README.md).

#include <gazette/article.hpp>
#include <gazette/index_writer.hpp>

#include "analysis/analyzer.hpp"
#include "index/bloom.hpp"
#include "index/document_mapper.hpp"
#include "index/minhash.hpp"
#include "index/story.hpp"

#include <xapian.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace gazette::detail {

using gazette::WriteCounts;

class ShardWriter {
  public:
    /// Writes the shard's databases at `path` (a group's at `path`-GROUP), with the index's
    /// analysis settings; later generations go to `path`.1, `path`.2, ... The database of the
    /// group "" is created at once unless `grouped`, others with their first article.
    /// `before_change`, if set, is called by the shard's thread before each change (tests slow
    /// a shard down with it).
    ShardWriter(std::string path, const AnalysisSettings& settings, std::size_t commit_every,
                std::size_t generation_size, bool grouped = false, std::function<void()> before_change = {});
    /// Stops the thread; what was not committed is lost (the shard is temporary anyway).
    ~ShardWriter();
    ShardWriter(const ShardWriter&) = delete;
    ShardWriter& operator=(const ShardWriter&) = delete;

    /// Queues work (blocks while the queue is full). `sequence` numbers the shard's changes.
    void upsert(Article article, MinHash signature, std::string story, std::uint64_t sequence, std::string group = {});
    void remove(std::string id, std::uint64_t sequence);
    /// Queues a commit of everything queued so far; wait_for_flush() waits for it. Separate, so
    /// that several shards make their final commits at the same time.
    void request_flush();
    /// Waits until everything queued before the last request_flush() is written and committed.
    /// @throws the shard's first failure (as gazette::Error).
    void wait_for_flush();

    /// Where a commit left the shard: the change it was made at, the last change that every
    /// earlier one is written by (the same but for a grouped shard, which holds articles back),
    /// the last document id of each of its databases up to that change (oldest first), and
    /// which database each change went to. What was added later has higher ids or is in a
    /// newer database.
    struct CommitPoint {
        std::uint64_t made_at = 0;
        std::uint64_t sequence = 0;
        std::vector<Xapian::docid> last_docids;
        ShardPlacement placement;
    };
    /// The last commit at or before change `sequence`, if newer than the last one taken. Waits
    /// until the thread has handled that change.
    /// @throws the shard's first failure.
    std::optional<CommitPoint> take_commit_point(std::uint64_t sequence);
    /// How many commits the shard has made: readers of its databases reopen them when it grows,
    /// before the revision they read is overwritten.
    std::uint64_t commits() const { return commits_.load(std::memory_order_acquire); }
    WriteCounts counts() const;
    /// The shard's databases, oldest first; each article is in one of them.
    std::vector<std::string> paths() const;
    /// The group of each of paths().
    std::vector<std::string> groups() const;
    /// @throws the shard's first failure, if any.
    void rethrow_if_failed();

  private:
    struct Item {
        enum class Kind { upsert, remove, flush } kind;
        Article article;
        MinHash signature;
        std::string story;
        std::uint64_t sequence = 0;
        std::string group;
        /// A database of the shard may hold a version (false: found in none when it was held back,
        /// and any later change of the article drops it).
        bool maybe_written = true;
    };
    /// One of the shard's databases. Only some stay open: an archive's bulk build may write to
    /// hundreds of partitions, each database holding several files open.
    struct Database {
        std::string path;
        std::string group;
        std::optional<Xapian::WritableDatabase> db;
        bool changed = false;          ///< has changes to commit
        std::uint64_t last_change = 0; ///< the shard's change that last wrote to it
        Xapian::docid last_docid = 0;  ///< at its last commit
        Xapian::doccount doccount = 0; ///< at its last commit
        /// The last document id whose change is at or before the last commit point, and the
        /// documents added after it (change, id): a grouped shard writes some later changes of
        /// a group before earlier ones of another.
        Xapian::docid visible_docid = 0;
        std::deque<std::pair<std::uint64_t, Xapian::docid>> later_added;
    };
    struct Group {
        std::size_t current = 0; ///< its newest database, where its articles go
        std::size_t generations = 0;
        bool full = false; ///< the newest database has reached its capacity
    };
    void push(Item item);
    void run();
    void handle(Item& item);
    void write_upsert(const Item& item);
    void upsert_now(const Item& item, const Xapian::Document& doc);
    /// Deletes the article wherever the shard has it (written or held back); returns whether it had it.
    bool remove_now(const std::string& id);
    /// Drops the version of the article held back, if any; returns whether there was one.
    bool drop_held(const std::string& id);
    /// Whether one of the shard's databases holds the article.
    bool written(const std::string& id_term);
    /// The database other than `except` that holds the article (an id is in one at most).
    std::optional<std::size_t> holder(const std::string& id_term, std::size_t except);
    /// A grouped shard's upsert: held back with its group's articles, and counted (an earlier
    /// version held back is dropped).
    void hold(Item item);
    /// Writes and commits the groups whose batch is due after change `sequence`.
    void write_due_groups(std::uint64_t sequence);
    void write_group(const std::string& group);
    void commit();
    /// The last change that every earlier one is written by: what a commit point covers.
    std::uint64_t written_through() const;
    std::size_t commit_interval() const;
    Xapian::WritableDatabase& open(Database& database);
    /// Deletes the article from the shard's databases other than `except`; returns whether one held it.
    bool remove_from_others(const std::string& id_term, std::size_t except);
    /// The database that the next article of `group` goes to, started when the group is new or full.
    std::size_t target(const std::string& group, std::uint64_t sequence);
    void start_database(const std::string& group, std::uint64_t first_sequence);
    std::size_t generation_capacity(const Group& group) const;
    void close_idle_databases();

    std::string path_;
    std::size_t commit_every_;
    std::size_t generation_size_;
    AnalysisSettings settings_;
    std::vector<Database> databases_; ///< oldest first
    std::map<std::string, Group> groups_;
    ShardPlacement placement_;
    /// Every id this shard has written: a new id (most of a bulk build) needs no lookup in the
    /// other databases, which otherwise cost one B-tree lookup per database per article.
    GrowingBloomFilter written_ids_;
    std::vector<std::string> paths_, path_groups_; ///< guarded by mutex_
    Analyzer analyzer_;
    DocumentMapper mapper_{analyzer_}; ///< used by the thread alone
    std::size_t uncommitted_ = 0;
    std::uint64_t committed_changes_ = 0;
    std::uint64_t uncommitted_text_bytes_ = 0;
    std::uint64_t last_sequence_ = 0;
    std::function<void()> before_change_;
    std::atomic<std::uint64_t> commits_{0};
    bool grouped_;
    std::map<std::string, std::deque<Item>> held_;          ///< a grouped shard's articles not written yet, per group
    std::unordered_map<std::string, std::string> held_ids_; ///< their ids: group
    std::size_t held_count_ = 0;

    mutable std::mutex mutex_;
    std::condition_variable changed_; ///< work queued, a change handled, a flush done, a failure
    std::condition_variable space_;   ///< the queue has drained to half (or a failure)
    std::deque<Item> queue_;
    bool stopping_ = false;
    std::size_t flushes_requested_ = 0;
    std::size_t flushes_done_ = 0;
    std::uint64_t handled_ = 0;             ///< changes up to this one are written (and committed if due)
    std::deque<CommitPoint> commit_points_; ///< not taken yet, oldest first
    std::exception_ptr failure_;
    WriteCounts counts_;
    std::thread thread_;
};

} // namespace gazette::detail

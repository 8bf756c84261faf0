#pragma once
// Bulk builds: a new index is written by several shard threads in parallel, then the shards are
// compacted into one index that replaces the empty target in one step. Until that step nothing
// is visible, so an interrupted build leaves the target as it was (empty) and the leftovers are
// cleaned up by the next writer.

#include "index/bloom.hpp"
#include "index/shard_writer.hpp"
#include "index/story.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gazette::detail {

/// Working directories of a bulk build of `path`.
std::string bulk_shards_dir(const std::string& path);
std::string bulk_output_dir(const std::string& path);

/// Threads of a bulk build: `requested`, or one per core (at most 8) for 0.
unsigned bulk_threads(unsigned requested);

/// Finishes or discards what an interrupted bulk build left: completes a half-done swap,
/// removes shards and partial outputs. Call holding the IndexLock, before opening `path` for writing.
void recover_interrupted_build(const std::string& path);

/// Replaces the index at `path` by the one at `replacement` (renames, then fsyncs the parent).
void replace_index(const std::string& path, const std::string& replacement);

/// The group of an article's databases: the partition of an archive.
using GroupOf = std::function<std::string(const Article&)>;
/// The publication dates a group's articles can have, [first, last); none: any. The story
/// lookups skip the groups outside an article's story window.
using PeriodOf = std::function<std::optional<std::pair<UnixSeconds, UnixSeconds>>(const std::string& group)>;

/// Settings of a bulk build that tests and benchmarks change.
struct BulkBuildTuning {
    /// Articles per shard database. Measured at a million articles (bench/README.md).
    std::size_t generation_size = 100000;
    /// Twice a shard's queue: a shard is never that far behind, so the lookups never wait
    /// for one; smaller values work but wait.
    std::size_t story_lag = 1024;
    /// Called by shard k's thread before each of its changes (tests slow shards down with it).
    std::function<void(unsigned k)> before_change;
};

/// Stories are assigned on the calling thread while the shards write. So that they do not depend
/// on how fast each shard happens to be, the story lookups count, of each shard's databases, what
/// its last commit made at least `story_lag` of its changes back held of the changes it had
/// written all of (a shard writing groups holds articles back); the articles after those, and
/// those changed or removed since, are looked up in memory. The same input and settings give
/// the same stories.
class BulkBuild {
  public:
    /// Each shard starts a new database every `tuning.generation_size` articles. With
    /// `group_of`, articles of different groups go to different databases, compacted into
    /// separate indexes (compact_groups_into()).
    BulkBuild(const std::string& target, const AnalysisSettings& settings, unsigned shards, std::size_t batch_size,
              BulkBuildTuning tuning = {}, GroupOf group_of = {}, PeriodOf period_of = {});
    /// Discards the build (shards are deleted).
    ~BulkBuild();
    BulkBuild(const BulkBuild&) = delete;
    BulkBuild& operator=(const BulkBuild&) = delete;

    /// `article` must be normalised already.
    void upsert(const Article& article);
    void remove(const std::string& id);
    WriteCounts counts() const;
    std::uint64_t changes() const { return changes_; }

    /// Writes and commits everything given so far.
    void flush();
    /// Writes everything out and compacts the shards into a new index at `output`.
    void compact_into(const std::string& output);
    /// Writes everything out and compacts each group's databases into a new index at
    /// `output_of(group)`; returns the groups, sorted.
    std::vector<std::string> compact_groups_into(const std::function<std::string(const std::string&)>& output_of);

  private:
    unsigned shard_of(const std::string& id) const;
    /// Every database of every shard, shard by shard, generations in order, by group.
    std::map<std::string, std::vector<std::string>> database_paths() const;
    static void compact(const std::vector<std::string>& databases, const std::string& output);
    /// Before each change given to `shard`: moves what the story lookups count of it on, as far
    /// as the lag allows, and has them reopen databases that shards committed to since.
    void advance_story_view(unsigned shard);
    StoryView open_story_view() const;

    std::string dir_;
    std::size_t story_lag_;
    GroupOf group_of_;
    PeriodOf period_of_;
    std::vector<std::unique_ptr<ShardWriter>> shards_;
    std::vector<std::uint64_t> sequence_; ///< last change number given to each shard
    /// Per shard and database, the last document the story lookups count.
    std::vector<std::vector<Xapian::docid>> story_limits_;
    std::vector<std::uint64_t> seen_commits_; ///< per shard, when the story view was last reopened
    GrowingBloomFilter seen_ids_;             ///< every id given so far: others need no superseding
    StoryIndex stories_;
    std::uint64_t changes_ = 0;
};

} // namespace gazette::detail

#pragma once
// Bulk builds: a new index is written by several shard threads in parallel, then the shards are
// compacted into one index that replaces the empty target in one step. Until that step nothing
// is visible, so an interrupted build leaves the target as it was (empty) and the leftovers are
// cleaned up by the next writer.

#include "shard_writer.hpp"
#include "story.hpp"

#include <memory>
#include <string>
#include <vector>

namespace gazette::detail {

/// Working directories of a bulk build of `path`.
std::string bulk_shards_dir(const std::string& path);
std::string bulk_output_dir(const std::string& path);

/// Finishes or discards what an interrupted bulk build left: completes a half-done swap,
/// removes shards and partial outputs. Call before opening `path` for writing.
void recover_interrupted_build(const std::string& path);

/// Replaces the index at `path` by the one at `replacement` (renames, then fsyncs the parent).
void replace_index(const std::string& path, const std::string& replacement);

class BulkBuild {
  public:
    /// Articles per shard database. Measured at a million articles (bench/README.md).
    static constexpr std::size_t default_generation_size = 100000;

    /// Each shard starts a new database every `generation_size` articles.
    BulkBuild(const std::string& target, const AnalysisSettings& settings, unsigned shards, std::size_t batch_size,
              std::size_t generation_size = default_generation_size);
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

  private:
    unsigned shard_of(const std::string& id) const;
    /// Every database of every shard, shard by shard, generations in order.
    std::vector<std::string> database_paths() const;
    void note_commits();

    std::string dir_;
    std::vector<std::unique_ptr<ShardWriter>> shards_;
    std::vector<std::uint64_t> sequence_;       ///< last change number given to each shard
    std::vector<std::uint64_t> seen_committed_; ///< last committed number passed to the stories
    std::vector<std::size_t> seen_generations_; ///< databases per shard the story view was opened on
    StoryIndex stories_;
    std::uint64_t changes_ = 0;
};

} // namespace gazette::detail

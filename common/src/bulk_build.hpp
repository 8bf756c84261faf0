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
    BulkBuild(const std::string& target, const AnalysisSettings& settings, unsigned shards, std::size_t batch_size);
    /// Discards the build (shards are deleted).
    ~BulkBuild();
    BulkBuild(const BulkBuild&) = delete;
    BulkBuild& operator=(const BulkBuild&) = delete;

    /// `article` must be normalised already.
    void upsert(const Article& article);
    void remove(const std::string& id);
    WriteCounts counts() const;
    std::uint64_t changes() const { return changes_; }

    /// Writes everything out and compacts the shards into a new index at `output`.
    void compact_into(const std::string& output);

  private:
    unsigned shard_of(const std::string& id) const;
    void note_commits();

    std::string dir_;
    std::vector<std::unique_ptr<ShardWriter>> shards_;
    std::vector<std::uint64_t> sequence_;       ///< last change number given to each shard
    std::vector<std::uint64_t> seen_committed_; ///< last committed number passed to the stories
    StoryIndex stories_;
    std::uint64_t changes_ = 0;
};

} // namespace gazette::detail

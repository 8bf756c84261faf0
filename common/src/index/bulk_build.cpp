#include "index/bulk_build.hpp"

#include <gazette/error.hpp>

#include "index/prefetch.hpp"
#include "index/schema.hpp"
#include "util/disk_space.hpp"
#include "util/fsync_dir.hpp"
#include "util/remove_tree.hpp"
#include "util/text_util.hpp"
#include "util/xapian_errors.hpp"

#include <algorithm>
#include <filesystem>
#include <thread>

namespace fs = std::filesystem;

namespace gazette::detail {

namespace {

// A build of partitions writes to a database per partition and shard: a decade by month on two
// shards is 268 of them, whose story filters at the single-index size (1.3 MB each) would take
// 350 MB. Filters grow with what they hold.
constexpr std::size_t grouped_filter_capacity = 1 << 15;

std::string old_dir(const std::string& path) {
    return path + ".gazette-old";
}

std::string parent_of(const std::string& path) {
    const fs::path parent = fs::absolute(fs::path(path)).parent_path();
    return parent.empty() ? "." : parent.string();
}

} // namespace

unsigned bulk_threads(unsigned requested) {
    if (requested > 0) return requested;
    return std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
}

std::string bulk_shards_dir(const std::string& path) {
    return path + ".gazette-shards";
}
std::string bulk_output_dir(const std::string& path) {
    return path + ".gazette-new";
}

void recover_interrupted_build(const std::string& path) {
    std::error_code ec;
    const bool have_index = fs::exists(path, ec);
    const std::string output = bulk_output_dir(path);
    // Killed between the two renames of replace_index(): the new index is complete.
    if (!have_index && fs::exists(fs::path(output) / "iamglass", ec)) {
        fs::rename(output, path, ec);
        if (ec) throw Error(ErrorCode::io_error, path + ": cannot finish an interrupted build: " + ec.message());
        fsync_directory(parent_of(path));
    }
    for (const auto& leftover : {bulk_shards_dir(path), output, old_dir(path)})
        if (fs::exists(leftover, ec)) remove_tree(leftover);
}

void replace_index(const std::string& path, const std::string& replacement) {
    std::error_code ec;
    // The compacted files must be on disk before the rename makes them the index.
    for (const auto& entry : fs::directory_iterator(replacement, ec))
        if (entry.is_regular_file()) fsync_file(entry.path().string());
    fsync_directory(replacement);
    // A new index has nothing at the path yet; a rebuilt one is moved aside first.
    const bool existed = fs::exists(path, ec);
    if (existed) fs::rename(path, old_dir(path), ec);
    if (!ec) fs::rename(replacement, path, ec);
    if (ec) throw Error(ErrorCode::io_error, path + ": cannot install the new index: " + ec.message());
    fsync_directory(parent_of(path));
    remove_tree(old_dir(path));
}

BulkBuild::BulkBuild(const std::string& target, const AnalysisSettings& settings, unsigned shards,
                     std::size_t batch_size, BulkBuildTuning tuning, GroupOf group_of, PeriodOf period_of)
    : dir_(bulk_shards_dir(target)), story_lag_(tuning.story_lag), group_of_(std::move(group_of)),
      period_of_(std::move(period_of)), sequence_(shards, 0), story_limits_(shards), seen_commits_(shards, 0),
      stories_([this] { return open_story_view(); }, shards, group_of_ ? grouped_filter_capacity : 1 << 20) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) throw Error(ErrorCode::io_error, dir_ + ": cannot create: " + ec.message());
    const std::size_t per_shard = std::max<std::size_t>(1, batch_size / shards);
    for (unsigned k = 0; k < shards; ++k)
        shards_.push_back(std::make_unique<ShardWriter>(
            (fs::path(dir_) / std::to_string(k)).string(), settings, per_shard, tuning.generation_size,
            static_cast<bool>(group_of_),
            tuning.before_change ? [hook = tuning.before_change, k] { hook(k); } : std::function<void()>{}));
}

BulkBuild::~BulkBuild() {
    shards_.clear(); // joins the threads
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

unsigned BulkBuild::shard_of(const std::string& id) const {
    // By id, so every version of an article lands in the same shard and replaces the last one.
    return static_cast<unsigned>(fnv1a64(id) % shards_.size());
}

StoryView BulkBuild::open_story_view() const {
    // Shard by shard, generations in order. A shard's new database only appends to its list, so
    // the documents that count keep their order in the view, and so do the lookups.
    StoryView view;
    for (std::size_t k = 0; k < shards_.size(); ++k) {
        const std::vector<std::string> paths = shards_[k]->paths();
        const std::vector<std::string> groups = shards_[k]->groups(); // after: at least as many
        for (std::size_t g = 0; g < paths.size(); ++g) {
            // A database started after the commit that the lookups count has nothing they count.
            const Xapian::docid last = g < story_limits_[k].size() ? story_limits_[k][g] : 0;
            view.parts.push_back(
                {Xapian::Database(paths[g]), last, static_cast<unsigned>(k), static_cast<unsigned>(g)});
            if (period_of_) view.parts.back().period = period_of_(groups.at(g));
        }
    }
    return view;
}

void BulkBuild::advance_story_view(unsigned shard) {
    for (std::size_t k = 0; k < shards_.size(); ++k) {
        if (const std::uint64_t commits = shards_[k]->commits(); commits != seen_commits_[k]) {
            stories_.refresh();
            seen_commits_[k] = commits;
        }
    }
    // At a fixed point of the input, with a commit chosen by change number alone.
    if (sequence_[shard] <= story_lag_) return;
    if (auto point = shards_[shard]->take_commit_point(sequence_[shard] - story_lag_)) {
        story_limits_[shard] = std::move(point->last_docids);
        stories_.committed(shard, point->sequence, &point->placement);
    }
}

void BulkBuild::upsert(const Article& article) {
    const unsigned shard = shard_of(article.id);
    advance_story_view(shard);
    // Numbered for good only once nothing can fail before it is queued: the shard must see
    // every number, or waiting for it to handle one would never end.
    const std::uint64_t sequence = sequence_[shard] + 1;
    // The index was empty: only an id seen earlier in the build can be in it.
    const std::uint64_t key = fnv1a64(article.id);
    const bool seen = seen_ids_.maybe_contains(key);
    if (seen)
        stories_.superseded(article.id, shard, sequence);
    else
        seen_ids_.add(key);
    const MinHash signature = article_signature(article);
    const std::optional<UnixSeconds> published = article_published(article);
    const std::string story =
        with_xapian_errors(dir_, [&] { return stories_.assign(article.id, signature, seen, published); });
    std::string group = group_of_ ? group_of_(article) : std::string();
    stories_.remember(article.id, signature, published, story, shard, sequence, group);
    sequence_[shard] = sequence;
    shards_[shard]->upsert(article, signature, story, sequence, std::move(group));
    ++changes_;
}

void BulkBuild::remove(const std::string& id) {
    const unsigned shard = shard_of(id);
    advance_story_view(shard);
    const std::uint64_t sequence = ++sequence_[shard];
    if (seen_ids_.maybe_contains(fnv1a64(id))) stories_.superseded(id, shard, sequence);
    shards_[shard]->remove(id, sequence);
    ++changes_;
}

std::map<std::string, std::vector<std::string>> BulkBuild::database_paths() const {
    std::map<std::string, std::vector<std::string>> paths;
    for (const auto& shard : shards_) {
        const auto shard_paths = shard->paths();
        const auto groups = shard->groups();
        for (std::size_t i = 0; i < shard_paths.size(); ++i) paths[groups[i]].push_back(shard_paths[i]);
    }
    return paths;
}

WriteCounts BulkBuild::counts() const {
    WriteCounts total;
    for (const auto& shard : shards_) {
        const WriteCounts c = shard->counts();
        total.added += c.added;
        total.updated += c.updated;
        total.deleted += c.deleted;
        total.not_found += c.not_found;
    }
    return total;
}

void BulkBuild::flush() {
    for (auto& shard : shards_) shard->request_flush();
    for (auto& shard : shards_) shard->wait_for_flush();
}

void BulkBuild::compact(const std::vector<std::string>& databases, const std::string& output) {
    const BackgroundPrefetch prefetch(glass_tables_in_compaction_order(databases));
    with_xapian_errors(output, [&] {
        Xapian::Database all;
        for (const auto& path : databases) all.add_database(Xapian::Database(path));
        ReleasingCompactor compactor(databases);
        all.compact(output, 0, 0, compactor);
        compactor.finish();
    });
}

void BulkBuild::compact_into(const std::string& output) {
    flush();
    // The compacted index is at most the size of the shards together.
    require_free_space(dir_, directory_size(dir_) + commit_space_needed(0, 0));
    std::vector<std::string> databases;
    for (auto& [group, paths] : database_paths()) databases.insert(databases.end(), paths.begin(), paths.end());
    compact(databases, output);
}

std::vector<std::string>
BulkBuild::compact_groups_into(const std::function<std::string(const std::string&)>& output_of) {
    flush();
    require_free_space(dir_, directory_size(dir_) + commit_space_needed(0, 0));
    std::vector<std::string> groups;
    for (const auto& [group, databases] : database_paths()) {
        compact(databases, output_of(group));
        groups.push_back(group);
    }
    return groups;
}

} // namespace gazette::detail

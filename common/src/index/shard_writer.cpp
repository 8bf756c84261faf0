#include "index/shard_writer.hpp"

#include <gazette/error.hpp>

#include "index/document_mapper.hpp"
#include "index/schema.hpp"
#include "index/stored_article.hpp"
#include "index/story.hpp"
#include "util/disk_space.hpp"
#include "util/text_util.hpp"
#include "util/xapian_errors.hpp"

#include <algorithm>
#include <utility>

#include <pthread.h>

namespace gazette::detail {

namespace {

constexpr std::size_t max_queue = 512; // items waiting per shard: bounds memory, gives backpressure
// BulkBuildTuning::story_lag is twice this: a shard is never further behind.

// Shard batches start short and grow with the shard. Xapian's in-memory batch slows down as it
// grows, while a commit costs more the larger the B-trees it updates. Measured with fixed sizes
// (bench/README.md): 500 changes per shard batch was fastest on Reuters-21578 and 20 Newsgroups
// (about 10,000 articles per shard); at 100,000 and 300,000 articles 1000 was as fast or faster,
// and 250 or 2000 slower.
constexpr std::size_t first_commit_interval = 500;
constexpr std::size_t shard_size_per_interval = 20;
constexpr std::size_t generations_per_doubling = 4;

Xapian::WritableDatabase create_shard(const std::string& path, const AnalysisSettings& settings) {
    return with_xapian_errors(path, [&] {
        // No fsync: a shard is temporary; durability comes with the compacted index.
        Xapian::WritableDatabase db(path,
                                    Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
        store_schema(db, settings);
        db.commit(); // readers (the story view) can open it from now on
        return db;
    });
}

} // namespace

ShardWriter::ShardWriter(std::string path, const AnalysisSettings& settings, std::size_t commit_every,
                         std::size_t generation_size, std::function<void()> before_change)
    : path_(std::move(path)), commit_every_(std::max<std::size_t>(1, commit_every)),
      generation_size_(std::max<std::size_t>(1, generation_size)), settings_(settings),
      db_(create_shard(path_, settings)), written_ids_(generation_size_), paths_{path_}, analyzer_(settings),
      before_change_(std::move(before_change)), thread_([this] { run(); }) {}

ShardWriter::~ShardWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void ShardWriter::push(Item item) {
    std::unique_lock lock(mutex_);
    // A full queue is left to drain by half: waking the caller for every free place made two
    // context switches per article (the caller is faster than a shard).
    if (queue_.size() >= max_queue) space_.wait(lock, [&] { return queue_.size() <= max_queue / 2 || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    queue_.push_back(std::move(item));
    changed_.notify_all();
}

void ShardWriter::upsert(Article article, MinHash signature, std::string story, std::uint64_t sequence) {
    push({Item::Kind::upsert, std::move(article), signature, std::move(story), sequence});
}

void ShardWriter::remove(std::string id, std::uint64_t sequence) {
    Item item{Item::Kind::remove, {}, {}, {}, sequence};
    item.article.id = std::move(id);
    push(std::move(item));
}

void ShardWriter::request_flush() {
    push({Item::Kind::flush, {}, {}, {}, 0});
    std::lock_guard lock(mutex_);
    ++flushes_requested_;
}

void ShardWriter::wait_for_flush() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return flushes_done_ >= flushes_requested_ || failure_; });
    if (failure_) std::rethrow_exception(failure_);
}

std::optional<ShardWriter::CommitPoint> ShardWriter::take_commit_point(std::uint64_t sequence) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return handled_ >= sequence || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    std::optional<CommitPoint> taken;
    while (!commit_points_.empty() && commit_points_.front().sequence <= sequence) {
        taken = std::move(commit_points_.front());
        commit_points_.pop_front();
    }
    return taken;
}

std::vector<std::string> ShardWriter::paths() const {
    std::lock_guard lock(mutex_);
    return paths_;
}

WriteCounts ShardWriter::counts() const {
    std::lock_guard lock(mutex_);
    return counts_;
}

void ShardWriter::rethrow_if_failed() {
    std::lock_guard lock(mutex_);
    if (failure_) std::rethrow_exception(failure_);
}

void ShardWriter::run() {
    // Named, so profilers and top tell the shards apart.
    pthread_setname_np(pthread_self(), "gazette-shard");
    DocumentMapper mapper(analyzer_);
    for (;;) {
        Item item;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !queue_.empty() || stopping_; });
            if (queue_.empty()) return;
            item = std::move(queue_.front());
            queue_.pop_front();
            if (queue_.size() == max_queue / 2) space_.notify_one();
        }
        try {
            if (before_change_ && item.kind != Item::Kind::flush) before_change_();
            // Started by the first change after the commit that filled the last one, so that a
            // build never ends with an empty generation.
            if (generation_full_ && item.kind != Item::Kind::flush)
                with_xapian_errors(path_, [&] { start_generation(item.sequence); });
            if (item.kind == Item::Kind::upsert) {
                Xapian::Document doc = mapper.build(item.article);
                add_story(doc, item.signature, item.story);
                store_article(doc, item.article, item.story);
                const std::string term = id_term(item.article.id);
                const bool existed = with_xapian_errors(path_, [&] {
                    const bool was = db_.term_exists(term) || remove_from_older(term);
                    db_.replace_document(term, doc);
                    if (!was) written_ids_.add(fnv1a64(term)); // an update's id is there already
                    return was;
                });
                uncommitted_text_bytes_ +=
                    item.article.title.size() + item.article.summary.size() + item.article.body.size();
                std::lock_guard lock(mutex_);
                ++(existed ? counts_.updated : counts_.added);
            } else if (item.kind == Item::Kind::remove) {
                const std::string term = id_term(item.article.id);
                const bool existed = with_xapian_errors(path_, [&] {
                    const bool was = db_.term_exists(term);
                    if (was) db_.delete_document(term);
                    return was || remove_from_older(term);
                });
                std::lock_guard lock(mutex_);
                ++(existed ? counts_.deleted : counts_.not_found);
            }
            if (item.kind != Item::Kind::flush) {
                last_sequence_ = item.sequence;
                if (++uncommitted_ >= commit_interval()) commit();
                std::lock_guard lock(mutex_);
                handled_ = item.sequence;
            } else {
                commit();
                std::lock_guard lock(mutex_);
                ++flushes_done_;
            }
        } catch (...) {
            std::lock_guard lock(mutex_);
            if (!failure_) failure_ = std::current_exception();
            space_.notify_one();
        }
        changed_.notify_all();
    }
}

std::size_t ShardWriter::commit_interval() const {
    const std::size_t grown =
        std::max<std::size_t>(first_commit_interval, committed_changes_ / shard_size_per_interval);
    return std::min(commit_every_, grown);
}

bool ShardWriter::remove_from_older(const std::string& id_term) {
    if (older_.empty() || !written_ids_.maybe_contains(fnv1a64(id_term))) return false;
    for (auto& older : older_) {
        if (older.db.term_exists(id_term)) {
            older.db.delete_document(id_term);
            older.changed = true;
            return true; // an id is in one database at most
        }
    }
    return false;
}

void ShardWriter::commit() {
    if (uncommitted_ == 0) return;
    require_free_space(path_, commit_space_needed(uncommitted_text_bytes_, directory_size(path_)));
    CommitPoint point{last_sequence_, {}, first_sequences_};
    with_xapian_errors(path_, [&] {
        for (auto& older : older_) {
            if (std::exchange(older.changed, false)) older.db.commit();
            point.last_docids.push_back(older.db.get_lastdocid());
        }
        db_.commit();
        point.last_docids.push_back(db_.get_lastdocid());
    });
    commits_.fetch_add(1, std::memory_order_release);
    committed_changes_ += uncommitted_;
    uncommitted_ = 0;
    uncommitted_text_bytes_ = 0;
    generation_full_ = with_xapian_errors(path_, [&] { return db_.get_doccount(); }) >= generation_capacity();
    std::lock_guard lock(mutex_);
    commit_points_.push_back(std::move(point));
}

std::size_t ShardWriter::generation_capacity() const {
    // Doubling every few generations bounds how many databases (and open files) a very large
    // build keeps open: 12 per shard at 5 million articles on two shards, 15 at 10 million.
    return generation_size_ << std::min<std::size_t>(older_.size() / generations_per_doubling, 16);
}

void ShardWriter::start_generation(std::uint64_t first_sequence) {
    const std::string next = path_ + "." + std::to_string(older_.size() + 1);
    Xapian::WritableDatabase fresh = create_shard(next, settings_);
    older_.push_back({std::move(db_), false});
    db_ = std::move(fresh);
    first_sequences_.push_back(first_sequence);
    committed_changes_ = 0; // batches start short again, as the B-trees do
    generation_full_ = false;
    std::lock_guard lock(mutex_);
    paths_.push_back(next);
}

} // namespace gazette::detail

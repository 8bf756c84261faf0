#include "shard_writer.hpp"

#include <gazette/error.hpp>

#include "disk_space.hpp"
#include "document_mapper.hpp"
#include "schema.hpp"
#include "stored_article.hpp"
#include "story.hpp"
#include "xapian_errors.hpp"

#include <algorithm>

#include <pthread.h>

namespace gazette::detail {

namespace {

constexpr std::size_t max_queue = 512; // items waiting per shard: bounds memory, gives backpressure

// Shard batches start short and grow with the shard. Xapian's in-memory batch slows down as it
// grows, while a commit costs more the larger the B-trees it updates. Measured with fixed sizes
// (bench/README.md): 500 changes per shard batch was fastest on Reuters-21578 and 20 Newsgroups
// (about 10,000 articles per shard); at 100,000 and 300,000 articles 1000 was as fast or faster,
// and 250 or 2000 slower.
constexpr std::size_t first_commit_interval = 500;
constexpr std::size_t shard_size_per_interval = 20;

Xapian::WritableDatabase create_shard(const std::string& path, const AnalysisSettings& settings) {
    return with_xapian_errors(path, [&] {
        // No fsync: a shard is temporary; durability comes with the compacted index.
        Xapian::WritableDatabase db(path,
                                    Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
        settings.store(db);
        db.commit(); // readers (the story view) can open it from now on
        return db;
    });
}

} // namespace

ShardWriter::ShardWriter(std::string path, const AnalysisSettings& settings, std::size_t commit_every)
    : path_(std::move(path)), commit_every_(std::max<std::size_t>(1, commit_every)), db_(create_shard(path_, settings)),
      analyzer_(settings), thread_([this] { run(); }) {}

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
    changed_.wait(lock, [&] { return queue_.size() < max_queue || failure_; });
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
        }
        changed_.notify_all();
        try {
            if (item.kind == Item::Kind::upsert) {
                Xapian::Document doc = mapper.build(item.article);
                add_story(doc, item.signature, item.story);
                store_article(doc, item.article, item.story);
                const std::string term = id_term(item.article.id);
                const bool existed = with_xapian_errors(path_, [&] {
                    const bool was = db_.term_exists(term);
                    db_.replace_document(term, doc);
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
                    return was;
                });
                std::lock_guard lock(mutex_);
                ++(existed ? counts_.deleted : counts_.not_found);
            }
            if (item.kind != Item::Kind::flush) {
                last_sequence_ = item.sequence;
                if (++uncommitted_ >= commit_interval()) commit();
            } else {
                commit();
                std::lock_guard lock(mutex_);
                ++flushes_done_;
            }
        } catch (...) {
            std::lock_guard lock(mutex_);
            if (!failure_) failure_ = std::current_exception();
        }
        changed_.notify_all();
    }
}

std::size_t ShardWriter::commit_interval() const {
    const std::size_t grown =
        std::max<std::size_t>(first_commit_interval, committed_changes_ / shard_size_per_interval);
    return std::min(commit_every_, grown);
}

void ShardWriter::commit() {
    if (uncommitted_ > 0) {
        require_free_space(path_, commit_space_needed(uncommitted_text_bytes_));
        with_xapian_errors(path_, [&] { db_.commit(); });
    }
    committed_changes_ += uncommitted_;
    uncommitted_ = 0;
    uncommitted_text_bytes_ = 0;
    committed_.store(last_sequence_, std::memory_order_release);
}

} // namespace gazette::detail

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
#include <filesystem>
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
// Databases a shard keeps open between batches, beyond those the last batch wrote to: each
// holds several files open, and an archive's bulk build may write to hundreds of partitions.
constexpr std::size_t max_open_databases = 16;
// A grouped shard holds back at most this many batches of articles, and writes a group whose
// oldest article is this many batches of changes back: the story lookups keep in memory what
// is not written yet.
constexpr std::size_t held_batches = 16;
constexpr std::size_t held_age_batches = 32;

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
                         std::size_t generation_size, bool grouped, std::function<void()> before_change)
    : path_(std::move(path)), commit_every_(std::max<std::size_t>(1, commit_every)),
      generation_size_(std::max<std::size_t>(1, generation_size)), settings_(settings), written_ids_(generation_size_),
      analyzer_(settings), before_change_(std::move(before_change)), grouped_(grouped) {
    if (!grouped) start_database({}, 0);
    thread_ = std::thread([this] { run(); });
}

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

void ShardWriter::upsert(Article article, MinHash signature, std::string story, std::uint64_t sequence,
                         std::string group) {
    push({Item::Kind::upsert, std::move(article), signature, std::move(story), sequence, std::move(group)});
}

void ShardWriter::remove(std::string id, std::uint64_t sequence) {
    Item item{Item::Kind::remove, {}, {}, {}, sequence, {}};
    item.article.id = std::move(id);
    push(std::move(item));
}

void ShardWriter::request_flush() {
    push({Item::Kind::flush, {}, {}, {}, 0, {}});
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
    while (!commit_points_.empty() && commit_points_.front().made_at <= sequence) {
        taken = std::move(commit_points_.front());
        commit_points_.pop_front();
    }
    return taken;
}

std::vector<std::string> ShardWriter::paths() const {
    std::lock_guard lock(mutex_);
    return paths_;
}

std::vector<std::string> ShardWriter::groups() const {
    std::lock_guard lock(mutex_);
    return path_groups_;
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
            handle(item);
        } catch (...) {
            std::lock_guard lock(mutex_);
            if (!failure_) failure_ = std::current_exception();
            space_.notify_one();
        }
        changed_.notify_all();
    }
}

void ShardWriter::handle(Item& item) {
    if (item.kind == Item::Kind::flush) {
        while (!held_.empty()) write_group(held_.begin()->first);
        commit();
        std::lock_guard lock(mutex_);
        ++flushes_done_;
        return;
    }
    if (before_change_) before_change_();
    const std::uint64_t sequence = item.sequence;
    if (item.kind == Item::Kind::upsert) {
        if (grouped_)
            hold(std::move(item));
        else
            write_upsert(item);
    } else {
        const bool existed = with_xapian_errors(path_, [&] { return remove_now(item.article.id); });
        if (grouped_) ++uncommitted_;
        std::lock_guard lock(mutex_);
        ++(existed ? counts_.deleted : counts_.not_found);
    }
    last_sequence_ = sequence;
    if (grouped_)
        write_due_groups(sequence);
    else if (++uncommitted_ >= commit_interval())
        commit();
    std::lock_guard lock(mutex_);
    handled_ = sequence;
}

void ShardWriter::write_upsert(const Item& item) {
    Article storage;
    const Article& article = mapper_.with_language(item.article, storage);
    Xapian::Document doc = mapper_.build(article);
    add_story(doc, item.signature, item.story);
    store_article(doc, article, item.story);
    upsert_now(item, doc);
}

bool ShardWriter::drop_held(const std::string& id) {
    const auto it = held_ids_.find(id);
    if (it == held_ids_.end()) return false;
    const std::string group = it->second;
    held_ids_.erase(it);
    auto& items = held_.at(group);
    items.erase(std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.article.id == id; }));
    if (items.empty()) held_.erase(group);
    --held_count_;
    return true;
}

bool ShardWriter::remove_now(const std::string& id) {
    const bool held = drop_held(id);
    const bool written = remove_from_others(id_term(id), databases_.size());
    return held || written;
}

void ShardWriter::hold(Item item) {
    // Counted now, as writing it now would: an update if a version of it is held or written.
    const std::string term = id_term(item.article.id);
    const bool was_held = drop_held(item.article.id);
    item.maybe_written = with_xapian_errors(path_, [&] { return written(term); });
    const bool existed = was_held || item.maybe_written;
    {
        std::lock_guard lock(mutex_);
        ++(existed ? counts_.updated : counts_.added);
    }
    held_ids_[item.article.id] = item.group;
    ++held_count_;
    auto& items = held_[item.group];
    items.push_back(std::move(item));
}

bool ShardWriter::written(const std::string& id_term) {
    return holder(id_term, databases_.size()).has_value();
}

std::optional<std::size_t> ShardWriter::holder(const std::string& id_term, std::size_t except) {
    if (!written_ids_.maybe_contains(fnv1a64(id_term))) return std::nullopt;
    for (std::size_t k = 0; k < databases_.size(); ++k)
        if (k != except && open(databases_[k]).term_exists(id_term)) return k; // in one database at most
    return std::nullopt;
}

void ShardWriter::write_due_groups(std::uint64_t sequence) {
    // A group is written once it has a batch. So that memory stays bounded, the group holding
    // most is written when the shard holds too much; so that the story lookups' articles in
    // memory stay few, a group whose oldest article is too far back is written too.
    const std::size_t batch = commit_every_;
    const std::size_t max_held = held_batches * commit_every_;
    const std::uint64_t max_age = held_age_batches * commit_every_;
    for (;;) {
        const std::string* due = nullptr;
        const std::string* largest = nullptr;
        const std::string* oldest = nullptr;
        for (const auto& [group, items] : held_) {
            if (items.size() >= batch) {
                due = &group;
                break;
            }
            if (!largest || items.size() > held_.at(*largest).size()) largest = &group;
            if (!oldest || items.front().sequence < held_.at(*oldest).front().sequence) oldest = &group;
        }
        if (!due && held_count_ > max_held) due = largest;
        if (!due && oldest && sequence - held_.at(*oldest).front().sequence >= max_age) due = oldest;
        if (!due) return;
        write_group(std::string(*due));
    }
}

void ShardWriter::write_group(const std::string& group) {
    auto node = held_.extract(group);
    held_count_ -= node.mapped().size();
    for (const Item& item : node.mapped()) {
        held_ids_.erase(item.article.id);
        write_upsert(item);
        ++uncommitted_;
    }
    commit();
}

std::uint64_t ShardWriter::written_through() const {
    std::uint64_t through = last_sequence_;
    for (const auto& [group, items] : held_) through = std::min(through, items.front().sequence - 1);
    return through;
}

void ShardWriter::upsert_now(const Item& item, const Xapian::Document& doc) {
    const std::string term = id_term(item.article.id);
    const bool existed = with_xapian_errors(path_, [&] {
        const std::size_t k = target(item.group, item.sequence);
        Database& database = databases_[k];
        Xapian::WritableDatabase& db = open(database);
        const bool here = item.maybe_written && db.term_exists(term);
        const bool was = here || (item.maybe_written && remove_from_others(term, k));
        const Xapian::docid docid = db.replace_document(term, doc);
        if (!here && grouped_) database.later_added.emplace_back(item.sequence, docid);
        database.changed = true;
        database.last_change = item.sequence;
        if (!was) written_ids_.add(fnv1a64(term)); // an update's id is there already
        return was;
    });
    uncommitted_text_bytes_ += item.article.title.size() + item.article.summary.size() + item.article.body.size();
    if (grouped_) return; // counted when it came
    std::lock_guard lock(mutex_);
    ++(existed ? counts_.updated : counts_.added);
}

std::size_t ShardWriter::commit_interval() const {
    const std::size_t grown =
        std::max<std::size_t>(first_commit_interval, committed_changes_ / shard_size_per_interval);
    return std::min(commit_every_, grown);
}

Xapian::WritableDatabase& ShardWriter::open(Database& database) {
    if (!database.db)
        database.db.emplace(database.path, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
    return *database.db;
}

bool ShardWriter::remove_from_others(const std::string& id_term, std::size_t except) {
    if (databases_.size() == 1 && except == 0) return false;
    const auto k = holder(id_term, except);
    if (!k) return false;
    open(databases_[*k]).delete_document(id_term);
    databases_[*k].changed = true;
    return true;
}

std::size_t ShardWriter::target(const std::string& group, std::uint64_t sequence) {
    auto it = groups_.find(group);
    // Started by the first change after the commit that filled the last one, so that a build
    // never ends with an empty generation.
    if (it == groups_.end() || it->second.full) {
        start_database(group, sequence);
        it = groups_.find(group);
    }
    return it->second.current;
}

void ShardWriter::commit() {
    if (uncommitted_ == 0) return;
    std::uint64_t written_bytes = 0; // what the databases written to hold: their commits rewrite part of it
    for (const auto& database : databases_)
        if (database.changed) written_bytes += directory_size(database.path);
    // On the shards' directory: a shard writing partitions has no database at `path_`.
    require_free_space(std::filesystem::path(path_).parent_path().string(),
                       commit_space_needed(uncommitted_text_bytes_, written_bytes));
    const std::uint64_t through = written_through();
    CommitPoint point{last_sequence_, through, {}, placement_};
    with_xapian_errors(path_, [&] {
        for (auto& database : databases_) {
            if (database.changed) {
                database.db->commit();
                database.last_docid = database.db->get_lastdocid();
                database.doccount = database.db->get_doccount();
            }
            if (held_count_ == 0) {
                database.visible_docid = database.last_docid;
                database.later_added.clear();
            }
            for (auto& added = database.later_added; !added.empty() && added.front().first <= through;
                 added.pop_front())
                database.visible_docid = added.front().second;
            point.last_docids.push_back(database.visible_docid);
        }
    });
    commits_.fetch_add(1, std::memory_order_release);
    committed_changes_ += uncommitted_;
    uncommitted_ = 0;
    uncommitted_text_bytes_ = 0;
    for (auto& [name, group] : groups_)
        if (databases_[group.current].changed)
            group.full = databases_[group.current].doccount >= generation_capacity(group);
    close_idle_databases();
    for (auto& database : databases_) database.changed = false;
    std::lock_guard lock(mutex_);
    commit_points_.push_back(std::move(point));
}

void ShardWriter::close_idle_databases() {
    std::vector<std::uint64_t> open_changes;
    for (const auto& database : databases_)
        if (database.db) open_changes.push_back(database.last_change);
    if (open_changes.size() <= max_open_databases) return;
    // The most recently written stay open: the next batch most likely writes to them again.
    // An open database holds its files and block caches, and an archive of a decade by month
    // with dates at random has every shard write to over a hundred partitions.
    std::nth_element(open_changes.begin(), open_changes.end() - max_open_databases, open_changes.end());
    const std::uint64_t oldest_kept = *(open_changes.end() - max_open_databases);
    for (auto& database : databases_) {
        if (!database.db || database.last_change >= oldest_kept) continue;
        with_xapian_errors(path_, [&] { database.db->close(); });
        database.db.reset();
    }
}

std::size_t ShardWriter::generation_capacity(const Group& group) const {
    // Doubling every few generations bounds how many databases (and open files) a very large
    // build keeps open: 12 per shard at 5 million articles on two shards, 15 at 10 million.
    return generation_size_ << std::min<std::size_t>((group.generations - 1) / generations_per_doubling, 16);
}

void ShardWriter::start_database(const std::string& group, std::uint64_t first_sequence) {
    Group& g = groups_[group];
    std::string next = group.empty() ? path_ : path_ + "-" + group;
    if (g.generations > 0) {
        next += "." + std::to_string(g.generations);
        committed_changes_ = 0; // batches start short again, as the B-trees do
    }
    Database database;
    database.path = next;
    database.group = group;
    database.db.emplace(create_shard(next, settings_));
    databases_.push_back(std::move(database));
    g.current = databases_.size() - 1;
    ++g.generations;
    g.full = false;
    placement_.groups[group].push_back({first_sequence, static_cast<unsigned>(g.current)});
    std::lock_guard lock(mutex_);
    paths_.push_back(next);
    path_groups_.push_back(group);
}

} // namespace gazette::detail

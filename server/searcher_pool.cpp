#include "searcher_pool.hpp"

namespace gazette::server {

SearcherPool::SearcherPool(std::string path, SearchLimits limits, std::size_t size, ShardOptions shards)
    : path_(std::move(path)), limits_(limits), shard_options_(shards), monitor_(std::make_shared<ShardMonitor>(shards)),
      size_(size) {}

SearcherPool::Lease::~Lease() {
    if (searcher_) pool_->give_back(std::move(searcher_), generation_);
}

SearcherPool::Lease SearcherPool::lease() {
    std::unique_ptr<Searcher> searcher;
    std::uint64_t generation;
    std::shared_ptr<ShardMonitor> monitor;
    {
        std::lock_guard lock(mutex_);
        generation = generation_;
        monitor = monitor_;
        if (!idle_.empty()) {
            searcher = std::move(idle_.back());
            idle_.pop_back();
        }
    }
    if (searcher) {
        // New commits become visible without a restart; a replaced index is opened anew.
        if (searcher->refresh()) seen_index(searcher->uuid());
    } else {
        searcher = std::make_unique<Searcher>(path_, limits_, std::move(monitor));
        seen_index(searcher->uuid());
    }
    return Lease(*this, std::move(searcher), generation);
}

void SearcherPool::seen_index(const std::string& uuid) {
    std::vector<std::unique_ptr<Searcher>> stale;
    {
        std::lock_guard lock(mutex_);
        if (uuid == uuid_) return;
        const bool replaced = !uuid_.empty();
        uuid_ = uuid;
        if (!replaced) return;
        stale.swap(idle_);
        ++generation_;
    }
    // Closed outside the lock.
}

void SearcherPool::reopen_all() {
    std::vector<std::unique_ptr<Searcher>> stale;
    std::shared_ptr<ShardMonitor> fresh = std::make_shared<ShardMonitor>(shard_options_);
    std::lock_guard lock(mutex_);
    stale.swap(idle_);
    ++generation_;
    uuid_.clear();
    // Parts taken out of the stub are forgotten; handles still leased keep the old monitor.
    monitor_.swap(fresh);
}

std::vector<ShardState> SearcherPool::shard_states() {
    std::shared_ptr<ShardMonitor> monitor;
    {
        std::lock_guard lock(mutex_);
        monitor = monitor_;
    }
    return monitor->states();
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher, std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    if (generation == generation_ && idle_.size() < size_) idle_.push_back(std::move(searcher));
}

} // namespace gazette::server

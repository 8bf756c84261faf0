#include "searcher_pool.hpp"

namespace gazette::server {

SearcherPool::SearcherPool(std::string path, SearchLimits limits, std::size_t size)
    : path_(std::move(path)), limits_(limits), size_(size) {}

SearcherPool::Lease::~Lease() {
    if (searcher_) pool_->give_back(std::move(searcher_));
}

SearcherPool::Lease SearcherPool::lease() {
    std::unique_ptr<Searcher> searcher;
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            searcher = std::move(idle_.back());
            idle_.pop_back();
        }
    }
    if (searcher) {
        // New commits become visible without a restart.
        searcher->refresh();
    } else {
        searcher = std::make_unique<Searcher>(path_, limits_);
    }
    return Lease(*this, std::move(searcher));
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < size_) idle_.push_back(std::move(searcher));
}

} // namespace gazette::server

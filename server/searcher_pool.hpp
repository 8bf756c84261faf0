#pragma once
// One Searcher per worker: Xapian database handles are not thread-safe, so each concurrent
// request leases its own. Handles open lazily, so the server starts (and /health reports 503)
// while the index does not exist yet.

#include <gazette/searcher.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gazette::server {

class SearcherPool {
  public:
    SearcherPool(std::string path, SearchLimits limits, std::size_t size, ShardOptions shards = {});

    class Lease {
      public:
        Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher, std::uint64_t generation)
            : pool_(&pool), searcher_(std::move(searcher)), generation_(generation) {}
        Lease(Lease&&) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Searcher* operator->() { return searcher_.get(); }
        Searcher& operator*() { return *searcher_; }
        /// Drops the handle instead of returning it (after an error that may have broken it).
        void discard() { searcher_.reset(); }

      private:
        SearcherPool* pool_;
        std::unique_ptr<Searcher> searcher_;
        std::uint64_t generation_;
    };

    /// A searcher at the latest committed revision.
    /// @throws Error database_not_found / database_corrupt ... if the index cannot be opened.
    Lease lease();

    const std::string& path() const { return path_; }
    /// The health of the parts of a sharded index (none for a plain index).
    std::vector<ShardState> shard_states();

    /// Closes the idle handles: leases open the index anew (after SIGHUP, or a replaced index).
    /// A sharded index's stub is read again, and its parts' health starts afresh.
    void reopen_all();

  private:
    void give_back(std::unique_ptr<Searcher> searcher, std::uint64_t generation);
    /// Notes the index a handle reads; closes the idle handles if it is a new one.
    void seen_index(const std::string& uuid);

    std::string path_;
    SearchLimits limits_;
    /// Shared by every handle: a part one request finds down is left out by the others.
    ShardOptions shard_options_;
    std::shared_ptr<ShardMonitor> monitor_; ///< under mutex_: replaced by reopen_all()
    std::size_t size_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Searcher>> idle_;
    /// The index the handles read. When a lease finds another one at the path, the idle handles
    /// are closed at once: they hold the old files open, keeping their disk space, and would
    /// each answer from the old index until leased.
    std::string uuid_;
    std::uint64_t generation_ = 0; ///< bumped by reopen_all(): older handles are not given back
};

} // namespace gazette::server

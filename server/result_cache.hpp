#pragma once
// Search results kept for repeated requests: news traffic asks the same few queries again and
// again while a story breaks. An entry is found by the normalised request and the version of
// the index that answered it, so a commit (a new version) makes the old entries unreachable;
// they age out of the LRU list, bounded in bytes. Entries also expire after a time to live:
// "now-7d" and freshness depend on the clock.

#include <gazette/search.hpp>

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace gazette::server {

class ResultCache {
  public:
    /// `max_bytes` 0: nothing is kept.
    ResultCache(std::size_t max_bytes, std::chrono::milliseconds time_to_live);

    /// The key of a request as the index at `index_version` answers it, with the hit fields
    /// shown. "" when `index_version` is "" (an index whose changes cannot be told: not cached).
    static std::string key(const SearchRequest& request, unsigned fields, const std::string& index_version);

    std::shared_ptr<const SearchResults> find(const std::string& key);
    /// Keeps `results`, whose JSON took `bytes`, evicting the least recently used entries.
    void store(const std::string& key, SearchResults results, std::size_t bytes);

    struct Stats {
        std::uint64_t hits = 0, misses = 0, entries = 0, bytes = 0;
    };
    Stats stats() const;
    bool enabled() const { return max_bytes_ > 0; }

  private:
    struct Entry {
        std::string key;
        std::shared_ptr<const SearchResults> results;
        std::size_t bytes;
        std::chrono::steady_clock::time_point expires;
    };
    void evict_to(std::size_t bytes); ///< under mutex_

    std::size_t max_bytes_;
    std::chrono::milliseconds time_to_live_;
    mutable std::mutex mutex_;
    std::list<Entry> entries_; ///< most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    std::size_t bytes_ = 0;
    std::uint64_t hits_ = 0, misses_ = 0;
};

} // namespace gazette::server

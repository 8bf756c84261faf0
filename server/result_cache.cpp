#include "result_cache.hpp"

namespace gazette::server {

namespace {

// Bookkeeping per entry beyond its JSON: the key, the list and map nodes.
constexpr std::size_t entry_overhead = 256;

void add(std::string& key, const std::string& part) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
}

void add_list(std::string& key, const std::vector<std::string>& list) {
    add(key, std::to_string(list.size()));
    for (const auto& item : list) add(key, item);
}

} // namespace

ResultCache::ResultCache(std::size_t max_bytes, std::chrono::milliseconds time_to_live)
    : max_bytes_(max_bytes), time_to_live_(time_to_live) {}

std::string ResultCache::key(const SearchRequest& r, unsigned fields, const std::string& index_version) {
    if (index_version.empty()) return {};
    // Every field that changes the answer, each length-prefixed so that no two requests share
    // a key.
    std::string key;
    add(key, index_version);
    add(key, r.query);
    add_list(key, r.sources);
    add_list(key, r.tags);
    add_list(key, r.languages);
    add(key, r.from);
    add(key, r.to);
    add(key, r.cursor);
    add(key, r.highlight_start);
    add(key, r.highlight_end);
    add(key, r.fresh);
    add(key, r.language);
    add_list(key, r.facets);
    for (const auto number :
         {static_cast<std::uint64_t>(r.sort), static_cast<std::uint64_t>(r.match), static_cast<std::uint64_t>(r.offset),
          static_cast<std::uint64_t>(r.limit), static_cast<std::uint64_t>(r.exact_total_up_to),
          static_cast<std::uint64_t>(r.snippet_length), static_cast<std::uint64_t>(r.facet_size),
          static_cast<std::uint64_t>(r.collapse_stories), static_cast<std::uint64_t>(r.explain),
          static_cast<std::uint64_t>(r.with_article_fields), static_cast<std::uint64_t>(r.suggest),
          static_cast<std::uint64_t>(fields)})
        add(key, std::to_string(number));
    add(key, std::to_string(r.fresh_weight));
    return key;
}

std::shared_ptr<const SearchResults> ResultCache::find(const std::string& key) {
    if (!enabled() || key.empty()) return nullptr;
    std::lock_guard lock(mutex_);
    const auto found = index_.find(key);
    if (found == index_.end()) {
        ++misses_;
        return nullptr;
    }
    if (found->second->expires < std::chrono::steady_clock::now()) {
        bytes_ -= found->second->bytes;
        entries_.erase(found->second);
        index_.erase(found);
        ++misses_;
        return nullptr;
    }
    entries_.splice(entries_.begin(), entries_, found->second); // most recently used
    ++hits_;
    return found->second->results;
}

void ResultCache::store(const std::string& key, SearchResults results, std::size_t bytes) {
    if (!enabled() || key.empty()) return;
    const std::size_t cost = bytes + key.size() + entry_overhead;
    if (cost > max_bytes_ / 8) return; // one huge answer must not empty the cache
    auto shared = std::make_shared<const SearchResults>(std::move(results));
    std::lock_guard lock(mutex_);
    if (const auto found = index_.find(key); found != index_.end()) {
        bytes_ -= found->second->bytes;
        entries_.erase(found->second);
        index_.erase(found);
    }
    evict_to(max_bytes_ - cost);
    entries_.push_front(Entry{key, std::move(shared), cost, std::chrono::steady_clock::now() + time_to_live_});
    index_.emplace(key, entries_.begin());
    bytes_ += cost;
}

void ResultCache::evict_to(std::size_t bytes) {
    while (bytes_ > bytes && !entries_.empty()) {
        bytes_ -= entries_.back().bytes;
        index_.erase(entries_.back().key);
        entries_.pop_back();
    }
}

ResultCache::Stats ResultCache::stats() const {
    std::lock_guard lock(mutex_);
    return {hits_, misses_, entries_.size(), bytes_};
}

} // namespace gazette::server

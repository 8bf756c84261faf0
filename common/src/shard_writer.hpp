#pragma once
// One shard of a bulk build: a Xapian database written by its own thread. Articles arrive
// already validated and with their story; the thread analyses them, writes them, and commits
// every `commit_every` changes, publishing how far it has committed.

#include <gazette/article.hpp>
#include <gazette/index_writer.hpp>

#include "analyzer.hpp"
#include "minhash.hpp"

#include <xapian.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

namespace gazette::detail {

using gazette::WriteCounts;

class ShardWriter {
  public:
    /// Creates the shard database at `path` with the index's analysis settings.
    ShardWriter(std::string path, const AnalysisSettings& settings, std::size_t commit_every);
    /// Stops the thread; what was not committed is lost (the shard is temporary anyway).
    ~ShardWriter();
    ShardWriter(const ShardWriter&) = delete;
    ShardWriter& operator=(const ShardWriter&) = delete;

    /// Queues work (blocks while the queue is full). `sequence` numbers the shard's changes.
    void upsert(Article article, MinHash signature, std::string story, std::uint64_t sequence);
    void remove(std::string id, std::uint64_t sequence);
    /// Queues a commit of everything queued so far; wait_for_flush() waits for it. Separate, so
    /// that several shards make their final commits at the same time.
    void request_flush();
    /// Waits until everything queued before the last request_flush() is written and committed.
    /// @throws the shard's first failure (as gazette::Error).
    void wait_for_flush();

    /// The highest sequence number committed so far.
    std::uint64_t committed_sequence() const { return committed_.load(std::memory_order_acquire); }
    WriteCounts counts() const;
    const std::string& path() const { return path_; }
    /// @throws the shard's first failure, if any.
    void rethrow_if_failed();

  private:
    struct Item {
        enum class Kind { upsert, remove, flush } kind;
        Article article;
        MinHash signature;
        std::string story;
        std::uint64_t sequence = 0;
    };
    void push(Item item);
    void run();
    void commit();
    std::size_t commit_interval() const;

    std::string path_;
    std::size_t commit_every_;
    Xapian::WritableDatabase db_;
    Analyzer analyzer_;
    std::size_t uncommitted_ = 0;
    std::uint64_t committed_changes_ = 0;
    std::uint64_t uncommitted_text_bytes_ = 0;
    std::uint64_t last_sequence_ = 0;
    std::atomic<std::uint64_t> committed_{0};

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Item> queue_;
    bool stopping_ = false;
    std::size_t flushes_requested_ = 0;
    std::size_t flushes_done_ = 0;
    std::exception_ptr failure_;
    WriteCounts counts_;
    std::thread thread_;
};

} // namespace gazette::detail

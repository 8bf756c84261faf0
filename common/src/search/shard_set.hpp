#pragma once
// The parts of a sharded index as one Searcher reads them. Each part is opened on its own
// (remote ones with the monitor's timeouts) and the open ones are combined into one Xapian
// database. A part that is down holds its place with an empty database, so document numbers,
// which Xapian interleaves over the parts, stay the same while it is away.
// After a network error Xapian's combined database, and every remote part in it, is left
// mid-exchange: the part that failed is found from the error's context and reported, and the
// whole set is opened anew.

#include <gazette/search.hpp>
#include <gazette/shards.hpp>

#include "search/shard_stub.hpp"

#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gazette::detail {

/// Opens one part with the monitor's timeouts. Xapian's exceptions pass through.
Xapian::Database open_shard(const ShardSpec& spec, const ShardOptions& options);

/// What a Searcher asks of the monitor; the monitor's own thread does the rest.
struct ShardMonitorAccess {
    static void watch(ShardMonitor& monitor, const ShardSpec& spec);
    static bool is_up(const ShardMonitor& monitor, const ShardSpec& spec);
    /// Marks the part down (and schedules its retry) unless it already is.
    static void report_failure(ShardMonitor& monitor, const ShardSpec& spec, const std::string& why);
    /// Changes whenever a part goes down or comes back.
    static std::uint64_t generation(const ShardMonitor& monitor);
};

class ShardSet {
  public:
    /// @throws Error (see read_shard_stub) for a stub that cannot be read.
    ShardSet(const std::string& stub, std::shared_ptr<ShardMonitor> monitor);

    /// Opens every part the monitor has up; a part that fails to open is reported and left out.
    void open();
    /// True when the parts up are no longer those open().
    bool stale() const;
    /// True when it is time to ask the remote parts for new commits.
    bool refresh_due() const;
    void refreshed();

    /// Every part, the ones down as empty databases.
    const Xapian::Database& database() const { return combined_; }
    /// The first open part holding Gazette's settings (schema version, analysis, synonyms);
    /// nothing if no part is open.
    const Xapian::Database* settings() const;
    bool any_open() const;
    bool has_remote() const { return has_remote_; }
    /// The local parts' revisions summed (Xapian 1.4's remote backend reports none).
    std::uint64_t revision() const;

    /// Handles an error that a search met. True when it came from one of the parts and
    /// searching again makes sense: the part was reported down (a timeout, or a reconnection
    /// that failed) or it answers again (a dropped idle connection, a restarted server). An
    /// error that names no part has every remote part asked anew, and those that do not answer
    /// reported down. Either way, call open() before searching again.
    bool take_failure(const Xapian::Error& error);

    ShardsInfo info() const;

    /// The documents with these numbers (of database()), in the same order. Each remote part
    /// is asked on a thread of its own: one round trip per document, the parts in parallel.
    std::vector<Xapian::Document> documents(const std::vector<Xapian::docid>& ids) const;

  private:
    std::vector<ShardSpec> specs_;
    std::shared_ptr<ShardMonitor> monitor_;
    bool has_remote_ = false;
    std::vector<std::optional<Xapian::Database>> parts_; ///< per spec; nothing while down
    Xapian::Database combined_;
    std::uint64_t generation_ = 0;
    std::chrono::steady_clock::time_point last_refresh_{};
};

} // namespace gazette::detail

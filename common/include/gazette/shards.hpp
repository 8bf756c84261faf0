#pragma once
// A sharded index: a Xapian stub file listing local databases and remote ones served by
// xapian-tcpsrv. Each part is opened on its own, with these timeouts; a part that fails is
// left out of searches (the results say so) and retried in the background until it answers.

#include <gazette/export.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gazette {

namespace detail {
struct ShardMonitorAccess;
}

struct ShardOptions {
    /// To connect to a remote part and read its greeting.
    std::chrono::milliseconds connect_timeout{1000};
    /// For each exchange with a remote part once connected: a part this slow counts as failed.
    std::chrono::milliseconds timeout{2000};
    /// A failed part is retried after this, then twice as long each time, up to retry_max.
    std::chrono::milliseconds retry_min{500};
    std::chrono::milliseconds retry_max{30000};
    /// Parts that answer are pinged this often: a part that dies is noticed without a search,
    /// and connections stay below xapian-tcpsrv's idle timeout (60 s by default).
    std::chrono::milliseconds ping_interval{5000};
    /// Remote parts are asked for new commits at most this often (a local index is watched
    /// through its files instead).
    std::chrono::milliseconds refresh_interval{1000};
};

/// What the monitor knows of one part.
struct ShardState {
    std::string name;            ///< "host:port", or the path as the stub writes it
    bool up = true;              ///< false while it is left out of searches
    std::string last_error;      ///< why it was last marked down
    std::uint64_t failures = 0;  ///< times it was marked down
    double ping_seconds = -1;    ///< the last ping's round trip (-1: none yet)
    std::uint64_t documents = 0; ///< as of the last ping
};

/// The health of the parts of sharded indexes, shared by every Searcher of a process: a part
/// one searcher finds down is left out by the others too, and one background thread retries
/// it. Thread-safe.
class GAZETTE_EXPORT ShardMonitor {
  public:
    explicit ShardMonitor(ShardOptions options = {});
    ~ShardMonitor();
    ShardMonitor(const ShardMonitor&) = delete;
    ShardMonitor& operator=(const ShardMonitor&) = delete;

    const ShardOptions& options() const;
    /// Every part seen so far, in the order first seen.
    std::vector<ShardState> states() const;

  private:
    friend struct detail::ShardMonitorAccess;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace gazette

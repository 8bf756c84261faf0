#include <gazette/shards.hpp>

#include "search/shard_set.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace gazette {

namespace {
using Clock = std::chrono::steady_clock;
}

struct ShardMonitor::Impl {
    struct Entry {
        detail::ShardSpec spec;
        std::string key;
        ShardState state;
        Clock::time_point next_check;
        std::chrono::milliseconds backoff{0};
        std::optional<Xapian::Database> ping; ///< the background thread's own connection
    };

    ShardOptions options;
    mutable std::mutex mutex;
    std::condition_variable wake;
    std::deque<Entry> entries; ///< a deque: entries keep their address as others are added
    std::atomic<std::uint64_t> generation{0};
    bool stopping = false;
    std::thread thread;

    explicit Impl(ShardOptions o) : options(o) {}

    ~Impl() {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        wake.notify_all();
        if (thread.joinable()) thread.join();
    }

    // Local parts by their resolved path (two archives may both hold "2021-03"), remote ones by
    // their address.
    static std::string key_of(const detail::ShardSpec& spec) { return spec.remote() ? spec.name : spec.path; }

    Entry* find(const std::string& key) {
        for (auto& entry : entries)
            if (entry.key == key) return &entry;
        return nullptr;
    }

    void watch(const detail::ShardSpec& spec) {
        std::lock_guard lock(mutex);
        if (find(key_of(spec))) return;
        Entry entry;
        entry.spec = spec;
        entry.key = key_of(spec);
        entry.state.name = spec.name;
        entry.next_check = Clock::now() + options.ping_interval;
        entries.push_back(std::move(entry));
        if (!thread.joinable()) start();
    }

    // Not in watch(): a lambda there would name an internal type in a symbol the library exports.
    void start() {
        thread = std::thread([this] { run(); });
    }

    bool is_up(const detail::ShardSpec& spec) {
        std::lock_guard lock(mutex);
        const Entry* entry = find(key_of(spec));
        return !entry || entry->state.up;
    }

    // Under the lock.
    void mark_down(Entry& entry, const std::string& why) {
        entry.state.last_error = why;
        if (!entry.state.up) return;
        entry.state.up = false;
        ++entry.state.failures;
        entry.backoff = options.retry_min;
        entry.next_check = Clock::now() + entry.backoff;
        ++generation;
    }

    void report_failure(const detail::ShardSpec& spec, const std::string& why) {
        {
            std::lock_guard lock(mutex);
            if (Entry* entry = find(key_of(spec))) mark_down(*entry, why);
        }
        wake.notify_all();
    }

    // The background thread: retries the parts that are down, with backoff, and pings the
    // ones that are up. Connections are made outside the lock: a hung part holds up only this
    // thread, for one timeout.
    void run() {
        std::unique_lock lock(mutex);
        while (!stopping) {
            auto next = Clock::now() + options.ping_interval;
            for (const auto& entry : entries) next = std::min(next, entry.next_check);
            wake.wait_until(lock, next, [&] {
                if (stopping) return true;
                for (const auto& entry : entries)
                    if (entry.next_check <= Clock::now()) return true;
                return false;
            });
            if (stopping) break;
            // By index: watch() may add entries while the lock is released below.
            for (std::size_t i = 0; i < entries.size(); ++i) {
                Entry& entry = entries[i];
                if (stopping || entry.next_check > Clock::now()) continue;
                const bool was_up = entry.state.up;
                lock.unlock();
                std::string error;
                double seconds = -1;
                std::uint64_t documents = 0;
                check(entry, error, seconds, documents);
                lock.lock();
                if (error.empty()) {
                    entry.state.ping_seconds = seconds;
                    entry.state.documents = documents;
                    entry.next_check = Clock::now() + options.ping_interval;
                    if (!entry.state.up) {
                        entry.state.up = true;
                        ++generation;
                    }
                } else if (was_up && entry.state.up) {
                    mark_down(entry, error);
                } else {
                    entry.state.last_error = error;
                    entry.backoff = std::min(options.retry_max, entry.backoff * 2);
                    entry.next_check = Clock::now() + entry.backoff;
                }
            }
        }
    }

    // One round trip to the part (opening a connection first if there is none). A connection
    // that fails other than by a timeout may just have been closed by the server (idle): a
    // new one tells whether the part is really down.
    void check(Entry& entry, std::string& error, double& seconds, std::uint64_t& documents) {
        for (int attempt = 1;; ++attempt) {
            const bool had_connection = entry.ping.has_value();
            try {
                const auto start = Clock::now();
                if (!entry.ping) {
                    entry.ping = detail::open_shard(entry.spec, options);
                } else {
                    entry.ping->reopen(); // a round trip to a remote part; new commits of a local one
                }
                documents = entry.ping->get_doccount();
                seconds = std::chrono::duration<double>(Clock::now() - start).count();
                error.clear();
                return;
            } catch (const Xapian::Error& e) {
                entry.ping.reset();
                error = std::string(e.get_type()) + ": " + e.get_msg();
                if (had_connection && attempt == 1 && error.rfind("NetworkTimeoutError", 0) != 0) continue;
            } catch (const std::exception& e) {
                entry.ping.reset();
                error = e.what();
            }
            return;
        }
    }
};

ShardMonitor::ShardMonitor(ShardOptions options) : impl_(std::make_unique<Impl>(options)) {}
ShardMonitor::~ShardMonitor() = default;

const ShardOptions& ShardMonitor::options() const {
    return impl_->options;
}

std::vector<ShardState> ShardMonitor::states() const {
    std::lock_guard lock(impl_->mutex);
    std::vector<ShardState> states;
    for (const auto& entry : impl_->entries) states.push_back(entry.state);
    return states;
}

namespace detail {

void ShardMonitorAccess::watch(ShardMonitor& monitor, const ShardSpec& spec) {
    monitor.impl_->watch(spec);
}

bool ShardMonitorAccess::is_up(const ShardMonitor& monitor, const ShardSpec& spec) {
    return monitor.impl_->is_up(spec);
}

void ShardMonitorAccess::report_failure(ShardMonitor& monitor, const ShardSpec& spec, const std::string& why) {
    monitor.impl_->report_failure(spec, why);
}

std::uint64_t ShardMonitorAccess::generation(const ShardMonitor& monitor) {
    return monitor.impl_->generation.load();
}

} // namespace detail

} // namespace gazette

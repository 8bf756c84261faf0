#include "access_log.hpp"

#include "util/dates.hpp"
#include "util/json_writer.hpp"

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <unistd.h>

namespace gazette::server {

namespace {

using Clock = std::chrono::steady_clock;

int open_log_file(const std::string& path) {
    return ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
}

} // namespace

struct AccessLog::State {
    std::string path; ///< empty for stdout
    int fd = -1;
    std::size_t max_queue_bytes = 0;

    std::mutex mutex;
    std::condition_variable wake;
    std::deque<std::string> queue;
    std::size_t queued_bytes = 0;
    bool reopen_requested = false;
    bool stopping = false;
    Clock::time_point stop_deadline;
    std::uint64_t dropped = 0;

    ~State() {
        if (!path.empty() && fd >= 0) ::close(fd);
    }

    // Waits until `fd` can take bytes, so a stuck reader never holds this thread past the
    // deadline of a stop. A ready pipe takes at least PIPE_BUF bytes without blocking.
    bool wait_writable() {
        for (;;) {
            {
                std::lock_guard lock(mutex);
                if (stopping && Clock::now() >= stop_deadline) return false;
            }
            pollfd p{fd, POLLOUT, 0};
            const int rc = ::poll(&p, 1, 100);
            if (rc > 0) return (p.revents & (POLLERR | POLLNVAL)) == 0;
            if (rc < 0 && errno != EINTR) return false;
        }
    }

    bool write_all(const std::string& text) {
        std::size_t done = 0;
        while (done < text.size()) {
            if (!wait_writable()) return false;
            const std::size_t piece = std::min<std::size_t>(text.size() - done, PIPE_BUF);
            const ssize_t n = ::write(fd, text.data() + done, piece);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false; // EPIPE (the reader went away), EIO, a full disk...
            done += static_cast<std::size_t>(n);
        }
        return true;
    }

    void run() {
        std::unique_lock lock(mutex);
        for (;;) {
            wake.wait(lock, [&] { return stopping || reopen_requested || !queue.empty(); });
            if (reopen_requested) {
                reopen_requested = false;
                if (!path.empty()) {
                    const int fresh = open_log_file(path);
                    if (fresh >= 0) {
                        ::close(fd);
                        fd = fresh;
                    }
                }
            }
            if (queue.empty()) {
                if (stopping) return;
                continue;
            }
            // Everything queued goes out in one write call, outside the lock.
            std::string batch;
            std::size_t lines = queue.size();
            for (auto& line : queue) batch += line;
            queue.clear();
            queued_bytes = 0;
            lock.unlock();
            const bool ok = write_all(batch);
            lock.lock();
            if (!ok) dropped += lines;
            if (!ok && stopping && Clock::now() >= stop_deadline) {
                dropped += queue.size();
                return;
            }
        }
    }
};

AccessLog::AccessLog(const std::string& destination, std::size_t max_queue_bytes) {
    if (destination.empty()) return;
    auto state = std::make_shared<State>();
    state->max_queue_bytes = max_queue_bytes;
    if (destination == "-") {
        state->fd = STDOUT_FILENO;
    } else {
        state->path = destination;
        state->fd = open_log_file(destination);
        if (state->fd < 0) throw std::runtime_error(destination + ": cannot open the access log");
    }
    state_ = state;
    // Detached, holding the state: joining a thread stuck in a write could hang the process's exit.
    std::thread([state] { state->run(); }).detach();
}

AccessLog::~AccessLog() {
    if (!state_) return;
    std::unique_lock lock(state_->mutex);
    state_->stopping = true;
    state_->stop_deadline = Clock::now() + std::chrono::seconds(1);
    state_->wake.notify_all();
    // Wait for the queue to be written, within the deadline.
    while (!state_->queue.empty() && Clock::now() < state_->stop_deadline) {
        lock.unlock();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        lock.lock();
    }
}

void AccessLog::write(const AccessRecord& r) {
    if (!state_) return;
    // Targets are client-controlled: cap their length, and JSON-encode (with replacement of
    // invalid UTF-8) so a request cannot forge log lines.
    std::string text;
    text.reserve(256);
    detail::JsonWriter line(text);
    line.begin_object();
    line.key("time").string(detail::format_utc(detail::current_unix_seconds()));
    line.key("remote").string(r.remote);
    line.key("method").string(r.method);
    if (r.target.size() > 1024)
        line.key("target").string(std::string(r.target.substr(0, 1024)) + "...");
    else
        line.key("target").string(r.target);
    line.key("route").string(r.route);
    line.key("status").number(static_cast<std::uint64_t>(r.status));
    line.key("bytes").number(static_cast<std::uint64_t>(r.bytes));
    line.key("ms").number(static_cast<double>(static_cast<long long>(r.milliseconds * 1000)) / 1000);
    line.end_object();
    text += '\n';
    std::lock_guard lock(state_->mutex);
    if (state_->queued_bytes + text.size() > state_->max_queue_bytes) {
        ++state_->dropped;
        return;
    }
    state_->queued_bytes += text.size();
    state_->queue.push_back(std::move(text));
    state_->wake.notify_one();
}

void AccessLog::reopen() {
    if (!state_) return;
    std::lock_guard lock(state_->mutex);
    state_->reopen_requested = true;
    state_->wake.notify_one();
}

std::uint64_t AccessLog::dropped() const {
    if (!state_) return 0;
    std::lock_guard lock(state_->mutex);
    return state_->dropped;
}

} // namespace gazette::server

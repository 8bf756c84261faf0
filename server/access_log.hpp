#pragma once
// One JSON line per request: time, remote, method, target, status, bytes, duration.
//
// Serving never waits for the log: lines are formatted on the thread that answered, queued, and
// written by the log's own thread. A reader that stops reading (a stalled pipe, a full disk)
// fills the queue, and further lines are dropped and counted rather than blocking requests.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace gazette::server {

/// Views into the request being answered: a record is written before the request goes away.
struct AccessRecord {
    std::string_view remote;
    std::string_view method;
    std::string_view target;
    std::string_view route;
    int status = 0;
    std::size_t bytes = 0;
    double milliseconds = 0;
};

class AccessLog {
  public:
    /// Bytes of lines waiting to be written before new ones are dropped.
    static constexpr std::size_t default_queue_bytes = 4 << 20;

    /// "-" writes to stdout, "" disables the log, anything else appends to that file.
    /// @throws std::runtime_error if the file cannot be opened.
    explicit AccessLog(const std::string& destination, std::size_t max_queue_bytes = default_queue_bytes);
    /// Writes what is queued, waiting at most about a second for a stalled reader.
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    void write(const AccessRecord& record);
    /// Reopens the file by its name (after logrotate moved it); stdout is left as it is.
    void reopen();

    /// Lines dropped because the queue was full, and lines not written because of an error.
    std::uint64_t dropped() const;

  private:
    struct State;
    std::shared_ptr<State> state_; ///< shared with the writer thread, which may outlive us if stuck
};

} // namespace gazette::server

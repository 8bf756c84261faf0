#pragma once
// One JSON line per request: time, remote, method, target, status, bytes, duration.

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

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
    /// "-" writes to stdout, "" disables the log, anything else appends to that file.
    /// @throws std::runtime_error if the file cannot be opened.
    explicit AccessLog(const std::string& destination);
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    void write(const AccessRecord& record);

  private:
    std::FILE* out_ = nullptr;
    bool owned_ = false;
    std::mutex mutex_;
};

} // namespace gazette::server

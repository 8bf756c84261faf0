#include "index/index_lock.hpp"

#include <gazette/error.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <unistd.h>
#include <utility>

namespace gazette::detail {

std::string index_lock_path(const std::string& path) {
    std::string trimmed = path;
    while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
    return trimmed + ".gazette-lock";
}

IndexLock::IndexLock(const std::string& path) {
    const std::string file = index_lock_path(path);
    const std::filesystem::path parent = std::filesystem::absolute(file).parent_path();
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) throw Error(ErrorCode::io_error, path + ": cannot create the index's directory: " + ec.message());
    fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
        throw Error(ErrorCode::io_error,
                    path + ": cannot write here: cannot create the lock file " + file + ": " + std::strerror(errno));
    // flock, not fcntl: fcntl locks belong to the process, so a second writer in the same
    // process (a test, an embedding program) would not be refused.
    int rc;
    do rc = ::flock(fd_, LOCK_EX | LOCK_NB);
    while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        const int error = errno;
        ::close(fd_);
        fd_ = -1;
        if (error == EWOULDBLOCK)
            throw Error(ErrorCode::database_locked, path + ": another indexer holds the lock on this index");
        throw Error(ErrorCode::io_error, file + ": cannot lock: " + std::strerror(error));
    }
}

IndexLock::~IndexLock() {
    if (fd_ >= 0) ::close(fd_); // closing the last descriptor releases the lock
}

IndexLock::IndexLock(IndexLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

IndexLock& IndexLock::operator=(IndexLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

} // namespace gazette::detail

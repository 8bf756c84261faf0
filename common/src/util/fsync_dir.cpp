#include "util/fsync_dir.hpp"

#include <gazette/error.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace gazette::detail {

namespace {

void fsync_path(const std::string& path, int flags) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | flags);
    if (fd < 0) throw Error(ErrorCode::io_error, path + ": cannot open to sync: " + std::strerror(errno));
    const int rc = ::fsync(fd);
    const int saved = errno;
    ::close(fd);
    if (rc != 0) throw Error(ErrorCode::io_error, path + ": fsync failed: " + std::strerror(saved));
}

} // namespace

void fsync_directory(const std::string& path) {
    fsync_path(path, O_DIRECTORY);
}

void fsync_file(const std::string& path) {
    fsync_path(path, 0);
}

} // namespace gazette::detail

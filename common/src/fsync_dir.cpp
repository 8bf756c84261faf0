#include "fsync_dir.hpp"

#include <gazette/error.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace gazette::detail {

void fsync_directory(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw Error(ErrorCode::io_error, path + ": cannot open directory to sync: " + std::strerror(errno));
    const int rc = ::fsync(fd);
    const int saved = errno;
    ::close(fd);
    if (rc != 0) throw Error(ErrorCode::io_error, path + ": fsync failed: " + std::strerror(saved));
}

} // namespace gazette::detail

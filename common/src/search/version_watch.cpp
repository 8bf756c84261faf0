#include "search/version_watch.hpp"

#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace gazette::detail {

VersionWatch::VersionWatch(std::string db_path) {
    std::error_code ec;
    file_ = std::filesystem::is_directory(db_path, ec) ? db_path + "/iamglass" : std::move(db_path);
}

VersionWatch::~VersionWatch() {
    if (fd_ >= 0) ::close(fd_);
}

void VersionWatch::arm() {
    next_path_check_ = {};
    if (fd_ >= 0) ::close(fd_);
    fd_ = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC);
}

bool VersionWatch::may_have_changed() const {
    struct stat held {};
    if (fd_ < 0 || ::fstat(fd_, &held) != 0 || held.st_nlink == 0) return true;
    // A path lookup costs more than the fstat: it is done at most every 50 ms.
    const auto now = std::chrono::steady_clock::now();
    if (now < next_path_check_) return false;
    next_path_check_ = now + std::chrono::milliseconds(50);
    struct stat current {};
    return ::stat(file_.c_str(), &current) != 0 || current.st_ino != held.st_ino || current.st_dev != held.st_dev;
}

} // namespace gazette::detail

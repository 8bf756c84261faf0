#include "search/version_watch.hpp"

#include "index/archive_layout.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gazette::detail {

VersionWatch::VersionWatch(std::string db_path) : path_(std::move(db_path)) {}

VersionWatch::~VersionWatch() {
    release();
}

void VersionWatch::release() {
    for (const auto& h : held_)
        if (h.fd >= 0) ::close(h.fd);
    held_.clear();
}

void VersionWatch::arm() {
    next_path_check_ = {};
    release();
    for (auto& file : version_files(path_)) {
        const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        Held h{std::move(file), fd};
        struct stat held {};
        if (h.fd >= 0 && ::fstat(h.fd, &held) == 0) h.device = held.st_dev, h.inode = held.st_ino;
        held_.push_back(std::move(h));
    }
}

bool VersionWatch::may_have_changed() const {
    if (held_.empty()) return true;
    for (const auto& h : held_) {
        struct stat held {};
        if (h.fd < 0 || ::fstat(h.fd, &held) != 0 || held.st_nlink == 0) return true;
    }
    // A path lookup costs more than the fstat: it is done at most every 50 ms.
    const auto now = std::chrono::steady_clock::now();
    if (now < next_path_check_) return false;
    next_path_check_ = now + std::chrono::milliseconds(50);
    for (const auto& h : held_) {
        struct stat held {
        }, current{};
        if (::fstat(h.fd, &held) != 0 || ::stat(h.file.c_str(), &current) != 0 || current.st_ino != held.st_ino ||
            current.st_dev != held.st_dev)
            return true;
    }
    return false;
}

} // namespace gazette::detail

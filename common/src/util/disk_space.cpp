#include "util/disk_space.hpp"

#include <gazette/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sys/statvfs.h>

namespace gazette::detail {

namespace {
constexpr std::uint64_t mib = 1 << 20;
constexpr std::uint64_t base_margin = mib / 4;    // version files, the free list, table roots
constexpr std::uint64_t max_rewritten = 16 * mib; // changed pages of a large index
} // namespace

std::uint64_t commit_space_needed(std::uint64_t text_bytes, std::uint64_t index_bytes) {
    return base_margin + 10 * text_bytes + std::min(max_rewritten, 2 * index_bytes);
}

void require_free_space(const std::string& dir, std::uint64_t needed) {
    struct statvfs fs {};
    if (::statvfs(dir.c_str(), &fs) != 0)
        throw Error(ErrorCode::io_error, dir + ": cannot check free space: " + std::strerror(errno));
    const std::uint64_t available = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
    if (available < needed)
        throw Error(ErrorCode::io_error, dir + ": not enough free space to commit (" + std::to_string(available / mib) +
                                             " MiB free, about " + std::to_string((needed + mib - 1) / mib) +
                                             " MiB needed); nothing after the last commit was written");
}

std::uint64_t directory_size(const std::string& dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
        std::error_code size_error;
        if (entry.is_regular_file(size_error)) total += entry.file_size(size_error);
    }
    return total;
}

} // namespace gazette::detail

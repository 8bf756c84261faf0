#include "index/prefetch.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

namespace gazette::detail {

BackgroundPrefetch::BackgroundPrefetch(std::vector<std::string> files)
    : thread_([this, files = std::move(files)] {
          pthread_setname_np(pthread_self(), "gazette-prefetch");
          for (const auto& file : files) {
              if (stop_.load(std::memory_order_relaxed)) return;
              const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
              if (fd < 0) continue;
              // Starts the reads and returns; the merge then finds the blocks in memory.
              ::posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
              ::close(fd);
          }
      }) {}

BackgroundPrefetch::~BackgroundPrefetch() {
    stop_.store(true, std::memory_order_relaxed);
    thread_.join();
}

void ReleasingCompactor::set_status(const std::string& table, const std::string& status) {
    if (!status.empty()) return; // the end of a table, or a message about it
    finish();                    // a table starts: the one before it is merged
    merging_ = table;
}

void ReleasingCompactor::finish() {
    if (merging_.empty()) return;
    std::vector<std::string> files;
    for (const auto& database : databases_) files.push_back(database + "/" + merging_ + ".glass");
    drop_from_page_cache(files);
    merging_.clear();
}

void drop_from_page_cache(const std::vector<std::string>& files) {
    for (const auto& file : files) {
        const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

std::vector<std::string> glass_tables_in_compaction_order(const std::vector<std::string>& databases) {
    std::vector<std::string> files;
    for (const char* table : {"postlist", "docdata", "termlist", "position", "spelling", "synonym"})
        for (const auto& database : databases) files.push_back(database + "/" + table + ".glass");
    return files;
}

} // namespace gazette::detail

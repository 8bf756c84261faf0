#include "prefetch.hpp"

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

std::vector<std::string> glass_tables_in_compaction_order(const std::vector<std::string>& databases) {
    std::vector<std::string> files;
    for (const char* table : {"postlist", "docdata", "termlist", "position", "spelling", "synonym"})
        for (const auto& database : databases) files.push_back(database + "/" + table + ".glass");
    return files;
}

} // namespace gazette::detail

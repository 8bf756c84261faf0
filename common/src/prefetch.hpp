#pragma once
// Reading files into the page cache ahead of a pass that will read them all. The final merge
// of a bulk build reads every shard database, written up to minutes earlier; where the page
// cache has let them go (memory pressure, or a host that reclaims idle guest memory), Xapian
// reads them back one B-tree block at a time in key order, which is random I/O. The kernel
// reads the same files faster sequentially, ahead of the merge.

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace gazette::detail {

class BackgroundPrefetch {
  public:
    /// Starts asking the kernel to read `files`, in this order, on a thread of its own.
    /// Only a hint: files that cannot be opened are skipped.
    explicit BackgroundPrefetch(std::vector<std::string> files);
    /// Stops after the file being read and waits for the thread.
    ~BackgroundPrefetch();

    BackgroundPrefetch(const BackgroundPrefetch&) = delete;
    BackgroundPrefetch& operator=(const BackgroundPrefetch&) = delete;

  private:
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

/// The table files of glass databases in the order Xapian's compaction reads them: each
/// table of every database before the next table.
std::vector<std::string> glass_tables_in_compaction_order(const std::vector<std::string>& databases);

} // namespace gazette::detail

#pragma once
// The page cache around the final merge of a bulk build, which reads every shard database once.
// Ahead of it: the shards were written up to minutes earlier; where the page cache has let them
// go (memory pressure, or a host that reclaims idle guest memory), Xapian reads them back one
// B-tree block at a time in key order, which is random I/O. The kernel reads the same files
// faster sequentially, ahead of the merge. During it: each table of the shards is let go once
// merged, so the memory it held can take the index being written.

#include <xapian.h>

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

/// A compaction that lets go of each table of its input databases once it has merged it.
/// Writing the merged index needs as much memory again in the page cache; without this it was
/// all new memory, which a virtual machine's host may have to provide page by page (a third of
/// the merge's time at a million articles went into the copies of its writes).
class ReleasingCompactor : public Xapian::Compactor {
  public:
    explicit ReleasingCompactor(std::vector<std::string> databases) : databases_(std::move(databases)) {}
    /// Called by Xapian as each table starts and ends.
    void set_status(const std::string& table, const std::string& status) override;
    /// Lets go of the last table; after the compaction.
    void finish();

  private:
    std::vector<std::string> databases_;
    std::string merging_; ///< the table being merged
};

/// Asks the kernel to drop the files' pages from the page cache: clean pages only (the shards
/// are committed, so all of theirs), and only a hint.
void drop_from_page_cache(const std::vector<std::string>& files);

/// The table files of glass databases in the order Xapian's compaction reads them: each
/// table of every database before the next table.
std::vector<std::string> glass_tables_in_compaction_order(const std::vector<std::string>& databases);

} // namespace gazette::detail

#pragma once
// The writer's lock on an index and everything beside it. Xapian's own lock lives inside the
// index directory and is let go while a bulk build swaps the directory, and recovery of an
// interrupted build touches the side directories before any database is opened; so a writer
// first takes this lock, on a file next to the index, and holds it for its whole life.

#include <string>

namespace gazette::detail {

/// The lock file of the index at `path` (`path.gazette-lock`, never removed: removing a lock
/// file while another process waits on it would let two writers in).
std::string index_lock_path(const std::string& path);

class IndexLock {
  public:
    /// Creates the parent directory and the lock file when missing, and locks it.
    /// @throws Error database_locked when another writer holds it, io_error when it cannot be made.
    explicit IndexLock(const std::string& path);
    ~IndexLock();
    IndexLock(IndexLock&& other) noexcept;
    IndexLock& operator=(IndexLock&& other) noexcept;
    IndexLock(const IndexLock&) = delete;
    IndexLock& operator=(const IndexLock&) = delete;

  private:
    int fd_ = -1;
};

} // namespace gazette::detail

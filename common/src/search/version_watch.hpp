#pragma once
// Tells, with one fstat() (and a stat() at most every 50 ms), whether an index may have a new
// revision.
// Every commit writes the version file anew and renames it over the old one, and a rebuild in
// place deletes the old directory: either way the file seen last is left with no name. An
// index moved aside and replaced by another keeps its name elsewhere, so the file now at the
// path is compared with the one held too. Holding the file open keeps its inode from being
// reused, so "still has a name, and is the file at the path" means "still the current version".
// The path is looked up at most every 50 ms: a commit is seen at once, a swap within 50 ms.
// An archive is watched through its stub file and the version file of every part.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace gazette::detail {

class VersionWatch {
  public:
    /// `db_path`: a glass database directory (or a single-file database), or an archive.
    explicit VersionWatch(std::string db_path);
    ~VersionWatch();
    VersionWatch(const VersionWatch&) = delete;
    VersionWatch& operator=(const VersionWatch&) = delete;

    /// Starts watching the current version file. Call it before the database reads its
    /// revision, so a commit in between is noticed next time rather than missed.
    void arm();

    /// False only if the file seen by arm() is certainly still the current one.
    bool may_have_changed() const;

  private:
    void release();

    std::string path_;
    mutable std::chrono::steady_clock::time_point next_path_check_{};
    struct Held {
        std::string file;
        int fd = -1; ///< -1: nothing held (no such file), so every check says "may have changed"
        dev_t device = 0;
        ino_t inode = 0; ///< of the file held, to compare with what is at the path
    };
    std::vector<Held> held_;
};

} // namespace gazette::detail

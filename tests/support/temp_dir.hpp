#pragma once
// A fresh directory per test under $TMPDIR, removed afterwards.

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace gazette::test {

class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    /// path() / name, as a string.
    std::string file(std::string_view name) const { return (path_ / name).string(); }
    /// Writes `content` to path() / name (creating parent directories) and returns the path.
    std::string write(std::string_view name, std::string_view content) const;

  private:
    std::filesystem::path path_;
};

/// gzip-compresses `data` (a complete stream, as `gzip` writes it).
std::string gzip(std::string_view data);

} // namespace gazette::test

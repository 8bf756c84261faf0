#pragma once
// A one-line progress display for terminals: records, MB, rate and ETA, redrawn in place.

#include <chrono>
#include <cstdint>
#include <cstdio>

namespace gazette::cli {

class ProgressBar {
  public:
    /// Draws to `out` only if `enabled` (callers pass isatty(stderr) unless told otherwise).
    ProgressBar(std::FILE* out, bool enabled);

    /// Records and bytes so far; `bytes_total` 0 when unknown. Redraws at most ten times a second.
    void update(std::uint64_t records, std::uint64_t bytes_done, std::uint64_t bytes_total);
    /// Erases the line so other output (errors, the summary) starts on a clean line.
    void clear();

  private:
    std::FILE* out_;
    bool enabled_;
    bool visible_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

} // namespace gazette::cli

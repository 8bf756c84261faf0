#pragma once
// Free-space checks before Xapian writes. Xapian 1.4 aborts the process (an exception thrown
// while another is in flight) when the disk fills up in the middle of a commit, so Gazette
// makes sure there is room first, and fails with a clear error while nothing is lost.

#include <cstdint>
#include <string>

namespace gazette::detail {

/// Bytes a commit of `text_bytes` of article text to an index of `index_bytes` may need on disk:
/// the index takes about four times its input, and a commit writes new copies of the pages it
/// changes, which a small index has few of (up to 16 MiB of them in a large one).
std::uint64_t commit_space_needed(std::uint64_t text_bytes, std::uint64_t index_bytes);

/// @throws Error io_error "not enough free space" if the file system holding `dir` has fewer
///         than `needed` bytes available.
void require_free_space(const std::string& dir, std::uint64_t needed);

/// Bytes used by the files under `dir`.
std::uint64_t directory_size(const std::string& dir);

} // namespace gazette::detail

#pragma once

#include <string>

namespace gazette::detail {

/// fsyncs a directory so renames inside it (Xapian's new version file) survive a power cut.
/// @throws Error io_error.
void fsync_directory(const std::string& path);

/// fsyncs a file's data. @throws Error io_error.
void fsync_file(const std::string& path);

} // namespace gazette::detail

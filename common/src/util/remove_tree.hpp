#pragma once

#include <string>

namespace gazette::detail {

/// Deletes a file or a directory with everything in it; nothing there is fine.
/// @throws Error io_error naming the path when it cannot be removed.
void remove_tree(const std::string& path);

} // namespace gazette::detail

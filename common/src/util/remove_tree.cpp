#include "util/remove_tree.hpp"

#include <gazette/error.hpp>

#include <filesystem>

namespace gazette::detail {

void remove_tree(const std::string& path) {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    if (ec) throw Error(ErrorCode::io_error, path + ": cannot remove: " + ec.message());
}

} // namespace gazette::detail

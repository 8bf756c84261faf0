#include "util/xapian_errors.hpp"

#include <string_view>

namespace gazette::detail {

Error translate(const Xapian::Error& error, const std::string& context) {
    // Xapian::Error is not polymorphic for dynamic_cast; its type name identifies the class.
    const std::string_view type = error.get_type();
    const std::string prefix = context.empty() ? std::string() : context + ": ";
    const std::string detail = error.get_msg();
    const char* errno_text = error.get_error_string();
    const std::string os_error = errno_text ? std::string(" (") + errno_text + ")" : std::string();

    if (type == "DatabaseLockError")
        return Error(ErrorCode::database_locked, prefix + "another indexer holds the lock on this index");
    if (type == "DatabaseNotFoundError")
        return Error(ErrorCode::database_not_found, context.empty() ? "no index there" : "no index at " + context);
    if (type == "DatabaseOpeningError")
        return Error(ErrorCode::database_not_found, prefix + "cannot open the index: " + detail + os_error);
    if (type == "DatabaseCorruptError")
        return Error(ErrorCode::database_corrupt, prefix + "the index is corrupt: " + detail);
    if (type == "DatabaseVersionError")
        return Error(ErrorCode::database_version, prefix + "unsupported index format: " + detail);
    if (type == "QueryParserError") return Error(ErrorCode::invalid_query, prefix + detail);
    if (type == "WildcardError")
        return Error(ErrorCode::invalid_query, "a wildcard matches too many words; use a longer prefix");
    // A remote part that cannot be reached: the network, not the index.
    if (type.rfind("Network", 0) == 0) return Error(ErrorCode::unavailable, prefix + detail + os_error);
    if (type == "InvalidArgumentError") return Error(ErrorCode::invalid_argument, prefix + detail);
    if (type.rfind("Database", 0) == 0) {
        // Failures with an OS error (disk full, permissions) are I/O problems a user can fix.
        if (errno_text) return Error(ErrorCode::io_error, prefix + detail + os_error);
        return Error(ErrorCode::database_error, prefix + detail);
    }
    return Error(ErrorCode::internal, prefix + std::string(type) + ": " + detail);
}

} // namespace gazette::detail

#include <gazette/error.hpp>

namespace gazette {

std::string_view to_string(ErrorCode code) noexcept {
    switch (code) {
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::invalid_query: return "invalid_query";
    case ErrorCode::invalid_article: return "invalid_article";
    case ErrorCode::invalid_input: return "invalid_input";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::database_not_found: return "database_not_found";
    case ErrorCode::database_locked: return "database_locked";
    case ErrorCode::database_corrupt: return "database_corrupt";
    case ErrorCode::database_version: return "database_version";
    case ErrorCode::database_error: return "database_error";
    case ErrorCode::io_error: return "io_error";
    case ErrorCode::internal: return "internal";
    case ErrorCode::timeout: return "timeout";
    case ErrorCode::unavailable: return "unavailable";
    }
    return "internal";
}

Error::Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}

} // namespace gazette

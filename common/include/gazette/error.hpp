#pragma once
// Errors thrown by every libgazette call. Third-party exceptions (Xapian, JSON, I/O) never
// cross the API: they are translated into gazette::Error with one of these codes.

#include <gazette/export.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace gazette {

/// What went wrong. The snake_case names double as machine-readable error codes (e.g. in JSON).
enum class ErrorCode {
    invalid_argument,   ///< a request or option value is out of range or malformed
    invalid_query,      ///< the query string could not be parsed
    invalid_article,    ///< an article failed validation (missing id/text, bad date, ...)
    invalid_input,      ///< an input file could not be read as the expected format
    not_found,          ///< the requested article does not exist
    database_not_found, ///< no index at the given path
    database_locked,    ///< another writer holds the index lock
    database_corrupt,   ///< the index files are damaged
    database_version,   ///< the index was written by an incompatible version
    database_error,     ///< any other failure inside the index
    io_error,           ///< reading or writing a file failed
    internal,           ///< a bug: an unexpected failure
    timeout,            ///< a search ran past its time limit (SearchLimits::search_timeout)
    unavailable,        ///< no part of a sharded index could be reached
};

/// The snake_case name of a code ("invalid_query", ...).
GAZETTE_EXPORT std::string_view to_string(ErrorCode code) noexcept;

class GAZETTE_EXPORT Error : public std::runtime_error {
  public:
    Error(ErrorCode code, const std::string& message);
    ErrorCode code() const noexcept { return code_; }

  private:
    ErrorCode code_;
};

} // namespace gazette

#pragma once
// API errors: one JSON shape, {"error": {"code", "message"}}, and one table from code to status.

#include "http_types.hpp"

#include <gazette/error.hpp>

#include <stdexcept>
#include <string>

namespace gazette::server {

/// An error a handler reports to the client. `code` is a snake_case key of the status table.
class ApiError : public std::runtime_error {
  public:
    ApiError(std::string code, const std::string& message) : std::runtime_error(message), code_(std::move(code)) {}
    const std::string& code() const { return code_; }

  private:
    std::string code_;
};

/// The HTTP status of an error code (500 for codes not in the table).
int status_for(const std::string& code);

/// The error response; `message` is shown to the client as is.
Response error_response(const std::string& code, const std::string& message);

/// Maps a library error to its API code and a message safe to show (no file paths).
Response error_response(const Error& error);

} // namespace gazette::server

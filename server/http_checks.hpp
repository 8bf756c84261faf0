#pragma once
// Checks on a request's header that RFC 9112 asks of a server before it reads the body or
// routes the request: the Host field, Expect, and the form of the request target.

#include "asio.hpp"
#include "http_types.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gazette::server {

using RequestHeader = http::request_header<>;

/// An error answer for a header the server must refuse (400 for a missing or repeated Host in
/// HTTP/1.1, 417 for an expectation other than 100-continue), or nothing.
std::optional<Response> refuse_header(const RequestHeader& header);

/// True when the client waits for "100 Continue" before sending its body.
bool expects_continue(const RequestHeader& header);

/// The origin form ("/path?query") of a target, which may be in absolute form
/// ("http://host/path?query", RFC 9112 section 3.2.2); other targets are returned unchanged.
std::string origin_form(std::string_view target);

} // namespace gazette::server

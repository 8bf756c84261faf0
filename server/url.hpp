#pragma once
// Request targets: percent-decoding and query strings.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gazette::server {

/// Decodes %XX escapes (and '+' as space when `plus_is_space`); nothing if an escape is malformed.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

/// Splits "a=1&b=x%20y" into decoded pairs, in order.
/// @throws ApiError invalid_parameter for malformed escapes or invalid UTF-8.
std::multimap<std::string, std::string> parse_query_string(std::string_view query);

} // namespace gazette::server

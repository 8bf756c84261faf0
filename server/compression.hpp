#pragma once
// gzip for responses: JSON and the page's text files shrink five- to tenfold, which matters to
// browsers on slow links; small bodies are sent as they are (compressing them costs more than
// it saves).

#include <optional>
#include <string>
#include <string_view>

namespace gazette::server {

/// True when an Accept-Encoding header value accepts gzip ("gzip", "gzip, br", "*", but not
/// "gzip;q=0").
bool accepts_gzip(std::string_view accept_encoding);

/// True for a content type worth compressing (text, JSON, JavaScript, SVG).
bool compressible(std::string_view content_type);

/// `body` gzipped, or nothing when it is too small to gain from it.
std::optional<std::string> gzip_body(std::string_view body);

} // namespace gazette::server

#include "compression.hpp"

#include <cctype>
#include <zlib.h>

namespace gazette::server {

namespace {

constexpr std::size_t min_compressed_bytes = 1024;

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

} // namespace

bool accepts_gzip(std::string_view header) {
    const std::string value = lower(header);
    std::string_view rest = value;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string_view item = trim(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        std::string_view quality;
        if (const auto semicolon = item.find(';'); semicolon != std::string_view::npos) {
            quality = trim(item.substr(semicolon + 1));
            item = trim(item.substr(0, semicolon));
        }
        if (item != "gzip" && item != "*") continue;
        // "q=0", "q=0.0", "q=0.000" refuse it.
        if (quality.rfind("q=", 0) == 0 && quality.substr(2).find_first_not_of("0.") == std::string_view::npos)
            continue;
        return true;
    }
    return false;
}

bool compressible(std::string_view content_type) {
    return content_type.rfind("text/", 0) == 0 || content_type.rfind("application/json", 0) == 0 ||
           content_type.rfind("application/javascript", 0) == 0 || content_type.rfind("image/svg+xml", 0) == 0;
}

std::optional<std::string> gzip_body(std::string_view body) {
    if (body.size() < min_compressed_bytes) return std::nullopt;
    z_stream stream{};
    // Level 5: most of level 9's gain at a fraction of its time; 15 + 16: a gzip wrapper.
    if (deflateInit2(&stream, 5, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
    std::string out(deflateBound(&stream, static_cast<uLong>(body.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    stream.avail_in = static_cast<uInt>(body.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    const std::size_t written = out.size() - stream.avail_out;
    deflateEnd(&stream);
    if (rc != Z_STREAM_END || written >= body.size()) return std::nullopt;
    out.resize(written);
    return out;
}

} // namespace gazette::server

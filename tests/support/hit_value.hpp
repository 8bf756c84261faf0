#pragma once
// The bytes of a document's hit slot (8) split where authors and summary begin: seven
// length-prefixed fields, then the count of tags and the tags (the layout of every version), then
// authors and summary, which older versions kept elsewhere. Tests use it to write documents as
// those versions did.

#include <cstddef>
#include <string>
#include <utility>

namespace gazette::test {

inline std::pair<std::string, std::string> split_hit_value(const std::string& value) {
    std::size_t pos = 0;
    const auto varint = [&] {
        std::size_t n = 0;
        for (int shift = 0;; shift += 7) {
            const auto byte = static_cast<unsigned char>(value.at(pos++));
            n |= static_cast<std::size_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return n;
        }
    };
    for (int field = 0; field < 7; ++field) pos += varint();
    for (std::size_t tags = varint(); tags > 0; --tags) pos += varint();
    return {value.substr(0, pos), value.substr(pos)};
}

} // namespace gazette::test

#pragma once
// Character encodings of input, decoded to UTF-8 with iconv (glibc): feeds declare theirs,
// CSV and text exports are often in a legacy one. Labels are read as browsers read them
// (the WHATWG Encoding Standard): ISO-8859-1 and ASCII mean windows-1252, GB2312 means GBK.

#include "ingest/byte_source.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace gazette::detail {

/// The iconv name for an encoding label ("latin1" -> "WINDOWS-1252"), upper-cased; "UTF-8"
/// for the UTF-8 labels.
std::string canonical_charset(std::string_view label);

/// True when iconv can decode `label`.
bool charset_supported(std::string_view label);

/// `bytes` in `label` decoded to UTF-8; a byte sequence that does not decode becomes U+FFFD.
/// @throws Error invalid_input for an encoding iconv does not know.
std::string to_utf8(std::string_view bytes, std::string_view label);

/// Text that is UTF-8 except for some bytes (a Latin-1 field in a UTF-8 export): each byte that is
/// not part of a valid UTF-8 sequence read as windows-1252, the rest kept.
std::string invalid_bytes_as_windows_1252(std::string_view text);

/// Replaces the C1 control characters U+0080..U+009F, which in text from the web are windows-1252
/// bytes read as ISO-8859-1 or written as "&#146;", by the characters windows-1252 gives them.
void fix_c1_controls(std::string& utf8);

/// A stream decoded from `label` to UTF-8 as it is read.
/// @throws Error invalid_input for an encoding iconv does not know.
std::unique_ptr<ByteSource> decoding_source(ByteSource& inner, std::string_view label);

} // namespace gazette::detail

#pragma once
// Bloom filters as bytes, to be stored with the database whose terms they hold: little-endian
// 64-bit fields, the same on every machine.

#include "index/bloom.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gazette::detail {

/// Appends `filter` to `out`.
void encode_filter(const GrowingBloomFilter& filter, std::string& out);
/// The filter that starts `in`, which then starts after it; none when `in` holds no whole one.
std::optional<GrowingBloomFilter> decode_filter(std::string_view& in);

} // namespace gazette::detail

#include "index/bloom_codec.hpp"

#include <limits>

namespace gazette::detail {

namespace {

void put(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

bool get(std::string_view& in, std::uint64_t& v) {
    if (in.size() < 8) return false;
    v = 0;
    for (int i = 0; i < 8; ++i)
        v |= std::uint64_t{static_cast<unsigned char>(in[static_cast<std::size_t>(i)])} << (8 * i);
    in.remove_prefix(8);
    return true;
}

// Far above any real filter: a damaged size field must not make a huge allocation.
constexpr std::uint64_t max_words = std::uint64_t{1} << 32;
constexpr std::uint64_t max_parts = 64;

} // namespace

void encode_filter(const GrowingBloomFilter& filter, std::string& out) {
    put(out, filter.parts().size());
    for (const BloomFilter& part : filter.parts()) {
        put(out, part.capacity());
        put(out, part.bits_per_key());
        put(out, part.count());
        put(out, part.words().size());
        for (const std::uint64_t word : part.words()) put(out, word);
    }
}

std::optional<GrowingBloomFilter> decode_filter(std::string_view& in) {
    std::uint64_t n = 0;
    if (!get(in, n) || n == 0 || n > max_parts) return std::nullopt;
    std::vector<BloomFilter> parts(n);
    for (BloomFilter& part : parts) {
        std::uint64_t capacity = 0, bits_per_key = 0, count = 0, size = 0;
        if (!get(in, capacity) || !get(in, bits_per_key) || !get(in, count) || !get(in, size)) return std::nullopt;
        if (size > max_words || size > in.size() / 8 || bits_per_key == 0 || bits_per_key > 64 ||
            capacity > std::numeric_limits<std::size_t>::max() / 64)
            return std::nullopt;
        std::vector<std::uint64_t> words(size);
        for (auto& word : words) get(in, word);
        if (!part.restore(capacity, static_cast<unsigned>(bits_per_key), count, std::move(words))) return std::nullopt;
    }
    GrowingBloomFilter filter;
    filter.restore(std::move(parts));
    return filter;
}

} // namespace gazette::detail

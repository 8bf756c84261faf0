#include "index/minhash.hpp"

#include "analysis/words.hpp"
#include "index/minhash_fold.hpp"
#include "util/text_util.hpp"

#include <limits>
#include <vector>

namespace gazette::detail {

static_assert(minhash_size == fold_width);

namespace {

std::vector<std::uint64_t> word_hashes(std::string_view text) {
    std::vector<std::uint64_t> words;
    for_each_lower_word(text, [&](const std::string& word) { words.push_back(fnv1a64(word)); });
    return words;
}

} // namespace

MinHash minhash(std::string_view text, std::size_t min_words) {
    MinHash signature;
    const auto words = word_hashes(text);
    if (words.size() < std::max<std::size_t>(min_words, 3)) return signature;
    signature.values.fill(std::numeric_limits<std::uint32_t>::max());
    std::vector<std::uint64_t> shingles(words.size() - 2);
    for (std::size_t i = 0; i + 2 < words.size(); ++i)
        shingles[i] = mix(words[i] ^ mix(words[i + 1] ^ mix(words[i + 2])));
    // One hash function per value, made by mixing the shingle with the value's index.
    fold_shingles(shingles.data(), shingles.size(), signature.values.data());
    signature.empty = false;
    return signature;
}

std::size_t equal_values(const MinHash& a, const MinHash& b) {
    if (a.empty || b.empty) return 0;
    std::size_t equal = 0;
    for (std::size_t k = 0; k < minhash_size; ++k) equal += a.values[k] == b.values[k];
    return equal;
}

std::string minhash_band_term(const MinHash& signature, int band) {
    constexpr std::size_t rows = minhash_size / minhash_bands;
    std::uint64_t h = 0x51afd7ed558ccd6dULL * static_cast<std::uint64_t>(band + 1);
    for (std::size_t r = 0; r < rows; ++r) h = mix(h ^ signature.values[static_cast<std::size_t>(band) * rows + r]);
    // "XMH", the band, then 48 bits of the hash as 12 lower-case hex digits (formatted by hand:
    // three of these per article and band made snprintf show up in profiles).
    std::string term = "XMH" + std::to_string(band);
    const std::uint64_t bits = h >> 16;
    for (int shift = 44; shift >= 0; shift -= 4) term += "0123456789abcdef"[(bits >> shift) & 0xf];
    return term;
}

std::string encode_minhash(const MinHash& signature) {
    std::string bytes;
    if (signature.empty) return bytes;
    bytes.reserve(minhash_size * 4);
    for (std::uint32_t v : signature.values)
        for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>((v >> shift) & 0xff);
    return bytes;
}

MinHash decode_minhash(std::string_view bytes) {
    MinHash signature;
    if (bytes.size() != minhash_size * 4) return signature;
    for (std::size_t k = 0; k < minhash_size; ++k) {
        std::uint32_t v = 0;
        for (std::size_t b = 0; b < 4; ++b) v = (v << 8) | static_cast<unsigned char>(bytes[k * 4 + b]);
        signature.values[k] = v;
    }
    signature.empty = false;
    return signature;
}

} // namespace gazette::detail

#pragma once
// MinHash signatures of article text, for grouping copies of the same story. The share of equal
// values in two signatures estimates the Jaccard similarity of the texts' word 3-shingle sets;
// banding the signature (LSH) finds the candidates without comparing every pair.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace gazette::detail {

inline constexpr std::size_t minhash_size = 32; // = fold_width (minhash_fold.hpp)
inline constexpr int minhash_bands = 8;         ///< of minhash_size / minhash_bands values each

/// Signatures with at least this many equal values (of 32: estimated Jaccard ≥ 0.72) are
/// copies of one story. A one-word edit in a 100-word article leaves about 0.94.
inline constexpr std::size_t minhash_min_equal = 23;

struct MinHash {
    std::array<std::uint32_t, minhash_size> values{};
    bool empty = true; ///< too little text to judge
};

/// The signature of a text's lower-cased word 3-shingles; empty below `min_words` words.
MinHash minhash(std::string_view text, std::size_t min_words);

/// Equal values in two signatures (0 if either is empty).
std::size_t equal_values(const MinHash& a, const MinHash& b);

/// The LSH term of one band: copies very likely share at least one band term.
std::string minhash_band_term(const MinHash& signature, int band);

/// Value-slot encoding: 4 bytes per value, big-endian.
std::string encode_minhash(const MinHash& signature);
MinHash decode_minhash(std::string_view bytes);

} // namespace gazette::detail

#pragma once
// The hot loop of story fingerprints: every word 3-shingle goes through the signature's 32 hash
// functions. An AVX-512 version computes the very same values eight at a time; the scalar one is
// the definition, and the fallback on CPUs without AVX-512.

#include <cstddef>
#include <cstdint>

namespace gazette::detail {

inline constexpr std::uint64_t mix_multiplier_1 = 0xbf58476d1ce4e5b9ULL;
inline constexpr std::uint64_t mix_multiplier_2 = 0x94d049bb133111ebULL;

/// splitmix64's finaliser: a fast, well-mixed 64-bit hash of a 64-bit key.
inline std::uint64_t mix(std::uint64_t x) noexcept {
    x ^= x >> 30;
    x *= mix_multiplier_1;
    x ^= x >> 27;
    x *= mix_multiplier_2;
    x ^= x >> 31;
    return x;
}

inline constexpr std::size_t fold_width = 32; ///< hash functions, one per signature value

/// values[k] = min(values[k], hash k of each shingle), for k < fold_width.
void fold_shingles_scalar(const std::uint64_t* shingles, std::size_t count, std::uint32_t* values) noexcept;
/// The same with AVX-512; returns false (doing nothing) where the CPU lacks it.
bool fold_shingles_avx512(const std::uint64_t* shingles, std::size_t count, std::uint32_t* values) noexcept;
/// The fastest of the two this CPU runs.
void fold_shingles(const std::uint64_t* shingles, std::size_t count, std::uint32_t* values) noexcept;

} // namespace gazette::detail

#include "index/minhash_fold.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define GAZETTE_MINHASH_AVX512 1
#endif

namespace gazette::detail {

namespace {

// Hash k of a shingle mixes it with k + 1 times this odd constant (the golden ratio).
constexpr std::uint64_t function_step = 0x9e3779b97f4a7c15ULL;

#ifdef GAZETTE_MINHASH_AVX512
// The zero-masked forms of the shift and the narrowing: the plain ones start from an undefined
// register, which GCC 12 reports as maybe-uninitialized. With every lane selected they are equal.
constexpr __mmask8 all_lanes = 0xff;

__attribute__((target("avx512f,avx512dq"))) void fold_avx512(const std::uint64_t* shingles, std::size_t count,
                                                             std::uint32_t* values) noexcept {
    std::uint64_t steps[fold_width];
    for (std::size_t k = 0; k < fold_width; ++k) steps[k] = function_step * (k + 1);
    const __m512i m1 = _mm512_set1_epi64(static_cast<long long>(mix_multiplier_1));
    const __m512i m2 = _mm512_set1_epi64(static_cast<long long>(mix_multiplier_2));
    __m512i step[4];
    __m256i low[4];
    for (int j = 0; j < 4; ++j) {
        step[j] = _mm512_loadu_si512(steps + 8 * j);
        low[j] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(values + 8 * j));
    }
    for (std::size_t i = 0; i < count; ++i) {
        const __m512i shingle = _mm512_set1_epi64(static_cast<long long>(shingles[i]));
        for (int j = 0; j < 4; ++j) {
            __m512i x = _mm512_add_epi64(shingle, step[j]);
            x = _mm512_xor_si512(x, _mm512_maskz_srli_epi64(all_lanes, x, 30));
            x = _mm512_mullo_epi64(x, m1);
            x = _mm512_xor_si512(x, _mm512_maskz_srli_epi64(all_lanes, x, 27));
            x = _mm512_mullo_epi64(x, m2);
            x = _mm512_xor_si512(x, _mm512_maskz_srli_epi64(all_lanes, x, 31));
            // The high 32 bits of each lane, as the scalar version's >> 32.
            low[j] = _mm256_min_epu32(
                low[j], _mm512_maskz_cvtepi64_epi32(all_lanes, _mm512_maskz_srli_epi64(all_lanes, x, 32)));
        }
    }
    for (int j = 0; j < 4; ++j) _mm256_storeu_si256(reinterpret_cast<__m256i*>(values + 8 * j), low[j]);
}

bool cpu_has_avx512() noexcept {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
}
#endif

} // namespace

void fold_shingles_scalar(const std::uint64_t* shingles, std::size_t count, std::uint32_t* values) noexcept {
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t k = 0; k < fold_width; ++k) {
            const auto h = static_cast<std::uint32_t>(mix(shingles[i] + function_step * (k + 1)) >> 32);
            if (h < values[k]) values[k] = h;
        }
    }
}

bool fold_shingles_avx512(const std::uint64_t* shingles, std::size_t count, std::uint32_t* values) noexcept {
#ifdef GAZETTE_MINHASH_AVX512
    static const bool available = cpu_has_avx512(); // a fact about the CPU, computed once
    if (!available) return false;
    fold_avx512(shingles, count, values);
    return true;
#else
    (void)shingles, (void)count, (void)values;
    return false;
#endif
}

void fold_shingles(const std::uint64_t* shingles, std::size_t count, std::uint32_t* values) noexcept {
    if (!fold_shingles_avx512(shingles, count, values)) fold_shingles_scalar(shingles, count, values);
}

} // namespace gazette::detail

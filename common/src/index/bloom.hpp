#pragma once
// A Bloom filter of 64-bit hashes: "certainly absent" or "maybe present", at 10 or more bits
// per key.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace gazette::detail {

__extension__ using BloomWide = unsigned __int128; // GCC and Clang have it; ISO C++ does not

class BloomFilter {
  public:
    /// Sized for `capacity` keys at `bits_per_key`: about 0.6^bits_per_key false positives
    /// (0.8% at 10).
    explicit BloomFilter(std::size_t capacity = 0, unsigned bits_per_key = 10) { reset(capacity, bits_per_key); }

    void reset(std::size_t capacity, unsigned bits_per_key = 10) {
        bits_.assign(std::max<std::size_t>(1024, capacity * bits_per_key / 64 + 1), 0);
        count_ = 0;
        capacity_ = capacity;
        bits_per_key_ = bits_per_key;
        probes_ = std::max(1u, (bits_per_key * 69 + 50) / 100); // ln 2 bits per key: the fewest false positives
    }
    void add(std::uint64_t hash) {
        for_each_bit(hash, [&](std::size_t bit) {
            bits_[bit / 64] |= std::uint64_t{1} << (bit % 64);
            return true;
        });
        ++count_;
    }
    bool maybe_contains(std::uint64_t hash) const {
        // Most keys asked for are absent: the first clear bit ends the probes.
        return for_each_bit(hash, [&](std::size_t bit) { return ((bits_[bit / 64] >> (bit % 64)) & 1) != 0; });
    }
    /// More keys than it was sized for: false positives rise (GrowingBloomFilter moves on).
    bool saturated() const { return count_ > capacity_; }
    std::size_t count() const { return count_; }
    std::size_t capacity() const { return capacity_; }
    unsigned bits_per_key() const { return bits_per_key_; }
    const std::vector<std::uint64_t>& words() const { return bits_; }

    /// A filter as words() and the accessors described it (bloom_codec.hpp); false when the
    /// words do not fit the sizes.
    bool restore(std::size_t capacity, unsigned bits_per_key, std::size_t count, std::vector<std::uint64_t> words) {
        reset(capacity, bits_per_key);
        if (words.size() != bits_.size()) return false;
        bits_ = std::move(words);
        count_ = count;
        return true;
    }

  private:
    /// Calls `fn` with each bit of `hash` while it returns true; true when it always did.
    template <typename Fn> bool for_each_bit(std::uint64_t hash, Fn&& fn) const {
        // Double hashing: all probes from two halves of one 64-bit hash, each mapped to a bit by
        // a multiply and shift (a division per probe cost more than the memory access).
        // The probes use the high bits of the hash, which FNV-1a leaves alike for keys that differ
        // in their last bytes: a finaliser (MurmurHash3's) spreads every bit first.
        std::uint64_t h = hash;
        h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdULL;
        h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 33;
        const std::uint64_t size = bits_.size() * 64;
        const std::uint64_t h1 = h, h2 = (h >> 32) | (h << 32) | 1;
        for (std::uint64_t i = 0; i < probes_; ++i) {
            const auto bit = static_cast<std::size_t>((static_cast<BloomWide>(h1 + i * h2) * size) >> 64);
            if (!fn(bit)) return false;
        }
        return true;
    }

    std::vector<std::uint64_t> bits_;
    std::size_t count_ = 0;
    std::size_t capacity_ = 0;
    unsigned bits_per_key_ = 10;
    unsigned probes_ = 7;
};

/// A Bloom filter for a key count not known in advance: when its newest filter is full it starts
/// one for twice as many keys, at 2 more bits per key, for the keys that follow. A lookup asks
/// each filter, so their false positives add up; as each new filter has about 0.4 times the
/// false positives of the last, the sum stays under 1.5% however many keys come. (At the same
/// bits per key it grew by about 1% per doubling, and made story lookups cost more per article
/// the larger the index; a filter left saturated would make almost every lookup a false one.)
class GrowingBloomFilter {
  public:
    explicit GrowingBloomFilter(std::size_t capacity = 0) { reset(capacity); }

    void reset(std::size_t capacity) {
        filters_.clear();
        filters_.emplace_back(std::max(capacity, min_capacity));
    }
    void add(std::uint64_t hash) {
        if (const BloomFilter& last = filters_.back(); last.saturated())
            filters_.emplace_back(2 * last.capacity(), last.bits_per_key() + 2);
        filters_.back().add(hash);
    }
    bool maybe_contains(std::uint64_t hash) const {
        for (const auto& filter : filters_)
            if (filter.maybe_contains(hash)) return true;
        return false;
    }
    std::size_t count() const {
        std::size_t n = 0;
        for (const auto& filter : filters_) n += filter.count();
        return n;
    }
    std::size_t filters() const { return filters_.size(); }
    const std::vector<BloomFilter>& parts() const { return filters_; }
    /// Made of `parts` (from parts()), at least one.
    void restore(std::vector<BloomFilter> parts) {
        if (parts.empty()) return reset(0);
        filters_ = std::move(parts);
    }

  private:
    static constexpr std::size_t min_capacity = 1024;
    std::vector<BloomFilter> filters_;
};

} // namespace gazette::detail

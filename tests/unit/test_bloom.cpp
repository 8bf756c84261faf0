// Bloom filters: no false negatives, and a false-positive rate that stays low as keys arrive.

#include <catch2/catch.hpp>

#include "bloom.hpp"
#include "text_util.hpp"

#include <string>

using gazette::detail::BloomFilter;
using gazette::detail::fnv1a64;
using gazette::detail::GrowingBloomFilter;

namespace {

std::uint64_t key(std::size_t i) {
    return fnv1a64("key-" + std::to_string(i));
}

template <typename Filter> double false_positive_rate(const Filter& filter, std::size_t first_absent) {
    std::size_t hits = 0;
    const std::size_t probes = 100000;
    for (std::size_t i = first_absent; i < first_absent + probes; ++i) hits += filter.maybe_contains(key(i));
    return static_cast<double>(hits) / probes;
}

} // namespace

TEST_CASE("a Bloom filter finds every key it was given, with about 1% false positives at capacity") {
    BloomFilter filter(50000);
    for (std::size_t i = 0; i < 50000; ++i) filter.add(key(i));
    for (std::size_t i = 0; i < 50000; ++i) REQUIRE(filter.maybe_contains(key(i)));
    CHECK_FALSE(filter.saturated());
    CHECK(false_positive_rate(filter, 1000000) < 0.015);
    // Four times over capacity, most lookups would say "maybe".
    for (std::size_t i = 50000; i < 200000; ++i) filter.add(key(i));
    CHECK(filter.saturated());
    CHECK(false_positive_rate(filter, 1000000) > 0.3);
}

TEST_CASE("a growing Bloom filter keeps its false positives low far past its first capacity") {
    GrowingBloomFilter filter(1 << 14);
    const std::size_t keys = 1 << 17; // 8 times the first capacity: 4 filters
    for (std::size_t i = 0; i < keys; ++i) filter.add(key(i));
    for (std::size_t i = 0; i < keys; ++i) REQUIRE(filter.maybe_contains(key(i)));
    CHECK(filter.count() == keys);
    CHECK(filter.filters() == 4);
    CHECK(false_positive_rate(filter, 10000000) < 0.05);

    filter.reset(0);
    CHECK(filter.count() == 0);
    CHECK(filter.filters() == 1);
    CHECK_FALSE(filter.maybe_contains(key(1)));
}

// Bloom filters: no false negatives, and a false-positive rate that stays low as keys arrive.

#include <catch2/catch.hpp>

#include "index/bloom.hpp"
#include "index/bloom_codec.hpp"
#include "util/text_util.hpp"

#include <string>

using gazette::detail::BloomFilter;
using gazette::detail::decode_filter;
using gazette::detail::encode_filter;
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
    GrowingBloomFilter filter(1 << 12);
    std::size_t added = 0;
    const auto grow_to = [&](std::size_t keys) {
        for (; added < keys; ++added) filter.add(key(added));
    };
    grow_to(1 << 15); // 8 times the first capacity: 4 filters
    CHECK(filter.filters() == 4);
    const double at_8_times = false_positive_rate(filter, 10000000);
    CHECK(at_8_times < 0.015);
    // 64 times: 7 filters, and hardly more false positives (at the same bits per key in each
    // filter, they would have reached about 6%).
    grow_to(1 << 18);
    CHECK(filter.filters() == 7);
    const double at_64_times = false_positive_rate(filter, 10000000);
    CHECK(at_64_times < 0.015);
    CHECK(at_64_times < at_8_times + 0.002);
    for (std::size_t i = 0; i < added; ++i) REQUIRE(filter.maybe_contains(key(i)));
    CHECK(filter.count() == added);

    filter.reset(0);
    CHECK(filter.count() == 0);
    CHECK(filter.filters() == 1);
    CHECK_FALSE(filter.maybe_contains(key(1)));
}

TEST_CASE("more bits per key give a Bloom filter fewer false positives") {
    BloomFilter ten(50000, 10), sixteen(50000, 16);
    for (std::size_t i = 0; i < 50000; ++i) {
        ten.add(key(i));
        sixteen.add(key(i));
    }
    for (std::size_t i = 0; i < 50000; ++i) REQUIRE(sixteen.maybe_contains(key(i)));
    const double rate_ten = false_positive_rate(ten, 1000000), rate_sixteen = false_positive_rate(sixteen, 1000000);
    CHECK(rate_ten > 0.004);
    CHECK(rate_sixteen < 0.002);
}

TEST_CASE("a Bloom filter stored as bytes is read back as it was, and damaged bytes are refused") {
    GrowingBloomFilter filter(1 << 10);
    for (std::size_t i = 0; i < 5000; ++i) filter.add(key(i)); // past its first capacity: several filters
    REQUIRE(filter.filters() > 1);
    std::string bytes = "before";
    encode_filter(filter, bytes);
    bytes += "after";

    std::string_view in(bytes);
    in.remove_prefix(6);
    const auto read = decode_filter(in);
    REQUIRE(read);
    CHECK(in == "after"); // the filter's bytes, and no more, were read
    CHECK(read->filters() == filter.filters());
    CHECK(read->count() == filter.count());
    for (std::size_t i = 0; i < 5000; ++i) REQUIRE(read->maybe_contains(key(i)));
    for (std::size_t i = 1000000; i < 1010000; ++i)
        REQUIRE(read->maybe_contains(key(i)) == filter.maybe_contains(key(i)));

    const std::string whole = bytes.substr(6, bytes.size() - 11);
    for (const std::size_t cut : {std::size_t{0}, std::size_t{7}, std::size_t{8}, std::size_t{40}, whole.size() - 1}) {
        INFO(cut);
        std::string_view truncated(whole.data(), cut);
        CHECK_FALSE(decode_filter(truncated));
    }
    std::string huge = whole;
    huge[8 + 24 + 7] = '\x7f'; // the high byte of the first filter's word count: far beyond the bytes there are
    std::string_view damaged(huge);
    CHECK_FALSE(decode_filter(damaged));
}

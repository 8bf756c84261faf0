// The indexing shortcuts must give exactly what the slow paths give: the cached stemmer, the
// ASCII fast path of the word splitter, the hand-formatted story band terms, and the vector
// version of the MinHash loop.
#include "analysis/stem_cache.hpp"
#include "analysis/words.hpp"
#include "index/minhash.hpp"
#include "index/minhash_fold.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <vector>

using namespace gazette::detail;

namespace {

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    for_each_lower_word(text, [&](const std::string& w) { words.push_back(w); });
    return words;
}

} // namespace

TEST_CASE("The cached stemmer stems exactly like Snowball, also when words evict each other") {
    const Xapian::Stem plain("en");
    for (const std::size_t slots : {std::size_t{1}, std::size_t{2}, std::size_t{1000}}) {
        const Xapian::Stem cached = caching_stemmer(plain, slots);
        const std::vector<std::string> words{"running", "runs", "ran",  "nationalization", "running", "prices",
                                             "Price",   "",     "runs", "océans"};
        for (int pass = 0; pass < 3; ++pass)
            for (const auto& word : words) CHECK(cached(word) == plain(word));
    }
}

TEST_CASE("ASCII words are split and lower-cased as Xapian's Unicode tables would") {
    for (unsigned ch = 1; ch < 0x80; ++ch) {
        const std::string text = std::string("a") + static_cast<char>(ch) + "b";
        const bool wordchar = Xapian::Unicode::is_wordchar(ch);
        INFO("character " << ch);
        if (wordchar) {
            std::string expected = "a";
            Xapian::Unicode::append_utf8(expected, Xapian::Unicode::tolower(ch));
            CHECK(words_of(text) == std::vector<std::string>{expected + "b"});
        } else {
            CHECK(words_of(text) == std::vector<std::string>{"a", "b"});
        }
    }
    CHECK(words_of("Oil_Prices ROSE 4.5%, Zürich ÉTÉ") ==
          std::vector<std::string>{"oil_prices", "rose", "4", "5", "zürich", "été"});
}

TEST_CASE("Story band terms are XMH, the band and 12 hex digits") {
    const MinHash signature = minhash("the central bank raised its key interest rate by half a point on "
                                      "tuesday citing inflation that has stayed above target for a year",
                                      8);
    REQUIRE_FALSE(signature.empty);
    for (int band = 0; band < minhash_bands; ++band) {
        const std::string term = minhash_band_term(signature, band);
        REQUIRE(term.size() == 4 + 12);
        CHECK(term.substr(0, 4) == "XMH" + std::to_string(band));
        CHECK(term.find_first_not_of("0123456789abcdef", 4) == std::string::npos);
    }
    CHECK(minhash_band_term(signature, 0) != minhash_band_term(signature, 1));
}

TEST_CASE("The AVX-512 MinHash loop computes exactly the scalar loop's values") {
    std::vector<std::uint64_t> shingles;
    std::uint64_t x = 42;
    for (int i = 0; i < 1000; ++i) shingles.push_back(x = mix(x + static_cast<std::uint64_t>(i)));
    shingles.push_back(0);
    shingles.push_back(~std::uint64_t{0});
    for (const std::size_t count : {std::size_t{1}, std::size_t{7}, shingles.size()}) {
        std::uint32_t scalar[fold_width], vector[fold_width];
        for (std::size_t k = 0; k < fold_width; ++k)
            scalar[k] = vector[k] = 0xffffffffu - static_cast<std::uint32_t>(k);
        fold_shingles_scalar(shingles.data(), count, scalar);
        if (!fold_shingles_avx512(shingles.data(), count, vector)) {
            WARN("this CPU has no AVX-512: only the scalar loop runs here");
            return;
        }
        for (std::size_t k = 0; k < fold_width; ++k) CHECK(vector[k] == scalar[k]);
    }
}

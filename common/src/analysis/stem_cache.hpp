#pragma once
// A stemmer that remembers its answers. News text repeats the same few thousand words, and
// Snowball stems each one again every time: a hash lookup is several times cheaper, and the
// terms are exactly the same. Not thread-safe: each writer (and each shard) has its own.

#include <xapian.h>

#include <cstddef>

namespace gazette::detail {

/// Wraps `stem` (which must not be the "none" stemmer) in a cache of `slots` words (rounded up
/// to a power of two): fixed memory, about 64 bytes a slot, whatever the vocabulary.
Xapian::Stem caching_stemmer(const Xapian::Stem& stem, std::size_t slots = std::size_t{1} << 14);

} // namespace gazette::detail

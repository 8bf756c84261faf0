#pragma once
// The gate of an archive's writer: a Bloom filter of every id of the whole archive, so that one
// probe tells a new id from one some partition may hold. The partitions' own filters
// (partition_filters.hpp) then say which; asking each of them for every id cost each article
// more with every month the archive held. Story band terms need no gate: a story's lookups ask
// only the partitions of its time window (story.hpp), whose own filters answer.
//
// It is kept in the archive's settings database with the revision of each partition it covers.
// A partition written since (a writer interrupted before it stored the gate, or another program)
// has its terms read into the gate again, and only that partition: a run costs what it writes,
// not what the archive holds.

#include "index/bloom.hpp"

#include <xapian.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace gazette::detail {

struct ArchiveGate {
    GrowingBloomFilter ids;
    std::map<std::string, Xapian::rev> covered; ///< partition: the revision whose terms the filters hold
};

/// The gate stored in `meta`; none when there is none, or it cannot be read.
std::optional<ArchiveGate> read_archive_gate(const Xapian::Database& meta);
/// Stores `gate` in `meta` (committed by the caller).
void write_archive_gate(Xapian::WritableDatabase& meta, const ArchiveGate& gate);
/// Adds the ids of `partition` to the gate.
void add_partition_terms(const Xapian::Database& partition, ArchiveGate& gate);

/// Articles that writers have read into the gate again since it was stored in `meta` (0 when
/// none is recorded): the cost that storing it once more would have saved them.
std::uint64_t read_gate_rereads(const Xapian::Database& meta);
/// Records `articles` as that count (committed by the caller); write_archive_gate() resets it.
void write_gate_rereads(Xapian::WritableDatabase& meta, std::uint64_t articles);

} // namespace gazette::detail

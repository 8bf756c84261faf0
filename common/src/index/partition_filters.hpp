#pragma once
// What an archive writer knows of a partition's terms without looking them up: Bloom filters
// of the ids and story band terms of every article written to it (and maybe of some removed
// since). They are stored in the partition's own metadata at each of its commits, with the
// revision they describe, so that a writer reads them instead of every term of the archive:
// that pass made each run cost more the larger the archive.

#include "index/bloom.hpp"

#include <xapian.h>

namespace gazette::detail {

struct PartitionFilters {
    GrowingBloomFilter ids;
    GrowingBloomFilter bands;
};

/// The filters stored in `db`, when they describe its revision; else built from its terms.
PartitionFilters load_partition_filters(const Xapian::Database& db);
/// Stores `filters` in `db` for the revision its next commit makes: call it just before that
/// commit (or the commit of its transaction), with the changes of the commit in the filters.
void store_partition_filters(Xapian::WritableDatabase& db, const PartitionFilters& filters);

} // namespace gazette::detail

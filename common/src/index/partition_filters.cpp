#include "index/partition_filters.hpp"

#include "index/bloom_codec.hpp"
#include "index/schema.hpp"
#include "index/story.hpp"
#include "util/text_util.hpp"

#include <string>

namespace gazette::detail {

namespace {

constexpr const char* metadata_filters = "gazette.filters";
constexpr std::string_view format_tag = "gazette-filters-1\n";

GrowingBloomFilter filter_of_terms(const Xapian::Database& db, std::string_view prefix, std::size_t expected) {
    GrowingBloomFilter filter(2 * expected);
    const std::string p(prefix);
    for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) filter.add(fnv1a64(*t));
    return filter;
}

} // namespace

PartitionFilters load_partition_filters(const Xapian::Database& db) {
    const std::string stored = db.get_metadata(metadata_filters);
    std::string_view in(stored);
    if (in.substr(0, format_tag.size()) == format_tag) {
        in.remove_prefix(format_tag.size());
        const std::string revision = std::to_string(db.get_revision()) + "\n";
        if (in.substr(0, revision.size()) == revision) {
            in.remove_prefix(revision.size());
            auto ids = decode_filter(in);
            auto bands = ids ? decode_filter(in) : std::nullopt;
            if (bands && in.empty()) return {std::move(*ids), std::move(*bands)};
        }
    }
    // Not stored, stored by an older revision (written by another program since), or damaged:
    // the partition's terms are the truth.
    const std::size_t docs = db.get_doccount();
    return {filter_of_terms(db, id_prefix, docs), filter_of_terms(db, band_term_prefix, docs * minhash_bands)};
}

void store_partition_filters(Xapian::WritableDatabase& db, const PartitionFilters& filters) {
    std::string out(format_tag);
    out += std::to_string(db.get_revision() + 1) + "\n";
    encode_filter(filters.ids, out);
    encode_filter(filters.bands, out);
    db.set_metadata(metadata_filters, out);
}

} // namespace gazette::detail

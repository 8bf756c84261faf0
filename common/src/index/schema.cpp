#include "index/schema.hpp"

#include "analysis/analyzer.hpp"

#include "util/text_util.hpp"

#include <gazette/error.hpp>

#include <stdexcept>

namespace gazette::detail {

const FieldSpec& field_spec(std::string_view field) {
    for (const auto& spec : fields)
        if (spec.field == field) return spec;
    throw std::logic_error("no schema entry for field " + std::string(field));
}

std::string exact_term(std::string_view prefix, std::string_view value) {
    std::string slug = slugify(value);
    // Xapian terms are at most 245 bytes: cut long values, on a character boundary.
    if (slug.size() > max_exact_value_bytes) {
        std::size_t cut = max_exact_value_bytes;
        while (cut > 0 && (static_cast<unsigned char>(slug[cut]) & 0xC0) == 0x80) --cut;
        slug.resize(cut);
    }
    return std::string(prefix) + slug;
}

void check_schema_version(const Xapian::Database& db, const std::string& path) {
    const std::string stored = db.get_metadata(metadata_schema_version);
    if (!stored.empty() && stored != std::to_string(schema_version))
        throw Error(ErrorCode::database_version, path + ": index has schema version " + stored + ", this build reads " +
                                                     std::to_string(schema_version) + "; re-index it");
}

std::string id_term(std::string_view id) {
    std::string term(id_prefix);
    term += id;
    return term;
}

void store_schema(Xapian::WritableDatabase& db, const AnalysisSettings& settings) {
    db.set_metadata(metadata_schema_version, std::to_string(schema_version));
    settings.store(db);
}

} // namespace gazette::detail

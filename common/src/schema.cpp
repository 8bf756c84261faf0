#include "schema.hpp"

#include "text_util.hpp"

#include <gazette/error.hpp>

#include <stdexcept>

namespace gazette::detail {

const FieldSpec& field_spec(std::string_view field) {
    for (const auto& spec : fields)
        if (spec.field == field) return spec;
    throw std::logic_error("no schema entry for field " + std::string(field));
}

std::string exact_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    term += slugify(value);
    return term;
}

void check_schema_version(const Xapian::Database& db, const std::string& path) {
    const std::string stored = db.get_metadata("gazette.schema_version");
    if (!stored.empty() && stored != std::to_string(schema_version))
        throw Error(ErrorCode::database_version, path + ": index has schema version " + stored + ", this build reads " +
                                                     std::to_string(schema_version) + "; re-index it");
}

std::string id_term(std::string_view id) {
    std::string term(id_prefix);
    term += id;
    return term;
}

} // namespace gazette::detail

#include "schema.hpp"

#include "text_util.hpp"

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

std::string id_term(std::string_view id) {
    std::string term(id_prefix);
    term += id;
    return term;
}

} // namespace gazette::detail

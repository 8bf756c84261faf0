#pragma once
// Articles as JSON: reading input objects (with type checks and aliases) and the stored form.

#include <gazette/article.hpp>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace gazette::detail {

/// A record that cannot become an article; the message says which field and why.
class RecordError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Maps an input JSON object to an article. Unknown keys are appended to `ignored`.
/// Strings and null are accepted for text fields (numbers too for the id); lists accept a
/// string or an array of strings.
/// @throws RecordError for a value of the wrong type, or when `value` is not an object.
Article article_from_json(const nlohmann::json& value, std::vector<std::string>& ignored);

/// The canonical JSON text of an article (empty fields omitted), as stored in the index.
/// Written directly, without a JSON tree: every indexed article goes through it.
std::string article_to_json(const Article& article);

/// Reads back the stored form.
Article article_from_stored_json(const std::string& data);

} // namespace gazette::detail

#pragma once
// Articles as JSON: reading input objects (with type checks and aliases) and the stored form.

#include <gazette/article.hpp>

#include "ingest/article_fields.hpp"

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

/// Maps an input JSON object to an article. Unknown keys are appended to `ignored`. Text
/// fields take a string, null, or an object naming its text ({"name": ...}); dates take a
/// number of seconds since 1970 too; lists take a string or an array of them (or of objects).
/// An Elasticsearch document ({"_id", "_source": {...}}) is read from its _source.
/// @throws RecordError for a value of the wrong type, or when `value` is not an object.
Article article_from_json(const nlohmann::json& value, std::vector<std::string>& ignored, const FieldNames& names);

/// The array of articles inside an API response or export, if `value` is one: NewsAPI's
/// {"articles": [...]}, {"results": [...]}, {"response": {"docs": [...]}}, Elasticsearch's
/// {"hits": {"hits": [...]}}, JSON-LD's {"@graph": [...]}.
const nlohmann::json* article_list(const nlohmann::json& value);

/// The canonical JSON text of an article (empty fields omitted), as stored in the index.
/// Written directly, without a JSON tree: every indexed article goes through it.
std::string article_to_json(const Article& article);

/// Reads back the stored form.
Article article_from_stored_json(const std::string& data);

} // namespace gazette::detail

#pragma once
// POST bodies: a JSON object whose fields are the endpoint's parameters, as Elasticsearch and
// Meilisearch take them, turned into the same parameters a GET carries in its query string, so
// one parser checks both.

#include <map>
#include <string>
#include <string_view>

namespace gazette::server {

/// Adds the fields of the JSON object `body` to `params`: a string as it is, a number or a
/// boolean as its text, an array as one parameter per item, except for the comma-list
/// parameters `comma_lists` (facets, fields), whose items are joined with commas; null fields
/// are left out.
/// @throws ApiError bad_request when the body is not a JSON object of such fields.
void add_json_params(std::string_view body, std::multimap<std::string, std::string>& params,
                     std::initializer_list<std::string_view> comma_lists);

} // namespace gazette::server

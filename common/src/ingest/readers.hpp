#pragma once
// The input readers, one per format. Each reads one stream and reports records and errors
// through the handlers; `name` is the file name used in locations ("name:line").

#include <gazette/input.hpp>

#include "ingest/article_fields.hpp"
#include "ingest/byte_source.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace gazette::detail {

/// Limits that keep one bad or hostile file from exhausting memory.
inline constexpr std::size_t max_record_bytes = 32u << 20;      // one JSON line / CSV record
inline constexpr std::uint64_t max_document_bytes = 1ull << 30; // whole-file formats

void read_jsonl(ByteSource& source, const std::string& name, const InputHandlers& handlers, const FieldNames& names);
void read_json(ByteSource& source, const std::string& name, const InputHandlers& handlers, const FieldNames& names);
void read_csv(ByteSource& source, const std::string& name, const InputHandlers& handlers, const FieldNames& names);

/// Reads one parsed JSON value: an article, or an API response or export holding a list of
/// them (article_list()). Records and errors go to the handlers, located at `where`.
void read_json_value(const nlohmann::json& value, const std::string& where, const InputHandlers& handlers,
                     const FieldNames& names);
/// `encoding`: to use instead of what the feed declares ("" to go by the declaration).
void read_feed(ByteSource& source, const std::string& name, const InputHandlers& handlers, const std::string& encoding);
/// `default_id` is the id given to the article (the file name stem), empty for stdin.
void read_text(ByteSource& source, const std::string& name, const std::string& default_id,
               const InputHandlers& handlers);

/// "file:line".
std::string location(const std::string& name, std::uint64_t line);

/// The reason in a nlohmann parse error, without its prefix and position (callers know better
/// where the record is).
std::string json_error_reason(const std::string& what);

} // namespace gazette::detail

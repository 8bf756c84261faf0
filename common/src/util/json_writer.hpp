#pragma once
// A streaming JSON writer for the hot paths (search results): appends straight to a string,
// with none of the per-value allocations of a JSON tree. Output is compact and always valid
// UTF-8: invalid byte sequences in strings become U+FFFD, as dump_json() does.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::detail {

class JsonWriter {
  public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }
    /// The next member's name; the value follows with one of the calls below.
    JsonWriter& key(std::string_view name);

    JsonWriter& string(std::string_view text);
    /// `null` for an empty text.
    JsonWriter& string_or_null(std::string_view text);
    JsonWriter& number(double value); ///< shortest form that reads back the same; null if not finite
    JsonWriter& number(std::uint64_t value);
    JsonWriter& boolean(bool value);
    JsonWriter& null();

  private:
    JsonWriter& open(char bracket);
    JsonWriter& close(char bracket);
    void before_value();

    std::string& out_;
    std::vector<bool> has_members_; ///< per open object/array: a comma goes before the next value
    bool after_key_ = false;
};

/// Appends `text` as a JSON string body (no quotes): escapes, and U+FFFD for invalid UTF-8.
void append_json_escaped(std::string& out, std::string_view text);

} // namespace gazette::detail

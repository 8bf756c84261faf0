#pragma once
// An article: the unit Gazette indexes and returns.

#include <gazette/export.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace gazette {

struct Article {
    std::string id; ///< stable unique id; generated from url or content when empty
    std::string title;
    std::string body;
    std::string summary; ///< lead or description
    std::string url;
    std::string source; ///< publisher, e.g. "Harbor Daily"
    std::vector<std::string> authors;
    std::vector<std::string> tags;
    std::string language;  ///< ISO 639-1 code; empty means the index default
    std::string published; ///< ISO 8601 date or date-time; stored as UTC "YYYY-MM-DDTHH:MM:SSZ"
    std::string updated;   ///< ISO 8601, like published
};

/// Longest id accepted, in bytes (an index term is at most 245 bytes).
inline constexpr std::size_t max_id_bytes = 200;

/// Longest fields kept, in bytes: longer ones are cut at a character boundary, so that one
/// article cannot make every response that shows it huge. Generous for news.
struct FieldLimits {
    static constexpr std::size_t title = 2048;
    static constexpr std::size_t summary = 16 * 1024;
    static constexpr std::size_t body = 4 << 20;
    static constexpr std::size_t url = 8192; ///< a longer link is dropped, not cut
    static constexpr std::size_t source = 512;
    static constexpr std::size_t list_item = 256; ///< one author or tag
    static constexpr std::size_t list_items = 50; ///< authors, tags
};

/// Validates an article and returns it in canonical form: text fields trimmed, dates converted
/// to UTC "YYYY-MM-DDTHH:MM:SSZ", the language lower-cased, empty tags/authors dropped, and a
/// stable id generated when missing (the url, or a hash of the url when it is too long, else a
/// hash of source, title and published date, and of the rest when there is no text), fields
/// cut to FieldLimits. An article without text is kept (a feed item may hold only an author or a
/// date); the input readers of JSON and CSV require a title, body, summary or link of a record.
/// @throws Error invalid_article naming the problem: an empty article (nothing but an id, a
///         source and a language), an id longer than max_id_bytes, a date that is not ISO 8601,
///         a field that is not valid UTF-8.
GAZETTE_EXPORT Article normalize_article(Article article);

} // namespace gazette

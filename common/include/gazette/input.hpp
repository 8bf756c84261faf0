#pragma once
// Reading articles from files: JSON Lines, JSON arrays, CSV, RSS/Atom feeds and plain-text
// article files, each optionally gzip-compressed, from files, directories or stdin ("-").

#include <gazette/article.hpp>
#include <gazette/export.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette {

enum class InputFormat {
    automatic, ///< from the file extension (after any .gz), else sniffed from the content
    jsonl,     ///< one JSON object per line (.jsonl, .ndjson)
    json,      ///< a JSON array of objects, or a sequence of objects (.json)
    csv,       ///< comma-separated values with a header row naming the fields (.csv)
    feed,      ///< RSS 2.0 or Atom (.rss, .atom, .xml)
    text,      ///< "date YYYY-MM-DD <title>" on the first line, then the body (.txt)
};

/// "jsonl", "json", "csv", "feed" (also "rss", "atom", "xml"), "text" (also "txt"), "auto".
GAZETTE_EXPORT std::optional<InputFormat> parse_input_format(std::string_view name);
GAZETTE_EXPORT std::string_view to_string(InputFormat format) noexcept;

/// `automatic`: a field is read as HTML when it looks like HTML (tags such as <p> or <br>, or
/// entities such as &amp;nbsp;).
enum class HtmlMode { automatic, yes, no };

/// One input file with the format to read it as. A path of "-" is standard input.
struct InputFile {
    std::string path;
    InputFormat format = InputFormat::automatic;
    std::uint64_t size_bytes = 0; ///< on-disk size (0 for stdin): for progress estimates
    /// The file's character encoding ("latin1", "windows-1251", "shift_jis"...), or "" to tell:
    /// feeds by their byte order mark and declaration, other formats UTF-8, with a text field
    /// that is not UTF-8 read as windows-1252 (what legacy exports mostly are).
    std::string encoding = {};
    /// Input names mapped to article fields before the built-in names: {"datePublished",
    /// "published"}, {"articleBody", "body"} (JSON keys, CSV columns).
    std::vector<std::pair<std::string, std::string>> field_map = {};
    /// Whether text fields of JSON, CSV and text inputs hold HTML, reduced to text as feeds are.
    HtmlMode html = HtmlMode::automatic;
};

/// Parses "datePublished=published,articleBody=body" (pairs separated by commas).
/// @throws Error invalid_argument naming a pair that is malformed or a field that does not exist.
GAZETTE_EXPORT std::vector<std::pair<std::string, std::string>> parse_field_map(std::string_view text);

/// True when `encoding` ("latin1", "windows-1251", "gb2312", ...) can be read.
GAZETTE_EXPORT bool encoding_supported(std::string_view encoding);

/// Expands paths into input files: directories recursively (files with a known extension only,
/// hidden entries skipped, links followed, a directory reached twice read once, in sorted
/// order), other paths as given. `notes`, if given, receives a line for each link skipped, and
/// for a directory where no input was found, the files skipped.
/// @throws Error io_error for a path that does not exist or cannot be listed.
GAZETTE_EXPORT std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths,
                                                     InputFormat format = InputFormat::automatic,
                                                     std::vector<std::string>* notes = nullptr);

/// A record read from an input, before validation.
struct InputRecord {
    Article article;
    std::string location;                    ///< "file:line" (or "file:item N" for feeds)
    std::vector<std::string> ignored_fields; ///< unknown field names that were skipped
};

/// A record that could not be read; reading continues with the next record.
struct InputError {
    std::string location; ///< "file:line" (or "file:item N" for feeds)
    std::string message;
};

struct InputHandlers {
    std::function<void(InputRecord&&)> on_record;
    std::function<void(InputError&&)> on_error;
    /// A problem that loses nothing that could be kept (a feed repaired while read, say).
    std::function<void(InputError&&)> on_warning;
    /// Bytes of the file consumed so far (compressed bytes for gzip), for progress.
    std::function<void(std::uint64_t)> on_progress;
};

/// Reads every record of one input, calling the handlers in order. Malformed records are
/// reported through on_error and skipped. Exceptions thrown by handlers propagate.
/// @throws Error io_error if the file cannot be opened or read (including truncated gzip),
///         invalid_input if the whole file is unusable (e.g. a feed that is not XML).
GAZETTE_EXPORT void read_input(const InputFile& input, const InputHandlers& handlers);

} // namespace gazette

// Input files: format names, detection by extension or content, directory expansion, dispatch.

#include <gazette/error.hpp>
#include <gazette/input.hpp>

#include "ingest/article_fields.hpp"
#include "ingest/charset.hpp"
#include "ingest/html_text.hpp"
#include "ingest/readers.hpp"
#include "util/text_util.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sys/stat.h>

namespace fs = std::filesystem;

namespace gazette {

namespace {

// The extension that names the format: "a.jsonl.gz" -> ".jsonl".
std::string format_extension(const std::string& path) {
    fs::path p(path);
    std::string ext = detail::to_lower_ascii(p.extension().string());
    if (ext == ".gz" || ext == ".gzip") ext = detail::to_lower_ascii(p.stem().extension().string());
    return ext;
}

std::optional<InputFormat> format_from_extension(const std::string& path) {
    const std::string ext = format_extension(path);
    if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::jsonl;
    if (ext == ".json") return InputFormat::json;
    if (ext == ".csv") return InputFormat::csv;
    if (ext == ".rss" || ext == ".atom" || ext == ".xml") return InputFormat::feed;
    if (ext == ".txt" || ext == ".text") return InputFormat::text;
    return std::nullopt;
}

// True when the first line is a CSV header naming at least one article field.
bool csv_header(std::string_view head) {
    const std::string_view line = head.substr(0, head.find('\n'));
    std::size_t start = 0;
    while (start <= line.size()) {
        const auto end = std::min(line.find(',', start), line.size());
        std::string name = detail::trim(line.substr(start, end - start));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
        if (detail::field_for_name(name)) return true;
        start = end + 1;
    }
    return false;
}

// Guesses a format from the first bytes of content (for stdin and unknown extensions): only
// shapes Gazette knows; anything else is not guessed.
std::optional<InputFormat> sniff_format(std::string_view head) {
    std::size_t i = head.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
    const std::string_view rest = head.substr(std::min(i, head.size()));
    if (rest.rfind("[", 0) == 0) return InputFormat::json;
    if (rest.rfind("{", 0) == 0) {
        // One object per line is JSON Lines; a pretty-printed object is not.
        const auto newline = rest.find('\n');
        const auto line = rest.substr(0, newline);
        return line.find_last_not_of(" \t\r") != std::string_view::npos && line[line.find_last_not_of(" \t\r")] == '}'
                   ? InputFormat::jsonl
                   : InputFormat::json;
    }
    if (rest.rfind("<", 0) == 0) return InputFormat::feed;
    if (rest.rfind("date ", 0) == 0) return InputFormat::text;
    if (csv_header(rest)) return InputFormat::csv;
    return std::nullopt;
}

// A ByteSource that replays the bytes read while sniffing.
class PrefixedSource : public detail::ByteSource {
  public:
    PrefixedSource(std::string prefix, detail::ByteSource& rest) : prefix_(std::move(prefix)), rest_(rest) {}
    std::size_t read(char* buffer, std::size_t size) override {
        if (offset_ < prefix_.size()) {
            const std::size_t n = std::min(size, prefix_.size() - offset_);
            std::copy_n(prefix_.data() + offset_, n, buffer);
            offset_ += n;
            return n;
        }
        return rest_.read(buffer, size);
    }
    std::uint64_t consumed() const override { return rest_.consumed(); }

  private:
    std::string prefix_;
    std::size_t offset_ = 0;
    detail::ByteSource& rest_;
};

std::string display_name(const std::string& path) {
    return path == "-" ? "<stdin>" : path;
}

std::string id_from_file_name(const std::string& path) {
    if (path == "-") return {};
    fs::path p(path);
    std::string name = p.filename().string();
    for (const char* suffix : {".gz", ".gzip", ".txt", ".text"}) {
        const std::string s(suffix);
        if (name.size() > s.size() && detail::to_lower_ascii(name.substr(name.size() - s.size())) == s)
            name.resize(name.size() - s.size());
    }
    return name;
}

} // namespace

std::optional<InputFormat> parse_input_format(std::string_view name) {
    const std::string n = detail::to_lower_ascii(name);
    if (n == "auto" || n == "automatic") return InputFormat::automatic;
    if (n == "jsonl" || n == "ndjson") return InputFormat::jsonl;
    if (n == "json") return InputFormat::json;
    if (n == "csv") return InputFormat::csv;
    if (n == "feed" || n == "rss" || n == "atom" || n == "xml") return InputFormat::feed;
    if (n == "text" || n == "txt") return InputFormat::text;
    return std::nullopt;
}

std::string_view to_string(InputFormat format) noexcept {
    switch (format) {
    case InputFormat::automatic: return "auto";
    case InputFormat::jsonl: return "jsonl";
    case InputFormat::json: return "json";
    case InputFormat::csv: return "csv";
    case InputFormat::feed: return "feed";
    case InputFormat::text: return "text";
    }
    return "auto";
}

std::vector<std::pair<std::string, std::string>> parse_field_map(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> map;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(',', start), text.size());
        const std::string pair = detail::trim(text.substr(start, end - start));
        start = end + 1;
        if (pair.empty()) continue;
        const auto equals = pair.find('=');
        const std::string from = detail::trim(pair.substr(0, equals));
        const std::string to = equals == std::string::npos ? std::string() : detail::trim(pair.substr(equals + 1));
        if (from.empty() || to.empty())
            throw Error(ErrorCode::invalid_argument, "'" + pair + "' is not INPUT_NAME=FIELD");
        map.emplace_back(from, to);
    }
    (void)detail::FieldNames(map); // checks that every target is a field
    return map;
}

bool encoding_supported(std::string_view encoding) {
    return detail::charset_supported(encoding);
}

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, InputFormat format,
                                      std::vector<std::string>* notes) {
    std::vector<InputFile> inputs;
    for (const auto& path : paths) {
        if (path == "-") {
            inputs.push_back({path, format, 0});
            continue;
        }
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) throw Error(ErrorCode::io_error, path + ": no such file or directory");
        if (!fs::is_directory(status)) {
            inputs.push_back({path, format, fs::file_size(path, ec)});
            continue;
        }
        // Links are followed, to files and to directories alike; a directory reached twice (a
        // link back up the tree) is read once.
        std::set<std::pair<dev_t, ino_t>> directories;
        const auto first_visit = [&](const fs::path& dir) {
            struct stat st {};
            return ::stat(dir.c_str(), &st) != 0 || directories.emplace(st.st_dev, st.st_ino).second;
        };
        first_visit(path);
        std::vector<InputFile> found;
        std::vector<std::string> other_files;
        auto it = fs::recursive_directory_iterator(
            path, fs::directory_options::skip_permission_denied | fs::directory_options::follow_directory_symlink, ec);
        if (ec) throw Error(ErrorCode::io_error, path + ": cannot list directory: " + ec.message());
        for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) throw Error(ErrorCode::io_error, path + ": cannot list directory: " + ec.message());
            const std::string name = it->path().filename().string();
            std::error_code type_error;
            const bool directory = it->is_directory(type_error);
            if (!name.empty() && name[0] == '.') {
                if (directory) it.disable_recursion_pending();
                continue;
            }
            if (directory) {
                if (!first_visit(it->path())) {
                    it.disable_recursion_pending();
                    if (notes) notes->push_back(it->path().string() + ": a link to a directory already read, skipped");
                }
                continue;
            }
            if (!it->is_regular_file(type_error)) {
                if (notes && it->is_symlink(type_error))
                    notes->push_back(it->path().string() + ": a link to nothing, skipped");
                continue;
            }
            // In a directory only files with a known extension are inputs (READMEs are not).
            if (!format_from_extension(it->path().string())) {
                other_files.push_back(it->path().filename().string());
                continue;
            }
            found.push_back({it->path().string(), format, it->file_size(type_error)});
        }
        // Said only when nothing else was found: a README beside the inputs needs no mention.
        if (notes && found.empty() && !other_files.empty()) {
            std::string examples;
            for (std::size_t i = 0; i < other_files.size() && i < 3; ++i) examples += (i ? ", " : "") + other_files[i];
            notes->push_back(path + ": " + std::to_string(other_files.size()) + " file" +
                             (other_files.size() == 1 ? "" : "s") + " without an input extension skipped (" + examples +
                             (other_files.size() > 3 ? ", ..." : "") + "); name files to read them with --format");
        }
        std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
        inputs.insert(inputs.end(), found.begin(), found.end());
    }
    return inputs;
}

void read_input(const InputFile& input, const InputHandlers& handlers) {
    const std::string name = display_name(input.path);
    auto source = detail::open_byte_source(input.path);
    InputFormat format = input.format;
    if (format == InputFormat::automatic) format = format_from_extension(input.path).value_or(InputFormat::automatic);

    std::unique_ptr<PrefixedSource> replay;
    detail::ByteSource* stream = source.get();
    if (format == InputFormat::automatic) {
        std::string head(4096, '\0');
        std::size_t got = 0;
        while (got < head.size()) {
            const std::size_t n = source->read(head.data() + got, head.size() - got);
            if (n == 0) break;
            got += n;
        }
        head.resize(got);
        const auto sniffed = sniff_format(head);
        if (!sniffed)
            throw Error(ErrorCode::invalid_input,
                        name + ": not a format Gazette can tell (JSON, JSON Lines, CSV with a header row naming "
                               "article fields, an RSS or Atom feed, a text article starting 'date YYYY-MM-DD'); "
                               "name it with --format");
        format = *sniffed;
        replay = std::make_unique<PrefixedSource>(std::move(head), *source);
        stream = replay.get();
    }

    // Feeds decode themselves (their declaration says how); other formats are decoded here.
    std::unique_ptr<detail::ByteSource> decoded;
    if (format != InputFormat::feed && !input.encoding.empty() &&
        detail::canonical_charset(input.encoding) != "UTF-8") {
        decoded = detail::decoding_source(*stream, input.encoding);
        stream = decoded.get();
    }
    // HTML in the text fields of other formats is reduced to text as in feeds. A record of them
    // needs text or a link: without, its fields most likely have names Gazette does not know
    // (a feed item is an article by its element, and is kept with only an author or a date).
    InputHandlers reduced = handlers;
    reduced.on_record = [&](InputRecord&& record) {
        Article& a = record.article;
        if (input.html != HtmlMode::no)
            for (std::string* field : {&a.title, &a.summary, &a.body})
                if (input.html == HtmlMode::yes || detail::looks_like_html(*field))
                    *field = detail::html_to_text(*field);
        // Without copying the text: only one that starts with a Unicode space (NBSP, BOM) is trimmed.
        const auto blank = [](const std::string& text) {
            const auto first = text.find_first_not_of(" \t\r\n\f\v");
            return first == std::string::npos ||
                   (static_cast<unsigned char>(text[first]) >= 0x80 && detail::trim(text).empty());
        };
        if (blank(a.title) && blank(a.body) && blank(a.summary) && blank(a.url)) {
            std::string message = "article has neither title nor body";
            for (std::size_t k = 0; k < record.ignored_fields.size(); ++k)
                message += (k == 0 ? " (fields not read: " : ", ") + record.ignored_fields[k];
            if (!record.ignored_fields.empty()) message += ")";
            if (handlers.on_error) handlers.on_error({record.location, std::move(message)});
            return;
        }
        handlers.on_record(std::move(record));
    };
    const detail::FieldNames names(input.field_map);
    switch (format) {
    case InputFormat::jsonl: detail::read_jsonl(*stream, name, reduced, names); break;
    case InputFormat::json: detail::read_json(*stream, name, reduced, names); break;
    case InputFormat::csv: detail::read_csv(*stream, name, reduced, names); break;
    case InputFormat::feed: detail::read_feed(*stream, name, handlers, input.encoding); break;
    case InputFormat::text: detail::read_text(*stream, name, id_from_file_name(input.path), reduced); break;
    case InputFormat::automatic: break;
    }
}

} // namespace gazette

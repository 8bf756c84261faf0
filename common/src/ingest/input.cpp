// Input files: format names, detection by extension or content, directory expansion, dispatch.

#include <gazette/error.hpp>
#include <gazette/input.hpp>

#include "ingest/readers.hpp"
#include "util/text_util.hpp"

#include <algorithm>
#include <filesystem>

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

// Guesses a format from the first bytes of content (for stdin and unknown extensions).
InputFormat sniff_format(std::string_view head) {
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
    return InputFormat::csv;
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

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, InputFormat format) {
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
        std::vector<InputFile> found;
        auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
        if (ec) throw Error(ErrorCode::io_error, path + ": cannot list directory: " + ec.message());
        for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) throw Error(ErrorCode::io_error, path + ": cannot list directory: " + ec.message());
            const std::string name = it->path().filename().string();
            if (!name.empty() && name[0] == '.') {
                if (it->is_directory()) it.disable_recursion_pending();
                continue;
            }
            if (!it->is_regular_file()) continue;
            // In a directory only files with a known extension are inputs (READMEs are not).
            if (!format_from_extension(it->path().string())) continue;
            found.push_back({it->path().string(), format, it->file_size()});
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
        format = sniff_format(head);
        replay = std::make_unique<PrefixedSource>(std::move(head), *source);
        stream = replay.get();
    }

    switch (format) {
    case InputFormat::jsonl: detail::read_jsonl(*stream, name, handlers); break;
    case InputFormat::json: detail::read_json(*stream, name, handlers); break;
    case InputFormat::csv: detail::read_csv(*stream, name, handlers); break;
    case InputFormat::feed: detail::read_feed(*stream, name, handlers); break;
    case InputFormat::text: detail::read_text(*stream, name, id_from_file_name(input.path), handlers); break;
    case InputFormat::automatic: break;
    }
}

} // namespace gazette

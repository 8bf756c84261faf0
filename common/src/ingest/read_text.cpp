// Plain-text articles: "date YYYY-MM-DD <title>" on the first line, then the body; or, without
// that line, the first line is the title and the article has no date.

#include "ingest/readers.hpp"
#include "util/text_util.hpp"

namespace gazette::detail {

namespace {

constexpr std::uint64_t max_text_article_bytes = 64u << 20;

bool is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

} // namespace

void read_text(ByteSource& source, const std::string& name, const std::string& default_id,
               const InputHandlers& handlers) {
    std::string content = read_all(source, name, max_text_article_bytes);
    if (content.rfind("\xEF\xBB\xBF", 0) == 0) content.erase(0, 3);
    // Blank lines before the header are tolerated; the header's line number is reported.
    std::size_t start = 0;
    std::uint64_t line = 1;
    while (start < content.size()) {
        const std::size_t end = content.find('\n', start);
        if (!trim(std::string_view(content).substr(start, end == std::string::npos ? std::string::npos : end - start))
                 .empty())
            break;
        if (end == std::string::npos) {
            start = content.size();
            break;
        }
        start = end + 1;
        ++line;
    }
    const std::size_t header_end = content.find('\n', start);
    const std::string header = trim(std::string_view(content).substr(
        start, header_end == std::string::npos ? std::string::npos : header_end - start));
    if (header.empty()) {
        handlers.on_error({location(name, line), "empty file"});
        return;
    }
    const std::string_view h = header;
    const bool dated = h.size() >= 15 && h.substr(0, 5) == "date " && is_date(h.substr(5, 10)) &&
                       (h.size() == 15 || h[15] == ' ' || h[15] == '\t');
    InputRecord record;
    record.location = location(name, line);
    record.article.id = default_id;
    if (dated) {
        record.article.published = std::string(h.substr(5, 10));
        record.article.title = h.size() > 16 ? trim(h.substr(16)) : std::string();
    } else {
        record.article.title = header;
    }
    record.article.body =
        header_end == std::string::npos ? std::string() : trim(std::string_view(content).substr(header_end + 1));
    handlers.on_record(std::move(record));
    if (handlers.on_progress) handlers.on_progress(source.consumed());
}

} // namespace gazette::detail

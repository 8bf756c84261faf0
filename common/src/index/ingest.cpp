#include <gazette/error.hpp>
#include <gazette/ingest.hpp>

#include "ingest/byte_source.hpp"
#include "ingest/charset.hpp"
#include "util/dates.hpp"
#include "util/text_util.hpp"

#include <optional>

namespace gazette {

namespace {

// Unwinds out of a reader when max_errors is reached.
struct StopIngest {};

// Carries a failure of the index itself out of a reader, so it is not taken for a problem of
// the input file (and the run stops).
struct WriterFailed {
    Error error;
};

// Splits "name[:line]: message" so file errors print like record errors.
InputError file_error(const InputFile& input, const Error& e) {
    const std::string name = input.path == "-" ? "<stdin>" : input.path;
    std::string message = e.what();
    std::string where = name;
    if (message.rfind(name, 0) == 0) {
        if (const auto sep = message.find(": ", name.size()); sep != std::string::npos) {
            where = message.substr(0, sep);
            message.erase(0, sep + 2);
        }
    }
    return {where, message};
}

// Text fields that are not UTF-8 are, in practice, windows-1252 (Excel's and most legacy
// exports' encoding): decoded as such unless the input named its encoding.
void decode_legacy_text(Article& a) {
    for (std::string* field :
         {&a.id, &a.title, &a.body, &a.summary, &a.url, &a.source, &a.language, &a.published, &a.updated})
        if (!detail::is_valid_utf8(*field)) *field = detail::to_utf8(*field, "windows-1252");
    for (auto* list : {&a.authors, &a.tags})
        for (auto& item : *list)
            if (!detail::is_valid_utf8(item)) item = detail::to_utf8(item, "windows-1252");
}

// A date nobody can read loses the date, not the article. Returns the warning, if any.
std::optional<std::string> drop_unreadable_dates(Article& a) {
    std::optional<std::string> warning;
    for (auto [name, field] : {std::pair<const char*, std::string*>{"published", &a.published},
                               std::pair<const char*, std::string*>{"updated", &a.updated}}) {
        if (detail::trim(*field).empty() || detail::parse_date(*field)) continue;
        if (!warning)
            warning = std::string("unreadable ") + (std::string(name) == "published" ? "date" : "update date") + " \"" +
                      detail::repair_utf8(field->substr(0, 60)) + "\", article kept " +
                      (std::string(name) == "published" ? "undated" : "without it");
        field->clear();
    }
    return warning;
}

} // namespace

Ingest::Ingest(IndexWriter& writer, IngestOptions options, IngestObserver observer)
    : writer_(writer), options_(options), observer_(std::move(observer)), base_(writer.counts()) {}

void Ingest::note_warning(const InputError& warning) {
    ++stats_.warnings;
    if (observer_.on_warning) observer_.on_warning(warning);
}

bool Ingest::note_error(const InputError& error) {
    if (observer_.on_error) observer_.on_error(error);
    return options_.max_errors == 0 || stats_.errors() < options_.max_errors;
}

bool Ingest::add(const std::vector<InputFile>& inputs) {
    std::uint64_t total = 0;
    for (const auto& input : inputs) total += input.size_bytes;
    std::uint64_t done_before = 0;
    for (const auto& input : inputs) {
        std::uint64_t consumed = 0;
        const auto progress = [&](std::uint64_t bytes) {
            consumed = bytes;
            if (observer_.on_progress) observer_.on_progress({records_, done_before + bytes, total});
        };
        InputHandlers handlers;
        handlers.on_record = [&](InputRecord&& record) {
            ++records_;
            for (const auto& field : record.ignored_fields) ++stats_.ignored_fields[field];
            if (input.encoding.empty()) decode_legacy_text(record.article);
            const bool had_date = !detail::trim(record.article.published).empty();
            if (auto warning = drop_unreadable_dates(record.article)) {
                if (had_date && record.article.published.empty()) ++stats_.undated;
                note_warning({record.location, std::move(*warning)});
            }
            try {
                writer_.upsert(record.article);
            } catch (const Error& e) {
                if (e.code() != ErrorCode::invalid_article) throw WriterFailed{e};
                ++stats_.skipped;
                if (!note_error({record.location, e.what()})) throw StopIngest{};
            }
        };
        handlers.on_error = [&](InputError&& error) {
            ++records_;
            ++stats_.skipped;
            if (!note_error(error)) throw StopIngest{};
        };
        handlers.on_warning = [&](InputError&& warning) { note_warning(warning); };
        handlers.on_progress = progress;

        ++stats_.files;
        try {
            read_input(input, handlers);
        } catch (const StopIngest&) {
            stats_.aborted = true;
        } catch (const WriterFailed& failed) {
            throw failed.error;
        } catch (const Error& e) {
            // The file itself is unusable or ends early; what was read before is kept.
            if (e.code() != ErrorCode::io_error && e.code() != ErrorCode::invalid_input) throw;
            ++stats_.failed_files;
            if (!note_error(file_error(input, e))) stats_.aborted = true;
        }
        stats_.bytes += consumed;
        done_before += input.size_bytes;
        if (stats_.aborted) return false;
    }
    return true;
}

void Ingest::remove(const std::vector<std::string>& ids) {
    for (const auto& id : ids) writer_.remove(id);
}

void Ingest::finish() {
    writer_.commit();
}

const IngestStats& Ingest::stats() const {
    // The writer counts what it did; this job's share is what changed since it started.
    const WriteCounts now = writer_.counts();
    stats_.added = now.added - base_.added;
    stats_.updated = now.updated - base_.updated;
    stats_.deleted = now.deleted - base_.deleted;
    stats_.not_found = now.not_found - base_.not_found;
    return stats_;
}

std::vector<std::string> read_id_file(const std::string& path) {
    auto source = detail::open_byte_source(path);
    detail::LineReader lines(*source, 1 << 20);
    std::vector<std::string> ids;
    std::string line;
    bool too_long = false;
    while (lines.next(line, too_long)) {
        std::string id = detail::trim(line);
        if (id.empty() || id[0] == '#') continue;
        ids.push_back(std::move(id));
    }
    return ids;
}

} // namespace gazette

// CSV (RFC 4180): a header row names the fields; quoted fields may hold commas, doubled quotes
// and newlines. A broken record is reported at its first line and reading resumes right after
// that line, so one stray quote cannot swallow the rest of the file.

#include "ingest/article_fields.hpp"
#include "ingest/readers.hpp"
#include "util/text_util.hpp"

#include <deque>
#include <optional>
#include <vector>

namespace gazette::detail {

namespace {

struct PhysicalLine {
    std::string text;
    std::uint64_t number;
};

class CsvRecords {
  public:
    CsvRecords(ByteSource& source) : lines_(source, max_record_bytes) {}

    struct Record {
        std::vector<std::string> fields;
        std::uint64_t line = 0;
        std::string error; ///< non-empty when the record is malformed
    };

    /// The next record, or nothing at the end of the input.
    std::optional<Record> next() {
        PhysicalLine first;
        if (!take(first)) return std::nullopt;
        Record record;
        record.line = first.number;
        std::vector<PhysicalLine> consumed{first};
        std::size_t bytes = first.text.size();

        std::string field;
        bool quoted = false;     // inside a quoted field
        bool was_quoted = false; // current field was quoted and has been closed
        std::size_t line_index = 0;
        std::size_t i = 0;
        for (;;) {
            const std::string& text = consumed[line_index].text;
            if (i >= text.size()) {
                if (!quoted) break;
                // The quoted field continues on the next physical line.
                PhysicalLine more;
                if (!take(more) || bytes + more.text.size() > max_record_bytes) {
                    if (bytes + more.text.size() > max_record_bytes) pending_.push_front(std::move(more));
                    return fail(record, consumed, "quoted field is never closed");
                }
                bytes += more.text.size();
                consumed.push_back(std::move(more));
                ++line_index;
                i = 0;
                field += '\n';
                continue;
            }
            const char ch = text[i++];
            if (quoted) {
                if (ch != '"') {
                    field += ch;
                } else if (i < text.size() && text[i] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                    was_quoted = true;
                }
            } else if (ch == ',') {
                record.fields.push_back(std::move(field));
                field.clear();
                was_quoted = false;
            } else if (was_quoted) {
                return fail(record, consumed, "unexpected character after a closing quote");
            } else if (ch == '"') {
                if (!field.empty()) return fail(record, consumed, "quote inside an unquoted field");
                quoted = true;
            } else {
                field += ch;
            }
        }
        record.fields.push_back(std::move(field));
        return record;
    }

  private:
    bool take(PhysicalLine& out) {
        if (!pending_.empty()) {
            out = std::move(pending_.front());
            pending_.pop_front();
            return true;
        }
        bool too_long = false;
        if (!lines_.next(out.text, too_long)) return false;
        out.number = lines_.line_number();
        return true;
    }

    // Reports the record as broken and puts back every line after its first, to be read again.
    Record fail(Record& record, std::vector<PhysicalLine>& consumed, const std::string& why) {
        for (std::size_t k = consumed.size(); k-- > 1;) pending_.push_front(std::move(consumed[k]));
        record.fields.clear();
        record.error = why;
        return record;
    }

    LineReader lines_;
    std::deque<PhysicalLine> pending_;
};

bool is_blank(const std::vector<std::string>& fields) {
    return fields.size() == 1 && trim(fields[0]).empty();
}

} // namespace

void read_csv(ByteSource& source, const std::string& name, const InputHandlers& handlers, const FieldNames& names) {
    CsvRecords records(source);
    std::vector<std::optional<ArticleField>> columns;
    std::vector<std::string> column_names;
    auto header = records.next();
    while (header && (is_blank(header->fields) && header->error.empty())) header = records.next();
    if (!header) return;
    if (!header->error.empty()) {
        handlers.on_error({location(name, header->line), "bad header row: " + header->error});
        return;
    }
    for (auto& column : header->fields) {
        std::string n = trim(column);
        if (n.rfind("\xEF\xBB\xBF", 0) == 0) n.erase(0, 3);
        columns.push_back(names.field(n));
        column_names.push_back(n);
    }

    while (auto record = records.next()) {
        const std::string where = location(name, record->line);
        if (!record->error.empty()) {
            handlers.on_error({where, record->error});
            continue;
        }
        if (is_blank(record->fields)) continue;
        if (record->fields.size() != columns.size()) {
            handlers.on_error({where, "expected " + std::to_string(columns.size()) +
                                          " fields (as in the header), found " +
                                          std::to_string(record->fields.size())});
            continue;
        }
        InputRecord input;
        input.location = where;
        std::string time_of_day;
        for (std::size_t k = 0; k < columns.size(); ++k) {
            if (!columns[k]) {
                if (!record->fields[k].empty()) input.ignored_fields.push_back(column_names[k]);
                continue;
            }
            if (*columns[k] == ArticleField::time)
                time_of_day = record->fields[k];
            else
                assign_list_cell(input.article, *columns[k], record->fields[k]);
        }
        if (!time_of_day.empty()) merge_time_of_day(input.article, time_of_day);
        handlers.on_record(std::move(input));
        if (handlers.on_progress) handlers.on_progress(source.consumed());
    }
}

} // namespace gazette::detail

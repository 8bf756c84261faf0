#include "index_command.hpp"

#include "interrupt.hpp"
#include "progress_bar.hpp"

#include <gazette/gazette.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace gazette::cli {

namespace {

// Prints the first errors to stderr and all of them to the optional log file.
class ErrorReporter {
  public:
    ErrorReporter(const IndexOptions& options, ProgressBar& bar)
        : show_(options.show_errors), log_path_(options.error_log), bar_(bar) {
        if (!options.error_log.empty()) {
            log_.open(options.error_log);
            if (!log_) throw Error(ErrorCode::io_error, options.error_log + ": cannot write the error log");
        }
    }
    void report(const InputError& error) { print(error, ""); }
    void warn(const InputError& error) { print(error, "warning: "); }
    void finish() const {
        if (count_ <= show_) return;
        const auto more = static_cast<unsigned long long>(count_ - show_);
        if (log_.is_open())
            std::fprintf(stderr, "... and %llu more (all of them are in %s)\n", more, log_path_.c_str());
        else
            std::fprintf(stderr, "... and %llu more (--error-log FILE keeps them all)\n", more);
    }

  private:
    void print(const InputError& error, const char* kind) {
        const std::string where = error.location.empty() ? std::string() : error.location + ": ";
        const std::string line = where + kind + error.message;
        if (log_.is_open()) log_ << line << '\n';
        if (++count_ <= show_) {
            bar_.clear();
            std::fprintf(stderr, "%s\n", line.c_str());
        }
    }

    std::size_t show_;
    std::string log_path_;
    std::uint64_t count_ = 0;
    ProgressBar& bar_;
    std::ofstream log_;
};

void print_summary(const IngestStats& stats, double seconds, std::uint64_t documents, bool quiet) {
    if (quiet) return;
    const auto n = [](std::uint64_t v) { return static_cast<unsigned long long>(v); };
    const double indexed = static_cast<double>(stats.added + stats.updated);
    std::printf("added %llu, updated %llu, deleted %llu, skipped %llu in %.2f s (%.0f docs/s); the index holds "
                "%llu article%s\n",
                n(stats.added), n(stats.updated), n(stats.deleted), n(stats.skipped), seconds,
                seconds > 0 ? indexed / seconds : 0.0, n(documents), documents == 1 ? "" : "s");
    if (stats.warnings > 0)
        std::printf("warnings: %llu (articles kept without an unreadable date: %llu)\n", n(stats.warnings),
                    n(stats.undated));
    if (stats.not_found > 0) std::printf("ids to delete that were not indexed: %llu\n", n(stats.not_found));
    if (stats.failed_files > 0) std::printf("files not read to the end: %llu\n", n(stats.failed_files));
    if (!stats.ignored_fields.empty()) {
        std::string fields;
        for (const auto& [name, count] : stats.ignored_fields)
            fields += (fields.empty() ? "" : ", ") + name + " (" + std::to_string(count) + ")";
        std::printf("ignored unknown fields: %s\n", fields.c_str());
    }
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out.empty() ? "none" : out;
}

// Retention first, so that nothing about to be deleted is compacted.
void run_lifecycle(IndexWriter& writer, const IndexOptions& options) {
    if (!options.drop_older_than.empty()) {
        const auto dropped = writer.drop_partitions(options.drop_older_than);
        if (!options.quiet) std::printf("dropped partitions: %s\n", joined(dropped).c_str());
    }
    if (!options.seal_older_than.empty()) {
        const auto sealed = writer.seal_partitions(options.seal_older_than);
        if (!options.quiet) std::printf("sealed partitions: %s\n", joined(sealed).c_str());
    }
    if (options.list_partitions)
        for (const auto& p : writer.partitions())
            std::printf("%-8s %10llu articles%s\n", p.name.c_str(), static_cast<unsigned long long>(p.documents),
                        p.sealed ? "  sealed" : "");
}

bool progress_enabled(const IndexOptions& options) {
    if (options.quiet || options.progress == ProgressMode::never) return false;
    return options.progress == ProgressMode::always || ::isatty(STDERR_FILENO);
}

} // namespace

int run_index(const IndexOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    ProgressBar bar(stderr, progress_enabled(options));
    try {
        // Check every input and id file before taking the index lock.
        std::vector<std::string> notes;
        auto inputs = collect_inputs(options.inputs, options.format, &notes);
        if (!options.quiet)
            for (const auto& note : notes) std::fprintf(stderr, "gazette-index: %s\n", note.c_str());
        for (auto& input : inputs) {
            input.encoding = options.encoding;
            input.field_map = options.field_map;
            input.html = options.html;
        }
        std::vector<std::string> ids = options.delete_ids;
        for (const auto& file : options.delete_files) {
            const auto more = read_id_file(file);
            ids.insert(ids.end(), more.begin(), more.end());
        }

        WriterOptions writer_options;
        writer_options.batch_size = options.batch_size;
        writer_options.threads = options.threads;
        writer_options.language = options.language;
        writer_options.stopwords = options.stopwords;
        writer_options.detect_languages = options.detect_languages;
        writer_options.partition = options.partition;
        writer_options.rebuild = options.rebuild;
        std::string synonyms;
        if (!options.synonyms_file.empty()) {
            std::ifstream in(options.synonyms_file);
            if (!in) throw Error(ErrorCode::io_error, options.synonyms_file + ": cannot open");
            synonyms.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        report_interrupts();
        IndexWriter writer(options.db, writer_options);
        set_interrupt_message(
            writer.bulk() ? "gazette-index: interrupted: a new index is built all at once, so it is still empty; "
                            "running the same command again starts over\n"
                          : "gazette-index: interrupted: the batches committed before are kept; running the same "
                            "command again completes the job\n");
        if (!options.synonyms_file.empty()) {
            try {
                writer.set_synonyms(synonyms);
            } catch (const Error& e) {
                throw Error(e.code(), options.synonyms_file + ": " + e.what());
            }
        }

        ErrorReporter errors(options, bar);
        IngestObserver observer;
        observer.on_error = [&](const InputError& e) { errors.report(e); };
        observer.on_warning = [&](const InputError& e) { errors.warn(e); };
        observer.on_progress = [&](const IngestProgress& p) { bar.update(p.records, p.bytes_done, p.bytes_total); };
        IngestOptions ingest_options;
        ingest_options.max_errors = options.max_errors;
        Ingest ingest(writer, ingest_options, observer);

        const bool completed = ingest.add(inputs);
        if (completed) ingest.remove(ids);
        ingest.finish();
        bar.clear();
        errors.finish();

        // The lifecycle first: the summary counts what the index holds once partitions are dropped.
        if (completed) run_lifecycle(writer, options);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        print_summary(ingest.stats(), seconds, writer.document_count(), options.quiet);
        if (!completed) {
            std::fprintf(stderr,
                         "gazette-index: stopped after %llu errors (--max-errors); what was read before is indexed\n",
                         static_cast<unsigned long long>(ingest.stats().errors()));
            return exit_failed;
        }
        return ingest.stats().errors() > 0 ? exit_rejected : exit_ok;
    } catch (const Error& e) {
        bar.clear();
        std::fprintf(stderr, "gazette-index: %s\n", e.what());
        return exit_failed;
    }
}

} // namespace gazette::cli

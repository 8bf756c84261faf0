#include <gazette/error.hpp>
#include <gazette/index_writer.hpp>

#include "analysis/analyzer.hpp"
#include "analysis/synonyms.hpp"
#include "index/archive_layout.hpp"
#include "index/archive_writer.hpp"
#include "index/article_document.hpp"
#include "index/bulk_build.hpp"
#include "index/document_mapper.hpp"
#include "index/index_lock.hpp"
#include "index/schema.hpp"
#include "index/stored_article.hpp"
#include "index/story.hpp"
#include "util/dates.hpp"
#include "util/disk_space.hpp"
#include "util/fsync_dir.hpp"
#include "util/xapian_errors.hpp"

#include <filesystem>
#include <optional>
#include <system_error>

namespace gazette {

namespace {

Xapian::WritableDatabase open_writable(const std::string& path) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) throw Error(ErrorCode::io_error, path + ": cannot create the index directory: " + ec.message());
    return detail::with_xapian_errors(
        path, [&] { return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS); });
}

unsigned bulk_threads(const WriterOptions& options) {
    return detail::bulk_threads(options.threads);
}

WriteCounts operator+(const WriteCounts& a, const WriteCounts& b) {
    return {a.added + b.added, a.updated + b.updated, a.deleted + b.deleted, a.not_found + b.not_found};
}

// One index: batches committed to it as they fill up, or a bulk build when it is new.
class SingleIndexWriter final : public detail::WriterBackend {
  public:
    std::string path;
    detail::IndexLock lock; ///< before anything touches the index or its side directories
    std::size_t batch_size;
    bool aside; ///< built beside the path (see recover_then_build_aside())
    Xapian::WritableDatabase db;
    detail::Analyzer analyzer;
    std::optional<detail::DocumentMapper> mapper;
    std::unique_ptr<detail::StoryIndex> stories;
    std::unique_ptr<detail::BulkBuild> bulk_build;
    std::optional<std::string> synonyms; ///< set during a bulk build, written by its commit
    WriteCounts written;                 ///< of the sequential writes and finished bulk builds
    std::size_t pending = 0;
    std::uint64_t pending_text_bytes = 0; ///< article text in the open batch, to size its commit
    std::uint64_t commits_ = 0;
    bool in_transaction = false;

    SingleIndexWriter(const std::string& p, const WriterOptions& options)
        : path(p), lock(p), batch_size(std::max<std::size_t>(1, options.batch_size)),
          aside(recover_then_build_aside(p, options)), db(aside ? settings_only() : open_writable(p)),
          analyzer(settings_for(db, options, p, !aside)) {
        const bool empty = detail::with_xapian_errors(path, [&] { return db.get_doccount() == 0; });
        if (aside || (empty && bulk_threads(options) > 1))
            bulk_build =
                std::make_unique<detail::BulkBuild>(path, analyzer.settings(), bulk_threads(options), batch_size);
        else
            start_sequential();
    }

    /// True when the index is built beside the path and put in place by the first commit: a
    /// rebuild, or a new index built with several threads. Runs the recovery of an interrupted
    /// build first (under the lock, like everything else).
    static bool recover_then_build_aside(const std::string& path, const WriterOptions& options) {
        detail::recover_interrupted_build(path);
        std::error_code ec;
        const bool exists = std::filesystem::exists(std::filesystem::path(path) / "iamglass", ec);
        return options.rebuild || (!exists && bulk_threads(options) > 1);
    }

    // While the index is built aside: a database in memory holding only its settings.
    static Xapian::WritableDatabase settings_only() {
        return Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    }

    void start_sequential() {
        mapper.emplace(analyzer);
        stories = std::make_unique<detail::StoryIndex>(
            [p = path] {
                // One writer, which reports its own commits: everything committed counts.
                return detail::StoryView::whole(Xapian::Database(p, Xapian::DB_BACKEND_GLASS));
            },
            1);
    }

    static detail::AnalysisSettings settings_for(Xapian::WritableDatabase& db, const WriterOptions& options,
                                                 const std::string& path, bool on_disk) {
        return detail::with_xapian_errors(path, [&] {
            detail::check_schema_version(db, path);
            if (!db.get_metadata("gazette.schema_version").empty()) return detail::AnalysisSettings::load(db);
            // A new index: record how it analyses text, durably, before any article.
            detail::AnalysisSettings settings{detail::canonical_language(options.language), options.stopwords,
                                              options.detect_languages};
            if (!detail::has_stemmer(settings.language))
                throw Error(ErrorCode::invalid_argument, "no stemmer for language '" + options.language + "'");
            detail::store_schema(db, settings);
            db.commit();
            if (on_disk) detail::fsync_directory(path);
            return settings;
        });
    }

    void begin_batch() {
        if (in_transaction) return;
        db.begin_transaction(true);
        in_transaction = true;
    }

    void changed() {
        ++pending;
        if (pending >= batch_size) commit();
    }

    void upsert(const Article& article) override {
        if (bulk_build) {
            bulk_build->upsert(article);
            return;
        }
        detail::with_xapian_errors(path, [&] {
            const std::string term = detail::id_term(article.id);
            begin_batch();
            const auto built = detail::article_document(article, *mapper, *stories);
            const bool existed = db.term_exists(term);
            db.replace_document(term, built.document);
            ++(existed ? written.updated : written.added);
            pending_text_bytes += article.title.size() + article.summary.size() + article.body.size();
            stories->remember(article.id, built.signature, built.published, built.story, 0,
                              written.added + written.updated);
            changed();
        });
    }

    void remove(const std::string& id) override {
        if (bulk_build) {
            bulk_build->remove(id);
            return;
        }
        detail::with_xapian_errors(path, [&] {
            const std::string term = detail::id_term(id);
            if (!db.term_exists(term)) {
                ++written.not_found;
                return;
            }
            begin_batch();
            db.delete_document(term);
            ++written.deleted;
            changed();
        });
    }

    void commit() override {
        if (bulk_build) {
            finish_bulk();
            return;
        }
        if (!in_transaction) return;
        detail::require_free_space(path, detail::commit_space_needed(pending_text_bytes, detail::directory_size(path)));
        detail::with_xapian_errors(path, [&] {
            db.set_metadata(detail::metadata_updated_at, detail::format_utc(detail::current_unix_seconds()));
            db.commit_transaction();
        });
        in_transaction = false;
        pending = 0;
        pending_text_bytes = 0;
        ++commits_;
        detail::fsync_directory(path);
        detail::with_xapian_errors(path, [&] { stories->committed(0, written.added + written.updated); });
    }

    // Compacts the shards into a new index, puts it in place of the (empty) target, and goes on
    // writing to it directly.
    void finish_bulk() {
        const std::string output = detail::bulk_output_dir(path);
        std::error_code ec;
        std::filesystem::remove_all(output, ec);
        bulk_build->compact_into(output);
        const WriteCounts built = bulk_build->counts();
        detail::with_xapian_errors(path, [&] { db.close(); });
        detail::replace_index(path, output);
        bulk_build.reset();
        written = written + built;
        ++commits_;
        db = open_writable(path);
        start_sequential();
        // Metadata the shards do not carry: the update time, synonyms set during the build.
        detail::with_xapian_errors(path, [&] {
            if (synonyms) db.set_metadata(detail::metadata_synonyms, *synonyms);
            db.set_metadata(detail::metadata_updated_at, detail::format_utc(detail::current_unix_seconds()));
            db.commit();
        });
        detail::fsync_directory(path);
        synonyms.reset();
    }
    void set_synonyms(const std::string& canonical) override {
        if (bulk_build) {
            synonyms = canonical;
            return;
        }
        detail::with_xapian_errors(path, [&] {
            begin_batch();
            db.set_metadata(detail::metadata_synonyms, canonical);
            changed();
        });
    }

    WriteCounts counts_so_far() const { return bulk_build ? written + bulk_build->counts() : written; }
    WriteCounts counts() const override { return counts_so_far(); }

    std::uint64_t document_count() const override {
        if (bulk_build) {
            const WriteCounts c = counts_so_far();
            return c.added - std::min(c.added, c.deleted);
        }
        return detail::with_xapian_errors(path, [&] { return db.get_doccount(); });
    }

    std::size_t pending_changes() const override {
        return bulk_build ? static_cast<std::size_t>(bulk_build->changes()) : pending;
    }
    std::uint64_t commits() const override { return commits_; }
    bool bulk() const override { return bulk_build != nullptr; }

    void abandon() noexcept override {
        bulk_build.reset(); // an unfinished bulk build is discarded
        try {
            if (in_transaction) db.cancel_transaction();
            db.close();
        } catch (const Xapian::Error&) {
            // Nothing useful to do; the index stays at its last commit.
        }
    }
};

// A new index is an archive when asked for; an existing one keeps what it is.
std::unique_ptr<detail::WriterBackend> open_backend(const std::string& path, const WriterOptions& options) {
    if (options.rebuild && (detail::is_archive(path) || !options.partition.empty()))
        throw Error(ErrorCode::invalid_argument,
                    path + ": an archive is not rebuilt in place; build a new one beside it and swap the two");
    if (detail::is_archive(path)) return std::make_unique<detail::ArchiveWriter>(path, options);
    if (!options.partition.empty()) {
        if (!detail::parse_partitioning(options.partition))
            throw Error(ErrorCode::invalid_argument,
                        "partition must be month or year, not '" + options.partition + "'");
        std::error_code ec;
        if (std::filesystem::exists(std::filesystem::path(path) / "iamglass", ec))
            throw Error(ErrorCode::invalid_argument, path + ": is a single index; an archive partitioned by " +
                                                         options.partition + " is made in a new directory");
        return std::make_unique<detail::ArchiveWriter>(path, options);
    }
    return detail::open_index_writer(path, options);
}

} // namespace

namespace detail {
std::unique_ptr<WriterBackend> open_index_writer(const std::string& path, const WriterOptions& options) {
    return std::make_unique<SingleIndexWriter>(path, options);
}
} // namespace detail

struct IndexWriter::Impl {
    std::unique_ptr<detail::WriterBackend> backend;
};

IndexWriter::IndexWriter(const std::string& path, const WriterOptions& options)
    : impl_(std::make_unique<Impl>(Impl{open_backend(path, options)})) {}

IndexWriter::~IndexWriter() {
    if (impl_ && impl_->backend) impl_->backend->abandon();
}

IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

void IndexWriter::upsert(const Article& input) {
    impl_->backend->upsert(normalize_article(input));
}

void IndexWriter::remove(const std::string& id) {
    if (id.empty() || id.size() > max_id_bytes)
        throw Error(ErrorCode::invalid_argument, "an id must be 1 to " + std::to_string(max_id_bytes) + " bytes long");
    impl_->backend->remove(id);
}

void IndexWriter::set_synonyms(const std::string& text) {
    impl_->backend->set_synonyms(detail::SynonymMap::parse(text).to_text());
}

void IndexWriter::commit() {
    impl_->backend->commit();
}

WriteCounts IndexWriter::counts() const {
    return impl_->backend->counts();
}

std::uint64_t IndexWriter::document_count() const {
    return impl_->backend->document_count();
}

std::size_t IndexWriter::pending_changes() const {
    return impl_->backend->pending_changes();
}

std::uint64_t IndexWriter::commits() const {
    return impl_->backend->commits();
}

bool IndexWriter::bulk() const {
    return impl_->backend->bulk();
}

bool IndexWriter::archive() const {
    return impl_->backend->archive() != nullptr;
}

namespace {
detail::ArchiveWriter& archive_of(detail::WriterBackend& backend, const char* what) {
    if (auto* archive = backend.archive()) return *archive;
    throw Error(ErrorCode::invalid_argument,
                std::string(what) + " applies to a time-partitioned archive (--partition), not to a single index");
}
} // namespace

std::vector<std::string> IndexWriter::seal_partitions(const std::string& older_than) {
    return archive_of(*impl_->backend, "sealing").seal_older_than(older_than);
}

std::vector<std::string> IndexWriter::drop_partitions(const std::string& older_than) {
    return archive_of(*impl_->backend, "dropping partitions").drop_older_than(older_than);
}

std::vector<PartitionInfo> IndexWriter::partitions() const {
    return archive_of(*impl_->backend, "listing partitions").partitions();
}

} // namespace gazette

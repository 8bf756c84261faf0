#include <gazette/error.hpp>
#include <gazette/index_writer.hpp>

#include "analysis/analyzer.hpp"
#include "analysis/synonyms.hpp"
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
#include <thread>

namespace gazette {

namespace {

Xapian::WritableDatabase open_writable(const std::string& path) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) throw Error(ErrorCode::io_error, path + ": cannot create the index directory: " + ec.message());
    return detail::with_xapian_errors(
        path, [&] { return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS); });
}

unsigned thread_count(const WriterOptions& options) {
    if (options.threads > 0) return options.threads;
    return std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
}

WriteCounts operator+(const WriteCounts& a, const WriteCounts& b) {
    return {a.added + b.added, a.updated + b.updated, a.deleted + b.deleted, a.not_found + b.not_found};
}

} // namespace

struct IndexWriter::Impl {
    std::string path;
    detail::IndexLock lock; ///< before anything touches the index or its side directories
    std::size_t batch_size;
    Xapian::WritableDatabase db;
    detail::Analyzer analyzer;
    std::optional<detail::DocumentMapper> mapper;
    std::unique_ptr<detail::StoryIndex> stories;
    std::unique_ptr<detail::BulkBuild> bulk;
    std::optional<std::string> synonyms; ///< set during a bulk build, written by its commit
    WriteCounts counts;                  ///< of the sequential writes and finished bulk builds
    std::size_t pending = 0;
    std::uint64_t pending_text_bytes = 0; ///< article text in the open batch, to size its commit
    std::uint64_t commits = 0;
    bool in_transaction = false;

    Impl(const std::string& p, const WriterOptions& options)
        : path(p), lock(p), batch_size(std::max<std::size_t>(1, options.batch_size)), db(open_after_recovery(p)),
          analyzer(settings_for(db, options, p)) {
        const bool empty = detail::with_xapian_errors(path, [&] { return db.get_doccount() == 0; });
        if (empty && thread_count(options) > 1)
            bulk = std::make_unique<detail::BulkBuild>(path, analyzer.settings(), thread_count(options), batch_size);
        else
            start_sequential();
    }

    static Xapian::WritableDatabase open_after_recovery(const std::string& path) {
        detail::recover_interrupted_build(path);
        return open_writable(path);
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
                                                 const std::string& path) {
        return detail::with_xapian_errors(path, [&] {
            detail::check_schema_version(db, path);
            if (!db.get_metadata("gazette.schema_version").empty()) return detail::AnalysisSettings::load(db);
            // A new index: record how it analyses text, durably, before any article.
            detail::AnalysisSettings settings{detail::canonical_language(options.language), options.stopwords};
            if (!detail::has_stemmer(settings.language))
                throw Error(ErrorCode::invalid_argument, "no stemmer for language '" + options.language + "'");
            detail::store_schema(db, settings);
            db.commit();
            detail::fsync_directory(path);
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

    void upsert(const Article& article) {
        if (bulk) {
            bulk->upsert(article);
            return;
        }
        detail::with_xapian_errors(path, [&] {
            Xapian::Document doc = mapper->build(article);
            const std::string term = detail::id_term(article.id);
            begin_batch();
            const auto signature = detail::article_signature(article);
            const std::string story = stories->assign(article.id, signature);
            detail::add_story(doc, signature, story);
            detail::store_article(doc, article, story);
            const bool existed = db.term_exists(term);
            db.replace_document(term, doc);
            ++(existed ? counts.updated : counts.added);
            pending_text_bytes += article.title.size() + article.summary.size() + article.body.size();
            stories->remember(article.id, signature, story, 0, counts.added + counts.updated);
            changed();
        });
    }

    void remove(const std::string& id) {
        if (bulk) {
            bulk->remove(id);
            return;
        }
        detail::with_xapian_errors(path, [&] {
            const std::string term = detail::id_term(id);
            if (!db.term_exists(term)) {
                ++counts.not_found;
                return;
            }
            begin_batch();
            db.delete_document(term);
            ++counts.deleted;
            changed();
        });
    }

    void commit() {
        if (bulk) {
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
        ++commits;
        detail::fsync_directory(path);
        detail::with_xapian_errors(path, [&] { stories->committed(0, counts.added + counts.updated); });
    }

    // Compacts the shards into a new index, puts it in place of the (empty) target, and goes on
    // writing to it directly.
    void finish_bulk() {
        const std::string output = detail::bulk_output_dir(path);
        std::error_code ec;
        std::filesystem::remove_all(output, ec);
        bulk->compact_into(output);
        const WriteCounts built = bulk->counts();
        detail::with_xapian_errors(path, [&] { db.close(); });
        detail::replace_index(path, output);
        bulk.reset();
        counts = counts + built;
        ++commits;
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
};

IndexWriter::IndexWriter(const std::string& path, const WriterOptions& options)
    : impl_(std::make_unique<Impl>(path, options)) {}

IndexWriter::~IndexWriter() {
    if (!impl_) return;
    impl_->bulk.reset(); // an unfinished bulk build is discarded
    try {
        if (impl_->in_transaction) impl_->db.cancel_transaction();
        impl_->db.close();
    } catch (const Xapian::Error&) {
        // Nothing useful to do in a destructor; the index stays at its last commit.
    }
}

IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

void IndexWriter::upsert(const Article& input) {
    impl_->upsert(normalize_article(input));
}

void IndexWriter::remove(const std::string& id) {
    if (id.empty() || id.size() > max_id_bytes)
        throw Error(ErrorCode::invalid_argument, "an id must be 1 to " + std::to_string(max_id_bytes) + " bytes long");
    impl_->remove(id);
}

void IndexWriter::set_synonyms(const std::string& text) {
    const std::string canonical = detail::SynonymMap::parse(text).to_text();
    if (impl_->bulk) {
        impl_->synonyms = canonical;
        return;
    }
    detail::with_xapian_errors(impl_->path, [&] {
        impl_->begin_batch();
        impl_->db.set_metadata(detail::metadata_synonyms, canonical);
        impl_->changed();
    });
}

void IndexWriter::commit() {
    impl_->commit();
}

WriteCounts IndexWriter::counts() const {
    return impl_->bulk ? impl_->counts + impl_->bulk->counts() : impl_->counts;
}

std::uint64_t IndexWriter::document_count() const {
    if (impl_->bulk) {
        const WriteCounts c = counts();
        return c.added - std::min(c.added, c.deleted);
    }
    return detail::with_xapian_errors(impl_->path, [&] { return impl_->db.get_doccount(); });
}

std::size_t IndexWriter::pending_changes() const {
    return impl_->bulk ? static_cast<std::size_t>(impl_->bulk->changes()) : impl_->pending;
}

std::uint64_t IndexWriter::commits() const {
    return impl_->commits;
}

bool IndexWriter::bulk() const {
    return impl_->bulk != nullptr;
}

} // namespace gazette

#include <gazette/error.hpp>
#include <gazette/index_writer.hpp>

#include "analyzer.hpp"
#include "dates.hpp"
#include "document_mapper.hpp"
#include "fsync_dir.hpp"
#include "schema.hpp"
#include "story.hpp"
#include "synonyms.hpp"
#include "xapian_errors.hpp"

#include <filesystem>
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

} // namespace

struct IndexWriter::Impl {
    std::string path;
    Xapian::WritableDatabase db;
    detail::Analyzer analyzer;
    detail::DocumentMapper mapper{analyzer};
    detail::StoryIndex stories{path};
    std::size_t batch_size;
    std::size_t pending = 0;
    std::uint64_t commits = 0;
    bool in_transaction = false;

    Impl(const std::string& p, const WriterOptions& options)
        : path(p), db(open_writable(p)), analyzer(settings_for(db, options, p)),
          batch_size(options.batch_size == 0 ? 1 : options.batch_size) {}

    static detail::AnalysisSettings settings_for(Xapian::WritableDatabase& db, const WriterOptions& options,
                                                 const std::string& path) {
        return detail::with_xapian_errors(path, [&] {
            detail::check_schema_version(db, path);
            if (!db.get_metadata("gazette.schema_version").empty()) return detail::AnalysisSettings::load(db);
            // A new index: record how it analyses text, durably, before any article.
            detail::AnalysisSettings settings{detail::canonical_language(options.language), options.stopwords};
            if (!detail::has_stemmer(settings.language))
                throw Error(ErrorCode::invalid_argument, "no stemmer for language '" + options.language + "'");
            settings.store(db);
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

    void commit() {
        if (!in_transaction) return;
        detail::with_xapian_errors(path, [&] {
            db.set_metadata(detail::metadata_updated_at, detail::format_utc(detail::current_unix_seconds()));
            db.commit_transaction();
        });
        in_transaction = false;
        pending = 0;
        ++commits;
        detail::fsync_directory(path);
        detail::with_xapian_errors(path, [&] { stories.committed(); });
    }
};

IndexWriter::IndexWriter(const std::string& path, const WriterOptions& options)
    : impl_(std::make_unique<Impl>(path, options)) {}

IndexWriter::~IndexWriter() {
    if (!impl_) return;
    try {
        if (impl_->in_transaction) impl_->db.cancel_transaction();
        impl_->db.close();
    } catch (const Xapian::Error&) {
        // Nothing useful to do in a destructor; the index stays at its last commit.
    }
}

IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

UpsertOutcome IndexWriter::upsert(const Article& input) {
    const Article article = normalize_article(input);
    return detail::with_xapian_errors(impl_->path, [&] {
        Xapian::Document doc = impl_->mapper.build(article);
        const std::string term = detail::id_term(article.id);
        impl_->begin_batch();
        const auto signature = detail::article_signature(article);
        const std::string story = impl_->stories.assign(article.id, signature);
        detail::add_story(doc, signature, story);
        impl_->stories.remember(article.id, signature, story);
        const bool existed = impl_->db.term_exists(term);
        impl_->db.replace_document(term, doc);
        impl_->changed();
        return existed ? UpsertOutcome::updated : UpsertOutcome::added;
    });
}

bool IndexWriter::remove(const std::string& id) {
    if (id.empty() || id.size() > max_id_bytes)
        throw Error(ErrorCode::invalid_argument, "an id must be 1 to " + std::to_string(max_id_bytes) + " bytes long");
    return detail::with_xapian_errors(impl_->path, [&] {
        const std::string term = detail::id_term(id);
        if (!impl_->db.term_exists(term)) return false;
        impl_->begin_batch();
        impl_->db.delete_document(term);
        impl_->changed();
        return true;
    });
}

void IndexWriter::set_synonyms(const std::string& text) {
    const std::string canonical = detail::SynonymMap::parse(text).to_text();
    detail::with_xapian_errors(impl_->path, [&] {
        impl_->begin_batch();
        impl_->db.set_metadata(detail::metadata_synonyms, canonical);
        impl_->changed();
    });
}

void IndexWriter::commit() {
    impl_->commit();
}

std::uint64_t IndexWriter::document_count() const {
    return detail::with_xapian_errors(impl_->path, [&] { return impl_->db.get_doccount(); });
}

std::size_t IndexWriter::pending_changes() const {
    return impl_->pending;
}

std::uint64_t IndexWriter::commits() const {
    return impl_->commits;
}

} // namespace gazette

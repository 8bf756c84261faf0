#include <gazette/error.hpp>
#include <gazette/searcher.hpp>

#include "analyzer.hpp"
#include "document_mapper.hpp"
#include "query_builder.hpp"
#include "schema.hpp"
#include "xapian_errors.hpp"

#include <algorithm>

namespace gazette {

namespace {

// Deepest result position served; deeper pages cost memory and time for no user benefit.
constexpr std::size_t max_result_window = 100000;
constexpr std::size_t max_page_size = 10000;

Xapian::Database open_readonly(const std::string& path) {
    return detail::with_xapian_errors(path, [&] { return Xapian::Database(path, Xapian::DB_BACKEND_GLASS); });
}

void check_request(const SearchRequest& r) {
    if (r.limit > max_page_size)
        throw Error(ErrorCode::invalid_argument, "limit must be at most " + std::to_string(max_page_size));
    if (r.offset > max_result_window || r.offset + r.limit > max_result_window)
        throw Error(ErrorCode::invalid_argument, "offset + limit must be at most " + std::to_string(max_result_window));
}

} // namespace

struct Searcher::Impl {
    std::string path;
    Xapian::Database db;
    detail::Analyzer analyzer;

    explicit Impl(const std::string& p)
        : path(p), db(open_readonly(p)),
          analyzer(detail::with_xapian_errors(p, [&] { return detail::AnalysisSettings::load(db); })) {}

    // Runs `fn` against the database; if a writer's commit invalidated the revision being read,
    // moves to the new revision and runs it once more.
    template <typename Fn> auto run(Fn&& fn) {
        return detail::with_xapian_errors(path, [&] {
            try {
                return fn();
            } catch (const Xapian::DatabaseModifiedError&) {
                db.reopen();
                return fn();
            }
        });
    }

    SearchHit make_hit(const Xapian::MSetIterator& it, const Xapian::MSet& mset, const SearchRequest& request,
                       bool scored) {
        const Article a = detail::stored_article(it.get_document());
        SearchHit hit;
        hit.id = a.id;
        hit.title = a.title;
        hit.url = a.url;
        hit.source = a.source;
        hit.published = a.published;
        hit.tags = a.tags;
        hit.score = scored ? it.get_weight() : 0.0;
        if (request.snippet_length > 0) {
            const std::string& text = !a.body.empty() ? a.body : !a.summary.empty() ? a.summary : a.title;
            hit.snippet = mset.snippet(text, request.snippet_length, analyzer.stemmer(a.language),
                                       Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                       request.highlight_start, request.highlight_end, "…");
        }
        return hit;
    }

    SearchResults search(const SearchRequest& request) {
        const detail::QueryBuilder builder(db, analyzer);
        const auto built = builder.build(request, detail::current_unix_seconds());
        Xapian::Enquire enquire(db);
        enquire.set_query(built.query);
        const bool by_date = request.sort != SortOrder::relevance || !built.has_text;
        if (by_date) {
            const bool newest_first = request.sort != SortOrder::oldest;
            enquire.set_sort_by_value_then_relevance(detail::slot(detail::Slot::published), newest_first);
        }
        // Ties (equal scores or dates) fall back to document order: stable across runs.
        enquire.set_docid_order(Xapian::Enquire::ASCENDING);

        const auto check_at_least =
            static_cast<Xapian::doccount>(std::max(request.exact_total_up_to, request.offset + request.limit));
        const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                                   static_cast<Xapian::doccount>(request.limit), check_at_least);
        SearchResults results;
        results.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
        results.total = results.total_exact ? mset.get_matches_estimated() : mset.get_matches_lower_bound();
        results.hits.reserve(mset.size());
        for (auto it = mset.begin(); it != mset.end(); ++it)
            results.hits.push_back(make_hit(it, mset, request, built.has_text));
        return results;
    }
};

Searcher::Searcher(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) {
    check_request(request);
    return impl_->run([&] { return impl_->search(request); });
}

std::optional<Article> Searcher::get(const std::string& id) {
    if (id.empty() || id.size() > max_id_bytes) return std::nullopt;
    return impl_->run([&]() -> std::optional<Article> {
        const std::string term = detail::id_term(id);
        auto posting = impl_->db.postlist_begin(term);
        if (posting == impl_->db.postlist_end(term)) return std::nullopt;
        return detail::stored_article(impl_->db.get_document(*posting));
    });
}

bool Searcher::refresh() {
    return detail::with_xapian_errors(impl_->path, [&] { return impl_->db.reopen(); });
}

std::uint64_t Searcher::document_count() {
    return impl_->run([&] { return static_cast<std::uint64_t>(impl_->db.get_doccount()); });
}

} // namespace gazette

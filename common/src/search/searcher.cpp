#include <gazette/error.hpp>
#include <gazette/searcher.hpp>

#include "analysis/analyzer.hpp"
#include "analysis/stopwords.hpp"
#include "analysis/synonyms.hpp"
#include "index/archive_layout.hpp"
#include "index/document_mapper.hpp"
#include "index/schema.hpp"
#include "index/stored_article.hpp"
#include "index/story.hpp"
#include "search/cursor.hpp"
#include "search/facets.hpp"
#include "search/freshness.hpp"
#include "search/phrase_snippet.hpp"
#include "search/query_builder.hpp"
#include "search/ranking_weight.hpp"
#include "search/shard_set.hpp"
#include "search/suggest.hpp"
#include "search/term_weights.hpp"
#include "search/version_watch.hpp"
#include "util/text_util.hpp"
#include "util/xapian_errors.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace gazette {

namespace {

// Spelling suggestions are looked for when a search finds fewer results than this.
constexpr std::uint64_t suggest_below = 10;

// With freshness, the top of the relevance ranking is re-scored; this many results at least,
// so a much newer article a little further down can still rise to the first page.
constexpr std::size_t freshness_window = 200;

Xapian::Database open_readonly(const std::string& path) {
    return detail::with_xapian_errors(path, [&] { return detail::open_for_reading(path); });
}

Xapian::Database open_watched(detail::VersionWatch& version, const std::string& path) {
    version.arm();
    return open_readonly(path);
}

void check_request(const SearchRequest& r, const SearchLimits& limits) {
    if (r.limit > limits.max_page_size)
        throw Error(ErrorCode::invalid_argument, "limit must be at most " + std::to_string(limits.max_page_size));
    if (r.cursor.empty() && (r.offset > limits.max_result_window || r.offset + r.limit > limits.max_result_window))
        throw Error(ErrorCode::invalid_argument, "offset + limit must be at most " +
                                                     std::to_string(limits.max_result_window) +
                                                     "; use the cursor to page further by date");
    if (r.fresh_weight < 0 || r.fresh_weight > 100)
        throw Error(ErrorCode::invalid_argument, "fresh_weight must be between 0 and 100");
}

// Relevance needs a query; without one the only meaningful order is by date.
SortOrder effective_sort(const SearchRequest& request, bool has_text) {
    return request.sort == SortOrder::relevance && !has_text ? SortOrder::newest : request.sort;
}

// One matched document on its way to becoming a hit.
struct Ranked {
    Xapian::MSetIterator it;
    Xapian::Document doc; ///< not fetched (document number 0) when the hit came as the sort key
    /// The hit's value: the match's sort key over remote parts, else read ahead in document
    /// order (read_hit_values); empty when neither (related articles read it from `doc`).
    std::optional<std::string> hit_value;
    double text_score;
    double freshness;
    std::optional<detail::UnixSeconds> published;
    double score() const { return text_score * freshness; }
};

// A search's time limit (SearchLimits::search_timeout), checked between its stages; the match
// itself is bounded by Xapian's own time limit.
class Deadline {
  public:
    explicit Deadline(std::chrono::milliseconds limit) : limit_(limit), start_(std::chrono::steady_clock::now()) {}
    bool set() const { return limit_.count() > 0; }
    double remaining_seconds() const {
        const auto left = limit_ - (std::chrono::steady_clock::now() - start_);
        return std::max(0.001, std::chrono::duration<double>(left).count());
    }
    void check() const {
        if (set() && std::chrono::steady_clock::now() - start_ > limit_)
            throw Error(ErrorCode::timeout,
                        "the search took longer than its limit of " + std::to_string(limit_.count()) + " ms");
    }

  private:
    std::chrono::milliseconds limit_;
    std::chrono::steady_clock::time_point start_;
};

// Runs `read`, which opens what it reads itself, again when a commit overtook it: Xapian reports
// that as DatabaseModifiedError, or as corruption when a block was rewritten under the read.
// A real corruption fails every attempt.
template <typename Fn> auto retry_overtaken(Fn&& read, int attempts) {
    for (int attempt = 1;; ++attempt) {
        try {
            return read();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == attempts) throw;
        } catch (const Xapian::DatabaseCorruptError&) {
            if (attempt == attempts) throw;
        }
    }
}

std::optional<detail::UnixSeconds> published_of(const Xapian::Document& doc) {
    const std::string value = doc.get_value(detail::slot(detail::Slot::published));
    if (value.empty()) return std::nullopt;
    return static_cast<detail::UnixSeconds>(Xapian::sortable_unserialise(value));
}

} // namespace

struct Searcher::Impl {
    std::string path;
    SearchLimits limits;
    detail::VersionWatch version; // before db: armed before the database reads its revision
    /// A sharded index (a stub listing remote parts, or a stub file given as the path): its
    /// parts, opened one by one. Otherwise nothing, and `db` is the index at the path.
    std::unique_ptr<detail::ShardSet> shards;
    Xapian::Database db;
    // Rebuilt when the index at the path is replaced by another one (adopt()).
    std::optional<detail::Analyzer> analyzer;
    std::string synonyms_text;
    detail::SynonymMap synonyms;
    std::optional<detail::QueryBuilder> builder;
    std::shared_ptr<detail::LengthNormTable> length_norms = std::make_shared<detail::LengthNormTable>();

    Impl(const std::string& p, const SearchLimits& l, std::shared_ptr<ShardMonitor> monitor)
        : path(p), limits(l), version(p) {
        detail::with_xapian_errors(p, [&] {
            if (detail::is_sharded(p)) {
                shards = std::make_unique<detail::ShardSet>(
                    detail::stub_file_of(p), monitor ? std::move(monitor) : std::make_shared<ShardMonitor>());
                open_shards();
                return;
            }
            retry_overtaken(
                [&] {
                    std::string stub = stub_text();
                    const auto revision = archive_revision_before_opening();
                    Xapian::Database fresh = open_watched(version, p);
                    adopt(fresh, fresh);
                    listed = std::move(stub);
                    keep_archive_revision(revision);
                },
                max_attempts);
        });
    }

    // Takes `fresh` as the database to read, with the analysis settings and synonyms that
    // `settings` holds (the database itself, or one part of a sharded index). Nothing changes
    // if they cannot be read.
    void adopt(Xapian::Database fresh, const Xapian::Database& settings) {
        detail::check_schema_version(settings, path);
        detail::Analyzer fresh_analyzer(detail::AnalysisSettings::load(settings));
        builder.reset();
        db = std::move(fresh);
        settings_db = settings;
        analyzer.emplace(std::move(fresh_analyzer));
        synonyms_text.clear();
        synonyms = {};
        load_synonyms();
        builder.emplace(db, *analyzer, limits, synonyms);
    }
    // New commits: synonyms and what queries depend on may have changed.
    void index_changed() {
        load_synonyms();
        if (builder) builder->index_changed();
    }
    Xapian::Database settings_db; ///< where settings, synonyms and the update time are read
    std::string listed;           ///< the stub file's text when `db` was opened ("" if none)

    std::string stub_text() const {
        std::ifstream in(detail::stub_path(path));
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }

    // Opens the parts of a sharded index that are up.
    void open_shards() {
        shards->open();
        const Xapian::Database* settings = shards->settings();
        if (!settings) {
            throw Error(ErrorCode::unavailable,
                        path + ": no part of the index can be reached (" + failed_names() + ")");
        }
        adopt(shards->database(), *settings);
    }

    // Synonyms live in the index metadata; re-read them when a commit changed them.
    void load_synonyms() {
        std::string text = settings_db.get_metadata(detail::metadata_synonyms);
        if (text == synonyms_text) return;
        synonyms = detail::SynonymMap::parse(text);
        synonyms_text = std::move(text);
    }

    // Moves to the index now at the path: its latest revision, or, if another index took its
    // place (moved in, rebuilt in place: a different UUID), that one from scratch. Xapian's
    // reopen() alone would keep reading the old files, since a rebuilt index can have the same
    // revision number.
    bool move_to_latest() {
        if (shards) {
            shards->refreshed();
            const bool changed = db.reopen();
            if (changed) index_changed();
            return changed;
        }
        version.arm();
        std::string stub = stub_text();
        const auto revision = archive_revision_before_opening();
        Xapian::Database fresh = detail::open_for_reading(path);
        // A stub that lists other databases: a new partition, or a replica that xapian-replicate
        // copied whole (replica_1 -> replica_2, with the same UUID). reopen() would go on reading
        // the databases listed before.
        if (fresh.get_uuid() != db.get_uuid() || stub != listed) {
            adopt(fresh, fresh);
            listed = std::move(stub);
            keep_archive_revision(revision);
            return true;
        }
        const bool changed = db.reopen();
        if (changed) index_changed();
        keep_archive_revision(revision);
        return changed;
    }

    // Runs `fn` against the database. If a writer's commits invalidated the revision being read,
    // moves to the newest revision and runs it again: once is almost always enough; a writer
    // committing every few milliseconds while the machine is busy can overtake a search several
    // times in a row. A read overtaken by commits can also find a block rewritten under it,
    // which Xapian reports as corruption, or stored data that no longer decodes: retried the
    // same way. A really damaged index fails every attempt, quickly, and is reported as such.
    template <typename Fn> auto run(Fn&& fn) {
        return detail::with_xapian_errors(path, [&] {
            bool reopen = false;
            int network_errors = 0;
            for (int attempt = 1;; ++attempt) {
                try {
                    // A part went down or came back, or a network error left the set unusable.
                    if (shards && (shards_broken || shards->stale())) {
                        shards_broken = true;
                        open_shards();
                        shards_broken = false;
                    }
                    if (reopen) move_to_latest(); // overtaken too, it fails like the read
                    return fn();
                } catch (const Xapian::NetworkError& e) {
                    // A part failed: it is left out (or reconnected) and the search runs again
                    // on the others. Every part can fail at most once in a row here.
                    if (shards) shards_broken = true;
                    if (!shards || !shards->take_failure(e) || ++network_errors > max_network_retries()) throw;
                    open_shards();
                    --attempt;
                    continue;
                } catch (const Xapian::DatabaseModifiedError&) {
                    if (attempt == max_attempts) throw;
                } catch (const Xapian::DatabaseCorruptError&) {
                    if (attempt == max_attempts) throw;
                } catch (const Error& e) {
                    if (e.code() != ErrorCode::database_corrupt || attempt == max_attempts) throw;
                }
                reopen = true;
            }
        });
    }
    static constexpr int max_attempts = 20;

    // The revision being read. An archive's is that of its "meta" part, which every commit of
    // the archive commits (a database of several parts has no revision of its own). It is read
    // before the archive is opened or reopened, so the view is never older than the revision
    // said: results cached under it are never staler than it.
    std::uint64_t revision_now() {
        if (shards) return shards->revision();
        if (!archive_with_meta) return static_cast<std::uint64_t>(db.get_revision());
        return archive_revision;
    }
    // The meta part's revision now (nothing if the path is not an archive); call it before
    // opening or reopening, and keep it (archive_revision) once that succeeded.
    std::optional<std::uint64_t> archive_revision_before_opening() const {
        std::error_code ec;
        const std::string meta = path + "/" + std::string(detail::meta_partition);
        if (!std::filesystem::exists(meta + "/iamglass", ec)) return std::nullopt;
        return static_cast<std::uint64_t>(Xapian::Database(meta, Xapian::DB_BACKEND_GLASS).get_revision());
    }
    void keep_archive_revision(std::optional<std::uint64_t> revision) {
        archive_with_meta = revision.has_value();
        archive_revision = revision.value_or(0);
    }
    bool archive_with_meta = false;
    std::uint64_t archive_revision = 0;
    bool shards_broken = false; ///< a network error left the open parts mid-exchange
    int max_network_retries() const { return static_cast<int>(shards ? shards->info().total : 0) + 1; }

    // Reads, from a handle opened for it, a little of every table a search uses: the posting
    // lists, the first and last documents' data, values and terms. This handle's own cached
    // blocks would hide damage done to the files since they were read.
    void probe() {
        if (shards) { // every part up answers (or is left out); none up is an error
            (void)db.reopen();
            (void)db.get_doccount();
            return;
        }
        retry_overtaken([&] { probe_once(); }, max_attempts);
    }
    void probe_once() const {
        const Xapian::Database fresh = detail::open_for_reading(path);
        auto first = fresh.postlist_begin("");
        if (first == fresh.postlist_end("")) return;
        for (const Xapian::docid id : {*first, fresh.get_lastdocid()}) {
            Xapian::Document doc;
            try {
                doc = fresh.get_document(id);
            } catch (const Xapian::DocNotFoundError&) {
                continue; // the last document number was deleted
            }
            (void)doc.get_data();
            (void)doc.get_value(detail::slot(detail::Slot::hit));
            for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
                (void)fresh.get_termfreq(*term);
                break;
            }
        }
    }

    SearchHit make_hit(const Ranked& r, const Xapian::MSet& mset, const SearchRequest& request, bool scored,
                       detail::UnixSeconds now, const detail::PhraseSnippets* phrases = nullptr) {
        // Over remote parts the hit's fields come with the match (as its sort key); the document,
        // one round trip each, only when more than those is needed.
        Xapian::Document doc = r.doc;
        const auto document = [&]() -> const Xapian::Document& {
            if (doc.get_docid() == 0) doc = r.it.get_document();
            return doc;
        };
        detail::StoredHit a = r.hit_value ? detail::decode_hit(*r.hit_value) : detail::stored_hit(doc);
        // Indexes written before the field limits may hold longer fields: hits stay bounded.
        detail::truncate_utf8(a.title, FieldLimits::title);
        detail::truncate_utf8(a.source, FieldLimits::source);
        if (a.url.size() > FieldLimits::url) a.url.clear();
        if (a.tags.size() > FieldLimits::list_items) a.tags.resize(FieldLimits::list_items);
        for (auto& tag : a.tags) detail::truncate_utf8(tag, FieldLimits::list_item);
        SearchHit hit;
        hit.id = std::move(a.id);
        hit.title = std::move(a.title);
        hit.url = std::move(a.url);
        hit.source = std::move(a.source);
        hit.published = std::move(a.published);
        hit.tags = std::move(a.tags);
        hit.score = scored ? r.score() : 0.0;
        hit.story = std::move(a.story);
        hit.language = std::move(a.language);
        if (request.collapse_stories) hit.more_versions = r.it.get_collapse_count();
        // The whole stored article only for snippets (and authors and summary in indexes that
        // do not keep them apart), decompressed once.
        std::optional<detail::StoredLead> lead;
        if (request.with_article_fields) lead = a.lead ? std::move(a.lead) : detail::stored_lead(document());
        std::optional<Article> stored;
        if (request.snippet_length > 0 || (request.with_article_fields && !lead))
            stored = detail::stored_article(document());
        if (request.with_article_fields) {
            if (!lead) lead = detail::StoredLead{stored->authors, stored->summary};
            hit.authors = std::move(lead->authors);
            hit.summary = std::move(lead->summary);
            detail::truncate_utf8(hit.summary, FieldLimits::summary);
            if (hit.authors.size() > FieldLimits::list_items) hit.authors.resize(FieldLimits::list_items);
        }
        if (request.snippet_length > 0) {
            const Article& article = *stored;
            const std::string& text = !article.body.empty()      ? article.body
                                      : !article.summary.empty() ? article.summary
                                                                 : article.title;
            // Without Xapian's background model and exhaustive search: those look up the frequency
            // of every word of the text and made snippets six times slower (bench/README.md),
            // for passages that read the same in our checks.
            // No query word in the text (no query, a match on another field, story:...):
            // Xapian would pick an arbitrary passage; the lead says what the article is about.
            if (scored)
                hit.snippet =
                    mset.snippet(text, request.snippet_length, analyzer->stemmer(article.language),
                                 Xapian::MSet::SNIPPET_CJK_NGRAM, request.highlight_start, request.highlight_end, "…");
            const bool marked = scored && hit.snippet.find(request.highlight_start) != std::string::npos;
            std::optional<std::string> phrase;
            // Xapian marks no word of a phrase of stopwords (it matches by pairs), nor of a
            // phrase that has stopwords (its snippets see the stopwords the index skips).
            if (!marked && phrases)
                phrase = phrases->snippet(text, request.snippet_length, request.highlight_start, request.highlight_end);
            if (phrase)
                hit.snippet = std::move(*phrase);
            else if (!marked)
                hit.snippet = detail::lead_snippet(text, request.snippet_length);
            else
                detail::merge_adjacent_marks(hit.snippet, request.highlight_start, request.highlight_end);
        }
        if (request.explain) {
            ScoreExplanation explanation;
            explanation.text_score = scored ? r.text_score : 0.0;
            explanation.freshness = r.freshness;
            if (r.published) explanation.age_days = static_cast<double>(now - *r.published) / 86400.0;
            hit.explanation = explanation;
        }
        return hit;
    }

    SearchResults search(const SearchRequest& request) {
        const Deadline deadline(limits.search_timeout);
        const std::uint64_t fingerprint = detail::request_fingerprint(request);
        std::optional<detail::Cursor> cursor;
        if (!request.cursor.empty()) cursor = detail::decode_cursor(request.cursor);
        std::optional<detail::UnixSeconds> half_life;
        if (!request.fresh.empty() && !(half_life = detail::parse_duration(request.fresh)))
            throw Error(ErrorCode::invalid_argument,
                        "fresh must be a half-life like 30m, 12h, 7d, 2w, 1M or 1y (m is minutes, M months)");

        const detail::UnixSeconds now = detail::current_unix_seconds();
        const auto built = builder->build(request, now);
        const SortOrder sort = effective_sort(request, built.has_text);
        if (cursor && (cursor->fingerprint != fingerprint || cursor->sort != sort))
            throw Error(ErrorCode::invalid_argument, "the cursor belongs to a different search");
        const bool rescore = half_life && sort == SortOrder::relevance;
        const Xapian::valueno published = detail::slot(detail::Slot::published);

        Xapian::Enquire enquire(db);
        enquire.set_query(built.query);
        // IneB2 beats BM25 (Xapian's default, and Lucene's) and SQLite's bm25 on the classic test
        // collections without any per-collection tuning; see bench/README.md.
        enquire.set_weighting_scheme(*ranking_weight());
        // Date order ties fall back to document order, which makes the (date, docid) key of a
        // cursor exact; relevance ties too, so results are stable across runs.
        enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        if (sort != SortOrder::relevance) enquire.set_sort_by_value(published, sort == SortOrder::newest);
        // A remote part sends a document per round trip, but sends each hit's sort key with the
        // match: ranked by relevance, ties by the hit's fields (the id's length, then the id), the hits
        // come without fetching a document (4.4 -> 0.7 ms for 10 hits over two parts on loopback).
        const bool hits_in_keys = !deciders_work() && sort == SortOrder::relevance;
        if (hits_in_keys) enquire.set_sort_by_relevance_then_value(detail::slot(detail::Slot::hit), false);
        if (request.collapse_stories) enquire.set_collapse_key(detail::slot(detail::Slot::story));
        // Past the limit the match stops early; the whole search then fails below.
        if (deadline.set()) enquire.set_time_limit(deadline.remaining_seconds());

        std::size_t offset = request.offset;
        std::unique_ptr<detail::AfterCursorDecider> after_cursor;
        if (cursor && sort == SortOrder::relevance) {
            offset = cursor->offset;
            if (offset + request.limit > limits.max_result_window)
                throw Error(ErrorCode::invalid_argument, "relevance-ranked results end at position " +
                                                             std::to_string(limits.max_result_window) +
                                                             "; sort by date to page further");
        } else if (cursor && !deciders_work()) {
            offset = cursor->offset; // a decider cannot run on a remote part: page by position
            if (offset + request.limit > limits.max_result_window)
                throw Error(ErrorCode::invalid_argument, "over remote parts, results end at position " +
                                                             std::to_string(limits.max_result_window) +
                                                             "; narrow the search by date to page further");
        } else if (cursor) {
            offset = 0;
            after_cursor = std::make_unique<detail::AfterCursorDecider>(*cursor, published, db);
        }

        // Facets count the whole match set, so a faceted search looks at every match.
        detail::FacetCounter facets(cursor ? std::vector<std::string>{} : request.facets, request.facet_size,
                                    limits.max_facet_size);
        facets.attach(enquire);
        const std::size_t first = rescore ? 0 : offset;
        const std::size_t count =
            rescore ? std::min(std::max(offset + request.limit, freshness_window), limits.max_result_window)
                    : request.limit;
        const Xapian::doccount check_at_least =
            facets.empty() ? static_cast<Xapian::doccount>(std::max(request.exact_total_up_to, first + count))
                           : db.get_doccount();
        const Xapian::MSet mset =
            enquire.get_mset(static_cast<Xapian::doccount>(first), static_cast<Xapian::doccount>(count), check_at_least,
                             nullptr, after_cursor.get());

        deadline.check();
        // Snippets need the stored article, freshness and explain the date: the documents.
        const bool fetch = !hits_in_keys || request.snippet_length > 0 || rescore || request.explain;
        const auto documents = fetch ? documents_of(mset) : std::vector<Xapian::Document>(mset.size());
        std::vector<Ranked> ranked;
        ranked.reserve(mset.size());
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Ranked r{it, documents[ranked.size()], std::nullopt, it.get_weight(), 1.0, std::nullopt};
            if (hits_in_keys) r.hit_value = it.get_sort_key();
            if (rescore || request.explain) r.published = published_of(r.doc);
            if (rescore) r.freshness = detail::freshness_multiplier(r.published, now, *half_life, request.fresh_weight);
            ranked.push_back(r);
        }
        if (rescore) {
            std::stable_sort(ranked.begin(), ranked.end(),
                             [](const Ranked& a, const Ranked& b) { return a.score() > b.score(); });
            const std::size_t begin = std::min(offset, ranked.size());
            const std::size_t end = std::min(offset + request.limit, ranked.size());
            ranked = std::vector<Ranked>(ranked.begin() + static_cast<std::ptrdiff_t>(begin),
                                         ranked.begin() + static_cast<std::ptrdiff_t>(end));
        }

        SearchResults results;
        if (cursor) {
            results.total = cursor->total;
            results.total_exact = cursor->total_exact;
        } else {
            results.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
            results.total = results.total_exact ? mset.get_matches_estimated() : mset.get_matches_lower_bound();
            // Collapsing keeps Xapian's bounds apart even when every possible match was looked at
            // (there are no more than check_at_least); then the lower bound, the stories kept,
            // is the exact count.
            if (!results.total_exact && request.collapse_stories &&
                mset.get_uncollapsed_matches_upper_bound() <= check_at_least)
                results.total_exact = true;
            if (request.collapse_stories &&
                mset.get_uncollapsed_matches_lower_bound() == mset.get_uncollapsed_matches_upper_bound())
                results.total_articles = mset.get_uncollapsed_matches_estimated();
        }
        read_hit_values(ranked);
        results.hits.reserve(ranked.size());
        std::optional<detail::PhraseSnippets> phrases;
        if (request.snippet_length > 0 && !built.phrases.empty()) phrases.emplace(built.phrases);
        for (const auto& r : ranked) {
            deadline.check();
            SearchHit hit =
                make_hit(r, mset, request, built.has_text, now, phrases && !phrases->empty() ? &*phrases : nullptr);
            if (hit.explanation && built.has_text)
                hit.explanation->terms =
                    detail::term_weights(db, built.query, *ranking_weight(), detail::id_term(hit.id));
            results.hits.push_back(std::move(hit));
        }
        results.facets = facets.results();
        if (shards) {
            results.shards = shards->info();
            if (results.partial()) results.total_exact = false; // what the missing parts hold is unknown
        }
        // "Did you mean" is for searches that found little: looking for corrections of a rare
        // word costs many lookups, which a search with plenty of results does not need.
        if (request.suggest && built.has_text && !cursor && results.total < suggest_below) {
            deadline.check();
            results.suggestion = detail::spelling_suggestion(mset, request.query, analyzer->stemmer(request.language),
                                                             analyzer->stopwords(request.language),
                                                             shards && shards->has_remote() ? &db : nullptr);
        }
        results.next_cursor = next_cursor(request, sort, fingerprint, offset, ranked, mset, results, results.truncated);
        return results;
    }

    // Each hit's value is a lookup in the postlist B-tree, whose upper levels Xapian keeps only
    // for the last path taken: read in document order, the hits share them (10 hits: 17 -> 15
    // block reads on Reuters + 20 Newsgroups).
    static void read_hit_values(std::vector<Ranked>& ranked) {
        std::vector<Ranked*> order;
        order.reserve(ranked.size());
        for (auto& r : ranked)
            if (!r.hit_value && r.doc.get_docid() != 0) order.push_back(&r);
        std::sort(order.begin(), order.end(),
                  [](const Ranked* a, const Ranked* b) { return a->doc.get_docid() < b->doc.get_docid(); });
        for (Ranked* r : order) r->hit_value = r->doc.get_value(detail::slot(detail::Slot::hit));
    }

    // The matched documents, in rank order. A remote part sends one document per round trip
    // (Xapian 1.4 does not pipeline them: MSet::fetch() makes no difference), so the parts are
    // asked in parallel. Local documents load lazily, as they are read.
    std::vector<Xapian::Document> documents_of(const Xapian::MSet& mset) const {
        if (shards && shards->has_remote()) {
            std::vector<Xapian::docid> ids;
            for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
            return shards->documents(ids);
        }
        std::vector<Xapian::Document> documents;
        documents.reserve(mset.size());
        for (auto it = mset.begin(); it != mset.end(); ++it) documents.push_back(it.get_document());
        return documents;
    }

    // An id not found while parts are down may be on one of them: not an answer to give as
    // "no such article".
    void check_not_on_missing_parts() const {
        if (!shards) return;
        if (shards->info().failed.empty()) return;
        throw Error(ErrorCode::unavailable, "not in the parts that answered; down: " + failed_names());
    }

    std::string failed_names() const {
        std::string names;
        for (const auto& name : shards->info().failed) names += (names.empty() ? "" : ", ") + name;
        return names;
    }

    // Match deciders run inside the match, which remote parts do on their own machines.
    bool deciders_work() const { return !shards || !shards->has_remote(); }

    // Ranking: IneB2, a divergence-from-randomness model, with its standard parameter c = 1.
    // Remote parts only know Xapian's own weighting classes; the same scores come faster here.
    std::unique_ptr<Xapian::Weight> ranking_weight() const {
        if (shards && shards->has_remote()) return std::make_unique<Xapian::IneB2Weight>(1.0);
        return std::make_unique<detail::TabledIneB2Weight>(length_norms, 1.0);
    }

    SearchResults related(const std::string& id, std::size_t limit) {
        const std::string id_term = detail::id_term(id);
        auto posting = db.postlist_begin(id_term);
        if (id.empty() || id.size() > max_id_bytes || posting == db.postlist_end(id_term)) {
            check_not_on_missing_parts();
            throw Error(ErrorCode::not_found, "no article with this id");
        }
        const Xapian::Document doc = db.get_document(*posting);

        // The words that best tell this article apart from the rest of the index.
        Xapian::RSet relevant;
        relevant.add_document(*posting);
        Xapian::Enquire expand(db);
        const WordsOnly words_only;
        // Exact term frequencies: over an archive, Xapian would otherwise weigh each word by its
        // frequency in the article's own partition, and pick other words than one index would.
        const Xapian::ESet eset =
            expand.get_eset(related_terms, relevant, Xapian::Enquire::USE_EXACT_TERMFREQ, &words_only);
        std::vector<Xapian::Query> terms;
        for (auto t = eset.begin(); t != eset.end(); ++t) terms.emplace_back(*t);
        Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
        // Neither the article itself nor its other copies are "related".
        const std::string story = doc.get_value(detail::slot(detail::Slot::story));
        query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                              Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(id_term),
                                            Xapian::Query(std::string(detail::story_prefix) + story)));

        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(*ranking_weight());
        enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        enquire.set_collapse_key(detail::slot(detail::Slot::story));
        const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
        const auto documents = documents_of(mset);
        SearchRequest shape;
        shape.snippet_length = 160;
        SearchResults results;
        results.total = mset.get_matches_estimated();
        results.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
        const auto now = detail::current_unix_seconds();
        for (auto it = mset.begin(); it != mset.end(); ++it)
            results.hits.push_back(
                make_hit(Ranked{it, documents[results.hits.size()], std::nullopt, it.get_weight(), 1.0, std::nullopt},
                         mset, shape, true, now));
        if (shards) results.shards = shards->info();
        return results;
    }
    static constexpr Xapian::termcount related_terms = 25;

    // Expand-set filter: stems of the text ("Z" then a lower-case stem), not field terms
    // (another capital after the "Z", or no "Z") and not numbers.
    struct WordsOnly : Xapian::ExpandDecider {
        bool operator()(const std::string& term) const override {
            if (term.size() < 2 || term[0] != 'Z') return false;
            const auto second = static_cast<unsigned char>(term[1]);
            if (second >= 'A' && second <= 'Z') return false;
            return !std::all_of(term.begin() + 1, term.end(), [](char c) { return c >= '0' && c <= '9'; });
        }
    };

    std::string next_cursor(const SearchRequest& request, SortOrder sort, std::uint64_t fingerprint, std::size_t offset,
                            const std::vector<Ranked>& page, const Xapian::MSet& mset, const SearchResults& results,
                            bool& truncated) const {
        // A short page is the last one.
        if (request.limit == 0 || page.size() < request.limit) return {};
        detail::Cursor next;
        next.sort = sort;
        next.fingerprint = fingerprint;
        next.total = results.total;
        next.total_exact = results.total_exact;
        if (sort == SortOrder::relevance || !deciders_work()) {
            next.offset = offset + page.size();
            if (results.total_exact && next.offset >= results.total) return {};
            if (next.offset >= limits.max_result_window) {
                // More match, but relevance ranking stops here: said, so the end is not mistaken.
                truncated = true;
                return {};
            }
        } else {
            if (!request.cursor.empty() && mset.get_matches_upper_bound() <= mset.size()) return {};
            if (request.cursor.empty() && results.total_exact && offset + mset.size() >= results.total) return {};
            next.last_docid = *page.back().it;
            next.last_value = page.back().doc.get_value(detail::slot(detail::Slot::published));
        }
        return detail::encode_cursor(next);
    }
};

Searcher::Searcher(const std::string& path, const SearchLimits& limits, std::shared_ptr<ShardMonitor> monitor)
    : impl_(std::make_unique<Impl>(path, limits, std::move(monitor))) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) {
    check_request(request, impl_->limits);
    return impl_->run([&] { return impl_->search(request); });
}

std::optional<Article> Searcher::get(const std::string& id) {
    if (id.empty() || id.size() > max_id_bytes) return std::nullopt;
    return impl_->run([&]() -> std::optional<Article> {
        const std::string term = detail::id_term(id);
        auto posting = impl_->db.postlist_begin(term);
        if (posting == impl_->db.postlist_end(term)) {
            impl_->check_not_on_missing_parts();
            return std::nullopt;
        }
        return detail::stored_article(impl_->db.get_document(*posting));
    });
}

bool Searcher::refresh() {
    if (impl_->shards) {
        // Remote parts cannot be watched through their files: they are asked now and then.
        const bool stale = impl_->shards->stale();
        if (!stale && !impl_->shards->refresh_due()) return false;
        const bool changed = impl_->run([&] { return impl_->move_to_latest(); });
        return stale || changed;
    }
    // Asking Xapian opens and reads the version file: about 15% of the server's CPU on a
    // request as small as /health (bench/README.md). Unchanged, it has nothing to do.
    if (!impl_->version.may_have_changed()) return false;
    return detail::with_xapian_errors(impl_->path, [&] {
        for (int attempt = 1;; ++attempt) {
            try {
                return impl_->move_to_latest();
            } catch (const Xapian::DatabaseOpeningError&) {
                // Nothing to open at the path right now: between the two renames of a swap, or
                // while an index is rebuilt in place. The index already open is still whole (its
                // files stay readable while open): go on reading it; the next refresh looks again.
                return false;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == Impl::max_attempts) throw;
            } catch (const Xapian::DatabaseCorruptError&) {
                // Read while a commit rewrote the version file, or an index being written in
                // place: look again, then go on with the index already open.
                if (attempt == Impl::max_attempts) return false;
            }
        }
    });
}

void Searcher::probe() {
    impl_->run([&] { impl_->probe(); });
}

SearchResults Searcher::related(const std::string& id, std::size_t limit) {
    if (limit > impl_->limits.max_page_size)
        throw Error(ErrorCode::invalid_argument,
                    "limit must be at most " + std::to_string(impl_->limits.max_page_size));
    return impl_->run([&] { return impl_->related(id, limit); });
}

std::vector<Completion> Searcher::complete(const std::string& text, std::size_t limit) {
    if (limit > impl_->limits.max_page_size)
        throw Error(ErrorCode::invalid_argument,
                    "limit must be at most " + std::to_string(impl_->limits.max_page_size));
    if (text.size() > impl_->limits.max_query_bytes || !detail::is_valid_utf8(text))
        throw Error(ErrorCode::invalid_query,
                    "text must be valid UTF-8 of at most " + std::to_string(impl_->limits.max_query_bytes) + " bytes");
    return impl_->run([&] { return detail::completions(impl_->db, text, limit); });
}

std::uint64_t Searcher::document_count() {
    return impl_->run([&] { return static_cast<std::uint64_t>(impl_->db.get_doccount()); });
}

std::string Searcher::last_updated() {
    return impl_->run([&] { return impl_->settings_db.get_metadata(detail::metadata_updated_at); });
}

std::uint64_t Searcher::revision() {
    return impl_->run([&] { return impl_->revision_now(); });
}

std::string Searcher::version() {
    return impl_->run([&] {
        if (impl_->shards && impl_->shards->has_remote()) return std::string();
        return impl_->db.get_uuid() + "@" + std::to_string(impl_->revision_now());
    });
}

std::string Searcher::uuid() {
    return impl_->run([&] { return impl_->db.get_uuid(); });
}

} // namespace gazette

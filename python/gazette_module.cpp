// The `gazette` Python module (as gazette._gazette; gazette/__init__.py re-exports it): the
// library's IndexWriter and Searcher over pybind11, with articles, results and completions as
// plain dicts and lists, errors as gazette.Error subclasses chosen by ErrorCode, and the GIL
// released while the library works, so that threads search in parallel.

#include <gazette/gazette.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace py = pybind11;
using namespace pybind11::literals;

namespace {

// Python exception classes, one per ErrorCode, all subclasses of gazette.Error.
struct ErrorClasses {
    py::object base;
    std::vector<std::pair<gazette::ErrorCode, py::object>> by_code;
};
ErrorClasses& error_classes() {
    // Created once at import and kept for the interpreter's life (leaked on purpose: Python
    // objects must not be destroyed after the interpreter is gone).
    static auto* classes = new ErrorClasses();
    return *classes;
}

// Sets the Python exception for `e`: its class by code, with the code in .code.
void set_error(const gazette::Error& e) {
    py::object cls = error_classes().base;
    for (const auto& [code, candidate] : error_classes().by_code)
        if (code == e.code()) cls = candidate;
    py::object error = cls(e.what());
    error.attr("code") = std::string(gazette::to_string(e.code()));
    PyErr_SetObject(cls.ptr(), error.ptr());
}

[[noreturn]] void raise(const gazette::Error& e) {
    set_error(e);
    throw py::error_already_set();
}

std::vector<std::string> strings(const py::handle& value, const char* name) {
    if (py::isinstance<py::str>(value)) return {value.cast<std::string>()};
    try {
        return value.cast<std::vector<std::string>>();
    } catch (const py::cast_error&) {
        throw py::type_error(std::string(name) + " must be a string or a list of strings");
    }
}

std::string text_of(const py::handle& value, const char* name) {
    if (value.is_none()) return {};
    if (!py::isinstance<py::str>(value)) throw py::type_error(std::string(name) + " must be a string");
    return value.cast<std::string>();
}

gazette::Article article_from(const py::dict& fields) {
    gazette::Article a;
    for (const auto& [key, value] : fields) {
        const std::string name = py::str(key);
        if (name == "id")
            a.id = text_of(value, "id");
        else if (name == "title")
            a.title = text_of(value, "title");
        else if (name == "body")
            a.body = text_of(value, "body");
        else if (name == "summary")
            a.summary = text_of(value, "summary");
        else if (name == "url")
            a.url = text_of(value, "url");
        else if (name == "source")
            a.source = text_of(value, "source");
        else if (name == "language")
            a.language = text_of(value, "language");
        else if (name == "published")
            a.published = text_of(value, "published");
        else if (name == "updated")
            a.updated = text_of(value, "updated");
        else if (name == "authors")
            a.authors = value.is_none() ? std::vector<std::string>{} : strings(value, "authors");
        else if (name == "tags")
            a.tags = value.is_none() ? std::vector<std::string>{} : strings(value, "tags");
        else
            throw py::type_error("unknown article field '" + name + "'");
    }
    return a;
}

py::dict article_to_dict(const gazette::Article& a) {
    return py::dict("id"_a = a.id, "title"_a = a.title, "summary"_a = a.summary, "body"_a = a.body, "url"_a = a.url,
                    "source"_a = a.source, "authors"_a = a.authors, "tags"_a = a.tags, "language"_a = a.language,
                    "published"_a = a.published, "updated"_a = a.updated);
}

py::dict hit_to_dict(const gazette::SearchHit& h) {
    py::dict hit("id"_a = h.id, "title"_a = h.title, "url"_a = h.url, "source"_a = h.source,
                 "published"_a = h.published, "score"_a = h.score, "snippet"_a = h.snippet, "tags"_a = h.tags,
                 "authors"_a = h.authors, "summary"_a = h.summary, "language"_a = h.language, "story"_a = h.story,
                 "more_versions"_a = h.more_versions);
    if (h.explanation) {
        py::list terms;
        for (const auto& t : h.explanation->terms)
            terms.append(py::dict("term"_a = t.term, "field"_a = t.field, "weight"_a = t.weight));
        hit["explain"] = py::dict("text_score"_a = h.explanation->text_score, "freshness"_a = h.explanation->freshness,
                                  "age_days"_a = h.explanation->age_days, "terms"_a = terms);
    }
    return hit;
}

py::dict results_to_dict(const gazette::SearchResults& r) {
    py::list hits;
    for (const auto& h : r.hits) hits.append(hit_to_dict(h));
    py::dict facets;
    for (const auto& f : r.facets) {
        py::list values;
        for (const auto& v : f.values) values.append(py::dict("value"_a = v.value, "count"_a = v.count));
        facets[py::str(f.name)] = values;
    }
    const auto or_none = [](const std::string& s) -> py::object {
        if (s.empty()) return py::none();
        return py::str(s);
    };
    py::list failed;
    for (const auto& name : r.shards.failed) failed.append(py::str(name));
    // As the HTTP API says it: a part left out makes the results partial.
    const py::dict shards("total"_a = r.shards.total, "successful"_a = r.shards.successful, "failed"_a = failed);
    return py::dict("total"_a = r.total, "total_exact"_a = r.total_exact, "hits"_a = hits, "facets"_a = facets,
                    "next_cursor"_a = or_none(r.next_cursor), "truncated"_a = r.truncated,
                    "suggestion"_a = or_none(r.suggestion), "partial"_a = r.partial(), "shards"_a = shards,
                    "total_articles"_a = r.total_articles ? py::object(py::int_(*r.total_articles)) : py::none());
}

// Keyword arguments named as SearchRequest's fields; "from" may be written from_.
gazette::SearchRequest request_from(const std::string& query, const py::kwargs& kwargs) {
    gazette::SearchRequest r;
    r.query = query;
    for (const auto& [key, value] : kwargs) {
        const std::string name = py::str(key);
        if (name == "sources" || name == "source")
            r.sources = strings(value, "sources");
        else if (name == "tags" || name == "tag")
            r.tags = strings(value, "tags");
        else if (name == "languages" || name == "lang")
            r.languages = strings(value, "languages");
        else if (name == "from" || name == "from_")
            r.from = text_of(value, "from");
        else if (name == "to")
            r.to = text_of(value, "to");
        else if (name == "sort") {
            const std::string sort = text_of(value, "sort");
            if (sort == "relevance")
                r.sort = gazette::SortOrder::relevance;
            else if (sort == "newest")
                r.sort = gazette::SortOrder::newest;
            else if (sort == "oldest")
                r.sort = gazette::SortOrder::oldest;
            else
                throw py::value_error("sort must be relevance, newest or oldest");
        } else if (name == "match") {
            const std::string match = text_of(value, "match");
            if (match == "any")
                r.match = gazette::MatchMode::any;
            else if (match == "all")
                r.match = gazette::MatchMode::all;
            else
                throw py::value_error("match must be any or all");
        } else if (name == "offset")
            r.offset = value.cast<std::size_t>();
        else if (name == "limit")
            r.limit = value.cast<std::size_t>();
        else if (name == "cursor")
            r.cursor = text_of(value, "cursor");
        else if (name == "exact_total_up_to")
            r.exact_total_up_to = value.cast<std::size_t>();
        else if (name == "snippet_length")
            r.snippet_length = value.cast<std::size_t>();
        else if (name == "highlight_start")
            r.highlight_start = text_of(value, "highlight_start");
        else if (name == "highlight_end")
            r.highlight_end = text_of(value, "highlight_end");
        else if (name == "collapse_stories")
            r.collapse_stories = value.cast<bool>();
        else if (name == "fresh")
            r.fresh = text_of(value, "fresh");
        else if (name == "fresh_weight")
            r.fresh_weight = value.cast<double>();
        else if (name == "explain")
            r.explain = value.cast<bool>();
        else if (name == "language")
            r.language = text_of(value, "language");
        else if (name == "facets")
            r.facets = strings(value, "facets");
        else if (name == "facet_size")
            r.facet_size = value.cast<std::size_t>();
        else if (name == "with_article_fields")
            r.with_article_fields = value.cast<bool>();
        else if (name == "suggest")
            r.suggest = value.cast<bool>();
        else
            throw py::type_error("search() got an unexpected keyword argument '" + name + "'");
    }
    return r;
}

// Runs `work` without the GIL, turning gazette::Error into the Python exception once it is back.
template <typename Fn> auto without_gil(Fn&& work) {
    std::optional<gazette::Error> failure;
    using Result = decltype(work());
    if constexpr (std::is_void_v<Result>) {
        {
            py::gil_scoped_release release;
            try {
                work();
            } catch (const gazette::Error& e) {
                failure = e;
            }
        }
        if (failure) raise(*failure);
    } else {
        std::optional<Result> result;
        {
            py::gil_scoped_release release;
            try {
                result.emplace(work());
            } catch (const gazette::Error& e) {
                failure = e;
            }
        }
        if (failure) raise(*failure);
        return std::move(*result);
    }
}

// The library's objects are for one thread at a time; these wrappers serialise calls on the
// same object (other objects run in parallel).
class PyIndexWriter {
    std::mutex mutex_;
    std::unique_ptr<gazette::IndexWriter> writer_;

    template <typename Fn> auto run(Fn&& fn) {
        return without_gil([&] {
            const std::lock_guard<std::mutex> lock(mutex_);
            if (!writer_) throw gazette::Error(gazette::ErrorCode::invalid_argument, "the writer is closed");
            return fn(*writer_);
        });
    }

  public:
    PyIndexWriter(const std::string& path, const gazette::WriterOptions& options)
        : writer_(without_gil([&] { return std::make_unique<gazette::IndexWriter>(path, options); })) {}

    void upsert(const py::dict& fields) {
        gazette::Article article = article_from(fields);
        run([&](gazette::IndexWriter& w) { w.upsert(article); });
    }
    void remove(const std::string& id) {
        run([&](gazette::IndexWriter& w) { w.remove(id); });
    }
    void set_synonyms(const std::string& text) {
        run([&](gazette::IndexWriter& w) { w.set_synonyms(text); });
    }
    void commit() {
        run([](gazette::IndexWriter& w) { w.commit(); });
    }
    py::dict counts() {
        const auto c = run([](gazette::IndexWriter& w) { return w.counts(); });
        return py::dict("added"_a = c.added, "updated"_a = c.updated, "deleted"_a = c.deleted,
                        "not_found"_a = c.not_found);
    }
    std::uint64_t document_count() {
        return run([](gazette::IndexWriter& w) { return w.document_count(); });
    }
    std::size_t pending_changes() {
        return run([](gazette::IndexWriter& w) { return w.pending_changes(); });
    }
    /// Discards what is not committed and lets the index go (the lock with it).
    void close() {
        without_gil([&] {
            const std::lock_guard<std::mutex> lock(mutex_);
            writer_.reset();
        });
    }
    bool closed() const { return !writer_; }
};

class PySearcher {
    std::mutex mutex_;
    std::unique_ptr<gazette::Searcher> searcher_;

    template <typename Fn> auto run(Fn&& fn) {
        return without_gil([&] {
            const std::lock_guard<std::mutex> lock(mutex_);
            return fn(*searcher_);
        });
    }

  public:
    PySearcher(const std::string& path, const gazette::SearchLimits& limits)
        : searcher_(without_gil([&] { return std::make_unique<gazette::Searcher>(path, limits); })) {}

    py::dict search(const std::string& query, const py::kwargs& kwargs) {
        const gazette::SearchRequest request = request_from(query, kwargs);
        return results_to_dict(run([&](gazette::Searcher& s) { return s.search(request); }));
    }
    py::object get(const std::string& id) {
        const auto article = run([&](gazette::Searcher& s) { return s.get(id); });
        return article ? py::object(article_to_dict(*article)) : py::none();
    }
    py::dict related(const std::string& id, std::size_t limit) {
        return results_to_dict(run([&](gazette::Searcher& s) { return s.related(id, limit); }));
    }
    py::list complete(const std::string& text, std::size_t limit) {
        const auto completions = run([&](gazette::Searcher& s) { return s.complete(text, limit); });
        py::list out;
        for (const auto& c : completions) out.append(py::dict("text"_a = c.text, "count"_a = c.count));
        return out;
    }
    bool refresh() {
        return run([](gazette::Searcher& s) { return s.refresh(); });
    }
    std::uint64_t document_count() {
        return run([](gazette::Searcher& s) { return s.document_count(); });
    }
};

} // namespace

PYBIND11_MODULE(_gazette, m) {
    m.doc() = "Gazette: full-text search for news articles (libgazette)";
    m.attr("__version__") = GAZETTE_VERSION;

    ErrorClasses& classes = error_classes();
    classes.base = py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
        "gazette.Error", "A failure of the Gazette library; .code names its kind", PyExc_Exception, nullptr));
    m.attr("Error") = classes.base;
    const std::pair<gazette::ErrorCode, const char*> names[] = {
        {gazette::ErrorCode::invalid_argument, "InvalidArgument"},
        {gazette::ErrorCode::invalid_query, "InvalidQuery"},
        {gazette::ErrorCode::invalid_article, "InvalidArticle"},
        {gazette::ErrorCode::invalid_input, "InvalidInput"},
        {gazette::ErrorCode::not_found, "NotFound"},
        {gazette::ErrorCode::database_not_found, "DatabaseNotFound"},
        {gazette::ErrorCode::database_locked, "DatabaseLocked"},
        {gazette::ErrorCode::database_corrupt, "DatabaseCorrupt"},
        {gazette::ErrorCode::database_version, "DatabaseVersion"},
        {gazette::ErrorCode::database_error, "DatabaseError"},
        {gazette::ErrorCode::io_error, "IOError"},
        {gazette::ErrorCode::internal, "InternalError"},
        {gazette::ErrorCode::timeout, "Timeout"},
        {gazette::ErrorCode::unavailable, "Unavailable"},
    };
    for (const auto& [code, name] : names) {
        py::object cls = py::reinterpret_steal<py::object>(
            PyErr_NewException((std::string("gazette.") + name).c_str(), classes.base.ptr(), nullptr));
        m.attr(name) = cls;
        classes.by_code.emplace_back(code, cls);
    }
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const gazette::Error& e) {
            set_error(e);
        }
    });

    py::class_<PyIndexWriter>(m, "IndexWriter",
                              "The one writer of an index: upsert and remove by id in all-or-nothing batches. As a "
                              "context manager it commits on success and discards the open batch on an exception.")
        .def(py::init([](const std::string& path, const std::string& language, bool stopwords, std::size_t batch_size,
                         unsigned threads, const std::string& partition, bool detect_languages) {
                 gazette::WriterOptions options;
                 options.language = language;
                 options.stopwords = stopwords;
                 options.detect_languages = detect_languages;
                 options.batch_size = batch_size;
                 options.threads = threads;
                 options.partition = partition;
                 return std::make_unique<PyIndexWriter>(path, options);
             }),
             "path"_a, py::kw_only(), "language"_a = "en", "stopwords"_a = true, "batch_size"_a = 2000, "threads"_a = 0,
             "partition"_a = "", "detect_languages"_a = false)
        .def("upsert", &PyIndexWriter::upsert, "article"_a,
             "Adds the article (a dict of Article fields) or replaces "
             "the one with its id.")
        .def(
            "upsert", [](PyIndexWriter& w, const py::kwargs& fields) { w.upsert(py::dict(fields)); },
            "The article's fields as keyword arguments.")
        .def("remove", &PyIndexWriter::remove, "id"_a)
        .def("set_synonyms", &PyIndexWriter::set_synonyms, "text"_a)
        .def("commit", &PyIndexWriter::commit)
        .def("close", &PyIndexWriter::close, "Discards what is not committed and releases the index.")
        .def_property_readonly("counts", &PyIndexWriter::counts)
        .def_property_readonly("document_count", &PyIndexWriter::document_count)
        .def_property_readonly("pending_changes", &PyIndexWriter::pending_changes)
        .def_property_readonly("closed", &PyIndexWriter::closed)
        .def("__enter__", [](py::object self) { return self; })
        .def("__exit__", [](PyIndexWriter& w, const py::object& type, const py::object&, const py::object&) {
            if (!w.closed() && type.is_none()) w.commit();
            w.close();
            return false;
        });

    py::class_<PySearcher>(m, "Searcher",
                           "Searches an index (read-only). Sees new commits; calls on one Searcher run one at a "
                           "time, different Searchers in parallel.")
        .def(py::init([](const std::string& path, std::size_t max_page_size, std::size_t max_result_window,
                         unsigned search_timeout_ms) {
                 gazette::SearchLimits limits;
                 limits.max_page_size = max_page_size;
                 limits.max_result_window = max_result_window;
                 limits.search_timeout = std::chrono::milliseconds(search_timeout_ms);
                 return std::make_unique<PySearcher>(path, limits);
             }),
             "path"_a, py::kw_only(), "max_page_size"_a = 10000, "max_result_window"_a = 100000,
             "search_timeout_ms"_a = 0)
        .def("search", &PySearcher::search, "query"_a = "",
             "Searches; keyword arguments are SearchRequest's fields (sources, tags, languages, from_ or 'from', "
             "to, sort, match, offset, limit, cursor, facets, facet_size, snippet_length, collapse_stories, fresh, "
             "fresh_weight, explain, language, ...). Returns a dict: total, total_exact, hits, facets, next_cursor, "
             "truncated, suggestion, partial, shards.")
        .def("get", &PySearcher::get, "id"_a, "The stored article as a dict, or None.")
        .def("related", &PySearcher::related, "id"_a, "limit"_a = 5)
        .def("complete", &PySearcher::complete, "text"_a, "limit"_a = 10)
        .def("refresh", &PySearcher::refresh)
        .def_property_readonly("document_count", &PySearcher::document_count);
}

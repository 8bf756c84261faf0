// A time-partitioned archive answers as one index of the same articles would, keeps one copy
// of an id across partitions, and seals and drops whole partitions.

#include "articles.hpp"
#include "temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

#include "index/archive_gate.hpp"
#include "index/archive_layout.hpp"
#include "index/partition_filters.hpp"
#include "index/schema.hpp"
#include "util/dates.hpp"
#include "util/text_util.hpp"

#include <xapian.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

using namespace gazette;
using gazette::test::article;
using gazette::test::TempDir;

namespace {

// Generated news: words drawn from a small vocabulary with a skewed frequency, so that terms
// have very different statistics; dates over six months, some undated or of reduced precision;
// near-copies of earlier articles published days later (stories across partitions) or months
// later (another story); updates that move articles to another month, and deletions.
struct Change {
    bool remove = false;
    Article article;
};

// `published` (normalised) `days` later; undated stays undated.
std::string days_later(const std::string& published, int days) {
    const auto date = detail::parse_date(published);
    return date ? detail::format_utc(date->seconds + days * 86400) : published;
}

std::vector<Change> generated_changes() {
    std::mt19937 random(20261202);
    const std::vector<std::string> vocabulary{
        "oil",    "prices", "opec",     "cocoa",     "harbor",  "bridge", "election", "minister",
        "budget", "tariff", "shipping", "strike",    "council", "storm",  "flood",    "market",
        "shares", "bank",   "rates",    "inflation", "coffee",  "sugar",  "grain",    "wheat",
        "export", "import", "talks",    "court",     "ruling",  "port",   "rail",     "union"};
    const std::vector<std::string> sources{"Harbor Daily", "Gazette Wire", "Valley Times"};
    const std::vector<std::string> tags{"economy", "politics", "weather", "transport"};
    const auto word = [&] {
        // Zipf-like: low indexes much more frequent.
        const double u = std::uniform_real_distribution<double>(0, 1)(random);
        return vocabulary[static_cast<std::size_t>(std::pow(u, 2.5) * static_cast<double>(vocabulary.size()))];
    };
    const auto text = [&](int n) {
        std::string out;
        for (int i = 0; i < n; ++i) out += (i ? " " : "") + word();
        return out;
    };
    const std::vector<std::string> months{"2020-11", "2020-12", "2021-01", "2021-02", "2021-03", "2021-04"};
    std::vector<Change> changes;
    std::vector<Article> written;
    for (int i = 0; i < 240; ++i) {
        Article a = article("a" + std::to_string(i), text(4 + i % 5), text(30 + i % 40));
        const int kind = i % 23;
        if (kind == 5) {
            a.published = ""; // undated
        } else if (kind == 7) {
            a.published = months[static_cast<std::size_t>(i) % months.size()]; // "2021-03": month precision
        } else {
            const std::string day = std::to_string(10 + i % 18);
            a.published = months[static_cast<std::size_t>(i) % months.size()] + "-" + day + "T" +
                          std::to_string(10 + i % 12) + ":00:00Z";
        }
        a.source = sources[static_cast<std::size_t>(i) % sources.size()];
        a.tags = {tags[static_cast<std::size_t>(i) % tags.size()]};
        a.language = i % 11 == 0 ? "fr" : "en";
        if ((i % 17 == 3 || i % 17 == 12) && !written.empty()) {
            // A copy of an earlier article, published days later: the same story, often in the
            // next month's partition. Published months later (i % 17 == 12): another story.
            const Article& original = written[static_cast<std::size_t>(i) % written.size()];
            a.title = original.title;
            // Far copies of one length would tie in every ranking, and ties may come in any order.
            a.body = original.body + " " + (i % 17 == 3 ? word() : text(1 + i / 17 % 5));
            a.published = days_later(original.published, i % 17 == 3 ? i % 25 : 75 + i % 40);
        }
        written.push_back(a);
        changes.push_back({false, a});
    }
    // Updates: the date moves most of them to another partition; one of them twice.
    const std::vector<std::pair<int, std::string>> updates{{3, "2021-04-25T09:30:00Z"},  {8, "2021-04-25T09:30:00Z"},
                                                           {40, "2021-04-25T09:30:00Z"}, {41, "2021-04-25T09:30:00Z"},
                                                           {77, "2021-04-25T09:30:00Z"}, {130, "2021-04-25T09:30:00Z"},
                                                           {8, "2020-11-20T08:00:00Z"}};
    for (const auto& [i, date] : updates) {
        Article a = written[static_cast<std::size_t>(i)];
        a.published = date;
        a.title += " updated";
        changes.push_back({false, a});
    }
    for (int i : {12, 55, 131}) changes.push_back({true, written[static_cast<std::size_t>(i)]});
    return changes;
}

WriterOptions by_month() {
    WriterOptions options;
    options.partition = "month";
    return options;
}

void apply(IndexWriter& writer, const std::vector<Change>& changes) {
    for (const auto& c : changes) {
        if (c.remove)
            writer.remove(c.article.id);
        else
            writer.upsert(c.article);
    }
    writer.commit();
}

// One index written in batches, and an archive of the same changes: written in the same
// batches, or (`archive_threads` > 1) built by shard threads. `runs` > 1: both are written by
// that many writers one after the other, each given its share of the changes (the first one
// builds the archive), so that each later writer of the archive reads the filters of the
// partitions that the one before stored.
struct Pair {
    TempDir dir;
    std::string single = dir.file("single"), archive = dir.file("archive");
    explicit Pair(unsigned archive_threads = 1, std::size_t runs = 1) {
        const auto changes = generated_changes();
        WriterOptions one;
        one.threads = 1;
        one.batch_size = 37;
        WriterOptions partitioned = one;
        partitioned.partition = "month";
        partitioned.threads = archive_threads;
        const std::size_t share = (changes.size() + runs - 1) / runs;
        for (std::size_t run = 0; run < runs; ++run) {
            const auto first = changes.begin() + static_cast<std::ptrdiff_t>(std::min(changes.size(), run * share));
            const auto last =
                changes.begin() + static_cast<std::ptrdiff_t>(std::min(changes.size(), (run + 1) * share));
            const std::vector<Change> part(first, last);
            IndexWriter single_writer(single, one);
            apply(single_writer, part);
            IndexWriter archive_writer(archive, partitioned);
            REQUIRE(archive_writer.bulk() == (run == 0 && archive_threads > 1));
            apply(archive_writer, part);
            REQUIRE_FALSE(archive_writer.bulk());
        }
    }
};

std::map<std::string, double> scores(const SearchResults& results) {
    std::map<std::string, double> out;
    for (const auto& hit : results.hits) out[hit.id] = hit.score;
    return out;
}

// `same_scores` false: the same articles, scored differently. Xapian 1.4 expands a wildcard in
// each database of a multi-database separately and weighs the expansion with that database's
// statistics, so wildcard queries match the same articles but score them differently.
void require_same_scores(const SearchResults& a, const SearchResults& b, bool same_scores = true) {
    REQUIRE(a.total == b.total);
    const auto sa = scores(a), sb = scores(b);
    REQUIRE(sa.size() == sb.size());
    for (const auto& [id, score] : sa) {
        INFO(id);
        REQUIRE(sb.count(id) == 1);
        if (same_scores) REQUIRE(sb.at(id) == Approx(score).epsilon(1e-9));
    }
}

std::vector<std::pair<std::string, std::uint64_t>> facet_values(const SearchResults& r) {
    std::vector<std::pair<std::string, std::uint64_t>> out;
    for (const auto& facet : r.facets)
        for (const auto& v : facet.values) out.emplace_back(facet.name + ":" + v.value, v.count);
    return out;
}

std::vector<std::string> dates(const SearchResults& r) {
    std::vector<std::string> out;
    for (const auto& hit : r.hits) out.push_back(hit.published);
    return out;
}

// The archive at `path` holds one copy of `id`, published at `published`.
void require_one_copy(const std::string& path, const std::string& id, const std::string& published) {
    SearchRequest r;
    r.query = "id:" + id;
    const auto found = Searcher(path).search(r);
    REQUIRE(found.total == 1);
    REQUIRE(found.hits[0].published == published);
}

// The story of each hit of `request` (by default the newest articles, up to `limit`) by id.
std::map<std::string, std::string> stories_by_id(const std::string& path, SearchRequest request = {},
                                                 std::size_t limit = 1000) {
    request.limit = limit;
    std::map<std::string, std::string> story;
    for (const auto& hit : Searcher(path).search(request).hits) story[hit.id] = hit.story;
    return story;
}

} // namespace

// Everything a search can ask of one index, asked of an archive of the same articles.
static void require_same_answers(const Pair& pair) {
    Searcher one(pair.single), archive(pair.archive);
    REQUIRE(archive.document_count() == one.document_count());
    REQUIRE(one.document_count() == 240 - 3);

    const std::vector<std::string> queries{"oil",         "oil prices opec", "\"oil prices\"",  "cocoa OR sugar",
                                           "bank -rates", "title:harbor",    "wheat AND grain", "updated",
                                           "lang:fr",     "tag:economy",     "ship*",           "source:gazette-wire"};
    for (const auto& q : queries) {
        INFO(q);
        SearchRequest r;
        r.query = q;
        r.limit = 500;
        r.facets = {"source", "tag", "lang", "month", "year"};
        const bool wildcard = q.find('*') != std::string::npos;
        const auto a = one.search(r), b = archive.search(r);
        require_same_scores(a, b, !wildcard);
        REQUIRE(facet_values(a) == facet_values(b));
        // Sorted by date: the same dates in the same order (ties may order differently).
        r.sort = SortOrder::newest;
        REQUIRE(dates(one.search(r)) == dates(archive.search(r)));
        // Date filters.
        r.sort = SortOrder::relevance;
        r.from = "2021-01-15";
        r.to = "2021-03";
        require_same_scores(one.search(r), archive.search(r), !wildcard);
    }

    SECTION("story collapse") {
        SearchRequest r;
        r.query = "oil OR bank OR harbor";
        r.limit = 500;
        r.collapse_stories = true;
        const auto a = one.search(r), b = archive.search(r);
        require_same_scores(a, b);
        std::map<std::string, std::uint64_t> va, vb;
        for (const auto& h : a.hits) va[h.story] = h.more_versions;
        for (const auto& h : b.hits) vb[h.story] = h.more_versions;
        REQUIRE(va == vb);
        std::uint64_t copies = 0;
        for (const auto& [story, more] : va) copies += more;
        REQUIRE(copies > 0); // the corpus has stories across months
    }
    SECTION("cursors, by date and by relevance, page through the same articles") {
        for (const SortOrder sort : {SortOrder::newest, SortOrder::relevance}) {
            const auto page_through = [&](Searcher& s) {
                SearchRequest r;
                r.query = "oil OR market";
                r.sort = sort;
                r.limit = 7;
                std::multiset<std::string> seen;
                std::vector<std::string> order;
                for (int pages = 0; pages < 100; ++pages) {
                    const auto page = s.search(r);
                    for (const auto& hit : page.hits) seen.insert(hit.id), order.push_back(hit.published);
                    if (page.next_cursor.empty()) break;
                    r.cursor = page.next_cursor;
                }
                return std::make_pair(seen, order);
            };
            const auto a = page_through(one), b = page_through(archive);
            std::string only_a, only_b;
            for (const auto& id : a.first)
                if (b.first.count(id) != a.first.count(id)) only_a += id + " ";
            for (const auto& id : b.first)
                if (a.first.count(id) != b.first.count(id)) only_b += id + " ";
            INFO("sort " << static_cast<int>(sort) << " one only: " << only_a << " archive only: " << only_b);
            REQUIRE(a.first == b.first);
            if (sort == SortOrder::newest) REQUIRE(a.second == b.second);
        }
    }
    SECTION("related articles, completions, suggestions, stored articles") {
        for (const std::string id : {"a1", "a20", "a40", "a100"}) {
            INFO(id);
            require_same_scores(one.related(id, 10), archive.related(id, 10));
            const auto stored = archive.get(id);
            REQUIRE(stored);
            REQUIRE(stored->published == one.get(id)->published);
        }
        const auto ca = one.complete("oil sh", 5), cb = archive.complete("oil sh", 5);
        REQUIRE(ca.size() == cb.size());
        for (std::size_t i = 0; i < ca.size(); ++i) REQUIRE((ca[i].text == cb[i].text && ca[i].count == cb[i].count));
        SearchRequest r;
        r.query = "inflaton";
        REQUIRE(one.search(r).suggestion == archive.search(r).suggestion);
        REQUIRE_FALSE(one.search(r).suggestion.empty());
    }
    SECTION("a moved article is in one partition, its latest") {
        SearchRequest r;
        r.query = "id:a40";
        const auto found = archive.search(r);
        REQUIRE(found.total == 1);
        REQUIRE(found.hits[0].published == "2021-04-25T09:30:00Z");
        r.query = "id:a12"; // removed
        REQUIRE(archive.search(r).total == 0);
    }
}

TEST_CASE("an archive answers as one index of the same articles would") {
    require_same_answers(Pair());
}

TEST_CASE("a new archive built by shard threads answers as one index of the same articles would") {
    const Pair pair(2);
    require_same_answers(pair);
    // Every partition describes itself, as one written in batches does, and none is left over.
    const std::vector<std::string> expected{"2020-11", "2020-12", "2021-01", "2021-02",
                                            "2021-03", "2021-04", "undated"};
    REQUIRE(detail::read_stub(pair.archive) == expected);
    for (const auto& name : expected) REQUIRE(Searcher(pair.archive + "/" + name).document_count() > 0);
    std::vector<std::string> entries;
    for (const auto& entry : std::filesystem::directory_iterator(pair.archive))
        entries.push_back(entry.path().filename().string());
    REQUIRE(entries.size() == expected.size() + 2); // the partitions, meta and the stub
    // Written to again, it writes in batches.
    IndexWriter writer(pair.archive, by_month());
    REQUIRE_FALSE(writer.bulk());
}

TEST_CASE("a new archive built from articles in no date order keeps the stories and counts of one index") {
    // Forty months in random order, so that each shard holds some partitions' articles back
    // until a batch is due (batches of 4 a shard), writes the largest when it holds too many,
    // and writes a rare partition whose oldest article is too far back. Near copies join stories
    // across partitions; updates move articles between partitions, held back or written.
    std::mt19937 random(4);
    const auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
    const std::vector<std::string> words{"oil",   "prices", "opec",   "cocoa",  "harbor", "bridge", "election",
                                         "storm", "flood",  "market", "shares", "bank",   "rates",  "wheat"};
    const auto text = [&](int n) {
        std::string out;
        for (int i = 0; i < n; ++i) out += (i ? " " : "") + words[static_cast<std::size_t>(pick(14))];
        return out;
    };
    const auto month = [&] {
        const int m = pick(40);
        // One month in twenty articles: a rare partition, written once its oldest is too old.
        const int rare = pick(20) == 0 ? 40 : m;
        return std::to_string(2018 + rare / 12) + "-" + (rare % 12 < 9 ? "0" : "") + std::to_string(rare % 12 + 1) +
               "-1" + std::to_string(pick(9)) + "T08:00:00Z";
    };
    std::vector<Change> changes;
    std::vector<Article> written;
    for (int i = 0; i < 600; ++i) {
        Article a = article("n" + std::to_string(i), text(5), text(40), month());
        if (i % 9 == 4 && !written.empty()) {
            // A near copy published days later (across partitions at the end of a month), or
            // one in three of them months later (another story).
            const Article& original = written[static_cast<std::size_t>(pick(static_cast<int>(written.size())))];
            a.body = original.body + " again";
            a.published = days_later(original.published, i % 27 == 4 ? 60 + pick(300) : pick(25));
        }
        if (i % 13 == 6 && !written.empty()) {
            Article moved = written[static_cast<std::size_t>(pick(static_cast<int>(written.size())))];
            moved.published = month();
            moved.title += " updated";
            changes.push_back({false, moved});
        }
        if (i % 31 == 8 && !written.empty())
            changes.push_back({true, written[static_cast<std::size_t>(pick(static_cast<int>(written.size())))]});
        written.push_back(a);
        changes.push_back({false, a});
    }
    TempDir dir;
    WriterOptions one;
    one.threads = 1;
    WriterOptions built = one;
    built.partition = "month";
    built.threads = 2;
    built.batch_size = 8;
    IndexWriter single_writer(dir.file("one"), one), archive_writer(dir.file("archive"), built);
    REQUIRE(archive_writer.bulk());
    ::apply(single_writer, changes);
    ::apply(archive_writer, changes);
    const auto a = single_writer.counts(), b = archive_writer.counts();
    REQUIRE((a.added == b.added && a.updated == b.updated && a.deleted == b.deleted && a.not_found == b.not_found));
    REQUIRE(b.updated > 20);
    REQUIRE(b.deleted > 10);

    const auto sa = stories_by_id(dir.file("one")), sb = stories_by_id(dir.file("archive"));
    REQUIRE(sa.size() == b.added - b.deleted);
    REQUIRE(sa == sb);
    std::size_t copies = 0;
    for (const auto& [id, story] : sa) copies += id != story;
    REQUIRE(copies > 30);
}

TEST_CASE("an archive written by one run after another answers as one index of the same articles would") {
    // Later runs find ids and story copies through the filters the runs before stored.
    require_same_answers(Pair(2, 4));
}

TEST_CASE("a partition written to by another program is read from its terms, not from stored filters") {
    TempDir dir;
    const std::string path = dir.file("a");
    {
        IndexWriter writer(path, by_month());
        writer.upsert(article("a1", "Storm", "storm over the harbor", "2021-03-05"));
        writer.commit();
    }
    {
        // Another program adds an article to a partition, as Gazette would have written it.
        IndexWriter plain(dir.file("plain"));
        plain.upsert(article("b7", "Budget", "budget talks in the council", "2021-03-09"));
        plain.commit();
        Xapian::Database written(dir.file("plain"));
        Xapian::WritableDatabase partition(path + "/2021-03", Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
        partition.add_document(written.get_document(*written.postlist_begin(detail::id_term("b7"))));
        partition.commit();
    }
    {
        // The filters stored with the partition do not know b7: the new date must still move it.
        IndexWriter writer(path, by_month());
        writer.upsert(article("b7", "Budget", "budget talks in the council, later", "2021-05-02"));
        writer.commit();
        REQUIRE(writer.counts().updated == 1);
        REQUIRE(writer.document_count() == 2);
    }
    require_one_copy(path, "b7", "2021-05-02T00:00:00Z");
}

TEST_CASE("an archive's gate is stored with the revisions it covers, and damaged bytes are not read") {
    TempDir dir;
    Xapian::WritableDatabase meta(dir.file("meta"), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    CHECK_FALSE(detail::read_archive_gate(meta)); // none stored
    detail::ArchiveGate gate;
    for (std::uint64_t key = 1; key <= 3000; ++key) gate.ids.add(key * 7919);
    gate.covered = {{"2021-03", 12}, {"undated", 4}};
    detail::write_archive_gate(meta, gate);
    meta.commit();
    const auto read = detail::read_archive_gate(meta);
    REQUIRE(read);
    CHECK(read->covered == gate.covered);
    for (std::uint64_t key = 1; key <= 3000; ++key) REQUIRE(read->ids.maybe_contains(key * 7919));
    const std::string stored = meta.get_metadata("gazette.gate");
    for (const std::size_t keep : {stored.size() - 1, stored.size() / 2, std::size_t{20}}) {
        INFO(keep);
        meta.set_metadata("gazette.gate", stored.substr(0, keep));
        CHECK_FALSE(detail::read_archive_gate(meta));
    }
}

TEST_CASE("a writer that ends leaves the gate covering every partition as committed when it wrote enough") {
    TempDir dir;
    const std::string path = dir.file("a");
    const auto check_gate = [&] {
        const auto gate = detail::read_archive_gate(Xapian::Database(path + "/meta", Xapian::DB_BACKEND_GLASS));
        REQUIRE(gate);
        std::map<std::string, Xapian::rev> now;
        for (const auto& name : detail::read_stub(path))
            now.emplace(name, Xapian::Database(path + "/" + name, Xapian::DB_BACKEND_GLASS).get_revision());
        CHECK(gate->covered == now);
    };
    WriterOptions options = by_month();
    options.threads = 2; // a bulk build first
    {
        IndexWriter writer(path, options);
        writer.upsert(article("a1", "Storm", "storm over the harbor", "2021-03-05"));
        writer.upsert(article("a2", "Budget", "budget talks", "2021-04-05"));
        writer.commit();
    }
    check_gate();
    {
        IndexWriter writer(path, options); // then batches
        writer.upsert(article("a3", "Flood", "flood in the valley", "2021-05-05"));
        writer.upsert(article("a1", "Storm", "storm over the harbor, later", "2021-04-09")); // moved
        // Enough that a pass over what the stored gate does not cover would cost more than
        // storing it (fewer: the next test).
        for (int i = 0; i < 200; ++i)
            writer.upsert(
                article("w" + std::to_string(i), "Weather", "weather report " + std::to_string(i), "2021-05-06"));
        writer.commit();
    }
    check_gate();
}

// A bulk build (with `options`) of 600 short market reports, the i-th dated in month
// `month(i)` of 2020 (1 to 9).
template <typename Month> void build_reports(const std::string& path, const WriterOptions& options, Month month) {
    IndexWriter writer(path, options);
    for (int i = 0; i < 600; ++i)
        writer.upsert(article("old" + std::to_string(i), "Report " + std::to_string(i),
                              "market report number " + std::to_string(i) + " on grain and cattle",
                              "2020-0" + std::to_string(month(i)) + "-10"));
    writer.commit();
}

TEST_CASE(
    "a run that adds little to a large archive leaves its gate as stored, and the next run still finds what it wrote") {
    // Storing the gate rewrites all of it; a partition it does not cover costs the next run a
    // pass over that partition's terms, which for a run's few articles is the cheaper.
    TempDir dir;
    const std::string path = dir.file("a");
    const auto covered = [&] {
        const auto gate = detail::read_archive_gate(Xapian::Database(path + "/meta", Xapian::DB_BACKEND_GLASS));
        REQUIRE(gate);
        return gate->covered;
    };
    const auto revisions = [&] {
        std::map<std::string, Xapian::rev> now;
        for (const auto& name : detail::read_stub(path))
            now.emplace(name, Xapian::Database(path + "/" + name, Xapian::DB_BACKEND_GLASS).get_revision());
        return now;
    };
    WriterOptions options = by_month();
    options.threads = 2; // a bulk build of 600 articles first
    build_reports(path, options, [](int i) { return 1 + i % 6; });
    REQUIRE(covered() == revisions());
    const auto stored = covered();
    // Long enough (40 words) for the text alone to make the story.
    std::string wire = "the harbor authority closed the northern bridge after the storm damaged its cables";
    for (int i = 0; i < 4; ++i) wire += " and engineers inspected section " + std::to_string(i) + " of the deck";
    {
        IndexWriter writer(path, options); // batches from now on
        writer.upsert(article("n1", "Bridge closed", wire, "2021-05-05"));
        writer.commit();
    }
    CHECK(covered() == stored); // one article uncovered: not worth rewriting the gate
    {
        IndexWriter writer(path, options);
        writer.upsert(article("n1", "Bridge closed, update", wire + " on friday", "2021-05-05"));
        writer.upsert(article("n2", "Bridge shut", wire + " on friday", "2021-05-06")); // a copy
        writer.commit();
        CHECK(writer.counts().updated == 1);
        CHECK(writer.counts().added == 1);
        CHECK(writer.document_count() == 602);
    }
    SearchRequest bridge;
    bridge.query = "bridge";
    CHECK(stories_by_id(path, bridge, 10) == std::map<std::string, std::string>{{"n1", "n1"}, {"n2", "n1"}});
    {
        IndexWriter writer(path, options);
        for (int i = 0; i < 400; ++i)
            writer.upsert(article("june" + std::to_string(i), "Flood " + std::to_string(i),
                                  "flood warning number " + std::to_string(i) + " for the valley", "2021-06-07"));
        writer.commit();
    }
    CHECK(covered() == revisions()); // enough uncovered now: stored
}

TEST_CASE("runs that each add little store the gate once their passes over what it does not cover add up") {
    // A partition the stored gate does not cover is read again by every run until the gate is
    // stored: the passes of a run are small, but they repeat.
    TempDir dir;
    const std::string path = dir.file("a");
    const auto meta = [&] { return Xapian::Database(path + "/meta", Xapian::DB_BACKEND_GLASS); };
    const auto revision_of = [&](const std::string& name) {
        return Xapian::Database(path + "/" + name, Xapian::DB_BACKEND_GLASS).get_revision();
    };
    WriterOptions options = by_month();
    options.threads = 2; // a bulk build first: 100 articles in January, 500 in other months
    build_reports(path, options, [](int i) { return i < 100 ? 1 : 2 + i % 5; });
    const auto stored = detail::read_archive_gate(meta());
    REQUIRE(stored);
    std::size_t bytes = 0;
    for (const auto& part : stored->ids.parts()) bytes += part.words().size() * sizeof(std::uint64_t);
    // The rule: store once (articles read again since + articles the next run reads) * 50 reach
    // the gate's bytes. One run's pass over January (101 articles) does not; two runs' do.
    REQUIRE(101 * 50 < bytes);
    REQUIRE((101 + 102) * 50 >= bytes);
    const auto add_to_january = [&](int n) {
        IndexWriter writer(path, options);
        writer.upsert(article("jan" + std::to_string(n), "Frost " + std::to_string(n),
                              "frost warning number " + std::to_string(n) + " for the orchards", "2020-01-20"));
        writer.commit();
    };
    add_to_january(1);
    CHECK(detail::read_archive_gate(meta())->covered == stored->covered);
    CHECK(detail::read_gate_rereads(meta()) == 0); // this run read nothing again
    add_to_january(2);                             // reads January again (101 articles): then stores
    const auto now = detail::read_archive_gate(meta());
    CHECK(now->covered.at("2020-01") == revision_of("2020-01"));
    CHECK(detail::read_gate_rereads(meta()) == 0);
    CHECK(now->ids.maybe_contains(detail::fnv1a64(detail::id_term("jan2"))));
}

TEST_CASE("a new partition's filters are sized for what the archive's partitions hold") {
    // Grown from the smallest size, a month's filters became a chain that each story lookup
    // asked in turn.
    TempDir dir;
    const std::string path = dir.file("a");
    WriterOptions options = by_month();
    options.threads = 2; // a bulk build first: 100 articles in each of six months
    build_reports(path, options, [](int i) { return 1 + i % 6; });
    {
        IndexWriter writer(path, options);
        for (int i = 0; i < 150; ++i) // 1,200 band terms: more than the smallest filter holds
            writer.upsert(article("jul" + std::to_string(i), "Harvest " + std::to_string(i),
                                  "harvest figures number " + std::to_string(i) + " for the valley", "2020-07-14"));
        writer.commit();
    }
    const auto filters = detail::load_partition_filters(Xapian::Database(path + "/2020-07", Xapian::DB_BACKEND_GLASS));
    CHECK(filters.ids.count() == 150);
    CHECK(filters.bands.count() >= 1100);
    CHECK(filters.ids.filters() == 1);
    CHECK(filters.bands.filters() == 1);
}

TEST_CASE("a bulk build of a new archive that is interrupted leaves it empty, and the next one completes it") {
    TempDir dir;
    const std::string path = dir.file("a");
    WriterOptions options = by_month();
    options.threads = 2;
    {
        IndexWriter writer(path, options);
        REQUIRE(writer.bulk());
        writer.upsert(article("x", "Storm", "storm over the harbor", "2021-01-05"));
        writer.upsert(article("y", "Budget", "budget talks", "2021-03-05"));
        // Destroyed without a commit: the build is discarded.
    }
    REQUIRE(Searcher(path).document_count() == 0);
    REQUIRE_FALSE(std::filesystem::exists(path + "/bulk.gazette-shards"));
    // What a kill during the last step leaves: shards, a partition compacted and moved in but
    // not listed by the stub yet, another one still beside its place.
    std::filesystem::create_directories(path + "/bulk.gazette-shards/0-2021-01");
    { Xapian::WritableDatabase(path + "/2021-01", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS).commit(); }
    { Xapian::WritableDatabase(path + "/2021-03.gazette-new", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS).commit(); }
    {
        IndexWriter writer(path, options);
        REQUIRE(writer.bulk());
        REQUIRE_FALSE(std::filesystem::exists(path + "/bulk.gazette-shards/0-2021-01"));
        REQUIRE_FALSE(std::filesystem::exists(path + "/2021-01"));
        REQUIRE_FALSE(std::filesystem::exists(path + "/2021-03.gazette-new"));
        writer.upsert(article("x", "Storm", "storm over the harbor", "2021-01-05"));
        writer.upsert(article("y", "Budget", "budget talks", "2021-03-05"));
        writer.upsert(article("x", "Storm", "storm over the harbor, moved", "2021-02-05")); // moves within the build
        writer.remove("y");
        writer.remove("never");
        writer.commit();
        REQUIRE(writer.counts().added == 2);
        REQUIRE(writer.counts().updated == 1);
        REQUIRE(writer.counts().deleted == 1);
        REQUIRE(writer.counts().not_found == 1);
        REQUIRE(writer.document_count() == 1);
    }
    // A build holds each partition's articles back until it writes a batch: the partitions whose
    // every article moved or was removed before that are never created.
    REQUIRE(detail::read_stub(path) == std::vector<std::string>{"2021-02"});
    require_one_copy(path, "x", "2021-02-05T00:00:00Z");
}

TEST_CASE("an archive is a Xapian stub of one database per period, with the settings first") {
    Pair pair;
    const std::vector<std::string> expected{"2020-11", "2020-12", "2021-01", "2021-02",
                                            "2021-03", "2021-04", "undated"};
    REQUIRE(detail::read_stub(pair.archive) == expected);
    std::ifstream stub(pair.archive + "/XAPIANDB");
    std::string first;
    std::getline(stub, first);
    REQUIRE(first == "glass meta");
    // Xapian opens the directory by itself, as its own tools do.
    const Xapian::Database db(pair.archive);
    REQUIRE(db.get_doccount() == 237);
    REQUIRE(db.get_metadata(detail::metadata_partitioning) == "month");
    // Each partition is a Gazette index of its own.
    Searcher march(pair.archive + "/2021-03");
    SearchRequest r;
    r.query = "";
    r.limit = 100;
    for (const auto& hit : march.search(r).hits) REQUIRE(hit.published.substr(0, 7) == "2021-03");

    IndexWriter writer(pair.archive);
    REQUIRE(writer.archive());
    std::uint64_t total = 0;
    for (const auto& p : writer.partitions()) total += p.documents;
    REQUIRE(total == 237);
}

TEST_CASE("dates of every precision go to the partition a date filter puts them in") {
    TempDir dir;
    WriterOptions options;
    options.partition = "year";
    IndexWriter writer(dir.file("a"), options);
    writer.upsert(article("y", "Year only", "text", "2019"));
    writer.upsert(article("m", "Month only", "text", "2020-07"));
    writer.upsert(article("t", "Zoned", "text", "2020-12-31T23:30:00-05:00")); // 2021 in UTC
    writer.commit();
    std::map<std::string, std::uint64_t> counts;
    for (const auto& p : writer.partitions()) counts[p.name] = p.documents;
    REQUIRE(counts == std::map<std::string, std::uint64_t>{{"2019", 1}, {"2020", 1}, {"2021", 1}});
    REQUIRE(detail::partition_for("2021", detail::Partitioning::month) == "2021-01");
    REQUIRE(detail::partition_for("2021-03", detail::Partitioning::month) == "2021-03");
    REQUIRE(detail::partition_for("", detail::Partitioning::month) == "undated");
}

TEST_CASE("a partition's period runs from its first second to the first second of the next") {
    using detail::Partitioning;
    const auto at = [](const char* date) { return detail::parse_date(date)->seconds; };
    const auto period = [](const char* name, Partitioning p) { return detail::partition_period(name, p); };
    CHECK(period("2021-03", Partitioning::month) == std::pair{at("2021-03-01"), at("2021-04-01")});
    CHECK(period("2020-12", Partitioning::month) == std::pair{at("2020-12-01"), at("2021-01-01")});
    CHECK(period("2020", Partitioning::year) == std::pair{at("2020-01-01"), at("2021-01-01")});
    CHECK_FALSE(period("undated", Partitioning::month));
    CHECK_FALSE(period("2021-13", Partitioning::month));
    CHECK_FALSE(period("2021", Partitioning::month));
    CHECK_FALSE(period("2021-03", Partitioning::year));
}

TEST_CASE("a copy left by an interrupted move is removed by the next upsert of the article") {
    TempDir dir;
    const std::string path = dir.file("a");
    const WriterOptions options = by_month();
    {
        IndexWriter writer(path, options);
        writer.upsert(article("x", "Storm", "storm over the harbor", "2021-01-05"));
        writer.upsert(article("y", "Budget", "budget talks", "2021-03-05"));
        writer.commit();
    }
    // What an interruption between the two steps of a commit leaves: the new copy committed,
    // the old one not yet removed.
    {
        const Xapian::Database january(path + "/2021-01", Xapian::DB_BACKEND_GLASS);
        Xapian::WritableDatabase march(path + "/2021-03", Xapian::DB_BACKEND_GLASS);
        march.replace_document("Qx", january.get_document(*january.postlist_begin("Qx")));
        march.commit();
    }
    SearchRequest r;
    r.query = "id:x";
    REQUIRE(Searcher(path).search(r).total == 2);
    {
        IndexWriter writer(path);
        writer.upsert(article("x", "Storm", "storm over the harbor, later", "2021-03-06"));
        writer.commit();
        REQUIRE(writer.counts().updated == 1);
        REQUIRE(writer.document_count() == 2);
    }
    const auto found = Searcher(path).search(r);
    REQUIRE(found.total == 1);
    REQUIRE(found.hits[0].published == "2021-03-06T00:00:00Z");
    {
        IndexWriter writer(path);
        writer.remove("x");
        writer.remove("nothing");
        writer.commit();
        REQUIRE(writer.counts().deleted == 1);
        REQUIRE(writer.counts().not_found == 1);
    }
    REQUIRE(Searcher(path).search(r).total == 0);
}

TEST_CASE("an article moved twice within one batch ends in one partition") {
    TempDir dir;
    const std::string path = dir.file("a");
    WriterOptions options = by_month();
    options.batch_size = 1000;
    IndexWriter writer(path, options);
    writer.upsert(article("x", "Storm", "storm over the harbor", "2021-01-05"));
    writer.commit();
    writer.upsert(article("x", "Storm", "storm, moved", "2021-02-05"));
    writer.upsert(article("x", "Storm", "storm, moved back", "2021-01-06"));
    writer.upsert(article("x", "Storm", "storm, moved again", "2021-03-07"));
    REQUIRE(writer.document_count() == 1);
    writer.commit();
    std::map<std::string, std::uint64_t> counts;
    for (const auto& p : writer.partitions()) counts[p.name] = p.documents;
    REQUIRE(counts == std::map<std::string, std::uint64_t>{{"2021-01", 0}, {"2021-02", 0}, {"2021-03", 1}});
    REQUIRE(writer.counts().added == 1);
    REQUIRE(writer.counts().updated == 3);
}

TEST_CASE("sealing compacts old partitions, a write unseals one, dropping deletes them whole") {
    Pair pair;
    Searcher searcher(pair.archive);
    SearchRequest r;
    r.query = "oil OR bank";
    r.limit = 500;
    r.facets = {"month"};
    const auto before = searcher.search(r);
    const detail::UnixSeconds now = detail::current_unix_seconds();
    // The partitions that ended before 2021-01-15: 2020-11 and 2020-12.
    const detail::UnixSeconds jan15 = detail::days_from_civil(2021, 1, 15) * 86400;
    const std::string age = std::to_string((now - jan15) / 86400) + "d";

    IndexWriter writer(pair.archive);
    REQUIRE(writer.seal_partitions(age) == std::vector<std::string>{"2020-11", "2020-12"});
    REQUIRE(writer.seal_partitions(age).empty()); // sealed already
    for (const auto& p : writer.partitions()) REQUIRE(p.sealed == (p.name == "2020-11" || p.name == "2020-12"));
    searcher.refresh();
    require_same_scores(before, searcher.search(r));

    // A write to a sealed partition unseals it; the next seal compacts it again.
    writer.upsert(article("late", "Late oil", "oil report filed late", "2020-12-30"));
    writer.commit();
    for (const auto& p : writer.partitions())
        if (p.name == "2020-12") REQUIRE_FALSE(p.sealed);
    REQUIRE(writer.seal_partitions(age) == std::vector<std::string>{"2020-12"});

    std::uint64_t old_articles = 0;
    for (const auto& p : writer.partitions())
        if (p.name < "2021-01") old_articles += p.documents;
    REQUIRE(old_articles > 0);
    const std::uint64_t total = writer.document_count();
    REQUIRE(writer.drop_partitions(age) == std::vector<std::string>{"2020-11", "2020-12"});
    REQUIRE(writer.document_count() == total - old_articles);
    REQUIRE_FALSE(std::filesystem::exists(pair.archive + "/2020-11"));
    REQUIRE(detail::read_stub(pair.archive).front() == "2021-01");
    // A searcher follows the new stub without a restart.
    searcher.refresh();
    REQUIRE(searcher.document_count() == total - old_articles);
    r.query = "";
    r.from = "2020";
    r.to = "2020-12-31";
    REQUIRE(searcher.search(r).total == 0);
    // The undated partition is never dropped or sealed by age.
    REQUIRE(writer.drop_partitions("1m").size() == 4);
    REQUIRE(writer.partitions().size() == 1);
    REQUIRE(writer.partitions()[0].name == "undated");
}

TEST_CASE("an archive's layout is fixed when it is created, and checked after") {
    TempDir dir;
    {
        IndexWriter single(dir.file("single"));
        single.upsert(article("x", "Storm", "storm", "2021-01-05"));
        single.commit();
    }
    REQUIRE_THROWS_WITH(IndexWriter(dir.file("single"), by_month()), Catch::Contains("is a single index"));
    {
        IndexWriter single(dir.file("single"));
        REQUIRE_FALSE(single.archive());
        REQUIRE_THROWS_WITH(single.seal_partitions("1y"), Catch::Contains("applies to a time-partitioned archive"));
    }
    { IndexWriter archive(dir.file("a"), by_month()); }
    WriterOptions year;
    year.partition = "year";
    REQUIRE_THROWS_WITH(IndexWriter(dir.file("a"), year), Catch::Contains("partitioned by month, not by year"));
    WriterOptions weekly;
    weekly.partition = "week";
    REQUIRE_THROWS_WITH(IndexWriter(dir.file("b"), weekly), Catch::Contains("month or year"));
    IndexWriter archive(dir.file("a"));
    REQUIRE_THROWS_WITH(archive.seal_partitions("soon"), Catch::Contains("not an age"));
    REQUIRE_THROWS_AS(IndexWriter(dir.file("a")), Error); // locked
}

TEST_CASE("an archive opened after an interruption trusts its stub") {
    TempDir dir;
    const std::string path = dir.file("a");
    const WriterOptions options = by_month();
    {
        IndexWriter writer(path, options);
        writer.upsert(article("x", "Storm", "storm", "2021-01-05"));
        writer.commit();
    }
    // A partition created but not listed yet, and one dropped from the stub but not deleted.
    { Xapian::WritableDatabase(path + "/2021-05", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS).commit(); }
    std::filesystem::create_directories(path + "/2021-06.gazette-new");
    IndexWriter writer(path);
    REQUIRE_FALSE(std::filesystem::exists(path + "/2021-05"));
    REQUIRE_FALSE(std::filesystem::exists(path + "/2021-06.gazette-new"));
    REQUIRE(detail::read_stub(path) == std::vector<std::string>{"2021-01"});
    REQUIRE(writer.document_count() == 1);
}

TEST_CASE("copies published further apart than the story window are other stories, in one index as in an archive") {
    std::string wire = "the harbor authority closed the northern bridge after the storm damaged its cables";
    for (int i = 0; i < 6; ++i) wire += " and engineers inspected section " + std::to_string(i) + " of the deck";
    const std::vector<Article> articles{
        article("w1", "Bridge closed", wire, "2021-03-05T10:00:00Z"),
        article("w2", "Bridge closed", wire, "2021-03-20T10:00:00Z"),       // 15 days on: w1's story
        article("w3", "Bridge closed", wire, "2021-06-20T10:00:00Z"),       // 92 days on: a story of its own
        article("w4", "Bridge closed", wire, "2021-07-10T10:00:00Z"),       // 20 days after w3: its story
        article("w5", "Bridge closed", wire, "2021-04-03T10:00:00Z"),       // 29 days after w1, next month
        article("w6", "Bridge closed", wire, "2022-07-10T10:00:00Z"),       // a year on: its own
        article("w7", "Bridge closed again", wire, "2021-07-10T12:00:00Z"), // w4's day: w3's story
    };
    const std::map<std::string, std::string> expected{{"w1", "w1"}, {"w2", "w1"}, {"w3", "w3"}, {"w4", "w3"},
                                                      {"w5", "w1"}, {"w6", "w6"}, {"w7", "w3"}};
    TempDir dir;
    WriterOptions one;
    one.threads = 1;
    for (const WriterOptions& options : {one, by_month()}) {
        const std::string path = dir.file(options.partition.empty() ? "one" : "archive");
        {
            IndexWriter writer(path, options); // each article's lookups see the ones before, committed
            for (const auto& a : articles) {
                writer.upsert(a);
                writer.commit();
            }
        }
        CHECK(stories_by_id(path) == expected);
        IndexWriter batch(path + "-batch", options); // in one batch: the lookups see them in memory
        for (const auto& a : articles) batch.upsert(a);
        batch.commit();
        CHECK(stories_by_id(path + "-batch") == expected);
    }
}

TEST_CASE("a template repeated for years still finds its copy of the month, in one index as in an archive") {
    // 80 copies 40 days apart, each a story of its own, then one a day after the last: the
    // older copies, outside its window, must not use up what a lookup examines.
    std::string wire = "the central bank said it set customer repurchase agreements for the day";
    for (int i = 0; i < 6; ++i) wire += " with dealers bidding at rate " + std::to_string(i) + " percent";
    const auto day = [](int n) { return detail::format_utc(detail::parse_date("2012-01-02")->seconds + n * 86400); };
    TempDir dir;
    WriterOptions one;
    one.threads = 1;
    for (const WriterOptions& options : {one, by_month()}) {
        const std::string path = dir.file(options.partition.empty() ? "one" : "archive");
        IndexWriter writer(path, options);
        for (int i = 0; i < 80; ++i) writer.upsert(article("t" + std::to_string(i), "Repurchases", wire, day(40 * i)));
        writer.commit();
        writer.upsert(article("last", "Repurchases", wire, day(40 * 79 + 1)));
        writer.commit();
        const auto stories = stories_by_id(path);
        CHECK(stories.at("t0") == "t0");
        CHECK(stories.at("t79") == "t79");
        CHECK(stories.at("last") == "t79");
    }
}

TEST_CASE("an undated copy joins the story of a dated one, and a dated copy the story of an undated one") {
    std::string wire = "the council approved the budget after a long night of talks on tariffs and rail";
    for (int i = 0; i < 6; ++i) wire += " while the minister answered question " + std::to_string(i) + " on the port";
    TempDir dir;
    IndexWriter writer(dir.file("a"), by_month());
    writer.upsert(article("d1", "Budget", wire, "2021-03-05T10:00:00Z"));
    writer.upsert(article("u1", "Budget", wire, ""));
    writer.upsert(article("u2", "Budget, again", wire + " again", ""));
    writer.upsert(article("d2", "Budget", wire, "2023-01-05T10:00:00Z")); // joins the undated ones
    writer.commit();
    CHECK(stories_by_id(dir.file("a")) ==
          std::map<std::string, std::string>{{"d1", "d1"}, {"u1", "d1"}, {"u2", "d1"}, {"d2", "d1"}});
}

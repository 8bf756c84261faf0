// Stories of a bulk build do not depend on how fast its shards happen to run.

#include "articles.hpp"
#include "temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

#include "index/bulk_build.hpp"
#include "index/schema.hpp"
#include "index/story.hpp"
#include "util/text_util.hpp"

#include <xapian.h>

#include <chrono>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <thread>

using namespace gazette;
using gazette::test::article;
using gazette::test::TempDir;

namespace {

class TextMaker {
  public:
    std::string words(int count) {
        std::string text;
        for (int i = 0; i < count; ++i) {
            if (i > 0) text += ' ';
            const int length = 4 + static_cast<int>(random_() % 5);
            for (int c = 0; c < length; ++c) text += static_cast<char>('a' + random_() % 26);
        }
        return text;
    }

  private:
    std::mt19937 random_{20261125};
};

// Triples of articles: A and B share a core of text but differ too much to be one story; X is
// the core alone, a copy of either. Which one X joins depends on which of them the lookup finds
// first, so on what it sees of each shard at that moment. Unrelated articles fill the gaps and
// put X from a few to a thousand articles after A and B, across the span in which what a
// shard has committed depends on its speed.
std::vector<Article> ambiguous_corpus(int triples) {
    TextMaker text;
    std::vector<std::optional<Article>> slots(static_cast<std::size_t>(10 * triples + 1100));
    const auto place = [&](std::size_t at, Article a) {
        while (slots.at(at)) ++at;
        slots[at] = std::move(a);
    };
    for (int t = 0; t < triples; ++t) {
        const std::string core = text.words(60), n = std::to_string(t);
        const auto at = static_cast<std::size_t>(10 * t);
        place(at, article("a" + n, "A " + n, core + " " + text.words(12)));
        place(at + 1, article("b" + n, "B " + n, text.words(12) + " " + core));
        place(at + 2 + static_cast<std::size_t>(t * 37 % 1000), article("x" + n, "X " + n, core));
    }
    std::vector<Article> corpus;
    for (std::size_t i = 0; i < slots.size(); ++i)
        corpus.push_back(slots[i] ? std::move(*slots[i]) : article("f" + std::to_string(i), "Filler", text.words(70)));
    return corpus;
}

bool same_story(const Article& a, const Article& b) {
    return detail::equal_values(detail::article_signature(a), detail::article_signature(b)) >=
           detail::minhash_min_equal;
}

struct Change {
    Article article; // only the id for a removal
    bool remove = false;
};

// The corpus with edits inside the span the lookups see only in memory: ten changes before X,
// in every fourth triple A is replaced by unrelated text, and in another B is removed. Whether
// a shard has applied such an edit when X is looked up depends on its speed, so the lookups
// must skip the earlier versions the view may still hold.
std::vector<Change> with_edits(const std::vector<Article>& corpus) {
    TextMaker text;
    std::vector<Change> changes;
    for (std::size_t i = 0; i < corpus.size(); ++i) {
        if (const Article* x = i + 10 < corpus.size() ? &corpus[i + 10] : nullptr; x && x->id[0] == 'x') {
            const std::string n = x->id.substr(1);
            const int t = std::stoi(n);
            if (t % 4 == 1) changes.push_back({article("a" + n, "A " + n + ", rewritten", text.words(72)), false});
            if (t % 4 == 3) changes.push_back({article("b" + n, "", ""), true});
        }
        changes.push_back({corpus[i], false});
    }
    return changes;
}

// Builds with two shards and small batches; returns the story of each article left. `groups` > 0:
// the articles go to that many groups of databases (as an archive's partitions), by id.
std::map<std::string, std::string> build_stories(const std::vector<Change>& changes, const std::string& dir,
                                                 int slow_shard, unsigned groups = 0) {
    detail::BulkBuildTuning tuning;
    tuning.generation_size = 200; // several databases per shard
    tuning.story_lag = 16;
    tuning.before_change = [slow_shard](unsigned k) {
        if (static_cast<int>(k) == slow_shard) std::this_thread::sleep_for(std::chrono::microseconds(100));
    };
    detail::GroupOf group_of;
    if (groups > 0) group_of = [groups](const Article& a) { return std::to_string(detail::fnv1a64(a.id) % groups); };
    std::set<std::string> ids;
    std::vector<std::string> outputs{dir + "/out"};
    {
        detail::BulkBuild build(dir + "/db", detail::AnalysisSettings{}, 2, 8, tuning, group_of);
        for (const auto& change : changes) {
            if (change.remove) {
                build.remove(change.article.id);
                ids.erase(change.article.id);
            } else {
                build.upsert(normalize_article(change.article));
                ids.insert(change.article.id);
            }
        }
        if (groups == 0) {
            build.compact_into(outputs[0]);
        } else {
            outputs.clear();
            build.compact_groups_into(
                [&](const std::string& group) { return outputs.emplace_back(dir + "/out-" + group); });
        }
    }
    Xapian::Database db;
    for (const auto& output : outputs) db.add_database(Xapian::Database(output));
    REQUIRE(db.get_doccount() == ids.size());
    std::map<std::string, std::string> stories;
    for (const auto& id : ids) {
        const auto p = db.postlist_begin(detail::id_term(id));
        REQUIRE(p != db.postlist_end(detail::id_term(id)));
        stories[id] = db.get_document(*p).get_value(detail::slot(detail::Slot::story));
    }
    return stories;
}

// Databases of story documents, as the parts of a view: part k holds `copy_at[k] - 1` unrelated
// articles, then a copy of `text` (story "pK") if copy_at[k] > 0.
struct StoryParts {
    std::vector<std::string> paths;
    StoryParts(const TempDir& dir, TextMaker& filler, const std::string& text, const std::vector<int>& copy_at) {
        for (std::size_t k = 0; k < copy_at.size(); ++k) {
            paths.push_back(dir.file("part" + std::to_string(k)));
            Xapian::WritableDatabase db(paths.back(), Xapian::DB_CREATE);
            const auto add = [&](const std::string& id, const std::string& body, const std::string& story) {
                Xapian::Document doc;
                detail::add_story(doc, detail::article_signature(article(id, "", body)), story);
                doc.add_boolean_term(detail::id_term(id));
                db.add_document(doc);
            };
            const std::string part = std::to_string(k);
            for (int d = 1; d < copy_at[k]; ++d) {
                const std::string id = "f" + part + "-" + std::to_string(d);
                add(id, filler.words(70), id);
            }
            if (copy_at[k] > 0) add("c" + part, text, "p" + part);
            db.commit();
        }
    }
    detail::StoryView view(const std::vector<Xapian::docid>& limits) const {
        detail::StoryView v;
        for (std::size_t k = 0; k < paths.size(); ++k)
            v.parts.push_back(
                {Xapian::Database(paths[k]), limits[k], static_cast<unsigned>(k % 2), static_cast<unsigned>(k / 2)});
        return v;
    }
};

} // namespace

// Builds the corpus with its edits three times (shards at even speed, the first slow, the
// second slow) and requires the same stories, and sensible ones: X joins A's or B's, both of
// which start their own (where neither was edited).
static void require_stable_stories(const std::vector<Article>& corpus, int triples, unsigned groups) {
    std::map<std::string, const Article*> by_id;
    for (const auto& a : corpus) by_id[a.id] = &a;
    TempDir dir;
    const auto changes = with_edits(corpus);
    const auto even = build_stories(changes, dir.file("even"), -1, groups);
    const auto slow_first = build_stories(changes, dir.file("slow0"), 0, groups);
    const auto slow_second = build_stories(changes, dir.file("slow1"), 1, groups);
    for (const auto& [id, story] : even) {
        INFO(id);
        CHECK(slow_first.at(id) == story);
        CHECK(slow_second.at(id) == story);
    }
    for (int t = 0; t < triples; t += 2) {
        const auto n = std::to_string(t);
        INFO(n);
        CHECK(even.at("a" + n) == "a" + n);
        const std::string x = even.at("x" + n);
        if (same_story(*by_id["x" + n], *by_id["a" + n])) CHECK((x == "a" + n || x == "b" + n));
    }
}

TEST_CASE("a bulk build assigns the same stories however fast each shard runs") {
    const auto corpus = ambiguous_corpus(80);
    // The corpus must hold real ambiguities, or this test shows nothing.
    int ambiguous = 0;
    std::map<std::string, const Article*> by_id;
    for (const auto& a : corpus) by_id[a.id] = &a;
    for (int t = 0; t < 80; ++t) {
        const auto n = std::to_string(t);
        const Article &a = *by_id["a" + n], &b = *by_id["b" + n], &x = *by_id["x" + n];
        if (same_story(x, a) && same_story(x, b) && !same_story(a, b)) ++ambiguous;
    }
    INFO(ambiguous << " ambiguous triples");
    REQUIRE(ambiguous >= 20);
    require_stable_stories(corpus, 80, 0);
}

TEST_CASE("a bulk build that holds articles back by group assigns the same stories however fast each shard runs") {
    // Forty groups written in batches of four a shard: each shard holds most groups' articles
    // back, writes the one holding most when it holds too many, and one whose oldest article is
    // too far back. The lookups must find the copies held back in memory, and count only what
    // a shard had written of each group by the change they are told of.
    require_stable_stories(ambiguous_corpus(80), 80, 40);
}

TEST_CASE("a story lookup over several databases finds the earliest visible copy") {
    // Copies at document 3 of part 0, 2 of part 1 and 2 of part 2, the order of a Xapian
    // database made of the three: part 1's, part 2's, part 0's.
    TempDir dir;
    TextMaker text;
    const std::string wire = text.words(80);
    const StoryParts parts(dir, text, wire, {3, 2, 2});
    const auto story_of_copy = [&](const std::vector<Xapian::docid>& limits) {
        detail::StoryIndex stories([&] { return parts.view(limits); }, 2);
        const auto signature = detail::article_signature(article("new", "", wire));
        // Twice: the second lookup reads the band terms into the filters first.
        const std::string first = stories.assign("new", signature, false, std::nullopt);
        CHECK(stories.assign("new", signature, false, std::nullopt) == first);
        return first;
    };
    CHECK(story_of_copy({10, 10, 10}) == "p1");
    CHECK(story_of_copy({10, 1, 10}) == "p2"); // part 1's copy is past its limit
    CHECK(story_of_copy({10, 1, 1}) == "p0");
    CHECK(story_of_copy({2, 1, 1}) == "new");
    CHECK(story_of_copy({0, 0, 0}) == "new");
    // An article is no copy of its earlier version.
    detail::StoryIndex stories([&] { return parts.view({10, 10, 10}); }, 2);
    CHECK(stories.assign("c1", detail::article_signature(article("c1", "", wire)), true, std::nullopt) == "p2");
}

TEST_CASE("a story lookup on a revision a writer has since overwritten starts over") {
    TempDir dir;
    const auto db = dir.file("db");
    TextMaker text;
    const Article wire = article("wire", "Wire story", text.words(80));
    WriterOptions one_thread;
    one_thread.threads = 1;
    IndexWriter writer(db, one_thread);
    // Enough articles that the B-trees have more than a root block, which a reader keeps.
    for (int i = 0; i < 300; ++i) writer.upsert(article("old" + std::to_string(i), "News", text.words(80)));
    writer.upsert(wire);
    writer.commit();

    detail::StoryIndex stories([&] { return detail::StoryView::whole(Xapian::Database(db)); }, 1);
    const Article unrelated = article("other", "Other", text.words(80));
    CHECK(stories.assign(unrelated.id, detail::article_signature(unrelated), true, std::nullopt) ==
          "other");             // opens the view
    Xapian::Database stale(db); // the same revision as the view
    // Several commits later the blocks of that revision have been reused.
    for (int batch = 0; batch < 4; ++batch) {
        for (int i = 0; i < 50; ++i)
            writer.upsert(article("n" + std::to_string(batch * 50 + i), "News", text.words(80)));
        writer.upsert(article("wire", "Wire story, updated " + std::to_string(batch), wire.body));
        writer.commit();
    }
    REQUIRE_THROWS_AS(
        [&] {
            for (auto t = stale.allterms_begin(); t != stale.allterms_end(); ++t)
                for (auto p = stale.postlist_begin(*t); p != stale.postlist_end(*t); ++p) (void)*p;
        }(),
        Xapian::DatabaseModifiedError);
    // The view was not told of the commits, yet finds the copy in the newest revision.
    const Article copy = article("copy", "Wire story, again", wire.body);
    CHECK(stories.assign(copy.id, detail::article_signature(copy), true, std::nullopt) == "wire");
}

TEST_CASE("a story lookup that opens a database while commits reuse its root starts over") {
    // Xapian 1.4 reports a root block reused by two commits between reading the version file
    // and the block as corruption ("Expected block N to be level L"), not as a modified
    // revision. The lookup opens the view again; a corruption that stays fails it.
    TempDir dir;
    const auto db = dir.file("db");
    TextMaker text;
    const Article wire = article("wire", "Wire story", text.words(80));
    IndexWriter writer(db, WriterOptions{});
    writer.upsert(wire);
    writer.commit();
    const Article copy = article("copy", "Wire story, again", wire.body);

    int opened = 0;
    detail::StoryIndex overtaken(
        [&] {
            if (++opened == 1) throw Xapian::DatabaseCorruptError("Expected block 5 to be level 1, not 0");
            return detail::StoryView::whole(Xapian::Database(db));
        },
        1);
    CHECK(overtaken.assign(copy.id, detail::article_signature(copy), true, std::nullopt) == "wire");
    CHECK(opened == 2);

    int attempts = 0;
    detail::StoryIndex corrupt(
        [&]() -> detail::StoryView {
            ++attempts;
            throw Xapian::DatabaseCorruptError("Expected block 5 to be level 1, not 0");
        },
        1);
    CHECK_THROWS_AS(corrupt.assign(copy.id, detail::article_signature(copy), true, std::nullopt),
                    Xapian::DatabaseCorruptError);
    CHECK(attempts == detail::StoryIndex::max_overtaken_attempts);
}

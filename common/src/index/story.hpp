#pragma once
// Story de-duplication at index time: an article whose text is a near copy of an indexed
// article's (MinHash estimate of shingle overlap) published within story_window_seconds of it
// joins that article's story; otherwise it starts a story of its own. Search results can then be
// collapsed to one copy per story.

#include <gazette/article.hpp>

#include "index/bloom.hpp"
#include "index/minhash.hpp"
#include "util/dates.hpp"

#include <xapian.h>

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gazette::detail {

/// The prefix of the band terms that story lookups search for.
inline constexpr std::string_view band_term_prefix = "XMH";

/// Copies of one story are published within this time of each other. Wire copy, its corrections
/// and its republications come within days; a template reused months later (results, prices,
/// schedules) reports another event. In Reuters-21578, 387 of the 390 pairs of identical texts
/// lie within 30 days, and the other 3 are a central bank's routine announcement repeated two
/// to three months later. It also bounds what a new article is compared with: an archive looks
/// only in the partitions of the window, however many years it holds. An undated article may
/// join, or be joined by, a copy of any date.
inline constexpr UnixSeconds story_window_seconds = 30 * 86400;

/// Whether articles published at `a` and `b` (none: undated) may be copies of one story.
bool within_story_window(std::optional<UnixSeconds> a, std::optional<UnixSeconds> b);

/// The hashes of a signature's band terms, as the Bloom filters of band terms hold them.
std::array<std::uint64_t, minhash_bands> band_keys(const MinHash& signature);

/// The signature of an article: of its body when that is long enough to tell stories apart,
/// else of all its text; empty when there is too little text.
MinHash article_signature(const Article& article);
/// The publication date of an article as its index stores it; none when undated.
std::optional<UnixSeconds> article_published(const Article& article);

/// What the story lookups read of the committed articles: databases (a shard's generations,
/// and partitions, during a bulk build), each with the last document id that counts. A shard may have committed
/// more than the lookups are to see; its later documents are looked up in memory instead.
struct StoryView {
    struct Part {
        Xapian::Database database;
        Xapian::docid last_visible = 0;
        unsigned shard = 0;
        unsigned shard_database = 0; ///< its place among the shard's databases, oldest first
        /// The band terms of the database (and maybe more), kept by its writer; when every part
        /// has one, the story index builds no filters of its own.
        const GrowingBloomFilter* bands = nullptr;
        /// The publication dates it can hold, [first, last) (an archive's partition); none: any.
        std::optional<std::pair<UnixSeconds, UnixSeconds>> period = std::nullopt;
    };
    /// Shard by shard, generations in order: among documents with the same id in their
    /// databases, the earlier part's comes first.
    std::vector<Part> parts;

    /// One database, all of it counting.
    static StoryView whole(Xapian::Database database);
    Xapian::doccount doccount() const;
};

/// Which of a shard's databases each of its changes went to. The databases form groups (the
/// partitions of an archive; one group, "", for one index); a group's databases are written one
/// after the other, each from the change that started it on.
struct ShardPlacement {
    struct Start {
        std::uint64_t first_sequence; ///< the first change written to the database
        unsigned database;            ///< its place among the shard's databases, oldest first
    };
    std::map<std::string, std::vector<Start>> groups; ///< each group's databases, oldest first

    /// The database that change `sequence` of `group` went to (0 when the group is not known).
    unsigned database_of(const std::string& group, std::uint64_t sequence) const;
};

/// Assigns stories. Articles already committed are found through a read-only view of the
/// index (or of its shards during a bulk build), so lookups never flush a writer's batch; the
/// others are kept in memory until the owner reports that the view covers them. Bloom filters
/// of the committed band terms skip view lookups that cannot match: one for the whole view, and
/// one per database, so that a band term present in one generation is looked up in that one
/// alone. (A full filter sent every article to the view, 8 B-tree lookups per database, which
/// made this thread the bottleneck of bulk builds past 500k articles.)
class StoryIndex {
  public:
    using ViewOpener = std::function<StoryView()>;
    /// `part_filter_capacity`: band terms each database's filter is first sized for (it grows):
    /// smaller when a build writes to many small databases (an archive's partitions).
    StoryIndex(ViewOpener open_view, unsigned shards, std::size_t part_filter_capacity = 1 << 20);

    /// The story of an article with this id, signature and publication date (none: undated):
    /// its own id if it matches nothing. `maybe_indexed`: an earlier version of the article may
    /// be in the view (which it must not join); false spares looking its id up.
    std::string assign(const std::string& id, const MinHash& signature, bool maybe_indexed,
                       std::optional<UnixSeconds> published);
    /// Records an article given to `shard` as its change number `sequence` (increasing), to be
    /// written to a database of `group`.
    void remember(const std::string& id, const MinHash& signature, std::optional<UnixSeconds> published,
                  const std::string& story, unsigned shard, std::uint64_t sequence, const std::string& group = {});
    /// An earlier version of `id` (changed or removed as `shard`'s change `sequence`), if the
    /// view holds one, no longer counts.
    void superseded(const std::string& id, unsigned shard, std::uint64_t sequence);
    /// The view of `shard` now covers its changes up to `sequence`: it is opened anew for the
    /// next lookup. `placement`: which of the shard's databases its changes went to (none: all
    /// went to one database).
    void committed(unsigned shard, std::uint64_t sequence, const ShardPlacement* placement = nullptr);
    /// The databases have newer commits: the view reopens them (what counts stays the same).
    void refresh() { view_refresh_ = true; }

    /// Candidates examined per article at most, so templated text (thousands of near-identical
    /// articles) stays cheap.
    static constexpr std::size_t max_candidates = 64;
    /// Articles outside the story window passed over per article at most (a date read each):
    /// one index meets every earlier copy of a template, an archive only its window's.
    static constexpr std::size_t max_passed_over = 1024;
    /// Lookups overtaken by commits are started over this many times at most.
    static constexpr int max_overtaken_attempts = 8;

  private:
    struct Pending {
        std::string id;
        MinHash signature;
        std::optional<UnixSeconds> published;
        std::string story;
        std::uint64_t sequence;
        std::string group;
        std::array<std::uint64_t, minhash_bands> bands;
    };
    StoryView& view();
    /// The document is an earlier version of an article changed since the view's limits.
    bool is_superseded(const Xapian::Document& doc) const;
    std::string committed_match(const std::string& id, const MinHash& signature, std::optional<UnixSeconds> published,
                                const std::array<std::string, minhash_bands>& terms, bool maybe_indexed);
    /// Where the view holds `id`: part and document id (none: {parts, 0}).
    std::pair<std::size_t, Xapian::docid> locate(const std::string& id);
    bool part_may_contain(const StoryView::Part& part, std::uint64_t band) const;
    GrowingBloomFilter& part_bands(unsigned shard, unsigned database);
    void load_filter();

    ViewOpener open_view_;
    std::optional<StoryView> view_;
    bool view_stale_ = false;                                                   ///< the limits moved: open anew
    bool view_refresh_ = false;                                                 ///< newer commits: reopen
    std::vector<std::deque<Pending>> pending_;                                  ///< per shard, in sequence order
    std::vector<std::deque<std::pair<std::uint64_t, std::string>>> superseded_; ///< per shard
    std::unordered_map<std::string, unsigned> superseded_ids_;                  ///< id: entries
    std::unordered_multimap<std::uint64_t, const Pending*> pending_bands_;
    GrowingBloomFilter committed_bands_;
    std::vector<std::vector<GrowingBloomFilter>> part_bands_; ///< per shard and database
    std::size_t part_filter_capacity_;
    bool filter_complete_ = false; ///< the filters hold every committed band term
    bool writer_filters_ = false;  ///< the view's parts bring their own filters
    std::uint64_t direct_lookups_ = 0;
};

/// Records signature and story in the document: values for collapsing, terms for lookups.
void add_story(Xapian::Document& doc, const MinHash& signature, const std::string& story);

} // namespace gazette::detail

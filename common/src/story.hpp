#pragma once
// Story de-duplication at index time: an article whose text is a near copy of an indexed
// article's (MinHash estimate of shingle overlap) joins that article's story; otherwise it
// starts a story of its own. Search results can then be collapsed to one copy per story.

#include <gazette/article.hpp>

#include "bloom.hpp"
#include "minhash.hpp"

#include <xapian.h>

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace gazette::detail {

/// The signature of an article: of its body when that is long enough to tell stories apart,
/// else of all its text; empty when there is too little text.
MinHash article_signature(const Article& article);

/// Assigns stories. Articles already committed are found through a read-only view of the
/// index (or of its shards during a bulk build), so lookups never flush a writer's batch;
/// articles not committed yet are kept in memory until their shard commits them. A Bloom
/// filter of the committed band terms skips view lookups that cannot match; it grows with
/// them, because a full one sent every article to the view (8 B-tree lookups per shard), which
/// made this thread the bottleneck of bulk builds past 500k articles.
class StoryIndex {
  public:
    using ViewOpener = std::function<std::unique_ptr<Xapian::Database>()>;
    StoryIndex(ViewOpener open_view, unsigned shards);

    /// The story of an article with this id and signature (its own id if it matches nothing).
    std::string assign(const std::string& id, const MinHash& signature);
    /// Records an article given to `shard` as its change number `sequence` (increasing).
    void remember(const std::string& id, const MinHash& signature, const std::string& story, unsigned shard,
                  std::uint64_t sequence);
    /// `shard` has committed its changes up to `sequence`: the view covers them now.
    void committed(unsigned shard, std::uint64_t sequence);
    /// The set of databases changed (a shard started a new one): the view is opened anew.
    void databases_changed() { view_.reset(); }

    /// Candidates examined per article at most, so templated text (thousands of near-identical
    /// articles) stays cheap.
    static constexpr std::size_t max_candidates = 64;

  private:
    struct Pending {
        std::string id;
        MinHash signature;
        std::string story;
        std::uint64_t sequence;
        std::array<std::uint64_t, minhash_bands> bands;
    };
    Xapian::Database& view();
    std::string committed_match(const std::string& id, const MinHash& signature,
                                const std::array<std::string, minhash_bands>& terms);
    void load_filter();

    ViewOpener open_view_;
    std::unique_ptr<Xapian::Database> view_;
    bool view_stale_ = false;
    std::vector<std::deque<Pending>> pending_; ///< per shard, in sequence order
    std::unordered_multimap<std::uint64_t, const Pending*> pending_bands_;
    GrowingBloomFilter committed_bands_;
    bool filter_complete_ = false; ///< the filter holds every committed band term
    std::uint64_t direct_lookups_ = 0;
};

/// Records signature and story in the document: values for collapsing, terms for lookups.
void add_story(Xapian::Document& doc, const MinHash& signature, const std::string& story);

} // namespace gazette::detail

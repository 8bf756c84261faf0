#include "index/story.hpp"

#include "index/schema.hpp"
#include "index/stored_article.hpp"
#include "util/text_util.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <optional>

namespace gazette::detail {

namespace {

bool same_story(const MinHash& a, const MinHash& b) {
    return equal_values(a, b) >= minhash_min_equal;
}

std::optional<UnixSeconds> published_of(const Xapian::Document& doc) {
    const std::string value = doc.get_value(slot(Slot::published));
    if (value.empty()) return std::nullopt;
    return static_cast<UnixSeconds>(Xapian::sortable_unserialise(value));
}

// Whether a part may hold an article published within the story window of `published`. A day
// more each side: a date written with a time zone may sit in the partition of its local day.
bool period_in_window(const StoryView::Part& part, std::optional<UnixSeconds> published) {
    if (!published || !part.period) return true;
    constexpr UnixSeconds margin = story_window_seconds + 86400;
    return part.period->first <= *published + margin && *published - margin < part.period->second;
}

} // namespace

bool within_story_window(std::optional<UnixSeconds> a, std::optional<UnixSeconds> b) {
    return !a || !b || (*a > *b ? *a - *b : *b - *a) <= story_window_seconds;
}

std::optional<UnixSeconds> article_published(const Article& article) {
    if (article.published.empty()) return std::nullopt;
    if (const auto date = parse_date(article.published)) return date->seconds;
    return std::nullopt;
}

std::array<std::uint64_t, minhash_bands> band_keys(const MinHash& signature) {
    std::array<std::uint64_t, minhash_bands> keys{};
    for (int band = 0; band < minhash_bands; ++band)
        keys[static_cast<std::size_t>(band)] = fnv1a64(minhash_band_term(signature, band));
    return keys;
}

MinHash article_signature(const Article& a) {
    if (auto body = minhash(a.body, 40); !body.empty) return body;
    return minhash(a.title + "\n" + a.summary + "\n" + a.body, 8);
}

StoryView StoryView::whole(Xapian::Database database) {
    StoryView view;
    view.parts.push_back({std::move(database), std::numeric_limits<Xapian::docid>::max(), 0, 0});
    return view;
}

Xapian::doccount StoryView::doccount() const {
    Xapian::doccount n = 0;
    for (const auto& part : parts) n += part.database.get_doccount();
    return n;
}

unsigned ShardPlacement::database_of(const std::string& group, std::uint64_t sequence) const {
    const auto it = groups.find(group);
    if (it == groups.end() || it->second.empty()) return 0;
    const auto& starts = it->second;
    // The last database of the group started at or before the change.
    auto after = std::upper_bound(starts.begin(), starts.end(), sequence,
                                  [](std::uint64_t s, const Start& start) { return s < start.first_sequence; });
    return after == starts.begin() ? starts.front().database : std::prev(after)->database;
}

StoryIndex::StoryIndex(ViewOpener open_view, unsigned shards, std::size_t part_filter_capacity)
    : open_view_(std::move(open_view)), pending_(std::max(1u, shards)), superseded_(std::max(1u, shards)),
      part_filter_capacity_(part_filter_capacity) {}

StoryView& StoryIndex::view() {
    if (!view_) {
        view_ = open_view_();
        writer_filters_ = !view_->parts.empty() && std::all_of(view_->parts.begin(), view_->parts.end(),
                                                               [](const StoryView::Part& p) { return p.bands; });
        // An empty view (a new index, a bulk build) has no band terms: the filters start complete.
        if (writer_filters_ || view_->doccount() == 0) {
            committed_bands_.reset(1 << 20);
            filter_complete_ = true;
        }
    } else if (view_stale_) {
        view_ = open_view_();
    } else if (view_refresh_) {
        for (auto& part : view_->parts) part.database.reopen();
    }
    view_stale_ = view_refresh_ = false;
    return *view_;
}

GrowingBloomFilter& StoryIndex::part_bands(unsigned shard, unsigned database) {
    if (part_bands_.size() <= shard) part_bands_.resize(shard + 1);
    auto& databases = part_bands_[shard];
    while (databases.size() <= database) databases.emplace_back(part_filter_capacity_);
    return databases[database];
}

bool StoryIndex::part_may_contain(const StoryView::Part& part, std::uint64_t band) const {
    if (writer_filters_) return !part.bands || part.bands->maybe_contains(band);
    // With one database the filter of the whole view has answered already.
    if (!filter_complete_ || view_->parts.size() == 1) return true;
    if (part.shard >= part_bands_.size() || part.shard_database >= part_bands_[part.shard].size()) return false;
    return part_bands_[part.shard][part.shard_database].maybe_contains(band);
}

// Reads every committed band term into the filters: worth it once the direct lookups made so
// far cost about as much as one pass over the terms.
void StoryIndex::load_filter() {
    StoryView& v = view();
    const std::size_t expected = static_cast<std::size_t>(v.doccount()) * minhash_bands;
    committed_bands_.reset(std::max<std::size_t>(2 * expected, 1 << 20));
    part_bands_.clear();
    const std::string prefix(band_term_prefix);
    for (const auto& part : v.parts) {
        GrowingBloomFilter* own = v.parts.size() > 1 ? &part_bands(part.shard, part.shard_database) : nullptr;
        for (auto t = part.database.allterms_begin(prefix); t != part.database.allterms_end(prefix); ++t) {
            const std::uint64_t band = fnv1a64(*t);
            committed_bands_.add(band);
            if (own) own->add(band);
        }
    }
    filter_complete_ = true;
}

std::string StoryIndex::assign(const std::string& id, const MinHash& signature, bool maybe_indexed,
                               std::optional<UnixSeconds> published) {
    if (signature.empty) return id;
    std::array<std::string, minhash_bands> terms;
    for (int band = 0; band < minhash_bands; ++band)
        terms[static_cast<std::size_t>(band)] = minhash_band_term(signature, band);
    // Committed articles first: the earliest copy of a story defines it.
    for (int attempt = 1;; ++attempt) {
        try {
            if (std::string story = committed_match(id, signature, published, terms, maybe_indexed); !story.empty())
                return story;
            break;
        } catch (const Xapian::DatabaseModifiedError&) {
            // A shard committed twice during the lookup, overwriting the revision it read. What
            // counts is the same in the newer one, so the lookup can start over.
            if (attempt == max_overtaken_attempts) throw;
            view_refresh_ = true;
        } catch (const Xapian::DatabaseCorruptError&) {
            // The same race while a database was being opened: Xapian 1.4 checks the level of a
            // root block before its revision, so a root reused by two commits in between reads
            // as "Expected block N to be level L". A real corruption fails every attempt.
            if (attempt == max_overtaken_attempts) throw;
            view_stale_ = true;
        }
    }
    for (const auto& term : terms) {
        const auto [begin, end] = pending_bands_.equal_range(fnv1a64(term));
        for (auto it = begin; it != end; ++it)
            if (it->second->id != id && same_story(it->second->signature, signature) &&
                within_story_window(it->second->published, published))
                return it->second->story;
    }
    return id;
}

std::pair<std::size_t, Xapian::docid> StoryIndex::locate(const std::string& id) {
    const std::string term = id_term(id);
    for (std::size_t k = 0; k < view_->parts.size(); ++k) {
        const Xapian::Database& db = view_->parts[k].database;
        if (const auto p = db.postlist_begin(term); p != db.postlist_end(term)) return {k, *p};
    }
    return {view_->parts.size(), 0};
}

namespace {

/// The visible postings of one band term in one database of the view.
struct BandPostings {
    Xapian::PostingIterator at, end;
    Xapian::docid last_visible;
    std::size_t part;

    bool exhausted() const { return at == end || *at > last_visible; }
};

} // namespace

std::string StoryIndex::committed_match(const std::string& id, const MinHash& signature,
                                        std::optional<UnixSeconds> published,
                                        const std::array<std::string, minhash_bands>& terms, bool maybe_indexed) {
    StoryView& sv = view();
    // Each direct lookup asks every database of the view (an archive's every partition).
    if (!filter_complete_ && (direct_lookups_ += sv.parts.size()) * 8 > sv.doccount()) load_filter();
    // The filter of the whole view says whether any part may hold a band; the parts' own
    // filters, when their writer keeps them, say it part by part.
    const auto may_hold = [&](std::uint64_t band) {
        return !filter_complete_ || writer_filters_ || committed_bands_.maybe_contains(band);
    };
    bool any = false;
    for (const auto& term : terms) any = any || may_hold(fnv1a64(term));
    if (!any) return {};

    // The first copy found wins: candidates come in the order of their document ids, and of
    // their databases in the view for equal ids (the order of a Xapian database made of the
    // parts), so that is the earliest indexed one in the first matching band, a stable choice.
    // Each band term is looked up only in the databases whose filter may hold it.
    const Xapian::valueno signature_slot = slot(Slot::fingerprint);
    std::optional<std::pair<std::size_t, Xapian::docid>> self; // what this article replaces is no copy of it
    std::size_t examined = 0, passed_over = 0;
    std::vector<BandPostings> postings;
    for (const auto& term : terms) {
        const std::uint64_t band = fnv1a64(term);
        if (!may_hold(band)) continue;
        postings.clear();
        for (std::size_t k = 0; k < sv.parts.size(); ++k) {
            const StoryView::Part& part = sv.parts[k];
            if (part.last_visible == 0 || !period_in_window(part, published) || !part_may_contain(part, band)) continue;
            BandPostings p{part.database.postlist_begin(term), part.database.postlist_end(term), part.last_visible, k};
            if (!p.exhausted()) postings.push_back(std::move(p));
        }
        while (!postings.empty()) {
            // Few databases hold a band term: a scan finds the next candidate.
            auto next = postings.begin();
            for (auto p = next + 1; p != postings.end(); ++p)
                if (*p->at < *next->at) next = p; // equal ids: the earlier part, already first
            const std::size_t k = next->part;
            const Xapian::docid candidate = *next->at;
            if (++next->at; next->exhausted()) postings.erase(next);

            // Looked up only now, so that a Bloom filter false positive costs no lookup of it.
            if (!self) self = maybe_indexed ? locate(id) : std::pair{sv.parts.size(), Xapian::docid{0}};
            if (k == self->first && candidate == self->second) continue;
            const Xapian::Document doc = sv.parts[k].database.get_document(candidate, Xapian::DOC_ASSUME_VALID);
            if (is_superseded(doc)) continue;
            // Only articles of the window are candidates, nor do the others count towards their
            // limit: an archive never meets those in the partitions it skips, and a template
            // repeated daily must not hide this month's copy behind older ones. Passing them
            // over is bounded too: one index reads through a template's years of copies.
            if (published && !within_story_window(published, published_of(doc))) { // undated: any date
                if (++passed_over >= max_passed_over) return {};
                continue;
            }
            const MinHash other = decode_minhash(doc.get_value(signature_slot));
            if (!other.empty && same_story(signature, other)) return doc.get_value(slot(Slot::story));
            if (++examined >= max_candidates) return {};
        }
    }
    return {};
}

bool StoryIndex::is_superseded(const Xapian::Document& doc) const {
    return !superseded_ids_.empty() && superseded_ids_.count(stored_hit(doc).id) > 0;
}

void StoryIndex::superseded(const std::string& id, unsigned shard, std::uint64_t sequence) {
    superseded_.at(shard).emplace_back(sequence, id);
    ++superseded_ids_[id];
}

void StoryIndex::remember(const std::string& id, const MinHash& signature, std::optional<UnixSeconds> published,
                          const std::string& story, unsigned shard, std::uint64_t sequence, const std::string& group) {
    if (signature.empty) return;
    Pending entry{id, signature, published, story, sequence, group, band_keys(signature)};
    auto& queue = pending_.at(shard);
    queue.push_back(std::move(entry));
    const Pending* stored = &queue.back(); // deque elements stay put on push_back/pop_front
    for (const auto band : stored->bands) pending_bands_.emplace(band, stored);
}

void StoryIndex::committed(unsigned shard, std::uint64_t sequence, const ShardPlacement* placement) {
    auto& queue = pending_.at(shard);
    while (!queue.empty() && queue.front().sequence <= sequence) {
        const Pending* entry = &queue.front();
        const unsigned database = placement ? placement->database_of(entry->group, entry->sequence) : 0;
        // The parts' writers keep their own filters.
        GrowingBloomFilter* own = filter_complete_ && !writer_filters_ ? &part_bands(shard, database) : nullptr;
        for (const auto band : entry->bands) {
            const auto [begin, end] = pending_bands_.equal_range(band);
            for (auto it = begin; it != end; ++it) {
                if (it->second == entry) {
                    pending_bands_.erase(it);
                    break;
                }
            }
            if (own) {
                committed_bands_.add(band);
                own->add(band);
            }
        }
        queue.pop_front();
    }
    auto& changes = superseded_.at(shard);
    while (!changes.empty() && changes.front().first <= sequence) {
        const auto it = superseded_ids_.find(changes.front().second);
        if (--it->second == 0) superseded_ids_.erase(it);
        changes.pop_front();
    }
    view_stale_ = true;
}

void add_story(Xapian::Document& doc, const MinHash& signature, const std::string& story) {
    if (!signature.empty) {
        doc.add_value(slot(Slot::fingerprint), encode_minhash(signature));
        for (int band = 0; band < minhash_bands; ++band) doc.add_boolean_term(minhash_band_term(signature, band));
    }
    doc.add_value(slot(Slot::story), story);
    doc.add_boolean_term(std::string(story_prefix) + story);
}

} // namespace gazette::detail

#include "story.hpp"

#include "schema.hpp"
#include "stored_article.hpp"
#include "text_util.hpp"

#include <optional>

namespace gazette::detail {

namespace {

bool same_story(const MinHash& a, const MinHash& b) {
    return equal_values(a, b) >= minhash_min_equal;
}

constexpr std::string_view band_prefix = "XMH";

} // namespace

MinHash article_signature(const Article& a) {
    if (auto body = minhash(a.body, 40); !body.empty) return body;
    return minhash(a.title + "\n" + a.summary + "\n" + a.body, 8);
}

bool StoryView::visible(Xapian::docid docid) const {
    if (last_visible.empty()) return true;
    // Xapian interleaves the documents of its sub-databases: sub-database k's local document d
    // is (d - 1) * n + k + 1.
    const auto n = static_cast<Xapian::docid>(last_visible.size());
    return (docid - 1) / n + 1 <= last_visible[(docid - 1) % n];
}

StoryIndex::StoryIndex(ViewOpener open_view, unsigned shards)
    : open_view_(std::move(open_view)), pending_(std::max(1u, shards)), superseded_(std::max(1u, shards)) {}

StoryView& StoryIndex::view() {
    if (!view_) {
        view_ = open_view_();
        // An empty view (a new index, a bulk build) has no band terms: the filter starts complete.
        if (view_->database->get_doccount() == 0) {
            committed_bands_.reset(1 << 20);
            filter_complete_ = true;
        }
    } else if (view_stale_) {
        view_ = open_view_();
    } else if (view_refresh_) {
        view_->database->reopen();
    }
    view_stale_ = view_refresh_ = false;
    return *view_;
}

// Reads every committed band term into the filter: worth it once the direct lookups made so far
// cost about as much as one pass over the terms.
void StoryIndex::load_filter() {
    Xapian::Database& v = *view().database;
    const std::size_t expected = static_cast<std::size_t>(v.get_doccount()) * minhash_bands;
    committed_bands_.reset(std::max<std::size_t>(2 * expected, 1 << 20));
    const std::string prefix(band_prefix);
    for (auto t = v.allterms_begin(prefix); t != v.allterms_end(prefix); ++t) committed_bands_.add(fnv1a64(*t));
    filter_complete_ = true;
}

std::string StoryIndex::assign(const std::string& id, const MinHash& signature) {
    if (signature.empty) return id;
    std::array<std::string, minhash_bands> terms;
    for (int band = 0; band < minhash_bands; ++band)
        terms[static_cast<std::size_t>(band)] = minhash_band_term(signature, band);
    // Committed articles first: the earliest copy of a story defines it.
    for (int attempt = 1;; ++attempt) {
        try {
            if (std::string story = committed_match(id, signature, terms); !story.empty()) return story;
            break;
        } catch (const Xapian::DatabaseModifiedError&) {
            // A shard committed twice during the lookup, overwriting the revision it read. What
            // counts is the same in the newer one, so the lookup can start over.
            if (attempt == 8) throw;
            view_refresh_ = true;
        }
    }
    for (const auto& term : terms) {
        const auto [begin, end] = pending_bands_.equal_range(fnv1a64(term));
        for (auto it = begin; it != end; ++it)
            if (it->second->id != id && same_story(it->second->signature, signature)) return it->second->story;
    }
    return id;
}

std::string StoryIndex::committed_match(const std::string& id, const MinHash& signature,
                                        const std::array<std::string, minhash_bands>& terms) {
    StoryView& sv = view();
    Xapian::Database& v = *sv.database;
    if (!filter_complete_ && ++direct_lookups_ * 8 > v.get_doccount()) load_filter();
    bool any = false;
    for (const auto& term : terms) any = any || !filter_complete_ || committed_bands_.maybe_contains(fnv1a64(term));
    if (!any) return {};

    // The first copy found wins: postings come in document order, so that is the earliest
    // indexed one in the first matching band, a stable choice. Each candidate's signature is
    // read from its own database: a value stream over the whole view would position itself in
    // every database of it (one per shard generation), for each band.
    const Xapian::valueno signature_slot = slot(Slot::fingerprint);
    std::optional<Xapian::docid> self_docid; // the document this article replaces is no copy of it
    std::size_t examined = 0;
    for (const auto& term : terms) {
        if (filter_complete_ && !committed_bands_.maybe_contains(fnv1a64(term))) continue;
        for (auto p = v.postlist_begin(term); p != v.postlist_end(term); ++p) {
            const Xapian::docid candidate = *p;
            if (!sv.visible(candidate)) continue;
            // Looked up only now, so that a Bloom filter false positive costs no lookup of it.
            if (!self_docid) {
                const std::string self = id_term(id);
                const auto s = v.postlist_begin(self);
                self_docid = s == v.postlist_end(self) ? 0 : *s;
            }
            if (candidate == *self_docid) continue;
            const Xapian::Document doc = v.get_document(candidate, Xapian::DOC_ASSUME_VALID);
            if (is_superseded(doc)) continue;
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

void StoryIndex::remember(const std::string& id, const MinHash& signature, const std::string& story, unsigned shard,
                          std::uint64_t sequence) {
    if (signature.empty) return;
    Pending entry{id, signature, story, sequence, {}};
    for (int band = 0; band < minhash_bands; ++band)
        entry.bands[static_cast<std::size_t>(band)] = fnv1a64(minhash_band_term(signature, band));
    auto& queue = pending_.at(shard);
    queue.push_back(std::move(entry));
    const Pending* stored = &queue.back(); // deque elements stay put on push_back/pop_front
    for (const auto band : stored->bands) pending_bands_.emplace(band, stored);
}

void StoryIndex::committed(unsigned shard, std::uint64_t sequence) {
    auto& queue = pending_.at(shard);
    while (!queue.empty() && queue.front().sequence <= sequence) {
        const Pending* entry = &queue.front();
        for (const auto band : entry->bands) {
            const auto [begin, end] = pending_bands_.equal_range(band);
            for (auto it = begin; it != end; ++it) {
                if (it->second == entry) {
                    pending_bands_.erase(it);
                    break;
                }
            }
            if (filter_complete_) committed_bands_.add(band);
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

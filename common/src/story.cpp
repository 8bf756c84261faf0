#include "story.hpp"

#include "schema.hpp"

namespace gazette::detail {

namespace {

bool same_story(const MinHash& a, const MinHash& b) {
    return equal_values(a, b) >= minhash_min_equal;
}

} // namespace

MinHash article_signature(const Article& a) {
    if (auto body = minhash(a.body, 40); !body.empty) return body;
    return minhash(a.title + "\n" + a.summary + "\n" + a.body, 8);
}

std::string StoryIndex::assign(const std::string& id, const MinHash& signature) {
    if (signature.empty) return id;
    // Committed articles first: the earliest copy of a story defines it.
    if (std::string story = committed_match(id, signature); !story.empty()) return story;
    for (int band = 0; band < minhash_bands; ++band) {
        const auto found = pending_bands_.find(minhash_band_term(signature, band));
        if (found == pending_bands_.end()) continue;
        for (const std::size_t index : found->second) {
            const Pending& p = pending_[index];
            if (p.id != id && same_story(p.signature, signature)) return p.story;
        }
    }
    return id;
}

std::string StoryIndex::committed_match(const std::string& id, const MinHash& signature) {
    if (!view_) view_ = std::make_unique<Xapian::Database>(path_);
    // The document this article replaces (if any) is not a copy of it.
    const std::string self = id_term(id);
    Xapian::docid self_docid = 0;
    if (auto p = view_->postlist_begin(self); p != view_->postlist_end(self)) self_docid = *p;
    // The first copy found wins: postings come in document order, so that is the earliest
    // indexed one in the first matching band, a stable choice.
    const Xapian::valueno signature_slot = slot(Slot::fingerprint);
    std::size_t examined = 0;
    for (int band = 0; band < minhash_bands; ++band) {
        const std::string term = minhash_band_term(signature, band);
        // Postings and the value stream both run in document order: skip_to walks forward.
        auto values = view_->valuestream_begin(signature_slot);
        for (auto p = view_->postlist_begin(term); p != view_->postlist_end(term); ++p) {
            const Xapian::docid candidate = *p;
            if (candidate == self_docid) continue;
            values.skip_to(candidate);
            if (values == view_->valuestream_end(signature_slot)) break;
            if (values.get_docid() == candidate && same_story(signature, decode_minhash(*values)))
                return view_->get_document(candidate).get_value(slot(Slot::story));
            if (++examined >= max_candidates) return {};
        }
    }
    return {};
}

void StoryIndex::remember(const std::string& id, const MinHash& signature, const std::string& story) {
    if (signature.empty) return;
    for (int band = 0; band < minhash_bands; ++band) {
        auto& list = pending_bands_[minhash_band_term(signature, band)];
        if (list.size() < max_candidates) list.push_back(pending_.size());
    }
    pending_.push_back({id, signature, story});
}

void StoryIndex::committed() {
    pending_.clear();
    pending_bands_.clear();
    if (view_) view_->reopen();
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

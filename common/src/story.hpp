#pragma once
// Story de-duplication at index time: an article whose text is a near copy of an indexed
// article's (MinHash estimate of shingle overlap) joins that article's story; otherwise it
// starts a story of its own.
// Search results can then be collapsed to one copy per story.

#include <gazette/article.hpp>

#include "minhash.hpp"

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gazette::detail {

/// The signature of an article: of its body when that is long enough to tell stories apart,
/// else of all its text; empty when there is too little text.
MinHash article_signature(const Article& article);

/// Finds the story of a new article among the committed articles (through a read-only view of
/// the index, so the writer's open batch is never flushed by lookups) and among those of the
/// open batch (kept in memory until it is committed).
class StoryIndex {
  public:
    explicit StoryIndex(std::string path) : path_(std::move(path)) {}

    /// The story of an article with this id and signature (its own id if it matches nothing).
    std::string assign(const std::string& id, const MinHash& signature);
    /// Records an article of the open batch.
    void remember(const std::string& id, const MinHash& signature, const std::string& story);
    /// The open batch was committed: the index view now covers it.
    void committed();

    /// Candidates examined per article at most, so templated text (thousands of near-identical
    /// articles) stays cheap.
    static constexpr std::size_t max_candidates = 64;

  private:
    struct Pending {
        std::string id;
        MinHash signature;
        std::string story;
    };
    std::string committed_match(const std::string& id, const MinHash& signature);

    std::string path_;
    std::unique_ptr<Xapian::Database> view_;
    std::vector<Pending> pending_;
    std::map<std::string, std::vector<std::size_t>> pending_bands_; // band term -> pending_ index
};

/// Records signature and story in the document: values for collapsing, terms for lookups.
void add_story(Xapian::Document& doc, const MinHash& signature, const std::string& story);

} // namespace gazette::detail

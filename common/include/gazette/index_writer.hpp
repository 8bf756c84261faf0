#pragma once
// Writing to an index: upsert and remove articles by id, in all-or-nothing batches.

#include <gazette/article.hpp>
#include <gazette/export.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace gazette {

struct WriterOptions {
    /// Stemming language for articles without a `language` (ISO 639-1 or a Snowball name).
    /// Only used when the index is created; an existing index keeps its own setting.
    std::string language = "en";
    /// Drop common words (of the stemming language) from the stemmed terms.
    /// Only used when the index is created.
    bool stopwords = true;
    /// Changes per batch. A batch is committed as one transaction when it fills up and on
    /// commit(); a crash loses at most the open batch, never part of one.
    std::size_t batch_size = 10000;
};

enum class UpsertOutcome { added, updated };

/// The single writer of an index (Xapian allows one at a time). Not thread-safe.
class GAZETTE_EXPORT IndexWriter {
  public:
    /// Opens the index at `path`, creating it (and missing parent directories) if needed.
    /// @throws Error database_locked if another writer holds the index,
    ///         database_corrupt / database_version / io_error / database_error otherwise.
    explicit IndexWriter(const std::string& path, const WriterOptions& options = {});
    /// Discards the uncommitted batch (call commit() to keep it) and releases the lock.
    ~IndexWriter();
    IndexWriter(IndexWriter&&) noexcept;
    IndexWriter& operator=(IndexWriter&&) noexcept;

    /// Adds the article, or replaces the one with the same id. The article is validated and
    /// normalised first (see normalize_article()).
    /// @throws Error invalid_article if it is not valid (nothing is changed then),
    ///         database_error / io_error if the index fails.
    UpsertOutcome upsert(const Article& article);

    /// Removes the article with this id; returns false if there was none.
    /// @throws Error invalid_argument for an empty or oversized id, database_error / io_error.
    bool remove(const std::string& id);

    /// Replaces the index's synonym groups: one group per line, members separated by commas
    /// ("us, usa, united states"); "" removes them. Part of the open batch.
    /// @throws Error invalid_argument naming the line of a malformed group.
    void set_synonyms(const std::string& text);

    /// Commits the open batch (all-or-nothing) and makes it durable (files and directory
    /// fsynced). Readers see it after their next refresh().
    /// @throws Error database_error / io_error.
    void commit();

    /// Documents in the index, counting uncommitted changes.
    std::uint64_t document_count() const;
    /// Changes made since the last commit.
    std::size_t pending_changes() const;
    /// Number of batches committed by this writer so far.
    std::uint64_t commits() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace gazette

#pragma once
// What an IndexWriter writes to: one index, or a time-partitioned archive of indexes.

#include <gazette/article.hpp>
#include <gazette/index_writer.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gazette::detail {

class WriterBackend {
  public:
    virtual ~WriterBackend() = default;
    /// `article` is normalised already.
    virtual void upsert(const Article& article) = 0;
    virtual void remove(const std::string& id) = 0;
    /// `text`: canonical synonym groups.
    virtual void set_synonyms(const std::string& text) = 0;
    virtual void commit() = 0;
    virtual WriteCounts counts() const = 0;
    virtual std::uint64_t document_count() const = 0;
    virtual std::size_t pending_changes() const = 0;
    virtual std::uint64_t commits() const = 0;
    virtual bool bulk() const = 0;
    /// Discards the uncommitted changes.
    virtual void abandon() noexcept = 0;
    /// Null for a single index.
    virtual class ArchiveWriter* archive() { return nullptr; }
};

/// A writer of the single index at `path`.
std::unique_ptr<WriterBackend> open_index_writer(const std::string& path, const WriterOptions& options);

} // namespace gazette::detail

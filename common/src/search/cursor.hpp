#pragma once
// Cursors for deep paging. With a date sort a cursor holds the sort key of the last hit (its
// date and document id), so the next page filters to what sorts after it and costs no more
// than the first. With relevance it holds the next offset. Either way it carries the total of
// the first page and a fingerprint of the request, so it cannot be replayed on another query.

#include <gazette/search.hpp>

#include <xapian.h>

#include <cstdint>
#include <string>

namespace gazette::detail {

struct Cursor {
    SortOrder sort = SortOrder::relevance;
    std::uint64_t fingerprint = 0;
    std::uint64_t offset = 0; ///< relevance: where the next page starts
    std::string last_value;   ///< date sorts: the last hit's published value (may be empty)
    Xapian::docid last_docid = 0;
    std::uint64_t total = 0;
    bool total_exact = true;
};

/// A hash of everything that defines the result list: query, filters, sort, match mode.
std::uint64_t request_fingerprint(const SearchRequest& request);

std::string encode_cursor(const Cursor& cursor);
/// @throws Error invalid_argument if the text is not a cursor.
Cursor decode_cursor(const std::string& text);

/// Keeps only documents that sort after the cursor's last hit (published value, then docid).
/// Over several databases (an archive) Xapian numbers documents round-robin over its parts but
/// shows a decider each document's number in its own part: ties on the date are ordered by
/// (number in its part, part), and a tie on that number too is settled by the article's id.
class AfterCursorDecider : public Xapian::MatchDecider {
  public:
    /// `db`: the database searched, which must outlive the decider.
    AfterCursorDecider(const Cursor& cursor, Xapian::valueno slot, const Xapian::Database& db);
    bool operator()(const Xapian::Document& doc) const override;

  private:
    /// The document's number in `db_`, found by its id.
    Xapian::docid number_in_database(const Xapian::Document& doc) const;

    const Cursor& cursor_;
    Xapian::valueno slot_;
    bool newest_first_;
    const Xapian::Database& db_;
    Xapian::docid parts_;
    Xapian::docid last_in_part_; ///< the last hit's number in its part
};

} // namespace gazette::detail

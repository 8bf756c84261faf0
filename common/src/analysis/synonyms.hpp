#pragma once
// Synonym groups ("us, usa, united states"): a query word or phrase from a group also finds the
// other members. Kept in the index (set by the indexer), so every reader expands the same way.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::detail {

/// Metadata key holding the synonym groups, one per line.
inline constexpr const char* metadata_synonyms = "gazette.synonyms";

class SynonymMap {
  public:
    SynonymMap() = default;
    /// One group per line, members separated by commas; blank lines and '#' comments skipped.
    /// @throws Error invalid_argument naming the line of a malformed group.
    static SynonymMap parse(std::string_view text);

    bool empty() const { return groups_.empty(); }
    /// The groups in canonical form (lower-cased, single spaces), one per line.
    std::string to_text() const;

    /// Rewrites a query so each member found outside quotes, fields and operators becomes
    /// (member OR other OR "multi word other"). The longest match wins.
    std::string expand(std::string_view query) const;

  private:
    std::vector<std::vector<std::string>> groups_;
    std::map<std::string, std::size_t> group_of_; ///< member -> group index
    std::size_t longest_ = 1;                     ///< most words in one member
};

} // namespace gazette::detail

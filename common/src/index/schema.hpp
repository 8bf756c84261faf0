#pragma once
// The one schema table: how each article field becomes terms, values and stored data.
// The document mapper (indexing) and the query builder (searching) both read it.

#include <xapian.h>

#include <array>
#include <string>
#include <string_view>

namespace gazette::detail {

struct AnalysisSettings;

/// Metadata key: when the index was last committed to (UTC, ISO 8601).
inline constexpr const char* metadata_updated_at = "gazette.updated_at";
inline constexpr const char* metadata_schema_version = "gazette.schema_version";

/// Bumped whenever the way articles are indexed changes incompatibly.
inline constexpr int schema_version = 5;

/// Value slots (Xapian document values), for sorting, ranges and facets.
enum class Slot : Xapian::valueno {
    published = 0,   ///< sortable_serialise(UTC seconds)
    source = 1,      ///< source display name
    language = 2,    ///< ISO 639-1 code
    month = 3,       ///< "YYYY-MM" of publication
    tags = 4,        ///< display tags joined by list_separator, for the tag facet
    fingerprint = 5, ///< MinHash signature of the text (see minhash.hpp)
    story = 6,       ///< story id: the id of the first copy indexed of this story (collapse key)
    document = 7,    ///< the stored article (see stored_article.hpp)
    hit = 8,         ///< what a result shows of the article (see stored_article.hpp)
    lead = 9,        ///< authors and summary, in documents written before they joined `hit`: read only
};

/// Separates the items of a multi-valued value slot.
inline constexpr char list_separator = '\x1f';

constexpr Xapian::valueno slot(Slot s) {
    return static_cast<Xapian::valueno>(s);
}

enum class FieldKind {
    free_text, ///< analysed into words (stemmed, with positions); searchable with a prefix
    exact,     ///< one boolean term per value (slugified), for filters
};

struct FieldSpec {
    std::string_view field;      ///< Article member / JSON name
    std::string_view query_name; ///< name in the query language ("" = not addressable)
    std::string_view prefix;     ///< Xapian term prefix (Omega's conventions)
    FieldKind kind;
    Xapian::termcount wdf_inc; ///< weight of its words in the unprefixed (default) text
};

// Prefixes follow Omega: Q unique id, S subject/title, A author, K keyword/tag, L language,
// XSOURCE source. Body and summary are unprefixed text only.
inline constexpr std::array<FieldSpec, 7> fields{{
    {"id", "id", "Q", FieldKind::exact, 0},
    {"title", "title", "S", FieldKind::free_text, 2},
    {"summary", "", "", FieldKind::free_text, 1},
    {"body", "", "", FieldKind::free_text, 1},
    {"authors", "author", "A", FieldKind::free_text, 0},
    {"tags", "tag", "K", FieldKind::exact, 0},
    {"source", "source", "XSOURCE", FieldKind::exact, 0},
}};

inline constexpr std::string_view language_prefix = "L";
inline constexpr std::string_view language_query_name = "lang";
inline constexpr std::string_view id_prefix = "Q";
inline constexpr std::string_view tag_prefix = "K";
inline constexpr std::string_view source_prefix = "XSOURCE";
inline constexpr std::string_view story_prefix = "XSTORY";
/// Title words as written (lower-cased), the vocabulary of completions.
inline constexpr std::string_view title_word_prefix = "XW";
inline constexpr std::size_t max_title_word_bytes = 64;
inline constexpr std::string_view story_query_name = "story";
/// A stopword written in capitals in text that is not all capitals ("WHO", "IT", "US"): an
/// acronym, kept (lower-cased, without positions) where the stopword itself is left out.
inline constexpr std::string_view acronym_prefix = "XAC";
/// Two stopwords side by side in a text field ("XPthe who"; "XPS..." in titles, "XPA..." in
/// authors), without positions or weight (wdf 0: document lengths, and so every score, stay as
/// without them): what a phrase of stopwords only matches (analysis/stopword_pairs.hpp).
inline constexpr std::string_view stop_pair_prefix = "XP";

const FieldSpec& field_spec(std::string_view field);

/// @throws Error database_version if the index was built with another schema version.
void check_schema_version(const Xapian::Database& db, const std::string& path);

/// Records this build's schema version in a new index (or shard), with its analysis settings.
void store_schema(Xapian::WritableDatabase& db, const AnalysisSettings& settings);

inline constexpr std::size_t max_exact_value_bytes = 200;

/// The boolean term for an exact field value: prefix + slug of the value (cut to
/// max_exact_value_bytes).
std::string exact_term(std::string_view prefix, std::string_view value);
/// The unique-id term of an article.
std::string id_term(std::string_view id);

} // namespace gazette::detail

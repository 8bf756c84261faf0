#pragma once
// Text analysis, in one place: which stemmer and stopwords apply to a document or a query.
// The settings are chosen when an index is created and stored in it, so every reader analyses
// queries exactly as the writer analysed documents.

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::detail {

struct AnalysisSettings {
    std::string language = "en"; ///< default stemming language (ISO 639-1 or Snowball name)
    bool stopwords = true;
    /// Articles that declare no language are read for theirs (LanguageDetector) rather than
    /// taken to be in `language`.
    bool detect_languages = false;

    /// Reads the settings stored in an index (defaults for an index without them).
    static AnalysisSettings load(const Xapian::Database& db);
    void store(Xapian::WritableDatabase& db) const;
};

/// Canonical form of a language name: lower-case ISO 639-1 when known ("English" -> "en").
std::string canonical_language(std::string_view language);

/// True if Xapian has a Snowball stemmer for the language.
bool has_stemmer(std::string_view language);

/// True for an ISO 639-1 language code (after canonical_language), stemmer or not.
bool is_language_code(std::string_view language);

class Analyzer {
  public:
    explicit Analyzer(AnalysisSettings settings);

    const AnalysisSettings& settings() const { return settings_; }

    /// Sets up a term generator for a document in `language` (empty: the default language).
    void configure(Xapian::TermGenerator& generator, std::string_view language);

    /// A query parser for queries in `language` (empty: the default language).
    void configure(Xapian::QueryParser& parser, std::string_view language);

    /// The stemmer used for `language` (the default when it has none of its own).
    const Xapian::Stem& stemmer(std::string_view language);

    /// The stopwords left out of the index for `language` (none if the index keeps them).
    const std::vector<std::string_view>& stopwords(std::string_view language);

    /// The stopper that configure() gives `language`, or null when nothing is left out.
    const Xapian::Stopper* stopper(std::string_view language);

  private:
    struct LanguageTools {
        Xapian::Stem stem;
        Xapian::Stem indexing_stem;         // the same, cached: documents repeat words far more than queries
        Xapian::Stopper* stopper = nullptr; // owned by stoppers_ below (Xapian keeps a ref)
    };
    const LanguageTools& tools(std::string_view language);

    AnalysisSettings settings_;
    std::map<std::string, LanguageTools, std::less<>> tools_;
    std::map<std::string, Xapian::SimpleStopper, std::less<>> stoppers_;
};

} // namespace gazette::detail

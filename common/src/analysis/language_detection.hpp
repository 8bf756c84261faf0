#pragma once
// The language of an article that declares none, read from its text, so that it is stemmed,
// filtered and faceted as what it is rather than as the index's default language.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::detail {

class LanguageDetector {
  public:
    /// `default_language`: the index's (canonical ISO 639-1 code).
    explicit LanguageDetector(std::string default_language);

    /// The language (ISO 639-1) that `texts` (an article's title, summary and body: their
    /// opening is read) are written in, when they say clearly that it is not the default; ""
    /// when they are in the default language, or when there is too little text to tell.
    std::string detect(std::initializer_list<std::string_view> texts) const;

  private:
    /// Mostly the default language's stopwords: the text is in it, without asking CLD2.
    bool reads_as_default(std::string_view sample) const;

    std::string default_language_;
    int default_hint_;                        ///< CLD2's number for the default language
    std::vector<std::string_view> stopwords_; ///< the default language's, sorted
};

} // namespace gazette::detail

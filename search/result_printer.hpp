#pragma once
// Printing results for people (text) and for evaluation tools (TREC run format).

#include <gazette/search.hpp>

#include <cstdio>
#include <string>

namespace gazette::cli {

/// Ranked results as text: "1. Title", date, source, id, score, then the snippet. Highlights
/// become bold on a terminal and *stars* otherwise.
void print_text(std::FILE* out, const SearchResults& results, const SearchRequest& request, bool terminal);

/// One line per hit: "qid Q0 docid rank score tag".
void print_trec(std::FILE* out, const std::string& qid, const SearchResults& results, const std::string& tag);

} // namespace gazette::cli

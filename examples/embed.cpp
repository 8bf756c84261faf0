// Embedding Gazette: index three articles into a directory and search them.
// Usage: embed INDEX_DIR [QUERY]

#include <gazette/gazette.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: embed INDEX_DIR [QUERY]\n";
        return 2;
    }
    const std::string index = argv[1];
    const std::string query = argc > 2 ? argv[2] : "bridge";
    try {
        gazette::IndexWriter writer(index);
        const char* stories[][4] = {
            {"ex-1", "Harbour bridge reopens", "The bridge reopened after two years of repairs.", "2024-03-01"},
            {"ex-2", "Rail strike ends", "Drivers returned to work after a week-long strike.", "2024-03-02"},
            {"ex-3", "New bridge planned upriver", "Engineers presented plans for a second bridge.", "2024-03-03"},
        };
        for (const auto& story : stories) {
            gazette::Article article;
            article.id = story[0];
            article.title = story[1];
            article.body = story[2];
            article.published = story[3];
            article.source = "Example Times";
            writer.upsert(article);
        }
        writer.commit();

        gazette::Searcher searcher(index);
        gazette::SearchRequest request;
        request.query = query;
        const gazette::SearchResults results = searcher.search(request);
        std::cout << results.total << " results for \"" << query << "\" (Gazette " << GAZETTE_VERSION << ")\n";
        for (const auto& hit : results.hits) std::cout << hit.id << '\t' << hit.title << '\n';
    } catch (const gazette::Error& e) {
        std::cerr << "error (" << gazette::to_string(e.code()) << "): " << e.what() << '\n';
        return 1;
    }
    return 0;
}

#pragma once
// A small index for the query and HTTP fuzz targets, built once per fuzzing process.

#include <gazette/gazette.hpp>

#include <cstdlib>
#include <string>
#include <unistd.h>

namespace gazette::fuzz {

inline const std::string& fixture_index() {
    static const std::string path = [] {
        const char* base = std::getenv("TMPDIR");
        std::string dir = std::string(base && *base ? base : "/tmp") + "/gazette-fuzz-XXXXXX";
        if (!::mkdtemp(dir.data())) std::abort();
        const std::string db = dir + "/db";
        WriterOptions options;
        options.threads = 1;
        IndexWriter writer(db, options);
        const char* rows[][5] = {
            {"a1", "Bridge closes for repairs", "The bridge closed after cracks were found in two cables.",
             "2019-03-14", "Harbor Daily"},
            {"a2", "Heatwave breaks records", "Temperatures reached 41 degrees as wildfires spread.", "2023-07-18",
             "Gazette Wire"},
            {"a3", "Rates rise again", "The central bank raised interest rates to fight inflation.", "2022-01-27",
             "Northern Ledger"},
            {"a4", "北京地铁扩建", "北京地铁新线路今天开通。", "2024-05-02", "Gazette Wire"},
        };
        for (const auto& row : rows) {
            Article a;
            a.id = row[0];
            a.title = row[1];
            a.body = row[2];
            a.published = row[3];
            a.source = row[4];
            a.tags = {"news", "test"};
            writer.upsert(a);
        }
        writer.set_synonyms("rates, interest rates\n");
        writer.commit();
        return db;
    }();
    return path;
}

} // namespace gazette::fuzz

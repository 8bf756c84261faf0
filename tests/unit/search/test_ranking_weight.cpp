// TabledIneB2Weight: the same scores as Xapian::IneB2Weight, to the last bit, with the table of
// document lengths shared across searches and rebuilt when the index changes.

#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include "search/ranking_weight.hpp"

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

using gazette::detail::LengthNormTable;
using gazette::detail::TabledIneB2Weight;
using gazette::test::TempDir;

namespace {

// Documents of lengths from 1 word to past the table's end, with the query words at several wdfs.
void add_documents(Xapian::WritableDatabase& db, unsigned count, unsigned seed) {
    const std::vector<std::string> words{"cocoa", "sugar", "bank", "wheat"};
    for (unsigned i = 0; i < count; ++i) {
        Xapian::Document doc;
        const unsigned length = 1 + (i * 7919u + seed) % (LengthNormTable::size + 900);
        for (unsigned w = 0; w < length; ++w) {
            const unsigned pick = (i + w * 31u + seed) % 97u;
            doc.add_term(pick < words.size() * 3 ? words[pick % words.size()] : "filler" + std::to_string(pick));
        }
        db.add_document(doc);
    }
    db.commit();
}

// Every document's weight from both classes, in document order.
std::vector<std::pair<Xapian::docid, double>> weights(const Xapian::Database& db, const Xapian::Query& query,
                                                      const Xapian::Weight& weight, double& max_possible) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(weight);
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    max_possible = mset.get_max_possible();
    std::vector<std::pair<Xapian::docid, double>> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out.emplace_back(*it, it.get_weight());
    return out;
}

void check_same_scores(const Xapian::Database& db, const std::shared_ptr<LengthNormTable>& table) {
    const std::vector<Xapian::Query> queries{
        Xapian::Query("cocoa"),
        Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("sugar"), Xapian::Query("bank")),
        Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("wheat"), Xapian::Query("cocoa", 3)),
    };
    for (const auto& query : queries) {
        INFO(query.get_description());
        double xapian_max = 0, tabled_max = 0;
        const auto expected = weights(db, query, Xapian::IneB2Weight(1.0), xapian_max);
        const auto got = weights(db, query, TabledIneB2Weight(table, 1.0), tabled_max);
        REQUIRE(expected.size() > 10);
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            CHECK(got[i].first == expected[i].first);
            CHECK(got[i].second == expected[i].second); // exactly: same arithmetic, same order
        }
        CHECK(tabled_max == xapian_max); // same upper bounds: the match prunes the same way
    }
}

} // namespace

TEST_CASE("the tabled IneB2 weight scores exactly as Xapian's IneB2, before and after the index changes") {
    TempDir dir;
    const auto table = std::make_shared<LengthNormTable>();
    {
        Xapian::WritableDatabase db(dir.file("db"), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
        add_documents(db, 300, 1);
        REQUIRE(db.get_doclength_upper_bound() >= LengthNormTable::size); // the fallback path is used
    }
    check_same_scores(Xapian::Database(dir.file("db")), table);
    {
        // A new average length: the table is rebuilt, not reused.
        Xapian::WritableDatabase db(dir.file("db"), Xapian::DB_OPEN);
        add_documents(db, 200, 5);
    }
    check_same_scores(Xapian::Database(dir.file("db")), table);
}

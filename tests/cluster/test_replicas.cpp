// Read replicas by Xapian's own replication: xapian-replicate-server on the indexing side,
// xapian-replicate on the search side (real processes on 127.0.0.1). A searcher on the replica
// sees new commits (changesets applied in place) and a rebuilt index (a whole copy, under a
// new name in the replica's stub) without being reopened by hand.

#include "articles.hpp"
#include "child_process.hpp"
#include "cluster_fixture.hpp"
#include "shard_server.hpp"
#include "temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

using namespace gazette;
using namespace gazette::test;

namespace {

void write_articles(const std::string& db, int first, int count, bool rebuild = false) {
    WriterOptions options;
    options.threads = 1;
    options.rebuild = rebuild;
    IndexWriter writer(db, options);
    for (int i = first; i < first + count; ++i)
        writer.upsert(article("r" + std::to_string(i), "Replicated harbor report " + std::to_string(i),
                              "The harbor master counted the ships in port.", "2021-03-15"));
    writer.commit();
}

std::string replica_stub(const std::string& replica) {
    std::ifstream in(std::filesystem::path(replica) / "XAPIANDB");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A searcher that follows the replica, as the server's pool does: refreshed before each read.
std::uint64_t count_now(std::unique_ptr<Searcher>& searcher, const std::string& replica) {
    try {
        if (!searcher) searcher = std::make_unique<Searcher>(replica);
        searcher->refresh();
        return searcher->document_count();
    } catch (const Error&) {
        return 0; // not copied yet
    }
}

} // namespace

TEST_CASE("a replica made by xapian-replicate follows commits and a rebuild of the master") {
    if (!have_program("xapian-replicate-server") || !have_program("xapian-replicate")) {
        WARN("xapian-replicate not installed (Debian: xapian-tools): skipped");
        return;
    }
    // Changesets, which replicas apply instead of copying the whole index, are kept only if
    // asked for (gazette-index --replication N sets this).
    ::setenv("XAPIAN_MAX_CHANGESETS", "20", 1);
    TempDir dir;
    const std::string masters = dir.file("masters");
    const std::string master = masters + "/news";
    const std::string replica = dir.file("replica");
    write_articles(master, 0, 10);

    const unsigned port = free_port();
    ChildProcess server(
        {"xapian-replicate-server", "--interface=127.0.0.1", "--port=" + std::to_string(port), masters});
    wait_until_accepting(server, port, "xapian-replicate-server");
    ChildProcess client({"xapian-replicate", "--host=127.0.0.1", "--port=" + std::to_string(port), "--master=news",
                         "--interval=1", "--reader-time=1", "--quiet", replica});

    std::unique_ptr<Searcher> searcher;
    REQUIRE(eventually([&] { return count_now(searcher, replica) == 10; }, 30));
    const std::string first_copy = replica_stub(replica);

    // A commit arrives as a changeset, applied to the replica's database in place.
    write_articles(master, 10, 5);
    CHECK(eventually([&] { return count_now(searcher, replica) == 15; }, 30));
    CHECK(replica_stub(replica) == first_copy);
    CHECK(searcher->get("r12"));

    // A replica further behind than the changesets kept gets a whole copy of the same
    // database (same UUID), under a new name that the stub then lists.
    client.pause();
    ::setenv("XAPIAN_MAX_CHANGESETS", "1", 1);
    for (int i = 0; i < 4; ++i) write_articles(master, 20 + i, 1);
    client.resume();
    CHECK(eventually([&] { return count_now(searcher, replica) == 19; }, 30));
    CHECK(replica_stub(replica) != first_copy);
    CHECK(searcher->get("r23"));
    const std::string second_copy = replica_stub(replica);

    // A rebuild is a new database: copied whole under a new name, which the stub then lists.
    write_articles(master, 100, 3, /*rebuild=*/true);
    CHECK(eventually([&] { return count_now(searcher, replica) == 3; }, 30));
    CHECK(replica_stub(replica) != second_copy);
    CHECK(searcher->get("r101"));
    CHECK_FALSE(searcher->get("r1"));
    ::unsetenv("XAPIAN_MAX_CHANGESETS");
}

// The index under a running server is replaced or damaged: moved aside and another moved in,
// deleted and rebuilt in place, rebuilt while searches run, truncated, committed to rapidly.
// Every pooled searcher must follow, and /health must say when no search can run.

#include "server_fixture.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <future>
#include <set>

using namespace gazette;
using namespace gazette::test;
using json = nlohmann::json;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// Builds an index at `db` of `count` articles whose titles all hold `word`.
void build(const std::string& db, const std::string& word, int count) {
    IndexWriter writer(db);
    for (int i = 0; i < count; ++i)
        writer.upsert(test::article(word + std::to_string(i), "The " + word + " story " + std::to_string(i), "Body."));
    writer.commit();
}

std::uint64_t total_for(std::uint16_t port, const std::string& q) {
    const auto reply = http_get(port, "/search?q=" + q);
    REQUIRE(reply.status == 200);
    return json::parse(reply.body)["total"]["value"];
}

// Totals for `q` seen by `n` requests at once, so that every pooled searcher is used.
std::set<std::uint64_t> totals_at_once(std::uint16_t port, const std::string& q, int n) {
    std::vector<std::future<std::uint64_t>> replies;
    for (int i = 0; i < n; ++i) replies.push_back(std::async(std::launch::async, [&] { return total_for(port, q); }));
    std::set<std::uint64_t> totals;
    for (auto& r : replies) totals.insert(r.get());
    return totals;
}

server::ServerConfig pooled(const std::string& db) {
    auto config = test_config(db);
    config.threads = 4;
    return config;
}

} // namespace

TEST_CASE("an index moved aside and replaced by another is served whole, by every searcher") {
    TempDir dir;
    const auto db = dir.file("db");
    build(db, "alpha", 30);
    RunningServer server(pooled(db));
    // Warm every pooled searcher on the first index.
    CHECK(totals_at_once(server.port(), "alpha", 12) == std::set<std::uint64_t>{30});

    build(dir.file("next"), "beta", 7);
    fs::rename(db, dir.file("old"));
    fs::rename(dir.file("next"), db);
    std::this_thread::sleep_for(60ms); // searchers look the path up every 50 ms
    CHECK(totals_at_once(server.port(), "alpha", 12) == std::set<std::uint64_t>{0});
    CHECK(totals_at_once(server.port(), "beta", 12) == std::set<std::uint64_t>{7});
    const auto health = json::parse(http_get(server.port(), "/health").body);
    CHECK(health["documents"] == 7);
}

TEST_CASE("an index deleted and rebuilt in place is served whole, and its files are let go") {
    TempDir dir;
    const auto db = dir.file("db");
    build(db, "alpha", 30);
    RunningServer server(pooled(db));
    CHECK(totals_at_once(server.port(), "alpha", 12) == std::set<std::uint64_t>{30});
    fs::remove_all(db);
    build(db, "beta", 5); // the same revision number as the deleted index
    CHECK(totals_at_once(server.port(), "beta", 12) == std::set<std::uint64_t>{5});
    CHECK(totals_at_once(server.port(), "alpha", 12) == std::set<std::uint64_t>{0});
    // No descriptor of this process points at a deleted file of the old index any more.
    std::size_t deleted = 0;
    for (const auto& fd : fs::directory_iterator("/proc/self/fd")) {
        std::error_code ec;
        const auto target = fs::read_symlink(fd.path(), ec).string();
        if (!ec && target.rfind(db, 0) == 0 && target.find("(deleted)") != std::string::npos) ++deleted;
    }
    CHECK(deleted == 0);
}

TEST_CASE("an index rebuilt under traffic: no server errors, and all searchers agree after") {
    TempDir dir;
    const auto db = dir.file("db");
    build(db, "alpha", 30);
    auto config = pooled(db);
    config.max_requests_per_connection = 1 << 30;
    RunningServer server(config);
    std::atomic<bool> done{false};
    std::atomic<int> server_errors{0}, requests{0};
    std::vector<std::future<void>> clients;
    for (int t = 0; t < 4; ++t)
        clients.push_back(std::async(std::launch::async, [&] {
            HttpConnection c(server.port());
            while (!done) {
                const int status = c.get("/search?q=alpha+OR+beta&facets=source").status;
                ++requests;
                // 503 while no index is there is expected; anything else of 5xx is not.
                if (status >= 500 && status != 503) ++server_errors;
            }
        }));
    for (int round = 0; round < 3; ++round) {
        fs::remove_all(db);
        build(db, round % 2 == 0 ? "beta" : "alpha", 10 + round);
        std::this_thread::sleep_for(50ms);
    }
    done = true;
    for (auto& c : clients) c.get();
    CHECK(server_errors == 0);
    CHECK(requests > 10);
    CHECK(totals_at_once(server.port(), "beta", 16) == std::set<std::uint64_t>{12});
    CHECK(totals_at_once(server.port(), "alpha", 16) == std::set<std::uint64_t>{0});
}

TEST_CASE("/health is 503 when a search cannot read the index") {
    TempDir dir;
    const auto db = dir.file("db");
    build(db, "alpha", 200);
    auto config = test_config(db);
    config.health_interval = std::chrono::milliseconds(0);
    RunningServer server(config);
    REQUIRE(http_get(server.port(), "/health").status == 200);
    fs::resize_file(fs::path(db) / "postlist.glass", 8192); // the first block only
    const auto health = http_get(server.port(), "/health");
    CHECK(health.status == 503);
    CHECK(json::parse(health.body)["error"]["code"] == "index_unavailable");
    CHECK(http_get(server.port(), "/search?q=alpha").status == 503);
}

TEST_CASE("commits every few milliseconds never surface as server errors") {
    TempDir dir;
    const auto db = dir.file("db");
    build(db, "alpha", 50);
    auto config = pooled(db);
    config.max_requests_per_connection = 1 << 30;
    RunningServer server(config);
    std::atomic<bool> done{false};
    std::atomic<int> failures{0}, requests{0};
    std::vector<std::future<void>> clients;
    for (int t = 0; t < 4; ++t)
        clients.push_back(std::async(std::launch::async, [&, t] {
            HttpConnection c(server.port());
            while (!done) {
                const auto reply = c.get(t == 0 ? "/health" : "/search?q=alpha+OR+market&facets=source&size=20");
                ++requests;
                if (reply.status != 200) ++failures;
            }
        }));
    {
        IndexWriter writer(db, [] {
            WriterOptions options;
            options.batch_size = 5;
            return options;
        }());
        for (int i = 0; i < 1500; ++i)
            writer.upsert(test::article("m" + std::to_string(i % 300), "Market update " + std::to_string(i), "Rose."));
        writer.commit();
    }
    done = true;
    for (auto& c : clients) c.get();
    CHECK(failures == 0);
    CHECK(requests > 50);
}

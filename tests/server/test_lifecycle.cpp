// Keep-alive, concurrency while the indexer commits, malformed requests, graceful shutdown.

#include "server_fixture.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <future>

using namespace gazette;
using namespace gazette::test;
using json = nlohmann::json;
using namespace std::chrono_literals;

TEST_CASE("keep-alive serves many requests on one connection, pipelined too") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.inline_search = GENERATE(false, true);
    RunningServer server(config);
    HttpConnection c(server.port());
    for (int i = 0; i < 20; ++i) CHECK(c.get("/search?q=bridge").status == 200);
    c.send_raw("GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /stats HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(json::parse(c.read_reply().body)["status"] == "ok");
    CHECK(json::parse(c.read_reply().body).contains("uptime_seconds"));
}

TEST_CASE("malformed requests get 400 and the connection is closed") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    for (const char* raw :
         {"NONSENSE\r\n\r\n", "GET /health HTTP/9.9\r\n\r\n", "GET /health HTTP/1.1\r\nBad Header\r\n\r\n",
          "GET /health HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
          "GET /health HTTP/1.1\r\nContent-Length: abc\r\n\r\n"}) {
        INFO(raw);
        HttpConnection c(server.port());
        c.send_raw(raw);
        const auto reply = c.read_reply();
        CHECK(reply.status == 400);
        CHECK(json::parse(reply.body)["error"]["code"] == "bad_request");
        CHECK(c.closed_by_server(2s));
    }
    CHECK(http_get(server.port(), "/health").status == 200);
}

TEST_CASE("concurrent searches while the indexer commits: no errors, new articles appear") {
    // Both ways of running requests: handed over to worker threads, and inline on the two
    // I/O threads (each then leases its own searcher).
    const bool inline_search = GENERATE(false, true);
    INFO("inline_search " << inline_search);
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.threads = 3;
    config.io_threads = 2;
    config.inline_search = inline_search;
    // The clients keep one connection each; past the keep-alive cap the server would close it.
    config.max_requests_per_connection = 1 << 30;
    RunningServer server(config);
    std::atomic<bool> done{false};
    std::atomic<int> requests{0}, failures{0};
    std::vector<std::future<void>> clients;
    for (int t = 0; t < 4; ++t) {
        clients.push_back(std::async(std::launch::async, [&] {
            HttpConnection c(server.port());
            while (!done) {
                const auto reply = c.get("/search?q=market+OR+bridge&facets=source");
                ++requests;
                if (reply.status != 200) ++failures;
            }
        }));
    }
    {
        // Forty commits, one every 10 ms or so, while the clients search.
        IndexWriter writer(index.db);
        for (int i = 0; i < 200; ++i) {
            writer.upsert(test::article("m" + std::to_string(i), "Market update " + std::to_string(i), "Shares rose."));
            if (i % 5 == 4) {
                writer.commit();
                std::this_thread::sleep_for(10ms);
            }
        }
    }
    const auto total = json::parse(http_get(server.port(), "/search?q=market").body)["total"]["value"];
    done = true;
    for (auto& client : clients) client.get();
    CHECK(failures == 0);
    CHECK(requests > 20);
    CHECK(total == 200);
}

TEST_CASE("graceful shutdown: the request in flight completes, then run() returns") {
    NewsroomIndex index;
    std::atomic<bool> entered{false};
    auto table = server::routes();
    table.push_back({"GET", "/slow", "slow", [&](const server::Request&, server::Context&) {
                         entered = true;
                         std::this_thread::sleep_for(400ms);
                         server::Response r;
                         r.body = R"({"done":true})";
                         return r;
                     }});
    RunningServer server(test_config(index.db), table);
    const auto port = server.port();
    HttpConnection idle(port);
    CHECK(idle.get("/health").status == 200);
    auto in_flight = std::async(std::launch::async, [&] { return http_get(port, "/slow"); });
    for (int i = 0; i < 200 && !entered; ++i) std::this_thread::sleep_for(5ms);
    REQUIRE(entered);
    const auto start = std::chrono::steady_clock::now();
    server.stop(); // returns once run() has returned
    const auto reply = in_flight.get();
    CHECK(reply.status == 200);
    CHECK(reply.body == R"({"done":true})");
    CHECK_FALSE(reply.keep_alive);
    CHECK(std::chrono::steady_clock::now() - start < 5s);
    CHECK(idle.closed_by_server(1s));        // idle keep-alive connections are closed
    CHECK_THROWS(http_get(port, "/health")); // no longer accepting
}

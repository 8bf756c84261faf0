// Work the server does not do: requests that waited too long for a worker, requests whose
// client has gone, searches past their deadline, queued requests at shutdown.

#include "gate.hpp"
#include "server_fixture.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <future>

using namespace gazette;
using namespace gazette::test;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string code_of(const HttpReply& reply) {
    return json::parse(reply.body)["error"]["code"];
}

// A route that counts the requests it ran.
server::Route counting_route(std::atomic<int>& runs) {
    return {"GET", "/count", "count", [&runs](const server::Request&, server::Context&) {
                ++runs;
                server::Response r;
                r.body = "{}";
                return r;
            }};
}

} // namespace

TEST_CASE("a request that waited past the queue timeout is answered 503, not run") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.threads = 1;
    config.queue_timeout = 100ms;
    Gate gate;
    std::atomic<int> runs{0};
    auto table = server::routes();
    table.push_back(gate.route());
    table.push_back(counting_route(runs));
    RunningServer server(config, table);
    auto busy = std::async(std::launch::async, [&] { return http_get(server.port(), "/slow"); });
    wait_until([&] { return gate.waiting == 1; });
    auto late = std::async(std::launch::async, [&] { return http_get(server.port(), "/count"); });
    std::this_thread::sleep_for(300ms);
    gate.release();
    const auto reply = late.get();
    CHECK(reply.status == 503);
    CHECK(code_of(reply) == "overloaded");
    CHECK(reply.header("retry-after") == "1");
    CHECK(runs == 0);
    CHECK(busy.get().status == 200);
    CHECK(http_get(server.port(), "/count").status == 200); // a fresh one runs
    CHECK(runs == 1);
}

TEST_CASE("queued requests whose client has gone are dropped unrun") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.threads = 1;
    Gate gate;
    std::atomic<int> runs{0};
    auto table = server::routes();
    table.push_back(gate.route());
    table.push_back(counting_route(runs));
    RunningServer server(config, table);
    auto busy = std::async(std::launch::async, [&] { return http_get(server.port(), "/slow"); });
    wait_until([&] { return gate.waiting == 1; });
    for (int i = 0; i < 5; ++i) {
        HttpConnection c(server.port());
        c.send_raw("GET /count HTTP/1.1\r\nHost: x\r\n\r\n");
        std::this_thread::sleep_for(20ms); // queued before the client hangs up
    }
    gate.release();
    CHECK(busy.get().status == 200);
    wait_until([&] {
        return http_get(server.port(), "/metrics").body.find("gazette_http_rejected_total{reason=\"client_gone\"} 5") !=
               std::string::npos;
    });
    CHECK(runs == 0);
}

TEST_CASE("stop answers queued requests 503 at once, without waiting for the busy workers") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.threads = 1;
    config.shutdown_timeout = 3000ms;
    Gate gate;
    std::atomic<int> runs{0};
    auto table = server::routes();
    table.push_back(gate.route());
    table.push_back(counting_route(runs));
    auto running = std::make_unique<RunningServer>(config, table);
    const auto port = running->port();
    auto busy = std::async(std::launch::async, [&] { return http_get(port, "/slow"); });
    wait_until([&] { return gate.waiting == 1; });
    std::vector<std::future<HttpReply>> queued;
    for (int i = 0; i < 10; ++i)
        queued.push_back(std::async(std::launch::async, [&] { return http_get(port, "/count"); }));
    std::this_thread::sleep_for(200ms);
    auto stopping = std::async(std::launch::async, [&] { running->stop(); });
    for (auto& q : queued) {
        REQUIRE(q.wait_for(2s) == std::future_status::ready); // the worker is still held by the gate
        const auto reply = q.get();
        CHECK(reply.status == 503);
        CHECK(code_of(reply) == "shutting_down");
    }
    CHECK(runs == 0);
    gate.release();
    CHECK(busy.get().status == 200);
    REQUIRE(stopping.wait_for(5s) == std::future_status::ready);
}

TEST_CASE("a stop keeps its shutdown timeout while a search runs on") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.threads = 1;
    config.shutdown_timeout = 300ms;
    Gate gate;
    auto table = server::routes();
    table.push_back(gate.route());
    auto server = std::make_unique<server::Server>(config, table);
    std::thread serving([&] { server->run(); });
    const auto port = server->port();
    auto busy = std::async(std::launch::async, [&] {
        try {
            return http_get(port, "/slow").status;
        } catch (const std::exception&) {
            return 0; // the connection closed unanswered
        }
    });
    wait_until([&] { return gate.waiting == 1; });
    const auto stopped_at = std::chrono::steady_clock::now();
    server->stop();
    serving.join(); // run() returns at the timeout, the search still held
    const auto took = std::chrono::steady_clock::now() - stopped_at;
    CHECK(took >= 250ms);
    CHECK(took < 2s);
    CHECK(server->unfinished_searches() == 1);
    gate.release();
    server.reset(); // waits for the search, then closes its connection
    CHECK(busy.wait_for(5s) == std::future_status::ready);
}

TEST_CASE("a search past its deadline is a 504 with a JSON error") {
    NewsroomIndex index;
    auto table = server::routes();
    table.push_back({"GET", "/late", "late", [](const server::Request&, server::Context&) -> server::Response {
                         throw Error(ErrorCode::timeout, "the search took longer than its limit of 5 ms");
                     }});
    RunningServer server(test_config(index.db), table);
    const auto reply = http_get(server.port(), "/late");
    CHECK(reply.status == 504);
    CHECK(code_of(reply) == "search_timeout");
    CHECK_THAT(reply.body, Catch::Contains("limit of 5 ms"));
}

TEST_CASE("wildcards count their expansions against the term limit over HTTP") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.max_query_terms = 6;
    RunningServer server(config);
    // "t*" alone expands to more than six words of the newsroom index.
    CHECK(http_get(server.port(), "/search?q=tessal*").status == 200);
    const auto reply = http_get(server.port(), "/search?q=" + url_encode("t* b*"));
    CHECK(reply.status == 400);
    CHECK_THAT(reply.body, Catch::Contains("once its wildcards are expanded"));
}

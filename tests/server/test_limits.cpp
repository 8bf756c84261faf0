// Every server limit at and past its boundary.

#include "gate.hpp"
#include "server_fixture.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>

using namespace gazette;
using namespace gazette::test;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string error_code(const HttpReply& reply) {
    return json::parse(reply.body)["error"]["code"];
}

// A request whose line and headers total exactly `size` bytes.
std::string request_of_size(std::size_t size) {
    const std::string head = "GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: ";
    const std::string tail = "\r\n\r\n";
    return head + std::string(size - head.size() - tail.size(), 'p') + tail;
}

} // namespace

TEST_CASE("header size: at the limit is fine, one byte over is 431") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.max_header_bytes = 1024;
    RunningServer server(config);
    {
        HttpConnection c(server.port());
        c.send_raw(request_of_size(1024));
        CHECK(c.read_reply().status == 200);
    }
    HttpConnection c(server.port());
    c.send_raw(request_of_size(1025));
    const auto reply = c.read_reply();
    CHECK(reply.status == 431);
    CHECK(error_code(reply) == "headers_too_large");
    CHECK(c.closed_by_server(2s));
}

TEST_CASE("body size: at the limit is fine, one byte over is 413") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.max_body_bytes = 100;
    RunningServer server(config);
    const auto with_body = [&](std::size_t n) {
        HttpConnection c(server.port());
        c.send_raw("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(n) + "\r\n\r\n" +
                   std::string(n, 'b'));
        return c.read_reply();
    };
    CHECK(with_body(100).status == 200);
    const auto reply = with_body(101);
    CHECK(reply.status == 413);
    CHECK(error_code(reply) == "payload_too_large");
}

TEST_CASE("request timeout: a client trickling bytes is cut off") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.request_timeout = 600ms;
    RunningServer server(config);
    HttpConnection c(server.port());
    const std::string request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    const auto start = std::chrono::steady_clock::now();
    bool cut = false;
    for (char ch : request) {
        try {
            c.send_raw(std::string(1, ch));
        } catch (const std::exception&) {
            cut = true;
            break;
        }
        if (c.closed_by_server(100ms)) {
            cut = true;
            break;
        }
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(cut);
    CHECK(elapsed >= 500ms);
    CHECK(elapsed < 3s);
    // Others are still served.
    CHECK(http_get(server.port(), "/health").status == 200);
    CHECK_THAT(http_get(server.port(), "/metrics").body,
               Catch::Contains("gazette_http_rejected_total{reason=\"timeout\"} 1"));
}

TEST_CASE("idle keep-alive connections are closed after the idle timeout") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.idle_timeout = 300ms;
    RunningServer server(config);
    HttpConnection c(server.port());
    CHECK(c.get("/health").status == 200);
    CHECK_FALSE(c.closed_by_server(150ms));
    CHECK(c.closed_by_server(2s));
}

TEST_CASE("requests per connection: the last one says Connection: close") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.max_requests_per_connection = 3;
    RunningServer server(config);
    HttpConnection c(server.port());
    CHECK(c.get("/health").keep_alive);
    CHECK(c.get("/health").keep_alive);
    const auto third = c.get("/health");
    CHECK(third.status == 200);
    CHECK_FALSE(third.keep_alive);
    CHECK(c.closed_by_server(2s));
}

TEST_CASE("open connections: past the cap new ones get 503, others keep working") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.max_connections = 3;
    RunningServer server(config);
    std::vector<std::unique_ptr<HttpConnection>> open;
    for (int i = 0; i < 3; ++i) {
        open.push_back(std::make_unique<HttpConnection>(server.port()));
        CHECK(open.back()->get("/health").status == 200);
    }
    HttpConnection extra(server.port());
    const auto reply = extra.read_reply();
    CHECK(reply.status == 503);
    CHECK(error_code(reply) == "overloaded");
    CHECK(reply.header("retry-after") == "1");
    CHECK(open[0]->get("/health").status == 200);
    open.pop_back();
    wait_until([&] {
        try {
            return http_get(server.port(), "/health").status == 200;
        } catch (const std::exception&) {
            return false;
        }
    });
}

TEST_CASE("worker queue: when full, searches get 503 at once and status routes still answer") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.threads = 1;
    config.max_queue = 2; // one running, one waiting
    Gate gate;
    auto table = server::routes();
    table.push_back(gate.route());
    RunningServer server(config, table);
    auto first = std::async(std::launch::async, [&] { return http_get(server.port(), "/slow"); });
    wait_until([&] { return gate.waiting == 1; });
    auto second = std::async(std::launch::async, [&] { return http_get(server.port(), "/slow"); });
    std::this_thread::sleep_for(100ms); // let it queue behind the first
    const auto rejected = http_get(server.port(), "/search?q=bridge");
    CHECK(rejected.status == 503);
    CHECK(error_code(rejected) == "overloaded");
    CHECK(rejected.header("retry-after") == "1");
    // Answered on the I/O thread, without waiting for the busy worker.
    CHECK(http_get(server.port(), "/health").status == 200);
    const auto metrics = http_get(server.port(), "/metrics");
    CHECK(metrics.status == 200);
    CHECK_THAT(metrics.body, Catch::Contains("gazette_http_rejected_total{reason=\"queue\"} 1"));
    gate.release();
    CHECK(first.get().status == 200);
    CHECK(second.get().status == 200);
    CHECK(http_get(server.port(), "/health").status == 200);
}

TEST_CASE("query length, terms, wildcard expansion, page size and depth") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.max_query_bytes = 20;
    config.max_query_terms = 3;
    config.max_wildcard_expansion = 2;
    config.max_page_size = 5;
    config.max_page_depth = 10;
    RunningServer server(config);
    const auto port = server.port();
    const auto status = [&](const std::string& target) { return http_get(port, target).status; };
    CHECK(status("/search?q=" + std::string(20, 'a')) == 200);
    CHECK(error_code(http_get(port, "/search?q=" + std::string(21, 'a'))) == "invalid_query");
    CHECK(status("/search?q=bridge+heat+rates") == 200);
    CHECK(error_code(http_get(port, "/search?q=bridge+heat+rates+x")) == "invalid_query");
    CHECK(status("/search?q=tessal*") == 200);
    CHECK(error_code(http_get(port, "/search?q=t*")) == "invalid_query");
    CHECK(status("/search?size=5") == 200);
    CHECK(status("/search?size=6") == 400);
    CHECK(status("/search?size=5&page=2") == 200); // depth 10
    CHECK(status("/search?size=5&page=3") == 400); // depth 15
    CHECK(status("/search?size=2&page=5") == 200);
    CHECK(status("/search?size=2&page=6") == 400);
    CHECK(status("/search?facets=source&facet_size=101") == 400);
}

// HTTP/1.1 as RFC 9112 asks of a server: Expect, absolute-form targets, Host, 414 vs 431,
// lingering close; and the policy headers of HTML answers, the admin listener.

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

HttpReply raw(std::uint16_t port, const std::string& bytes) {
    HttpConnection c(port);
    c.send_raw(bytes);
    return c.read_reply();
}

} // namespace

TEST_CASE("Expect: 100-continue is answered before the body, other expectations get 417") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    HttpConnection c(server.port());
    c.send_raw("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
    // The client waits for the interim answer before it sends the body.
    CHECK(c.read_reply().status == 100);
    c.send_raw("hello");
    CHECK(c.read_reply().status == 200);

    // A body over the limit is refused at once, without asking for it.
    auto config = test_config(index.db);
    config.max_body_bytes = 10;
    RunningServer small(config);
    const auto refused =
        raw(small.port(), "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n");
    CHECK(refused.status == 413);

    const auto unknown = raw(server.port(), "GET /health HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\n\r\n");
    CHECK(unknown.status == 417);
    CHECK(code_of(unknown) == "expectation_failed");
}

TEST_CASE("absolute-form targets are served like origin-form ones") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto health = raw(server.port(), "GET http://example.org/health HTTP/1.1\r\nHost: example.org\r\n\r\n");
    CHECK(health.status == 200);
    const auto search =
        raw(server.port(), "GET HTTP://example.org:8080/search?q=bridge HTTP/1.1\r\nHost: example.org\r\n\r\n");
    CHECK(search.status == 200);
    CHECK(json::parse(search.body)["total"]["value"] == 2);
    // No path: the root.
    CHECK(raw(server.port(), "GET http://example.org HTTP/1.1\r\nHost: example.org\r\n\r\n").status == 200);
}

TEST_CASE("HTTP/1.1 needs exactly one Host header, HTTP/1.0 may have none") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto none = raw(server.port(), "GET /health HTTP/1.1\r\n\r\n");
    CHECK(none.status == 400);
    CHECK(code_of(none) == "bad_request");
    CHECK(raw(server.port(), "GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").status == 400);
    CHECK(raw(server.port(), "GET /health HTTP/1.0\r\n\r\n").status == 200);
    CHECK(raw(server.port(), "GET /health HTTP/1.1\r\nHost: a\r\n\r\n").status == 200);
}

TEST_CASE("a request line past the header limit is 414, header fields past it are 431") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.max_header_bytes = 1024;
    RunningServer server(config);
    const auto long_target =
        raw(server.port(), "GET /search?q=" + std::string(2000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(long_target.status == 414);
    CHECK(code_of(long_target) == "uri_too_long");
    const auto long_field =
        raw(server.port(), "GET /health HTTP/1.1\r\nHost: x\r\nX-A: " + std::string(2000, 'a') + "\r\n\r\n");
    CHECK(long_field.status == 431);
    CHECK(code_of(long_field) == "headers_too_large");
}

TEST_CASE("lingering close: a body over the limit sent before reading still gets its 413") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db)); // 64 KiB body limit
    HttpConnection c(server.port());
    const std::size_t size = 5 << 20;
    auto sender = std::async(std::launch::async, [&] {
        c.send_raw("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(size) + "\r\n\r\n" +
                   std::string(size, 'b'));
    });
    // The whole body goes out (the server reads and drops it), then the answer is there to read.
    REQUIRE(sender.wait_for(10s) == std::future_status::ready);
    CHECK_NOTHROW(sender.get());
    const auto reply = c.read_reply();
    CHECK(reply.status == 413);
    CHECK(c.how_closed(3s) == "eof");
}

TEST_CASE("a pipeline longer than the request cap ends in a clean close, not a reset") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.max_requests_per_connection = 100;
    RunningServer server(config);
    HttpConnection c(server.port());
    std::string pipeline;
    for (int i = 0; i < 120; ++i) pipeline += "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    c.send_raw(pipeline);
    for (int i = 1; i <= 100; ++i) {
        const auto reply = c.read_reply();
        REQUIRE(reply.status == 200);
        CHECK(reply.keep_alive == (i < 100));
    }
    CHECK(c.how_closed(3s) == "eof");
}

TEST_CASE("every HTML answer carries the page's policy and cannot be framed") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    for (const char* target : {"/", "/ui/index.html"}) {
        INFO(target);
        const auto reply = http_get(server.port(), target);
        REQUIRE(reply.status == 200);
        CHECK_THAT(reply.header("content-security-policy"), Catch::Contains("frame-ancestors 'none'"));
        CHECK(reply.header("x-frame-options") == "DENY");
    }
    const auto script = http_get(server.port(), "/ui/app.js");
    CHECK(script.header("x-frame-options").empty());
}

TEST_CASE("an admin listener takes /stats and /metrics off the public one") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.admin_bind = "127.0.0.1";
    config.admin_port = 0;
    RunningServer server(config);
    const auto admin = server.server().admin_port();
    REQUIRE(admin != 0);
    REQUIRE(admin != server.port());
    CHECK(http_get(server.port(), "/metrics").status == 404);
    CHECK(http_get(server.port(), "/stats").status == 404);
    CHECK(http_get(server.port(), "/health").status == 200);
    CHECK(http_get(server.port(), "/search?q=bridge").status == 200);
    CHECK(http_get(admin, "/metrics").status == 200);
    CHECK(http_get(admin, "/stats").status == 200);
    CHECK(http_get(admin, "/health").status == 200);

    // Without one, they are public.
    RunningServer plain(test_config(index.db));
    CHECK(plain.server().admin_port() == 0);
    CHECK(http_get(plain.port(), "/metrics").status == 200);
}

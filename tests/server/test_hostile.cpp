// Hostile clients: floods of idle connections, request smuggling shapes, query bombs. The
// server must answer with the right 4xx (or cut the client off) and keep serving others.

#include "server_fixture.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <future>

#include <sys/resource.h>

using namespace gazette;
using namespace gazette::test;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

int status_of_raw(std::uint16_t port, const std::string& raw) {
    HttpConnection c(port);
    c.send_raw(raw);
    return c.read_reply().status;
}

std::string code_of(const HttpReply& reply) {
    return json::parse(reply.body)["error"]["code"];
}

std::size_t resident_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6));
    return 0;
}

// Sends `head`, then up to `blocks` MiB of `filler` with no line end, until the server answers.
HttpReply flood_until_answered(std::uint16_t port, const std::string& head, char filler, int blocks) {
    HttpConnection c(port);
    c.send_raw(head);
    const std::string block(1 << 20, filler);
    for (int i = 0; i < blocks; ++i) {
        try {
            c.send_raw(block);
        } catch (const std::exception&) {
            break; // the server closed after answering
        }
    }
    return c.read_reply();
}

} // namespace

TEST_CASE("a flood of idle connections is capped and timed out, others are served") {
    // Each connection costs this process two descriptors (client and server side).
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 8192);
    setrlimit(RLIMIT_NOFILE, &limit);

    NewsroomIndex index;
    auto config = test_config(index.db);
    config.max_connections = 100;
    config.request_timeout = 500ms;
    RunningServer server(config);
    std::vector<std::unique_ptr<HttpConnection>> idle;
    for (int i = 0; i < 2000; ++i) idle.push_back(std::make_unique<HttpConnection>(server.port()));
    // Past the cap, connections are answered 503 and closed; the capped ones are cut off by
    // the request timeout. Then the server answers again.
    bool served = false;
    for (int attempt = 0; attempt < 100 && !served; ++attempt) {
        std::this_thread::sleep_for(50ms);
        try {
            served = http_get(server.port(), "/health").status == 200;
        } catch (const std::exception&) {
        }
    }
    CHECK(served);
    std::this_thread::sleep_for(1s); // the last ones accepted reach their request timeout too
    std::size_t open = 0;
    for (auto& c : idle)
        if (!c->closed_by_server(1ms) && !c->closed_by_server(2s)) ++open;
    CHECK(open == 0);
}

TEST_CASE("request smuggling shapes are refused") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto port = server.port();
    // Both Content-Length and chunked: ambiguous framing.
    CHECK(status_of_raw(port,
                        "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "0\r\n\r\n") == 400);
    // Conflicting Content-Length headers, and a list of them.
    CHECK(status_of_raw(port, "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 9\r\n\r\n") ==
          400);
    CHECK(status_of_raw(port, "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 0, 9\r\n\r\n") == 400);
    // Chunked encodings that are not last, or bad chunk sizes.
    CHECK(status_of_raw(port, "GET /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n") ==
          400);
    CHECK(status_of_raw(
              port, "GET /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n") ==
          400);
    // Whitespace before the colon, obsolete line folding, NUL in a header.
    CHECK(status_of_raw(port, "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length : 0\r\n\r\n") == 400);
    CHECK(status_of_raw(port, std::string("GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n", 38)) == 400);
    // Odd request lines.
    CHECK(status_of_raw(port, "GET  /health HTTP/1.1\r\n\r\n") == 400);
    CHECK(status_of_raw(port, "GET /health\r\n\r\n") == 400);
    CHECK(http_get(port, "/health").status == 200);
}

TEST_CASE("chunk extensions and trailers without end are refused, memory stays flat") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto port = server.port();
    const std::size_t before = resident_kib();
    // Three at once, 12 MiB each: held in full, they would add 36 MiB or more.
    std::vector<std::future<HttpReply>> floods;
    floods.push_back(std::async(std::launch::async, [&] {
        return flood_until_answered(port, "GET /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;",
                                    'e', 12);
    }));
    floods.push_back(std::async(std::launch::async, [&] {
        return flood_until_answered(
            port, "GET /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;name=\"", 'q', 12);
    }));
    floods.push_back(std::async(std::launch::async, [&] {
        return flood_until_answered(
            port, "GET /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Trailer: ", 't', 12);
    }));
    for (auto& flood : floods) {
        const auto reply = flood.get();
        CHECK(reply.status == 400);
        CHECK(code_of(reply) == "bad_request");
    }
    const std::size_t after = resident_kib();
    INFO("resident before " << before << " KiB, after " << after << " KiB");
    CHECK(after < before + 24 * 1024);
    CHECK(http_get(port, "/health").status == 200);
}

TEST_CASE("query bombs are bounded: nesting, thousands of ORs, wildcards, long words") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.max_header_bytes = 1 << 20;
    config.max_query_bytes = 1 << 20;
    config.max_wildcard_expansion = 2;
    RunningServer server(config);
    const auto port = server.port();
    const auto search = [&](const std::string& q) { return http_get(port, "/search?q=" + url_encode(q)); };

    const auto nested = search(std::string(5000, '(') + "bridge" + std::string(5000, ')'));
    CHECK((nested.status == 200 || nested.status == 400));
    std::string ors = "w0";
    for (int i = 1; i < 5000; ++i) ors += " OR w" + std::to_string(i);
    const auto many = search(ors);
    CHECK(many.status == 400);
    CHECK(code_of(many) == "invalid_query");
    CHECK(code_of(search("c*")) == "invalid_query");       // cables, cracks, closed, council, ...
    CHECK(search(std::string(100000, 'x')).status == 200); // one absurdly long word: no match
    CHECK(search("\"" + std::string(3000, 'a') + " b\"").status == 200);
    CHECK(search(std::string(2000, '"')).status == 200);
    CHECK(http_get(port, "/search?q=" + std::string(3000, '%')).status == 400);
    CHECK(http_get(port, "/search?size=99999999999999999999999").status == 400);
    CHECK(http_get(port, "/search?page=18446744073709551615&size=100").status == 400);
    CHECK(http_get(port, "/health").status == 200);
}

TEST_CASE("answers are always valid UTF-8 JSON, never sniffed as HTML, snippets escaped") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    for (const char* target :
         {"/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/search?q=R%26D", "/search?q=solar&snippet=200",
          "/suggest?q=%C3%A9l", "/articles/%3Cb%3E", "/search?q=%FF"}) {
        INFO(target);
        const auto reply = http_get(server.port(), target);
        CHECK_NOTHROW(json::parse(reply.body));
        CHECK(reply.header("content-type") == "application/json");
        CHECK(reply.header("x-content-type-options") == "nosniff");
    }
    const auto solar = json::parse(http_get(server.port(), "/search?q=solar+panels&snippet=300").body);
    const std::string snippet = solar["hits"][0]["snippet"];
    CHECK(snippet.find("&lt;3") != std::string::npos);
    CHECK(snippet.find("R&amp;D") != std::string::npos);
}

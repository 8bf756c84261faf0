// The conventions peer search APIs have: CORS, gzip, size=0, empty form fields, field
// selection, ?pretty, the relevance window said plainly.

#include "server_fixture.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <zlib.h>

using namespace gazette;
using namespace gazette::test;
using json = nlohmann::json;

namespace {

std::string gunzip(const std::string& data) {
    z_stream stream{};
    REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
    std::string out(1 << 20, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    REQUIRE(inflate(&stream, Z_FINISH) == Z_STREAM_END);
    out.resize(stream.total_out);
    inflateEnd(&stream);
    return out;
}

} // namespace

TEST_CASE("size=0 gives the total and facets only, empty form fields are ignored") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto counts = json::parse(http_get(server.port(), "/search?q=bridge&size=0&facets=source").body);
    CHECK(counts["total"]["value"] == 2);
    CHECK(counts["hits"].empty());
    CHECK(counts["facets"]["source"].size() == 2);
    // An HTML form sends every field, filled or not.
    const auto form = http_get(server.port(), "/search?q=bridge&lang=&source=&tag=&from=&to=&sort=&qlang=&fields=");
    REQUIRE(form.status == 200);
    CHECK(json::parse(form.body)["total"]["value"] == 2);
}

TEST_CASE("hits carry authors, summary and language, fields= selects what is sent") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db);
        Article a =
            test::article("a1", "Budget passes", "The budget passed the council.", "2023-01-01", "Harbor Daily");
        a.authors = {"Ana Ruiz"};
        a.summary = "The council approved the budget.";
        a.language = "en";
        writer.upsert(a);
        writer.commit();
    }
    RunningServer server(test_config(db));
    const auto full = json::parse(http_get(server.port(), "/search?q=budget").body)["hits"][0];
    CHECK(full["authors"] == json::array({"Ana Ruiz"}));
    CHECK(full["summary"] == "The council approved the budget.");
    CHECK(full["language"] == "en");
    const auto some = json::parse(http_get(server.port(), "/search?q=budget&fields=id,title,authors").body)["hits"][0];
    std::set<std::string> keys;
    for (const auto& [key, value] : some.items()) keys.insert(key);
    CHECK(keys == std::set<std::string>{"id", "title", "authors"});
    CHECK(some["authors"] == json::array({"Ana Ruiz"}));
}

TEST_CASE("an unknown query language is a 400") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    CHECK(http_get(server.port(), "/search?q=bridge&qlang=fr").status == 200);
    CHECK(http_get(server.port(), "/search?q=bridge&qlang=zh").status == 200); // a language without a stemmer
    const auto reply = http_get(server.port(), "/search?q=bridge&qlang=xx");
    CHECK(reply.status == 400);
    CHECK_THAT(reply.body, Catch::Contains("ISO 639-1"));
}

TEST_CASE("relevance paging that reaches the result window says it was cut off") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db);
        for (int i = 0; i < 9; ++i)
            writer.upsert(test::article("c" + std::to_string(i), "Harbour news " + std::to_string(i), "Harbour."));
        writer.commit();
    }
    auto config = test_config(db);
    config.max_page_depth = 4;
    RunningServer server(config);
    const auto first = json::parse(http_get(server.port(), "/search?q=harbour&size=2").body);
    CHECK(first["total"]["value"] == 9);
    CHECK(first["truncated"] == false);
    CHECK_FALSE(first["next_cursor"].is_null());
    const auto last = json::parse(http_get(server.port(), "/search?q=harbour&size=2&page=2").body);
    CHECK(last["next_cursor"].is_null());
    CHECK(last["truncated"] == true); // 9 match; relevance ranking shows 4
    const auto dated = json::parse(http_get(server.port(), "/search?q=harbour&size=2&page=2&sort=newest").body);
    CHECK(dated["truncated"] == false); // dates page on with the cursor
    CHECK_FALSE(dated["next_cursor"].is_null());
}

TEST_CASE("?pretty indents JSON on every route") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    for (const char* target : {"/search?q=bridge&pretty", "/health?pretty=true", "/articles/bridge-1?pretty=1"}) {
        INFO(target);
        const auto reply = http_get(server.port(), target);
        REQUIRE(reply.status == 200);
        CHECK(reply.body.find("\n  \"") != std::string::npos);
        CHECK_NOTHROW(json::parse(reply.body));
    }
    CHECK(http_get(server.port(), "/health").body.find('\n') == std::string::npos);
}

TEST_CASE("gzip when the client accepts it and the body is worth it") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    HttpConnection c(server.port());
    const auto plain = c.request("GET", "/search?size=6&snippet=300");
    const auto gzipped = c.request("GET", "/search?size=6&snippet=300", {{"Accept-Encoding", "gzip, deflate"}});
    REQUIRE(gzipped.status == 200);
    CHECK(gzipped.header("content-encoding") == "gzip");
    CHECK(gzipped.header("vary") == "Accept-Encoding");
    CHECK(gzipped.body.size() < plain.body.size());
    const auto a = json::parse(gunzip(gzipped.body)), b = json::parse(plain.body);
    CHECK(a["hits"] == b["hits"]);
    CHECK(plain.header("content-encoding").empty());
    const auto refused = c.request("GET", "/search?size=6&snippet=300", {{"Accept-Encoding", "gzip;q=0"}});
    CHECK(refused.header("content-encoding").empty());
    const auto small = c.request("GET", "/health", {{"Accept-Encoding", "gzip"}});
    CHECK(small.header("content-encoding").empty()); // too small to gain
    const auto page = c.request("GET", "/", {{"Accept-Encoding", "gzip"}});
    CHECK(page.header("content-encoding") == "gzip");
}

TEST_CASE("CORS: off by default, allowed origins get their headers and preflights") {
    NewsroomIndex index;
    {
        RunningServer server(test_config(index.db));
        HttpConnection c(server.port());
        const auto reply = c.request("GET", "/search?q=bridge", {{"Origin", "https://news.example"}});
        CHECK(reply.header("access-control-allow-origin").empty());
        CHECK(c.request("OPTIONS", "/search", {{"Origin", "https://news.example"}}).status == 405);
    }
    auto config = test_config(index.db);
    config.cors_origins = {"https://news.example"};
    RunningServer server(config);
    HttpConnection c(server.port());
    const auto allowed = c.request("GET", "/search?q=bridge", {{"Origin", "https://news.example"}});
    CHECK(allowed.header("access-control-allow-origin") == "https://news.example");
    const auto other = c.request("GET", "/search?q=bridge", {{"Origin", "https://evil.example"}});
    CHECK(other.header("access-control-allow-origin").empty());
    const auto preflight = c.request("OPTIONS", "/search",
                                     {{"Origin", "https://news.example"},
                                      {"Access-Control-Request-Method", "POST"},
                                      {"Access-Control-Request-Headers", "content-type"}});
    CHECK(preflight.status == 204);
    CHECK(preflight.header("access-control-allow-origin") == "https://news.example");
    CHECK_THAT(preflight.header("access-control-allow-methods"), Catch::Contains("GET"));
    CHECK(preflight.header("access-control-allow-headers") == "content-type");
    config.cors_origins = {"*"};
    RunningServer any(config);
    CHECK(HttpConnection(any.port())
              .request("GET", "/health", {{"Origin", "https://anyone.example"}})
              .header("access-control-allow-origin") == "*");
}

// The HTTP API, end to end in-process: endpoints, parameters, errors.

#include "handlers.hpp"
#include "server_fixture.hpp"

#include <gazette/version.hpp>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <thread>

using namespace gazette;
using namespace gazette::test;
using json = nlohmann::ordered_json;

namespace {

json body_of(const HttpReply& reply) {
    return json::parse(reply.body);
}

std::vector<std::string> hit_ids(const HttpReply& reply) {
    std::vector<std::string> ids;
    const auto body = body_of(reply);
    for (const auto& hit : body["hits"]) ids.push_back(hit["id"]);
    return ids;
}

void expect_error(const HttpReply& reply, int status, const std::string& code) {
    INFO(reply.body);
    CHECK(reply.status == status);
    CHECK(reply.header("content-type") == "application/json");
    const auto body = body_of(reply);
    REQUIRE(body.contains("error"));
    CHECK(body["error"]["code"] == code);
    CHECK(body["error"]["message"].is_string());
    CHECK(body.size() == 1);
}

} // namespace

TEST_CASE("GET /search answers with the documented shape") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto reply = http_get(server.port(), "/search?q=bridge&snippet=60");
    REQUIRE(reply.status == 200);
    CHECK(reply.header("content-type") == "application/json");
    const auto body = body_of(reply);
    std::vector<std::string> keys;
    for (const auto& [key, value] : body.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"query", "total", "partial", "shards", "took_ms", "hits", "facets",
                                           "suggestion", "next_cursor", "truncated"});
    CHECK(body["partial"] == false);
    CHECK(body["shards"]["total"] == 1);
    CHECK(body["shards"]["successful"] == 1);
    CHECK(body["shards"]["failed"].empty());
    CHECK(body["truncated"] == false);
    CHECK(body["query"] == "bridge");
    // (Whether a suggestion is made is the library's test: this index is too small for one.)
    CHECK(body_of(http_get(server.port(), "/search?q=brigde&suggest=false"))["suggestion"].is_null());
    CHECK(http_get(server.port(), "/search?q=brigde&suggest=perhaps").status == 400);
    CHECK(body["total"] == json{{"value", 2}, {"relation", "eq"}});
    CHECK(body["took_ms"].is_number());
    CHECK(body["next_cursor"].is_null());
    REQUIRE(body["hits"].size() == 2);
    const auto& hit = body["hits"][0];
    for (const char* field : {"id", "title", "url", "source", "published", "score", "snippet", "tags", "authors",
                              "summary", "language", "story", "more_versions"})
        CHECK(hit.contains(field));
    CHECK_FALSE(hit.contains("explain"));
    CHECK(hit["snippet"].get<std::string>().find("<mark>") != std::string::npos);
}

TEST_CASE("search parameters: filters, sort, paging, facets, snippets, match") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto port = server.port();
    CHECK(hit_ids(http_get(port, "/search?q=bridge&source=Harbor%20Daily")) == std::vector<std::string>{"bridge-2"});
    CHECK(hit_ids(http_get(port, "/search?tag=energy&tag=finance&sort=newest")) ==
          std::vector<std::string>{"solar-1", "rates-1"});
    CHECK(hit_ids(http_get(port, "/search?lang=fr")) == std::vector<std::string>{"canicule-fr"});
    CHECK(hit_ids(http_get(port, "/search?from=2023-01-01&to=2023-07-18&sort=oldest")) ==
          std::vector<std::string>{"bridge-2", "heat-1"});
    // An empty q with filters lists articles, newest first.
    CHECK(hit_ids(http_get(port, "/search?source=gazette-wire")) ==
          std::vector<std::string>{"canicule-fr", "heat-1", "bridge-1"});
    CHECK(hit_ids(http_get(port, "/search?size=2&page=2")) == std::vector<std::string>{"heat-1", "bridge-2"});
    CHECK(hit_ids(http_get(port, "/search?q=bridge%20council&match=all")) == std::vector<std::string>{"bridge-2"});
    CHECK(body_of(http_get(port, "/search?q=bridge&snippet=0"))["hits"][0]["snippet"] == "");

    const auto faceted = body_of(http_get(port, "/search?size=1&facets=source,tag,lang,month,year&facet_size=2"));
    CHECK(faceted["facets"]["source"] ==
          json::parse(R"([{"value":"Gazette Wire","count":3},{"value":"Harbor Daily","count":2}])"));
    CHECK(faceted["facets"]["lang"].size() == 2);
    CHECK(faceted["facets"]["year"] == json::parse(R"([{"value":"2023","count":3},{"value":"2024","count":1}])"));

    // Query syntax in a filter is only a value: nothing matches, nothing widens.
    CHECK(body_of(http_get(port, "/search?source=" + url_encode("x OR tag:climate")))["total"]["value"] == 0);
}

TEST_CASE("cursor paging over HTTP") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    std::vector<std::string> all;
    std::string target = "/search?sort=newest&size=4";
    for (int page = 0; page < 5; ++page) {
        const auto body = body_of(http_get(server.port(), target));
        for (const auto& hit : body["hits"]) all.push_back(hit["id"]);
        if (body["next_cursor"].is_null()) break;
        target = "/search?sort=newest&size=4&cursor=" + body["next_cursor"].get<std::string>();
    }
    CHECK(all == std::vector<std::string>{"solar-1", "canicule-fr", "heat-1", "bridge-2", "rates-1", "bridge-1"});
    expect_error(http_get(server.port(), "/search?sort=oldest&size=4&cursor=c1abc"), 400, "invalid_argument");
    expect_error(http_get(server.port(), "/search?page=2&cursor=c1abc"), 400, "invalid_parameter");
}

TEST_CASE("bad parameters get 400 with a message saying what is wrong") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto port = server.port();
    const std::pair<const char*, const char*> cases[] = {
        {"/search?sort=sideways", "invalid_parameter"},
        {"/search?size=-1", "invalid_parameter"},
        {"/search?fields=id,colour", "invalid_parameter"},
        {"/search?q=x&qlang=xx", "invalid_argument"},
        {"/search?size=101", "invalid_parameter"},
        {"/search?size=ten", "invalid_parameter"},
        {"/search?page=-1", "invalid_parameter"},
        {"/search?match=most", "invalid_parameter"},
        {"/search?snippet=100000", "invalid_parameter"},
        {"/search?facets=colour", "invalid_argument"},
        {"/search?from=yesterday", "invalid_argument"},
        {"/search?q=a&q=b", "invalid_parameter"},
        {"/search?qq=typo", "invalid_parameter"},
        {"/search?q=%E0%A4", "invalid_parameter"},  // invalid UTF-8
        {"/search?q=%G1", "invalid_parameter"},     // bad percent-encoding
        {"/search?q=bridge%", "invalid_parameter"}, // truncated escape
        {"/search?q=bridge+AND", "invalid_query"},
        {"/search?collapse=source", "invalid_parameter"},
        {"/search?q=x&fresh=soon", "invalid_argument"},
        {"/search?q=x&fresh=7d&fresh_weight=-1", "invalid_parameter"},
        {"/search?explain=maybe", "invalid_parameter"},
        {"/suggest", "invalid_parameter"},
        {"/suggest?q=ab&size=0", "invalid_parameter"},
        {"/articles/rates-1/related?size=1000", "invalid_parameter"},
        {"/articles/rates-1?x=1", "invalid_parameter"},
        {"/search?q=1..5", "invalid_query"},
        {"/search?from=2023-05&to=2021", "invalid_argument"}, // reversed: never "everything"
        {"/search?q=2023..2021", "invalid_query"},
    };
    for (const auto& [target, code] : cases) {
        INFO(target);
        expect_error(http_get(port, target), 400, code);
    }
    const auto reply = http_get(port, "/search?size=101");
    CHECK(body_of(reply)["error"]["message"] == "'size' must be a whole number from 0 to 100");
}

TEST_CASE("GET /articles/{id}") {
    NewsroomIndex index;
    {
        IndexWriter writer(index.db);
        writer.upsert(test::article("alt.news/123", "Slash id", "An id with a slash"));
        writer.commit();
    }
    RunningServer server(test_config(index.db));
    const auto reply = http_get(server.port(), "/articles/rates-1");
    REQUIRE(reply.status == 200);
    const auto article = body_of(reply);
    CHECK(article["id"] == "rates-1");
    CHECK(article["body"].get<std::string>().find("central bank") != std::string::npos);
    CHECK(article["tags"] == json::parse(R"(["economy","finance"])"));
    CHECK(body_of(http_get(server.port(), "/articles/alt.news%2F123"))["title"] == "Slash id");
    expect_error(http_get(server.port(), "/articles/nope"), 404, "not_found");
    expect_error(http_get(server.port(), "/articles/a%zz"), 400, "invalid_parameter");
}

TEST_CASE("routing errors: 404 and 405 with Allow") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    expect_error(http_get(server.port(), "/nothing/here"), 404, "route_not_found");
    HttpConnection connection(server.port());
    const auto reply = connection.request("PUT", "/search");
    expect_error(reply, 405, "method_not_allowed");
    CHECK(reply.header("allow") == "GET, HEAD, POST");
    const auto deleted = connection.request("DELETE", "/articles/rates-1");
    CHECK(deleted.status == 405);
}

TEST_CASE("HEAD answers like GET without a body") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    HttpConnection connection(server.port());
    const auto head = connection.request("HEAD", "/health");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(std::stoul(head.header("content-length")) > 0);
    CHECK(connection.get("/health").status == 200); // the connection is still usable
}

TEST_CASE("/health, /stats and /metrics") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto port = server.port();
    const auto health = http_get(port, "/health");
    CHECK(health.status == 200);
    CHECK(body_of(health) == json{{"status", "ok"}, {"documents", 6}});

    const auto stats = body_of(http_get(port, "/stats"));
    CHECK(stats["documents"] == 6);
    CHECK(stats["last_update"].get<std::string>().size() == 20);
    CHECK(stats["index_bytes"].get<std::uint64_t>() > 0);
    CHECK(stats["uptime_seconds"].is_number());

    http_get(port, "/search?q=bridge");
    http_get(port, "/search?sort=bad");
    const auto metrics = http_get(port, "/metrics");
    CHECK(metrics.status == 200);
    CHECK(metrics.header("content-type") == "text/plain; version=0.0.4; charset=utf-8");
    CHECK_THAT(metrics.body, Catch::Contains("gazette_http_requests_total{route=\"search\",status=\"200\"} 1\n"));
    CHECK_THAT(metrics.body, Catch::Contains("gazette_http_requests_total{route=\"search\",status=\"400\"} 1\n"));
    CHECK_THAT(metrics.body, Catch::Contains("gazette_http_request_duration_seconds_count{route=\"search\"} 2\n"));
    CHECK_THAT(metrics.body, Catch::Contains("gazette_http_requests_in_flight 1\n")); // this request
    CHECK_THAT(metrics.body, Catch::Contains("gazette_index_documents 6\n"));
}

TEST_CASE("without an index: /health is 503, searches are 503, the server keeps running") {
    TempDir dir;
    RunningServer server(test_config(dir.file("not-yet")));
    expect_error(http_get(server.port(), "/health"), 503, "index_unavailable");
    const auto search = http_get(server.port(), "/search?q=x");
    expect_error(search, 503, "index_unavailable");
    CHECK(search.body.find(dir.file("not-yet")) == std::string::npos); // no paths leak
    CHECK_THAT(http_get(server.port(), "/metrics").body, Catch::Contains("gazette_index_documents -1\n"));
    {
        IndexWriter writer(dir.file("not-yet"));
        writer.upsert(test::article("late", "Late arrival", "body"));
        writer.commit();
    }
    CHECK(http_get(server.port(), "/health").status == 200);
}

TEST_CASE("new commits are visible without a restart") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    CHECK(body_of(http_get(server.port(), "/search?q=glacier"))["total"]["value"] == 0);
    {
        IndexWriter writer(index.db);
        writer.upsert(test::article("glacier-1", "Glacier retreat", "The glacier lost 30 metres."));
        writer.commit();
    }
    CHECK(body_of(http_get(server.port(), "/search?q=glacier"))["total"]["value"] == 1);
}

TEST_CASE("handler failures are 500 with a generic message") {
    NewsroomIndex index;
    auto table = server::routes();
    table.push_back({"GET", "/boom", "boom", [](const server::Request&, server::Context&) -> server::Response {
                         throw std::runtime_error("secret internal detail /etc/passwd");
                     }});
    RunningServer server(test_config(index.db), table);
    const auto reply = http_get(server.port(), "/boom");
    expect_error(reply, 500, "internal");
    CHECK(reply.body.find("secret") == std::string::npos);
}

TEST_CASE("gazette-search and the server rank the same way") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    Searcher searcher(index.db);
    for (const char* q : {"bridge", "climate OR heatwave", "\"interest rate\"", "tag:climate"}) {
        INFO(q);
        SearchRequest r;
        r.query = q;
        std::vector<std::string> library;
        for (const auto& hit : searcher.search(r).hits) library.push_back(hit.id);
        CHECK(hit_ids(http_get(server.port(), "/search?q=" + url_encode(q))) == library);
    }
}

TEST_CASE("news features over HTTP: collapse, freshness, explain, related, suggest, did you mean") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto port = server.port();

    const auto explained = body_of(http_get(port, "/search?q=heatwave&explain=true&fresh=30d"));
    REQUIRE(explained["hits"].size() == 1);
    const auto& parts = explained["hits"][0]["explain"];
    CHECK(parts["text_score"].get<double>() > 0);
    CHECK(parts["freshness"].get<double>() >= 1.0);
    CHECK(parts["age_days"].get<double>() > 300);
    REQUIRE(parts["terms"].size() == 1);
    CHECK(parts["terms"][0]["term"] == "heatwav");
    CHECK(parts["terms"][0]["field"] == "text");
    CHECK(parts["terms"][0]["weight"].get<double>() == Approx(parts["text_score"].get<double>()));

    // Collapsed, with facets: the stories, and the articles that the facet counts count.
    const auto versions = body_of(http_get(port, "/search?q=&collapse=story&facets=lang"));
    REQUIRE(versions["total"].contains("articles"));
    std::uint64_t by_language = 0;
    for (const auto& v : versions["facets"]["lang"]) by_language += v["count"].get<std::uint64_t>();
    CHECK(versions["total"]["articles"].get<std::uint64_t>() == by_language);
    CHECK(versions["total"]["articles"].get<std::uint64_t>() >= versions["total"]["value"].get<std::uint64_t>());
    CHECK_FALSE(body_of(http_get(port, "/search?q=&facets=lang"))["total"].contains("articles"));

    const auto collapsed = body_of(http_get(port, "/search?q=bridge&collapse=story"));
    CHECK(collapsed["hits"][0]["more_versions"] == 0); // the fixtures' bridge stories differ

    const auto related = body_of(http_get(port, "/articles/bridge-1/related?size=2"));
    CHECK(related["id"] == "bridge-1");
    REQUIRE(!related["hits"].empty());
    CHECK(related["hits"][0]["id"] == "bridge-2");
    expect_error(http_get(port, "/articles/nope/related"), 404, "not_found");

    const auto suggest = body_of(http_get(port, "/suggest?q=tessal"));
    CHECK(suggest["query"] == "tessal");
    CHECK(suggest["suggestions"][0] == json::parse(R"({"text":"tessaly","count":1})"));

    const auto french = body_of(http_get(port, "/search?q=incendie&qlang=fr"));
    CHECK(french["total"]["value"] == 1);
    CHECK(body_of(http_get(port, "/search?q=incendie&qlang=en"))["total"]["value"] == 0);
    // Without qlang the query is read in every language of the index.
    CHECK(body_of(http_get(port, "/search?q=incendie"))["total"]["value"] == 1);
}

TEST_CASE("GET /openapi.json describes every route the server has") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto reply = http_get(server.port(), "/openapi.json");
    REQUIRE(reply.status == 200);
    CHECK(reply.header("content-type") == "application/json");
    const auto spec = body_of(reply);
    CHECK(spec["openapi"] == "3.1.0");
    CHECK(spec["info"]["version"] == GAZETTE_VERSION);
    for (const auto& route : server::routes()) {
        INFO(route.method << " " << route.pattern);
        REQUIRE(spec["paths"].contains(route.pattern));
        std::string method = route.method;
        for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CHECK(spec["paths"][route.pattern].contains(method));
    }
    // Every error code the server can send is in the Error schema.
    const auto& codes = spec["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"];
    for (const char* code : {"invalid_parameter", "route_not_found", "method_not_allowed", "index_unavailable",
                             "overloaded", "search_timeout", "headers_too_large"})
        CHECK(std::find(codes.begin(), codes.end(), code) != codes.end());
    CHECK(http_get(server.port(), "/openapi.json?x=1").status == 400);
}

TEST_CASE("POST /search takes the parameters as a JSON object") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const std::map<std::string, std::string> json_type{{"Content-Type", "application/json"}};
    const auto post = [&](const std::string& body, const std::map<std::string, std::string>& headers) {
        return HttpConnection(server.port()).request("POST", "/search", headers, body);
    };
    const auto without_time = [](json body) {
        body.erase("took_ms");
        return body;
    };
    // The same answer as the GET with the same parameters.
    const auto get = http_get(server.port(), "/search?q=bridge&source=Harbor+Daily&source=Gazette+Wire&facets=source,"
                                             "tag&size=5&explain=true&fields=id,title,score");
    const auto posted =
        post(R"({"q": "bridge", "source": ["Harbor Daily", "Gazette Wire"], "facets": ["source", "tag"], "size": 5,)"
             R"( "explain": true, "fields": ["id", "title", "score"], "from": null})",
             json_type);
    REQUIRE(get.status == 200);
    REQUIRE(posted.status == 200);
    CHECK(without_time(body_of(posted)) == without_time(body_of(get)));
    CHECK(post(R"({"q": "bridge"})", {{"Content-Type", "application/json; charset=utf-8"}}).status == 200);
    CHECK(post("", {}).status == 200); // no parameters at all

    // A monitoring query of 500 names, past what a URL carries.
    std::string names;
    for (int i = 0; i < 500; ++i) names += (i ? " OR \"harbor pilot" : "\"harbor pilot") + std::to_string(i) + "\"";
    REQUIRE(names.size() > 8192);
    const auto long_query = post(json{{"q", names}, {"size", 3}}.dump(), json_type);
    CHECK(long_query.status == 200);

    const auto error_of = [](const HttpReply& reply) { return json::parse(reply.body)["error"]["code"]; };
    auto bad = post("{not json", json_type);
    CHECK(bad.status == 400);
    CHECK(error_of(bad) == "bad_request");
    bad = post(R"(["q", "bridge"])", json_type);
    CHECK(bad.status == 400);
    bad = post(R"({"q": {"nested": 1}})", json_type);
    CHECK(bad.status == 400);
    CHECK(json::parse(bad.body)["error"]["message"].get<std::string>().find("'q'") != std::string::npos);
    bad = post(R"({"colour": "red"})", json_type);
    CHECK(bad.status == 400);
    CHECK(error_of(bad) == "invalid_parameter");
    bad = post("q=bridge", {{"Content-Type", "application/x-www-form-urlencoded"}});
    CHECK(bad.status == 415);
    CHECK(error_of(bad) == "unsupported_media_type");
    // Other paths still take GET only.
    CHECK(HttpConnection(server.port()).request("POST", "/health", json_type, "{}").status == 405);
}

TEST_CASE("repeated searches come from the result cache until a commit, whatever the parameter order") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto metric = [&](const std::string& name) {
        const std::string text = http_get(server.port(), "/metrics").body;
        const auto at = text.find("\n" + name + " ");
        REQUIRE(at != std::string::npos);
        return std::stoull(text.substr(at + name.size() + 2));
    };
    auto first = body_of(http_get(server.port(), "/search?q=bridge&size=5&facets=tag"));
    CHECK(metric("gazette_cache_misses_total") == 1);
    auto again = body_of(http_get(server.port(), "/search?facets=tag&size=5&q=bridge"));
    CHECK(metric("gazette_cache_hits_total") == 1);
    CHECK(metric("gazette_cache_entries") == 1);
    first.erase("took_ms");
    again.erase("took_ms");
    CHECK(again == first);
    // Another request is another entry.
    body_of(http_get(server.port(), "/search?q=bridge&size=4&facets=tag"));
    CHECK(metric("gazette_cache_misses_total") == 2);

    // A commit: the next search sees it, not the cached answer.
    {
        IndexWriter writer(index.db);
        writer.upsert(article("bridge-3", "Third bridge opens", "A new bridge opened over the river.", "2024-06-01"));
        writer.commit();
    }
    const auto after = body_of(http_get(server.port(), "/search?q=bridge&size=5&facets=tag"));
    CHECK(after["total"]["value"] == first["total"]["value"].get<int>() + 1);
    CHECK(metric("gazette_cache_misses_total") == 3);
}

TEST_CASE("the result cache can be turned off, and its entries expire") {
    NewsroomIndex index;
    auto config = test_config(index.db);
    config.cache_mb = 0;
    {
        RunningServer server(config);
        for (int i = 0; i < 3; ++i) REQUIRE(http_get(server.port(), "/search?q=bridge").status == 200);
        const std::string text = http_get(server.port(), "/metrics").body;
        CHECK(text.find("\ngazette_cache_hits_total 0\n") != std::string::npos);
        CHECK(text.find("\ngazette_cache_entries 0\n") != std::string::npos);
    }
    config.cache_mb = 1;
    config.cache_ttl = std::chrono::milliseconds(50);
    RunningServer server(config);
    REQUIRE(http_get(server.port(), "/search?q=bridge").status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(120));
    REQUIRE(http_get(server.port(), "/search?q=bridge").status == 200);
    const std::string text = http_get(server.port(), "/metrics").body;
    CHECK(text.find("\ngazette_cache_hits_total 0\n") != std::string::npos);
    CHECK(text.find("\ngazette_cache_misses_total 2\n") != std::string::npos);
}

TEST_CASE("a phrase of stopwords is found and marked over HTTP") {
    TempDir dir;
    const auto db = dir.file("db");
    {
        IndexWriter writer(db);
        writer.upsert(test::article("review", "Concert review", "Last night the Who played their hits."));
        writer.upsert(test::article("whole", "The whole city waits", "Voters who stayed home decided."));
        writer.commit();
    }
    RunningServer server(test_config(db));
    const auto reply = http_get(server.port(), "/search?q=%22The%20Who%22");
    REQUIRE(reply.status == 200);
    CHECK(hit_ids(reply) == std::vector<std::string>{"review"});
    CHECK(body_of(reply)["hits"][0]["snippet"] == "Last night <mark>the</mark> <mark>Who</mark> played their hits.");
    CHECK(hit_ids(http_get(server.port(), "/search?q=the+who")) == std::vector<std::string>{"review"});
}

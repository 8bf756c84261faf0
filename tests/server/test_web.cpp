// The search page's files: served from the binary, cacheable, and nothing else reachable.

#include "server_fixture.hpp"
#include "web_assets.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace gazette;
using namespace gazette::test;

TEST_CASE("asset names are plain file names") {
    CHECK(server::is_asset_name("app.js"));
    CHECK(server::is_asset_name("favicon-32_x.png"));
    CHECK_FALSE(server::is_asset_name(""));
    CHECK_FALSE(server::is_asset_name(".env"));
    CHECK_FALSE(server::is_asset_name(".."));
    CHECK_FALSE(server::is_asset_name("../server.cpp"));
    CHECK_FALSE(server::is_asset_name("a/b.js"));
    CHECK_FALSE(server::is_asset_name("a\\b.js"));
    CHECK_FALSE(server::is_asset_name(std::string("a\0b", 3)));
    CHECK_FALSE(server::is_asset_name(std::string(101, 'a')));
}

TEST_CASE("content types come from the extension") {
    CHECK(server::content_type_for("index.html") == "text/html; charset=utf-8");
    CHECK(server::content_type_for("app.js") == "text/javascript; charset=utf-8");
    CHECK(server::content_type_for("app.css") == "text/css; charset=utf-8");
    CHECK(server::content_type_for("favicon.svg") == "image/svg+xml");
    CHECK(server::content_type_for("shot.png") == "image/png");
    CHECK(server::content_type_for("README") == "application/octet-stream");
}

TEST_CASE("GET / serves the embedded search page with a strict content policy") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));

    const auto page = http_get(server.port(), "/?q=bridge&source=Harbor+Daily&page=2");
    REQUIRE(page.status == 200);
    CHECK(page.header("content-type") == "text/html; charset=utf-8");
    CHECK(page.body.find("<html") != std::string::npos);
    CHECK(page.header("content-security-policy").find("script-src 'self'") != std::string::npos);
    CHECK(page.header("content-security-policy").find("frame-ancestors 'none'") != std::string::npos);
    CHECK(page.header("x-content-type-options") == "nosniff");
    CHECK(page.header("cache-control") == "no-cache");
    const std::string etag = page.header("etag");
    REQUIRE(etag.size() > 2);

    SECTION("an unchanged page costs a 304 without a body") {
        HttpConnection connection(server.port());
        const auto again = connection.request("GET", "/", {{"If-None-Match", etag}});
        CHECK(again.status == 304);
        CHECK(again.body.empty());
        CHECK(again.header("etag") == etag);
        const auto stale = connection.request("GET", "/", {{"If-None-Match", "\"stale\""}});
        CHECK(stale.status == 200);
        CHECK(stale.body == page.body);
    }
    SECTION("HEAD answers like GET without the body") {
        HttpConnection connection(server.port());
        const auto head = connection.request("HEAD", "/");
        CHECK(head.status == 200);
        CHECK(head.body.empty());
        CHECK(head.header("content-length") == std::to_string(page.body.size()));
    }
    SECTION("other methods get 405") {
        HttpConnection connection(server.port());
        const auto post = connection.request("POST", "/");
        CHECK(post.status == 405);
        CHECK(post.header("allow") == "GET, HEAD");
    }
}

TEST_CASE("every file of the page is served from /ui/ with its type") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    const auto& assets = server::embedded_assets();
    REQUIRE(assets.size() >= 3); // the page, its script and its style at least
    bool has_script = false;
    for (const auto& asset : assets) {
        const std::string name(asset.name);
        INFO(name);
        const auto reply = http_get(server.port(), "/ui/" + name);
        REQUIRE(reply.status == 200);
        CHECK(reply.body == std::string(asset.bytes));
        CHECK(reply.header("content-type") == server::content_type_for(name));
        CHECK(reply.header("etag") == std::string(asset.etag));
        has_script = has_script || reply.header("content-type").rfind("text/javascript", 0) == 0;
    }
    CHECK(has_script);
}

TEST_CASE("no request reaches a file outside the page's own") {
    NewsroomIndex index;
    RunningServer server(test_config(index.db));
    for (const char* target : {"/ui/..%2Fserver.cpp", "/ui/..%2F..%2FCMakeLists.txt", "/ui/%2e%2e", "/ui/.gitignore",
                               "/ui/missing.js", "/ui/%2Fetc%2Fpasswd", "/ui/app.js%00.png"}) {
        INFO(target);
        CHECK(http_get(server.port(), target).status == 404);
    }
    CHECK(http_get(server.port(), "/ui/a/b.js").status == 404); // two segments: no route
    CHECK(http_get(server.port(), "/ui/%zz").status == 400);    // malformed escape
    CHECK(http_get(server.port(), "/ui/index.html?x=1").status == 400);
}

TEST_CASE("a web root directory serves the page's files, uncached, and nothing beside them") {
    NewsroomIndex index;
    TempDir root;
    const std::string web = root.file("web");
    REQUIRE(std::filesystem::create_directory(web));
    std::ofstream(web + "/index.html") << "<!doctype html><html><title>working copy</title></html>";
    std::ofstream(web + "/app.js") << "console.log('working copy');";
    std::ofstream(root.file("secret.txt")) << "not part of the page";

    auto config = test_config(index.db);
    config.web_root = web;
    RunningServer server(config);

    const auto page = http_get(server.port(), "/");
    CHECK(page.status == 200);
    CHECK(page.body.find("working copy") != std::string::npos);
    CHECK(page.header("cache-control") == "no-store");
    CHECK(page.header("etag").empty());
    const auto script = http_get(server.port(), "/ui/app.js");
    CHECK(script.status == 200);
    CHECK(script.header("content-type") == "text/javascript; charset=utf-8");
    CHECK(http_get(server.port(), "/ui/..%2Fsecret.txt").status == 404);
    CHECK(http_get(server.port(), "/ui/style.css").status == 404);
}

// The server over a sharded index whose parts are real xapian-tcpsrv processes: a part that
// fails makes answers partial (200, "partial", "shards") and /health degraded, never a 5xx;
// every part down is a 503; parts that come back are used again without a restart.

#include "cluster_fixture.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using namespace gazette;
using namespace gazette::test;

namespace {

using json = nlohmann::ordered_json;

json body_of(const HttpReply& reply) {
    return json::parse(reply.body);
}

server::ServerConfig sharded_config(const std::string& stub) {
    server::ServerConfig config = test_config(stub);
    config.shards = quick_shard_options();
    return config;
}

} // namespace

TEST_CASE("a part down: searches answer 200 from the others, partial, /health is degraded") {
    if (!have_xapian_tcpsrv()) {
        WARN("xapian-tcpsrv not installed (Debian: xapian-tools): skipped");
        return;
    }
    Cluster cluster(3, 90);
    RunningServer server(sharded_config(cluster.stub));
    const auto whole = http_get(server.port(), "/search?q=oil&size=100");
    REQUIRE(whole.status == 200);
    const auto full = body_of(whole);
    CHECK(full["partial"] == false);
    CHECK(full["shards"]["total"] == 3);
    CHECK(full["shards"]["successful"] == 3);
    CHECK(full["total"]["relation"] == "eq");
    CHECK(body_of(http_get(server.port(), "/health"))["status"] == "ok");

    cluster.servers[2]->kill();
    for (const std::string target : {"/search?q=oil&size=100", "/search?q=oil&facets=tag,source",
                                     "/search?q=&sort=newest", "/articles/c0/related"}) {
        INFO(target);
        const auto reply = http_get(server.port(), target);
        REQUIRE(reply.status == 200);
        const auto body = body_of(reply);
        CHECK(body["partial"] == true);
        CHECK(body["shards"]["total"] == 3);
        CHECK(body["shards"]["successful"] == 2);
        CHECK(body["shards"]["failed"] == json::array({cluster.servers[2]->name()}));
        if (body.contains("total")) CHECK(body["total"]["relation"] == "gte");
    }
    CHECK(http_get(server.port(), "/articles/c0").status == 200);
    CHECK(http_get(server.port(), "/articles/c2").status == 503); // on the missing part: not a 404
    const auto partial = body_of(http_get(server.port(), "/search?q=oil&size=100"));
    CHECK(partial["hits"].size() < full["hits"].size());

    const auto health = http_get(server.port(), "/health");
    CHECK(health.status == 200);
    const auto health_body = body_of(health);
    CHECK(health_body["status"] == "degraded");
    CHECK(health_body["shards"]["failed"] == json::array({cluster.servers[2]->name()}));
    const auto metrics = http_get(server.port(), "/metrics").body;
    CHECK(metrics.find("gazette_shard_up{shard=\"" + cluster.servers[2]->name() + "\"} 0") != std::string::npos);
    CHECK(metrics.find("gazette_shard_up{shard=\"" + cluster.servers[0]->name() + "\"} 1") != std::string::npos);
    CHECK(metrics.find("gazette_shard_failures_total{shard=\"" + cluster.servers[2]->name() + "\"} 1") !=
          std::string::npos);

    cluster.servers[2]->restart();
    CHECK(eventually([&] { return body_of(http_get(server.port(), "/health"))["status"] == "ok"; }));
    CHECK(eventually([&] { return body_of(http_get(server.port(), "/search?q=oil"))["partial"] == false; }));
}

TEST_CASE("every part down: 503 index_unavailable, then answers again once they are back") {
    if (!have_xapian_tcpsrv()) {
        WARN("xapian-tcpsrv not installed (Debian: xapian-tools): skipped");
        return;
    }
    Cluster cluster(2, 30);
    RunningServer server(sharded_config(cluster.stub));
    REQUIRE(http_get(server.port(), "/search?q=oil").status == 200);
    for (auto& part : cluster.servers) part->kill();
    const auto reply = http_get(server.port(), "/search?q=oil");
    CHECK(reply.status == 503);
    CHECK(body_of(reply)["error"]["code"] == "index_unavailable");
    CHECK(http_get(server.port(), "/health").status == 503);
    CHECK(http_get(server.port(), "/metrics").status == 200);
    for (auto& part : cluster.servers) part->restart();
    // One part may answer before the other is back: a partial answer first, then a whole one.
    CHECK(eventually([&] {
        const auto again = http_get(server.port(), "/search?q=oil");
        return again.status == 200 && body_of(again)["partial"] == false;
    }));
}

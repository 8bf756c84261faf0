// Reading the parts of a sharded index from a Xapian stub file.

#include "temp_dir.hpp"

#include <gazette/error.hpp>

#include <catch2/catch.hpp>

#include "search/shard_stub.hpp"

using namespace gazette;
using namespace gazette::detail;
using gazette::test::TempDir;

TEST_CASE("a stub lists local and remote parts in Xapian's syntax") {
    TempDir dir;
    const std::string stub = dir.write("front.stub", "# the archive\n"
                                                     "\n"
                                                     "auto 2021-03\n"
                                                     "glass /srv/gazette/2021-04\n"
                                                     "remote news-shard-1.example:3307\n"
                                                     "  remote\t10.0.0.7:33333  \r\n"
                                                     "remote :ssh search@shard2 xapian-progsrv /srv/gazette\n"
                                                     "inmemory\n");
    const auto parts = read_shard_stub(stub);
    REQUIRE(parts.size() == 5);
    CHECK(parts[0].kind == ShardSpec::Kind::local);
    CHECK(parts[0].name == "2021-03");
    CHECK(parts[0].path == dir.file("2021-03")); // relative to the stub's directory
    CHECK(parts[1].path == "/srv/gazette/2021-04");
    CHECK(parts[2].kind == ShardSpec::Kind::tcp);
    CHECK(parts[2].host == "news-shard-1.example");
    CHECK(parts[2].port == 3307);
    CHECK(parts[2].name == "news-shard-1.example:3307");
    CHECK(parts[3].host == "10.0.0.7");
    CHECK(parts[3].port == 33333);
    CHECK(parts[4].kind == ShardSpec::Kind::program);
    CHECK(parts[4].program == "ssh");
    CHECK(parts[4].args == "search@shard2 xapian-progsrv /srv/gazette");
    CHECK(parts[4].remote());
    CHECK_FALSE(parts[0].remote());
}

TEST_CASE("which paths are searched part by part") {
    TempDir dir;
    const std::string stub = dir.write("front.stub", "remote 127.0.0.1:1\n");
    CHECK(is_sharded(stub)); // a stub file given directly
    CHECK(stub_file_of(stub) == stub);
    dir.write("remote-archive/XAPIANDB", "glass meta\nremote 127.0.0.1:2\n");
    CHECK(is_sharded(dir.file("remote-archive")));
    CHECK(stub_file_of(dir.file("remote-archive")) == dir.file("remote-archive/XAPIANDB"));
    dir.write("local-archive/XAPIANDB", "glass meta\nglass 2021-03\n");
    CHECK_FALSE(is_sharded(dir.file("local-archive"))); // opened as one database, as before
    std::filesystem::create_directories(dir.file("plain"));
    CHECK_FALSE(is_sharded(dir.file("plain")));
    CHECK(stub_file_of(dir.file("plain")).empty());
}

TEST_CASE("a bad stub line is an error naming the file and line") {
    TempDir dir;
    const auto error_of = [&](const std::string& text) {
        const std::string stub = dir.write("bad.stub", text);
        try {
            read_shard_stub(stub);
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::invalid_argument);
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK_THAT(error_of("auto a\nremote host-without-port\n"),
               Catch::Contains("bad.stub:2: ") && Catch::Contains("is not HOST:PORT"));
    CHECK_THAT(error_of("remote host:99999\n"), Catch::Contains(":1: ") && Catch::Contains("no valid port"));
    CHECK_THAT(error_of("remote host:0\n"), Catch::Contains("no valid port"));
    CHECK_THAT(error_of("remote host:12ab\n"), Catch::Contains("no valid port"));
    CHECK_THAT(error_of("remote\n"), Catch::Contains("names no HOST:PORT"));
    CHECK_THAT(error_of("remote :\n"), Catch::Contains("names no program"));
    CHECK_THAT(error_of("glass\n"), Catch::Contains("names no database"));
    CHECK_THAT(error_of("\n\nftp://x\n"), Catch::Contains(":3: 'ftp://x' is not a kind of database"));
    try {
        read_shard_stub(dir.file("missing.stub"));
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::io_error);
    }
}

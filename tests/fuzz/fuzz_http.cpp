// libFuzzer target for the HTTP request path: the bytes are a raw request, parsed by Beast with
// the server's limits, routed and handled as a session does (without the socket).

#include "fuzz_fixture.hpp"

#include "asio.hpp"
#include "context.hpp"
#include "dispatch.hpp"
#include "handlers.hpp"
#include "routing.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gazette::server;
    static const ServerConfig config = [] {
        ServerConfig c;
        c.db = gazette::fuzz::fixture_index();
        return c;
    }();
    static SearcherPool searchers(config.db, {}, 1);
    static ResultCache cache(config.cache_mb * 1024 * 1024, config.cache_ttl);
    static Metrics metrics;
    static AccessLog access_log("");
    static Context context{config, searchers, cache, metrics, access_log};
    static const Router router(routes());

    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(config.max_header_bytes));
    parser.body_limit(config.max_body_bytes);
    parser.eager(true);
    boost::system::error_code ec;
    parser.put(asio::buffer(data, size), ec);
    if (ec || !parser.is_done()) return 0;
    const auto& request = parser.get();
    RoutedRequest routed = route_request(router, std::string(request.method_string()),
                                         std::string_view(request.target().data(), request.target().size()), "fuzz");
    if (routed.route) dispatch(*routed.route, routed.request, context);
    return 0;
}

// libFuzzer target for search requests: the bytes are a URL query string, read as /search
// reads it, then searched. Bad input must end in an ApiError or gazette::Error, never a crash.

#include "fuzz_fixture.hpp"

#include "api_error.hpp"
#include "config.hpp"
#include "search_params.hpp"
#include "url.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gazette;
    static Searcher searcher(fuzz::fixture_index());
    static const server::ServerConfig config;
    try {
        server::Request request;
        request.params = server::parse_query_string(std::string_view(reinterpret_cast<const char*>(data), size));
        const SearchRequest search = server::parse_search_params(request, config);
        searcher.search(search);
        if (!search.query.empty()) searcher.complete(search.query, 5);
    } catch (const server::ApiError&) {
    } catch (const Error&) {
    }
    return 0;
}

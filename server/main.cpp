// gazette-server: serves a Gazette index over HTTP.

#include "descriptors.hpp"
#include "readiness.hpp"
#include "scheduling.hpp"
#include "server.hpp"
#include "server_options.hpp"

#include <gazette/error.hpp>
#include <gazette/searcher.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

int main(int argc, char** argv) {
    gazette::server::ServerConfig config;
    if (const int code = gazette::server::parse_server_options(argc, argv, config); code >= 0) return code;
    // A reader of the access log on stdout going away must not kill the server: writes then
    // fail with EPIPE instead. Set before any thread starts, like the scheduling policy.
    std::signal(SIGPIPE, SIG_IGN);
    gazette::server::raise_descriptor_limit();
    // Before any thread starts: they inherit the policy.
    if (config.batch_scheduling) {
        if (const std::string why_not = gazette::server::use_batch_scheduling(); !why_not.empty())
            std::fprintf(stderr, "gazette-server: normal scheduling (%s)\n", why_not.c_str());
    }
    try {
        gazette::server::Server server(config);
        server.stop_on_signals();
        const std::string searching =
            config.inline_search ? "searching inline on " + std::to_string(config.network_threads()) + " I/O threads"
                                 : std::to_string(config.worker_threads()) + " search workers";
        std::printf("gazette-server listening on %s (index %s, %s)\n", server.url().c_str(), config.db.c_str(),
                    searching.c_str());
        try {
            gazette::Searcher(config.db).probe();
        } catch (const gazette::Error& e) {
            // Served all the same: the index may be built after the server starts.
            std::fprintf(stderr, "gazette-server: warning: %s; searches answer 503 until it can be read\n", e.what());
        }
        std::fflush(stdout);
        gazette::server::notify_ready();
        server.run();
        if (const std::size_t running = server.unfinished_searches(); running > 0) {
            // Past the shutdown timeout: the searches still running are not waited for.
            std::fprintf(stderr, "gazette-server: stopped, %zu search(es) still running at the shutdown timeout\n",
                         running);
            std::fflush(stdout);
            std::fflush(stderr);
            std::_Exit(0);
        }
        std::fprintf(stderr, "gazette-server: stopped\n");
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gazette-server: %s\n", e.what());
        return 1;
    }
}

// One client connection: read requests within the limits, answer them, keep alive or close.
// Sessions do the I/O and answer quick routes (status, static files) themselves; searches go to
// the worker pool unless the server searches inline.

#include "api_error.hpp"
#include "compression.hpp"
#include "cors.hpp"
#include "dispatch.hpp"
#include "http_checks.hpp"
#include "json_params.hpp"
#include "routing.hpp"
#include "server_impl.hpp"

#include <gazette/version.hpp>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <sys/socket.h>

namespace gazette::server {

namespace {

using RequestParser = http::request_parser<http::string_body>;

// Bytes a session's read buffer may hold beyond the header limit. Beast reads up to 64 KiB at
// a time; a chunk header, chunk extension or trailer that does not fit is refused rather than
// buffered without end.
constexpr std::size_t read_slack = 64 * 1024;

// Lingering close (as nginx does): after the last response, what the client still sends is
// read and thrown away for a while, so that closing with unread bytes does not reset the
// connection before the client has read the response.
constexpr auto linger_time = std::chrono::seconds(2);
constexpr std::size_t linger_bytes = 16 << 20;

// The error response for a request that could not be read, or nothing to just close.
// `uri_too_long`: the header limit was hit before the end of the request line.
std::optional<Response> read_failure(const boost::system::error_code& ec, bool uri_too_long, Metrics& metrics) {
    if (ec == http::error::header_limit) {
        if (uri_too_long) {
            metrics.rejected("uri");
            return error_response("uri_too_long", "the request line exceeds the limit");
        }
        metrics.rejected("header");
        return error_response("headers_too_large", "request headers exceed the limit");
    }
    if (ec == http::error::body_limit) {
        metrics.rejected("body");
        return error_response("payload_too_large", "request body exceeds the limit");
    }
    if (ec == http::error::buffer_overflow) {
        metrics.rejected("framing");
        return error_response("bad_request", "a chunk header, chunk extension or trailer exceeds the limit");
    }
    if (ec == beast::error::timeout) {
        metrics.rejected("timeout");
        return std::nullopt;
    }
    if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == http::error::partial_message)
        return std::nullopt;
    metrics.rejected("malformed");
    return error_response("bad_request", "malformed HTTP request: " + ec.message());
}

// Takes the response by value so that callers can move a large body in rather than copy it.
http::response<http::string_body> to_beast(Response r, unsigned version, bool keep_alive, bool head) {
    http::response<http::string_body> response{static_cast<http::status>(r.status), version};
    response.set(http::field::server, "gazette/" GAZETTE_VERSION);
    response.set(http::field::content_type, r.content_type);
    response.set(http::field::cache_control, "no-store");
    // Browsers must not take a JSON answer echoing a query for HTML.
    response.set("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : r.headers) response.set(name, value);
    response.keep_alive(keep_alive);
    if (head) {
        response.content_length(r.body.size()); // what a GET would send, without the body
    } else {
        response.body() = std::move(r.body);
        response.prepare_payload();
    }
    return response;
}

// What every answer gets on its way out: ?pretty indentation, CORS headers, gzip.
void finish_response(Response& response, const http::request<http::string_body>& request, const RequestInfo& info,
                     const ServerConfig& config) {
    const bool json = response.content_type.rfind("application/json", 0) == 0;
    if (info.pretty && json) {
        const auto parsed = nlohmann::ordered_json::parse(response.body, nullptr, false);
        if (!parsed.is_discarded())
            response.body = parsed.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    }
    if (!config.cors_origins.empty())
        add_cors_headers(response, allowed_origin(config.cors_origins, request[http::field::origin]));
    if (compressible(response.content_type)) {
        response.headers.emplace_back("Vary", "Accept-Encoding");
        if (response.status != 304 && accepts_gzip(request[http::field::accept_encoding]))
            if (auto gzipped = gzip_body(response.body)) {
                response.body = std::move(*gzipped);
                response.headers.emplace_back("Content-Encoding", "gzip");
            }
    }
}

// True when the client has closed its side or the connection is broken: a queued request whose
// client is gone is not worth a search. A peek, so pipelined bytes stay where they are.
bool client_gone(int fd) {
    char byte;
    const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0) return true;
    return n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
}

// Decrements the session count however the session ends.
struct SessionCount {
    std::atomic<std::size_t>& sessions;
    ~SessionCount() { --sessions; }
};

} // namespace

asio::awaitable<Response> Server::Impl::respond(const http::request<http::string_body>& beast_request,
                                                const std::string& remote, bool admin_listener, int client_fd,
                                                RequestInfo& info) {
    const std::string_view raw_target(beast_request.target().data(), beast_request.target().size());
    // A CORS preflight, when origins are allowed: answered for every path.
    if (beast_request.method() == http::verb::options && !config.cors_origins.empty()) {
        info.route_name = "preflight";
        co_return preflight_response(allowed_origin(config.cors_origins, beast_request[http::field::origin]),
                                     beast_request[http::field::access_control_request_headers]);
    }
    const std::string absolute = raw_target.empty() || raw_target[0] == '/' ? std::string() : origin_form(raw_target);
    RoutedRequest routed = route_request(router, std::string(beast_request.method_string()),
                                         absolute.empty() ? raw_target : std::string_view(absolute), remote);
    info.pretty = routed.request.pretty;
    if (!routed.route) co_return std::move(routed.failure);
    // With an admin listener, its routes are not on the public one.
    if (routed.route->admin && admin_acceptor && !admin_listener)
        co_return error_response("route_not_found", "no such endpoint");
    info.route_name = routed.route->name;
    routed.request.if_none_match = std::string(beast_request[http::field::if_none_match]);
    // A POST carries its parameters as a JSON object (long monitoring queries do not fit a URL).
    if (beast_request.method() == http::verb::post) {
        const std::string_view type = beast_request[http::field::content_type];
        if (!beast_request.body().empty() && type.substr(0, type.find(';')) != "application/json")
            co_return error_response("unsupported_media_type", "send the parameters as application/json");
        try {
            add_json_params(beast_request.body(), routed.request.params, {"facets", "fields"});
        } catch (const ApiError& e) {
            co_return error_response(e.code(), e.what());
        }
    }

    const Route& route = *routed.route;
    const Request& request = routed.request;
    // Quick routes wait for no worker, so /health and /metrics answer while searches queue.
    if (config.inline_search || route.quick) co_return dispatch(route, request, context);
    if (queued >= config.max_queue) {
        metrics.rejected("queue");
        Response response = error_response("overloaded", "the server is busy; retry shortly");
        response.headers.emplace_back("Retry-After", "1");
        co_return response;
    }
    ++queued;
    const auto enqueued = std::chrono::steady_clock::now();
    Response response = co_await asio::co_spawn(
        workers.get_executor(),
        [&]() -> asio::awaitable<Response> {
            // Work that waited too long, or that nobody will read, is not done.
            if (stopping) {
                metrics.rejected("shutdown");
                co_return error_response("shutting_down", "the server is shutting down");
            }
            if (std::chrono::steady_clock::now() - enqueued > config.queue_timeout) {
                metrics.rejected("queue_timeout");
                Response busy = error_response("overloaded", "the server is busy; retry shortly");
                busy.headers.emplace_back("Retry-After", "1");
                co_return busy;
            }
            if (client_gone(client_fd)) {
                metrics.rejected("client_gone");
                co_return error_response("client_closed", "the client closed the connection");
            }
            ++searching;
            struct Done {
                std::atomic<std::size_t>& count;
                ~Done() { --count; }
            } done{searching};
            co_return dispatch(route, request, context);
        },
        asio::use_awaitable);
    --queued;
    co_return response;
}

asio::awaitable<void> Server::Impl::session(tcp::socket socket, bool admin_listener) {
    SessionCount count{sessions};
    boost::system::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    const std::string remote = ec ? std::string("?") : endpoint.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    std::shared_ptr<SessionEntry> entry;
    bool linger = false;

    // Nothing may escape: an exception out of a detached session would reach io_context::run().
    try {
        entry = std::make_shared<SessionEntry>(SessionEntry{stream.get_executor(), &stream, false});
        {
            std::lock_guard lock(registry_mutex);
            registry.push_back(entry);
        }
        metrics.connection_opened();
        const int fd = stream.socket().native_handle();

        beast::flat_buffer buffer(config.max_header_bytes + read_slack);
        for (std::size_t served = 0; served < config.max_requests_per_connection && !stopping; ++served) {
            // Wait for the next request to start: the idle timeout applies between requests.
            entry->busy = false;
            if (buffer.size() == 0) {
                stream.expires_after(served == 0 ? config.request_timeout : config.idle_timeout);
                const std::size_t n = co_await stream.async_read_some(buffer.prepare(4096),
                                                                      asio::redirect_error(asio::use_awaitable, ec));
                if (ec) {
                    if (ec == beast::error::timeout && served == 0) metrics.rejected("timeout");
                    break;
                }
                buffer.commit(n);
            }
            entry->busy = true;

            // The whole request must arrive within the request timeout: a client trickling
            // bytes (slowloris) is cut off. Beast applies its header limit to the request line
            // and the fields separately, so the exact total is checked here too.
            RequestParser parser;
            parser.header_limit(static_cast<std::uint32_t>(config.max_header_bytes));
            parser.body_limit(config.max_body_bytes);
            stream.expires_after(config.request_timeout);
            const std::size_t header_bytes =
                co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
            // Beast hands the request line to the parser as soon as it is whole: without a target,
            // the limit was hit inside the request line.
            const bool uri_too_long = ec == http::error::header_limit && parser.get().target().empty();
            if (!ec && header_bytes > config.max_header_bytes) ec = http::error::header_limit;
            // Transfer-Encoding other than plain "chunked" (say "chunked, gzip") frames the body
            // in a way proxies disagree on: refused, as RFC 9112 asks of servers.
            if (!ec && parser.get().count(http::field::transfer_encoding) > 0 &&
                !beast::iequals(parser.get()[http::field::transfer_encoding], "chunked"))
                ec = http::error::bad_transfer_encoding;
            std::optional<Response> refused;
            if (!ec) refused = refuse_header(parser.get().base());
            if (!ec && !refused && !parser.is_done()) {
                if (expects_continue(parser.get().base())) {
                    http::response<http::empty_body> go_on{http::status::continue_, 11};
                    co_await http::async_write(stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
                }
                if (!ec)
                    co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
            }
            if (ec || refused) {
                if (!refused)
                    refused = read_failure(ec, uri_too_long, metrics);
                else
                    metrics.rejected("malformed");
                if (refused) {
                    auto response = to_beast(*refused, 11, false, false);
                    co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
                    access_log.write({remote, "?", "?", "", refused->status, refused->body.size(), 0});
                    linger = !ec;
                }
                break;
            }

            const auto& request = parser.get();
            const auto started = std::chrono::steady_clock::now();
            metrics.request_started();
            RequestInfo info;
            Response response = co_await respond(request, remote, admin_listener, fd, info);
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            metrics.request_finished(info.route_name, response.status, seconds);
            access_log.write({remote, request.method_string(), request.target(), info.route_name, response.status,
                              response.body.size(), seconds * 1000});
            if (response.status == 499) break; // the client is gone: nothing to write to
            finish_response(response, request, info, config);

            const bool keep_alive =
                request.keep_alive() && !stopping && served + 1 < config.max_requests_per_connection;
            auto out =
                to_beast(std::move(response), request.version(), keep_alive, request.method() == http::verb::head);
            stream.expires_after(config.request_timeout); // a client that will not read is cut off too
            co_await http::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) break;
            if (!keep_alive) {
                linger = true;
                break;
            }
        }

        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (linger && !stopping) {
            // Read and discard until the client closes, for a bounded time and number of bytes.
            entry->busy = false;
            stream.expires_after(linger_time);
            std::array<char, 4096> sink;
            std::size_t discarded = 0;
            while (discarded < linger_bytes) {
                const std::size_t n =
                    co_await stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
                if (ec) break;
                discarded += n;
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gazette-server: connection from %s: %s\n", remote.c_str(), e.what());
    }

    stream.socket().close(ec);
    if (entry) {
        entry->stream = nullptr;
        std::lock_guard lock(registry_mutex);
        registry.remove(entry);
        metrics.connection_closed();
    }
}

asio::awaitable<void> Server::Impl::turn_away(tcp::socket socket) {
    try {
        beast::tcp_stream stream(std::move(socket));
        stream.expires_after(std::chrono::seconds(1));
        auto response =
            to_beast(error_response("overloaded", "too many open connections; retry shortly"), 11, false, false);
        response.set(http::field::retry_after, "1");
        boost::system::error_code ec;
        co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    } catch (const std::exception&) {
        // Out of memory turning a client away: it is closed all the same.
    }
}

} // namespace gazette::server

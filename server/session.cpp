// One client connection: read requests within the limits, answer them, keep alive or close.
// Sessions do the I/O and answer quick routes (status, static files) themselves; searches go to
// the worker pool unless the server searches inline.

#include "api_error.hpp"
#include "dispatch.hpp"
#include "routing.hpp"
#include "server_impl.hpp"

#include <gazette/version.hpp>

namespace gazette::server {

namespace {

using RequestParser = http::request_parser<http::string_body>;

// The error response for a request that could not be read, or nothing to just close.
std::optional<Response> read_failure(const boost::system::error_code& ec, Metrics& metrics) {
    if (ec == http::error::header_limit) {
        metrics.rejected("header");
        return error_response("headers_too_large", "request headers exceed the limit");
    }
    if (ec == http::error::body_limit) {
        metrics.rejected("body");
        return error_response("payload_too_large", "request body exceeds the limit");
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

} // namespace

asio::awaitable<Response> Server::Impl::respond(const http::request<http::string_body>& beast_request,
                                                const std::string& remote, std::string& route_name) {
    RoutedRequest routed =
        route_request(router, std::string(beast_request.method_string()), beast_request.target(), remote);
    if (!routed.route) co_return std::move(routed.failure);
    route_name = routed.route->name;
    routed.request.if_none_match = std::string(beast_request[http::field::if_none_match]);

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
    Response response = co_await asio::co_spawn(
        workers.get_executor(), [&]() -> asio::awaitable<Response> { co_return dispatch(route, request, context); },
        asio::use_awaitable);
    --queued;
    co_return response;
}

asio::awaitable<void> Server::Impl::session(tcp::socket socket) {
    auto entry = std::make_shared<SessionEntry>(SessionEntry{socket.get_executor(), nullptr, false});
    boost::system::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    const std::string remote = ec ? std::string("?") : endpoint.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    entry->stream = &stream;
    {
        std::lock_guard lock(registry_mutex);
        registry.push_back(entry);
    }
    metrics.connection_opened();

    try {
        beast::flat_buffer buffer;
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
            if (!ec && header_bytes > config.max_header_bytes) ec = http::error::header_limit;
            // Transfer-Encoding other than plain "chunked" (say "chunked, gzip") frames the body
            // in a way proxies disagree on: refused, as RFC 9112 asks of servers.
            if (!ec && parser.get().count(http::field::transfer_encoding) > 0 &&
                !beast::iequals(parser.get()[http::field::transfer_encoding], "chunked"))
                ec = http::error::bad_transfer_encoding;
            if (!ec && !parser.is_done())
                co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                if (auto failure = read_failure(ec, metrics)) {
                    auto response = to_beast(*failure, 11, false, false);
                    co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
                    access_log.write({remote, "?", "?", "", failure->status, failure->body.size(), 0});
                }
                break;
            }

            const auto& request = parser.get();
            const auto started = std::chrono::steady_clock::now();
            metrics.request_started();
            std::string route_name = "unknown";
            Response response = co_await respond(request, remote, route_name);
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            metrics.request_finished(route_name, response.status, seconds);
            access_log.write({remote, request.method_string(), request.target(), route_name, response.status,
                              response.body.size(), seconds * 1000});

            const bool keep_alive =
                request.keep_alive() && !stopping && served + 1 < config.max_requests_per_connection;
            auto out =
                to_beast(std::move(response), request.version(), keep_alive, request.method() == http::verb::head);
            stream.expires_after(config.request_timeout); // a client that will not read is cut off too
            co_await http::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
            if (ec || !keep_alive) break;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gazette-server: connection from %s: %s\n", remote.c_str(), e.what());
    }

    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    entry->stream = nullptr;
    {
        std::lock_guard lock(registry_mutex);
        registry.remove(entry);
    }
    metrics.connection_closed();
    --sessions;
}

asio::awaitable<void> Server::Impl::turn_away(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(std::chrono::seconds(1));
    auto response =
        to_beast(error_response("overloaded", "too many open connections; retry shortly"), 11, false, false);
    response.set(http::field::retry_after, "1");
    boost::system::error_code ec;
    co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

} // namespace gazette::server

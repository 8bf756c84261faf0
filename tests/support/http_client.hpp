#pragma once
// A small blocking HTTP client for the server tests, plus raw socket access for hostile input.

#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace gazette::test {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers; ///< names lower-cased
    std::string body;
    bool keep_alive = false;

    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

/// One connection to 127.0.0.1:port; requests reuse it (keep-alive).
class HttpConnection {
  public:
    explicit HttpConnection(std::uint16_t port);
    ~HttpConnection();

    /// Sends a request and reads the reply. @throws std::runtime_error if the connection fails.
    HttpReply request(const std::string& method, const std::string& target,
                      const std::map<std::string, std::string>& headers = {}, const std::string& body = {});
    HttpReply get(const std::string& target) { return request("GET", target); }

    /// Writes bytes as they are.
    void send_raw(const std::string& bytes);
    /// Reads one reply (after send_raw).
    HttpReply read_reply();
    /// True once the server has closed the connection (waits up to `timeout` for it).
    bool closed_by_server(std::chrono::milliseconds timeout);
    /// How the server ended the connection within `timeout`, skipping what it sends before:
    /// "eof" (a clean close), "reset", or "open".
    std::string how_closed(std::chrono::milliseconds timeout);

  private:
    boost::asio::io_context ioc_;
    boost::asio::ip::tcp::socket socket_;
    std::string buffer_;
};

/// GET on a fresh connection.
HttpReply http_get(std::uint16_t port, const std::string& target);

/// Percent-encodes a query parameter value.
std::string url_encode(const std::string& text);

} // namespace gazette::test

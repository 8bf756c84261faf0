#include "http_client.hpp"

#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace http = boost::beast::http;

namespace gazette::test {

namespace {

// With GAZETTE_RECORD_RESPONSES=DIR, every reply to a request sent through request() is written
// to DIR/<pid>.jsonl, for tests/api to check against the server's OpenAPI description.
void record(const std::string& method, const std::string& target, const HttpReply& reply) {
    const char* dir = std::getenv("GAZETTE_RECORD_RESPONSES");
    if (!dir || !*dir) return;
    static std::mutex mutex;
    const std::lock_guard<std::mutex> lock(mutex);
    std::ofstream out(std::string(dir) + "/" + std::to_string(::getpid()) + ".jsonl", std::ios::app);
    nlohmann::json line = {{"method", method},
                           {"target", target},
                           {"status", reply.status},
                           {"content_type", reply.header("content-type")},
                           {"content_encoding", reply.header("content-encoding")},
                           {"body", reply.body}};
    out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

} // namespace

HttpConnection::HttpConnection(std::uint16_t port) : socket_(ioc_) {
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
}

HttpConnection::~HttpConnection() {
    boost::system::error_code ec;
    socket_.close(ec);
}

void HttpConnection::send_raw(const std::string& bytes) {
    boost::asio::write(socket_, boost::asio::buffer(bytes));
}

HttpReply HttpConnection::read_reply() {
    boost::beast::flat_buffer buffer;
    if (!buffer_.empty()) {
        auto space = buffer.prepare(buffer_.size());
        std::memcpy(space.data(), buffer_.data(), buffer_.size());
        buffer.commit(buffer_.size());
        buffer_.clear();
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    http::read(socket_, buffer, parser);
    // Keep bytes of a following reply (pipelining) for the next read.
    buffer_.assign(static_cast<const char*>(buffer.data().data()), buffer.size());
    const auto& response = parser.get();
    HttpReply reply;
    reply.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        reply.headers[name] = std::string(field.value());
    }
    reply.body = response.body();
    reply.keep_alive = response.keep_alive();
    return reply;
}

HttpReply HttpConnection::request(const std::string& method, const std::string& target,
                                  const std::map<std::string, std::string>& headers, const std::string& body) {
    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    http::write(socket_, request);
    if (method == "HEAD") {
        http::response_parser<http::empty_body> parser;
        parser.skip(true);
        boost::beast::flat_buffer buffer;
        http::read(socket_, buffer, parser);
        HttpReply reply;
        reply.status = static_cast<int>(parser.get().result_int());
        for (const auto& field : parser.get()) {
            std::string name(field.name_string());
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            reply.headers[name] = std::string(field.value());
        }
        record(method, target, reply);
        return reply;
    }
    HttpReply reply = read_reply();
    record(method, target, reply);
    return reply;
}

bool HttpConnection::closed_by_server(std::chrono::milliseconds timeout) {
    // Poll for EOF (or a reset) with a deadline.
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    socket_.non_blocking(true);
    char byte;
    while (std::chrono::steady_clock::now() < deadline) {
        boost::system::error_code ec;
        const std::size_t n = socket_.read_some(boost::asio::buffer(&byte, 1), ec);
        if (ec == boost::asio::error::would_block) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;
        }
        if (ec) return true; // eof or reset
        if (n > 0) continue; // a reply we do not care about
    }
    return false;
}

std::string HttpConnection::how_closed(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    socket_.non_blocking(true);
    char bytes[4096];
    while (std::chrono::steady_clock::now() < deadline) {
        boost::system::error_code ec;
        socket_.read_some(boost::asio::buffer(bytes), ec);
        if (ec == boost::asio::error::would_block) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            continue;
        }
        if (ec == boost::asio::error::eof) return "eof";
        if (ec) return "reset";
    }
    return "open";
}

HttpReply http_get(std::uint16_t port, const std::string& target) {
    return HttpConnection(port).get(target);
}

std::string url_encode(const std::string& text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace gazette::test

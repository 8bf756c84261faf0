#pragma once
// A gazette-server running in-process on 127.0.0.1:0 over a small temporary index.

#include "articles.hpp"
#include "http_client.hpp"
#include "temp_dir.hpp"

#include "handlers.hpp"
#include "server.hpp"

#include <gazette/gazette.hpp>

#include <memory>
#include <thread>

namespace gazette::test {

inline server::ServerConfig test_config(const std::string& db) {
    server::ServerConfig config;
    config.db = db;
    config.port = 0;
    config.threads = 2;
    config.access_log = "";
    return config;
}

class RunningServer {
  public:
    explicit RunningServer(server::ServerConfig config, std::vector<server::Route> routes = server::routes())
        : server_(std::make_unique<server::Server>(std::move(config), std::move(routes))),
          thread_([this] { server_->run(); }) {}
    ~RunningServer() { stop(); }
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    std::uint16_t port() const { return server_->port(); }
    server::Server& server() { return *server_; }
    /// Stops gracefully and waits for run() to return.
    void stop() {
        if (!thread_.joinable()) return;
        server_->stop();
        thread_.join();
    }

  private:
    std::unique_ptr<server::Server> server_;
    std::thread thread_;
};

/// A temporary index holding test::newsroom().
struct NewsroomIndex {
    TempDir dir;
    std::string db = dir.file("db");
    NewsroomIndex() {
        IndexWriter writer(db);
        for (const auto& a : newsroom()) writer.upsert(a);
        writer.commit();
    }
};

} // namespace gazette::test

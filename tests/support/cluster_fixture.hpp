#pragma once
// The same generated articles indexed once whole and once split over parts served by real
// xapian-tcpsrv processes, with a stub file listing the parts.

#include "articles.hpp"
#include "shard_server.hpp"
#include "temp_dir.hpp"

#include <gazette/gazette.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace gazette::test {

/// Articles from a skewed vocabulary (terms of very different frequencies), over two years,
/// several tags each, some undated. No two are near-copies: stories stay one article each.
inline std::vector<Article> cluster_articles(int count) {
    std::mt19937 random(20261203);
    const std::vector<std::string> words{"oil",    "prices", "opec",   "cocoa",   "harbor", "bridge", "election",
                                         "budget", "tariff", "strike", "council", "storm",  "flood",  "market",
                                         "shares", "bank",   "rates",  "coffee",  "sugar",  "grain",  "wheat",
                                         "export", "talks",  "court",  "ruling",  "port",   "rail",   "union"};
    const std::vector<std::string> tags{"economy", "politics", "weather", "transport", "energy"};
    const auto word = [&] {
        const double u = std::uniform_real_distribution<double>(0, 1)(random);
        return words[static_cast<std::size_t>(u * u * static_cast<double>(words.size()))];
    };
    std::vector<Article> articles;
    for (int i = 0; i < count; ++i) {
        std::string title, body;
        for (int w = 0; w < 4 + i % 4; ++w) title += (w ? " " : "") + word();
        // A unique word per article keeps near-duplicate detection from joining any two.
        body = "item" + std::to_string(i) + "x";
        for (int w = 0; w < 25 + i % 30; ++w) body += " " + word();
        std::string date;
        if (i % 13 != 5)
            date = std::to_string(2020 + i % 2) + "-0" + std::to_string(1 + i % 9) + "-" + std::to_string(10 + i % 18) +
                   "T" + std::to_string(10 + i % 12) + ":00:00Z";
        std::vector<std::string> article_tags{tags[static_cast<std::size_t>(i) % tags.size()]};
        if (i % 3 == 0) article_tags.push_back(tags[static_cast<std::size_t>(i / 3) % tags.size()]);
        if (article_tags.size() == 2 && article_tags[0] == article_tags[1]) article_tags.pop_back();
        articles.push_back(article("c" + std::to_string(i), title, body, date, i % 2 ? "Harbor Daily" : "Gazette Wire",
                                   article_tags, "en"));
        if (i % 4 == 1) {
            articles.back().authors = {"Writer " + std::to_string(i % 7), "Desk " + std::to_string(i % 3)};
            articles.back().summary = "In short: " + title + ".";
        }
    }
    return articles;
}

/// Timeouts short enough for tests, long enough for a loaded machine.
inline ShardOptions quick_shard_options() {
    ShardOptions options;
    options.connect_timeout = std::chrono::milliseconds(1000);
    options.timeout = std::chrono::milliseconds(700);
    options.retry_min = std::chrono::milliseconds(100);
    options.retry_max = std::chrono::milliseconds(400);
    options.ping_interval = std::chrono::milliseconds(200);
    options.refresh_interval = std::chrono::milliseconds(100);
    return options;
}

struct Cluster {
    TempDir dir;
    std::string single = dir.file("single");
    std::string stub = dir.file("front.stub");
    std::vector<std::string> part_dbs;
    std::vector<std::unique_ptr<ShardServer>> servers;

    explicit Cluster(int parts, int articles = 240, int idle_timeout_ms = 0) {
        IndexWriter whole(single);
        std::vector<std::unique_ptr<IndexWriter>> writers;
        for (int p = 0; p < parts; ++p) {
            part_dbs.push_back(dir.file("part" + std::to_string(p)));
            writers.push_back(std::make_unique<IndexWriter>(part_dbs.back()));
        }
        int i = 0;
        for (const auto& a : cluster_articles(articles)) {
            whole.upsert(a);
            writers[static_cast<std::size_t>(i++ % parts)]->upsert(a);
        }
        whole.commit();
        for (auto& w : writers) w->commit();
        writers.clear(); // the writers' locks released before the parts are served
        std::ofstream out(stub);
        out << "# the parts of a Gazette index, served by xapian-tcpsrv\n";
        for (const auto& db : part_dbs) {
            servers.push_back(std::make_unique<ShardServer>(db, idle_timeout_ms));
            out << servers.back()->stub_line() << "\n";
        }
    }
};

/// Runs `done` every 50 ms until it is true or `seconds` have passed; returns its last answer.
template <typename Fn> bool eventually(Fn&& done, double seconds = 15) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

} // namespace gazette::test

#pragma once
// libgazette: a full-text search engine for news articles, as a C++17 library.
//
//   gazette::IndexWriter writer("news.db");
//   gazette::Article article;
//   article.id = "a1";
//   article.title = "Harbour bridge reopens";
//   writer.upsert(article);
//   writer.commit();
//
//   gazette::Searcher searcher("news.db");
//   gazette::SearchRequest request;
//   request.query = "bridge";
//   for (const auto& hit : searcher.search(request).hits) std::cout << hit.title << '\n';

#include <gazette/article.hpp>
#include <gazette/error.hpp>
#include <gazette/index_writer.hpp>
#include <gazette/ingest.hpp>
#include <gazette/input.hpp>
#include <gazette/json.hpp>
#include <gazette/search.hpp>
#include <gazette/searcher.hpp>
#include <gazette/shards.hpp>
#include <gazette/version.hpp>

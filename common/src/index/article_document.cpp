#include "index/article_document.hpp"

#include "index/document_mapper.hpp"
#include "index/stored_article.hpp"
#include "index/story.hpp"

namespace gazette::detail {

ArticleDocument article_document(const Article& original, DocumentMapper& mapper, StoryIndex& stories,
                                 bool maybe_indexed) {
    Article storage;
    const Article& article = mapper.with_language(original, storage);
    ArticleDocument built;
    built.document = mapper.build(article);
    built.signature = article_signature(article);
    built.published = article_published(article);
    built.story = stories.assign(article.id, built.signature, maybe_indexed, built.published);
    add_story(built.document, built.signature, built.story);
    store_article(built.document, article, built.story);
    return built;
}

} // namespace gazette::detail

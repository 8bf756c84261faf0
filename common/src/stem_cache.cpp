#include "stem_cache.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace gazette::detail {

namespace {

class CachingStem : public Xapian::StemImplementation {
  public:
    CachingStem(const Xapian::Stem& stem, std::size_t max_words) : stem_(stem), max_words_(max_words) {
        cache_.reserve(std::min<std::size_t>(max_words_, 1 << 14));
    }

    std::string operator()(const std::string& word) override {
        if (const auto found = cache_.find(word); found != cache_.end()) return found->second;
        if (cache_.size() >= max_words_) cache_.clear();
        return cache_.emplace(word, stem_(word)).first->second;
    }

    std::string get_description() const override { return "cached " + stem_.get_description(); }

  private:
    Xapian::Stem stem_;
    std::size_t max_words_;
    std::unordered_map<std::string, std::string> cache_;
};

} // namespace

Xapian::Stem caching_stemmer(const Xapian::Stem& stem, std::size_t max_words) {
    // Xapian::Stem takes ownership (reference-counted) of the implementation.
    return Xapian::Stem(new CachingStem(stem, std::max<std::size_t>(1, max_words)));
}

} // namespace gazette::detail

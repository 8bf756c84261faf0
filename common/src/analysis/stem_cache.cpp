#include "analysis/stem_cache.hpp"

#include "util/text_util.hpp"

#include <string>
#include <vector>

namespace gazette::detail {

namespace {

// Direct-mapped: each word has one slot, chosen by its hash, and a miss overwrites it. No
// rehashing and no clearing, memory fixed, and one probe per word: a node-based hash map was
// slower than Snowball itself once its table outgrew the CPU caches (20 Newsgroups).
class CachingStem : public Xapian::StemImplementation {
  public:
    CachingStem(const Xapian::Stem& stem, std::size_t slots) : stem_(stem) {
        std::size_t size = 1;
        while (size < slots) size <<= 1;
        slots_.resize(size);
        mask_ = size - 1;
    }

    std::string operator()(const std::string& word) override {
        Slot& slot = slots_[fnv1a64(word) & mask_];
        if (slot.filled && slot.word == word) return slot.stem;
        slot.word = word;
        slot.stem = stem_(word);
        slot.filled = true;
        return slot.stem;
    }

    std::string get_description() const override { return "cached " + stem_.get_description(); }

  private:
    struct Slot {
        std::string word;
        std::string stem;
        bool filled = false;
    };
    Xapian::Stem stem_;
    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
};

} // namespace

Xapian::Stem caching_stemmer(const Xapian::Stem& stem, std::size_t slots) {
    // Xapian::Stem takes ownership (reference-counted) of the implementation.
    return Xapian::Stem(new CachingStem(stem, slots));
}

} // namespace gazette::detail

#include "index/archive_gate.hpp"

#include "index/bloom_codec.hpp"
#include "index/schema.hpp"
#include "index/story.hpp"
#include "util/text_util.hpp"

#include <charconv>

namespace gazette::detail {

namespace {

constexpr const char* metadata_gate = "gazette.gate";
constexpr const char* metadata_gate_rereads = "gazette.gate.rereads";
// Version 1 also held the story band terms: read as no gate, and built again from the ids.
constexpr std::string_view format_tag = "gazette-gate-2\n";

// One line of text from the front of `in`, without its newline; none at the end.
std::optional<std::string_view> line(std::string_view& in) {
    const auto end = in.find('\n');
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view out = in.substr(0, end);
    in.remove_prefix(end + 1);
    return out;
}

template <typename Number> bool parse(std::string_view text, Number& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
}

} // namespace

std::optional<ArchiveGate> read_archive_gate(const Xapian::Database& meta) {
    const std::string stored = meta.get_metadata(metadata_gate);
    std::string_view in(stored);
    if (in.substr(0, format_tag.size()) != format_tag) return std::nullopt;
    in.remove_prefix(format_tag.size());
    ArchiveGate gate;
    std::size_t partitions = 0;
    const auto count = line(in);
    if (!count || !parse(*count, partitions) || partitions > in.size()) return std::nullopt;
    for (std::size_t i = 0; i < partitions; ++i) {
        const auto entry = line(in);
        const auto space = entry ? entry->rfind(' ') : std::string_view::npos;
        Xapian::rev revision = 0;
        if (space == std::string_view::npos || !parse(entry->substr(space + 1), revision)) return std::nullopt;
        gate.covered.emplace(std::string(entry->substr(0, space)), revision);
    }
    auto ids = decode_filter(in);
    if (!ids || !in.empty()) return std::nullopt;
    gate.ids = std::move(*ids);
    return gate;
}

void write_archive_gate(Xapian::WritableDatabase& meta, const ArchiveGate& gate) {
    std::string out(format_tag);
    out += std::to_string(gate.covered.size()) + "\n";
    for (const auto& [name, revision] : gate.covered) out += name + " " + std::to_string(revision) + "\n";
    encode_filter(gate.ids, out);
    meta.set_metadata(metadata_gate, out);
    meta.set_metadata(metadata_gate_rereads, "");
}

std::uint64_t read_gate_rereads(const Xapian::Database& meta) {
    std::uint64_t articles = 0;
    return parse(meta.get_metadata(metadata_gate_rereads), articles) ? articles : 0;
}

void write_gate_rereads(Xapian::WritableDatabase& meta, std::uint64_t articles) {
    meta.set_metadata(metadata_gate_rereads, articles ? std::to_string(articles) : std::string());
}

void add_partition_terms(const Xapian::Database& partition, ArchiveGate& gate) {
    const std::string prefix(id_prefix);
    for (auto t = partition.allterms_begin(prefix); t != partition.allterms_end(prefix); ++t) gate.ids.add(fnv1a64(*t));
}

} // namespace gazette::detail

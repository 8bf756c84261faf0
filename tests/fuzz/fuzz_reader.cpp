// libFuzzer target for one input reader, chosen at compile time (GAZETTE_FUZZ_FORMAT): bytes in,
// records and errors out, each record validated as the indexer would. Any crash, hang or
// sanitizer report is a bug; gazette::Error is the expected way to reject input.

#include <gazette/article.hpp>
#include <gazette/error.hpp>

#include "ingest/byte_source.hpp"
#include "ingest/readers.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gazette;
    auto source = detail::open_memory_source("fuzz", std::string(reinterpret_cast<const char*>(data), size));
    InputHandlers handlers;
    handlers.on_record = [](InputRecord&& record) {
        try {
            normalize_article(std::move(record.article));
        } catch (const Error&) {
        }
    };
    handlers.on_error = [](InputError&&) {};
    handlers.on_warning = [](InputError&&) {};
    const detail::FieldNames names;
    try {
#if GAZETTE_FUZZ_FORMAT == 1
        detail::read_jsonl(*source, "fuzz", handlers, names);
#elif GAZETTE_FUZZ_FORMAT == 2
        detail::read_json(*source, "fuzz", handlers, names);
#elif GAZETTE_FUZZ_FORMAT == 3
        detail::read_csv(*source, "fuzz", handlers, names);
#elif GAZETTE_FUZZ_FORMAT == 4
        detail::read_feed(*source, "fuzz", handlers, "");
#elif GAZETTE_FUZZ_FORMAT == 5
        detail::read_text(*source, "fuzz", "fuzz-id", handlers);
#else
#error "GAZETTE_FUZZ_FORMAT must be 1 (jsonl), 2 (json), 3 (csv), 4 (feed) or 5 (text)"
#endif
    } catch (const Error&) {
    }
    return 0;
}

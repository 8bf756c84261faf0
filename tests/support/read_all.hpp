#pragma once
// Collects what a reader produces, for assertions.

#include <gazette/input.hpp>

#include <string>
#include <vector>

namespace gazette::test {

struct ReadResult {
    std::vector<InputRecord> records;
    std::vector<InputError> errors;
    std::vector<InputError> warnings;

    /// "location: message" of every error, for readable failures.
    std::string error_text() const {
        std::string text;
        for (const auto& e : errors) text += e.location + ": " + e.message + "\n";
        return text;
    }
};

inline ReadResult read_file(const std::string& path, InputFormat format = InputFormat::automatic,
                            const std::string& encoding = "") {
    ReadResult result;
    InputHandlers handlers;
    handlers.on_record = [&](InputRecord&& r) { result.records.push_back(std::move(r)); };
    handlers.on_error = [&](InputError&& e) { result.errors.push_back(std::move(e)); };
    handlers.on_warning = [&](InputError&& e) { result.warnings.push_back(std::move(e)); };
    InputFile input{path, format, 0, encoding};
    read_input(input, handlers);
    return result;
}

} // namespace gazette::test

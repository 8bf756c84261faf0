// The streaming JSON writer of search results: structure, escaping, invalid UTF-8, numbers.

#include "util/json_writer.hpp"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <random>

using gazette::detail::JsonWriter;

namespace {

std::string as_json_string(std::string_view text) {
    std::string out;
    JsonWriter(out).string(text);
    return out;
}

} // namespace

TEST_CASE("JsonWriter: nested objects and arrays get their commas") {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.key("a").number(std::uint64_t{1});
    w.key("b").begin_array().string("x").null().boolean(true).begin_object().end_object().end_array();
    w.key("c").begin_object().key("d").string_or_null("").key("e").string_or_null("f").end_object();
    w.key("empty").begin_array().end_array();
    w.end_object();
    CHECK(out == R"({"a":1,"b":["x",null,true,{}],"c":{"d":null,"e":"f"},"empty":[]})");
    CHECK(nlohmann::json::parse(out)["c"]["e"] == "f");
}

TEST_CASE("JsonWriter: strings are escaped as JSON requires") {
    CHECK(as_json_string("plain") == R"("plain")");
    CHECK(as_json_string("q\"b\\s/") == R"("q\"b\\s/")");
    CHECK(as_json_string("\b\f\n\r\t") == R"("\b\f\n\r\t")");
    CHECK(as_json_string(std::string("\x01\x1f\x00", 3)) == R"("\u0001\u001f\u0000")");
    CHECK(as_json_string("<mark>é 中文 😀</mark>") == "\"<mark>é 中文 😀</mark>\"");
}

TEST_CASE("JsonWriter: invalid UTF-8 becomes U+FFFD, valid text is kept") {
    const std::string replacement = "\xEF\xBF\xBD";
    CHECK(as_json_string("a\xFF"
                         "b") == "\"a" + replacement + "b\"");
    CHECK(as_json_string("\xC0\xAF") == "\"" + replacement + replacement + "\"");                   // overlong '/'
    CHECK(as_json_string("\xED\xA0\x80") == "\"" + replacement + replacement + replacement + "\""); // surrogate
    CHECK(as_json_string("\xF4\x90\x80\x80").find("\xF4") == std::string::npos);                    // > U+10FFFF
    CHECK(as_json_string("end\xE2\x82") == "\"end" + replacement + replacement + "\"");             // truncated
    CHECK(as_json_string("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");
}

TEST_CASE("JsonWriter: any bytes give JSON that parses back, and valid text round-trips") {
    std::mt19937 random(42);
    std::uniform_int_distribution<int> byte(0, 255), length(0, 40);
    for (int i = 0; i < 2000; ++i) {
        std::string text(static_cast<std::size_t>(length(random)), '\0');
        for (auto& c : text) c = static_cast<char>(byte(random));
        const std::string json = as_json_string(text);
        INFO(nlohmann::json(text).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
        nlohmann::json parsed;
        REQUIRE_NOTHROW(parsed = nlohmann::json::parse(json));
        // Where the input was valid UTF-8 it comes back unchanged.
        bool valid = true;
        try {
            (void)nlohmann::json(text).dump();
        } catch (const nlohmann::json::type_error&) {
            valid = false;
        }
        if (valid) CHECK(parsed.get<std::string>() == text);
    }
}

TEST_CASE("JsonWriter: numbers read back exactly") {
    std::string out;
    JsonWriter w(out);
    w.begin_array().number(9.05).number(2.0).number(-0.125).number(1e-7).number(std::uint64_t{18446744073709551615u});
    w.number(std::numeric_limits<double>::infinity()).end_array();
    CHECK(out == "[9.05,2.0,-0.125,1e-07,18446744073709551615,null]");
    const auto parsed = nlohmann::json::parse(out);
    CHECK(parsed[0].get<double>() == 9.05);
    CHECK(parsed[3].get<double>() == 1e-7);
}

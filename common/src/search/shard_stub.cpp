#include "search/shard_stub.hpp"

#include <gazette/error.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace gazette::detail {

namespace {

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

[[noreturn]] void bad_line(const std::string& stub, int line, const std::string& what) {
    throw Error(ErrorCode::invalid_argument, stub + ":" + std::to_string(line) + ": " + what);
}

ShardSpec remote_spec(const std::string& where, const std::string& stub, int line) {
    ShardSpec spec;
    spec.name = where;
    if (where.front() == ':') { // a program and its arguments
        spec.kind = ShardSpec::Kind::program;
        const auto space = where.find(' ');
        spec.program = where.substr(1, space == std::string::npos ? std::string::npos : space - 1);
        if (space != std::string::npos) spec.args = trim(where.substr(space + 1));
        if (spec.program.empty()) bad_line(stub, line, "remote ':' names no program");
        return spec;
    }
    spec.kind = ShardSpec::Kind::tcp;
    const auto colon = where.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == where.size())
        bad_line(stub, line, "remote part '" + where + "' is not HOST:PORT");
    spec.host = where.substr(0, colon);
    const std::string port = where.substr(colon + 1);
    unsigned long value = 0;
    for (char c : port) {
        if (c < '0' || c > '9' || (value = value * 10 + static_cast<unsigned long>(c - '0')) > 65535)
            bad_line(stub, line, "remote part '" + where + "' has no valid port");
    }
    if (value == 0) bad_line(stub, line, "remote part '" + where + "' has no valid port");
    spec.port = static_cast<unsigned>(value);
    return spec;
}

} // namespace

std::string stub_file_of(const std::string& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return path;
    const std::string inside = (fs::path(path) / "XAPIANDB").string();
    if (fs::is_regular_file(inside, ec)) return inside;
    return {};
}

std::vector<ShardSpec> read_shard_stub(const std::string& stub) {
    std::ifstream in(stub);
    if (!in) throw Error(ErrorCode::io_error, stub + ": cannot read the stub file");
    const fs::path base = fs::path(stub).parent_path();
    std::vector<ShardSpec> shards;
    std::string text;
    for (int line = 1; std::getline(in, text); ++line) {
        text = trim(text);
        if (text.empty() || text.front() == '#') continue;
        const auto space = text.find_first_of(" \t");
        const std::string keyword = text.substr(0, space);
        const std::string rest = space == std::string::npos ? std::string() : trim(text.substr(space + 1));
        if (keyword == "remote") {
            if (rest.empty()) bad_line(stub, line, "remote names no HOST:PORT");
            shards.push_back(remote_spec(rest, stub, line));
        } else if (keyword == "auto" || keyword == "glass" || keyword == "chert" || keyword == "honey") {
            if (rest.empty()) bad_line(stub, line, keyword + " names no database");
            ShardSpec spec;
            spec.name = rest;
            spec.path = fs::path(rest).is_absolute() ? rest : (base / rest).string();
            shards.push_back(std::move(spec));
        } else if (keyword != "inmemory") { // an empty database: nothing to search
            bad_line(stub, line, "'" + keyword + "' is not a kind of database (auto, glass, remote)");
        }
    }
    return shards;
}

bool is_sharded(const std::string& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return true;
    const std::string stub = stub_file_of(path);
    if (stub.empty()) return false;
    for (const auto& shard : read_shard_stub(stub))
        if (shard.remote()) return true;
    return false;
}

} // namespace gazette::detail

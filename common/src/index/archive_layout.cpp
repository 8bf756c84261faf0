#include "index/archive_layout.hpp"

#include <gazette/error.hpp>

#include "util/fsync_dir.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace gazette::detail {

namespace {

bool digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

} // namespace

std::optional<Partitioning> parse_partitioning(std::string_view name) {
    if (name == "month") return Partitioning::month;
    if (name == "year") return Partitioning::year;
    return std::nullopt;
}

std::string_view partitioning_name(Partitioning partitioning) {
    return partitioning == Partitioning::month ? "month" : "year";
}

std::string stub_path(const std::string& path) {
    return (fs::path(path) / "XAPIANDB").string();
}

bool is_archive(const std::string& path) {
    std::error_code ec;
    return fs::exists(stub_path(path), ec) || fs::exists(fs::path(path) / meta_partition / "iamglass", ec);
}

std::string partition_for(std::string_view published, Partitioning partitioning) {
    if (published.size() < 4) return std::string(undated_partition);
    const std::string year(published.substr(0, 4));
    if (partitioning == Partitioning::year) return year;
    return published.size() >= 7 ? std::string(published.substr(0, 7)) : year + "-01";
}

bool is_partition_name(std::string_view name, Partitioning partitioning) {
    if (name == undated_partition) return true;
    if (partitioning == Partitioning::year) return name.size() == 4 && digits(name);
    return name.size() == 7 && digits(name.substr(0, 4)) && name[4] == '-' && digits(name.substr(5)) &&
           name.substr(5) >= "01" && name.substr(5) <= "12";
}

std::optional<std::pair<UnixSeconds, UnixSeconds>> partition_period(std::string_view name, Partitioning partitioning) {
    if (!is_partition_name(name, partitioning) || name == undated_partition) return std::nullopt;
    const int year = std::stoi(std::string(name.substr(0, 4)));
    if (partitioning == Partitioning::year)
        return std::pair{days_from_civil(year, 1, 1) * 86400, days_from_civil(year + 1, 1, 1) * 86400};
    const auto month = static_cast<unsigned>(std::stoi(std::string(name.substr(5))));
    const auto next_year = month == 12 ? year + 1 : year;
    const auto next_month = month == 12 ? 1u : month + 1;
    return std::pair{days_from_civil(year, month, 1) * 86400, days_from_civil(next_year, next_month, 1) * 86400};
}

std::vector<std::string> read_stub(const std::string& path) {
    std::ifstream in(stub_path(path));
    if (!in) throw Error(ErrorCode::io_error, stub_path(path) + ": cannot read the archive's stub file");
    std::vector<std::string> partitions;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string backend, name;
        if (!(words >> backend >> name) || backend != "glass" || name == meta_partition) continue;
        partitions.push_back(name);
    }
    return partitions;
}

void write_stub(const std::string& path, const std::vector<std::string>& partitions) {
    const std::string final_path = stub_path(path), temporary = final_path + ".new";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << "glass " << meta_partition << '\n';
        for (const auto& name : partitions) out << "glass " << name << '\n';
        out.flush();
        if (!out) throw Error(ErrorCode::io_error, temporary + ": cannot write the archive's stub file");
    }
    fsync_file(temporary);
    if (std::rename(temporary.c_str(), final_path.c_str()) != 0)
        throw Error(ErrorCode::io_error, final_path + ": cannot replace the archive's stub file");
    fsync_directory(path);
}

Xapian::Database open_for_reading(const std::string& path) {
    std::error_code ec;
    // The stub file itself, so that a directory without one is never taken for a stub.
    if (fs::exists(stub_path(path), ec)) return Xapian::Database(stub_path(path), Xapian::DB_BACKEND_STUB);
    return Xapian::Database(path, Xapian::DB_BACKEND_GLASS);
}

std::vector<std::string> version_files(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(stub_path(path), ec))
        return {fs::is_directory(path, ec) ? (fs::path(path) / "iamglass").string() : path};
    // Every database the stub lists: an archive's "glass" parts, or the "auto replica_N" that
    // xapian-replicate writes (changesets are applied to it in place). A stub replaced while
    // being read is seen through its own change.
    std::vector<std::string> files{stub_path(path)};
    std::ifstream in(stub_path(path));
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string backend, name;
        if (!(words >> backend >> name) || (backend != "glass" && backend != "auto")) continue;
        const fs::path part = fs::path(name).is_absolute() ? fs::path(name) : fs::path(path) / name;
        files.push_back((part / "iamglass").string());
    }
    return files;
}

} // namespace gazette::detail

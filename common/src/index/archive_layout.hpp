#pragma once
// A time-partitioned archive: one Gazette index per month or year under one directory, listed
// in a Xapian stub file (DIR/XAPIANDB) so that the directory opens as one database, with
// Gazette's programs and with Xapian's own tools alike. The stub lists first an empty index,
// "meta", that holds the archive's settings (schema version, analysis, synonyms, partitioning,
// last update): Xapian reads a multi-database's metadata from its first part.

#include "util/dates.hpp"

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette::detail {

enum class Partitioning { month, year };

std::optional<Partitioning> parse_partitioning(std::string_view name);
std::string_view partitioning_name(Partitioning partitioning);

inline constexpr const char* metadata_partitioning = "gazette.partition";
/// Set in a partition compacted by a seal; cleared by the next write to it.
inline constexpr const char* metadata_sealed = "gazette.sealed";
inline constexpr std::string_view meta_partition = "meta";
inline constexpr std::string_view undated_partition = "undated";

/// The stub file of the archive at `path`.
std::string stub_path(const std::string& path);
/// True when `path` holds an archive (a stub, or an archive whose stub was not yet written).
bool is_archive(const std::string& path);

/// The partition of an article by its normalised `published` date ("2021-03-15T10:00:00Z",
/// "2021-03", "2021", or empty): "2021-03" or "2021", or "undated". A year-only date is in
/// January of its year, where date filters put it too.
std::string partition_for(std::string_view published, Partitioning partitioning);
bool is_partition_name(std::string_view name, Partitioning partitioning);
/// The publication dates of the partition's period, [first second, first second after); none
/// for the undated partition.
std::optional<std::pair<UnixSeconds, UnixSeconds>> partition_period(std::string_view name, Partitioning partitioning);

/// The partitions the stub lists, in its order ("meta" left out).
/// @throws Error io_error when the stub cannot be read.
std::vector<std::string> read_stub(const std::string& path);
/// Writes the stub anew, "meta" first and then `partitions`, atomically (a new file renamed
/// over the old one, both fsynced).
void write_stub(const std::string& path, const std::vector<std::string>& partitions);

/// Opens an index, or an archive as one database, for reading. Xapian's exceptions pass through.
Xapian::Database open_for_reading(const std::string& path);

/// The files whose replacement marks a new version of what is at `path`: an index's version
/// file, or an archive's stub and the version files of all its parts.
std::vector<std::string> version_files(const std::string& path);

} // namespace gazette::detail

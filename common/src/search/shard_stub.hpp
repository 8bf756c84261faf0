#pragma once
// The parts of a sharded index, read from a Xapian stub file: local databases ("auto PATH",
// "glass PATH") and remote ones served by xapian-tcpsrv ("remote HOST:PORT") or by a program
// speaking Xapian's remote protocol on its standard streams ("remote :PROGRAM ARGS", e.g. over
// ssh). Xapian opens a stub itself, but with its own fixed 10 s timeouts, and one unreachable
// part then fails the whole database: Gazette reads the stub and opens each part on its own.

#include <string>
#include <vector>

namespace gazette::detail {

struct ShardSpec {
    enum class Kind { local, tcp, program };
    Kind kind = Kind::local;
    std::string name; ///< as shown to users: "host:port", the path, or ":program args"
    std::string path; ///< local: resolved against the stub's directory
    std::string host;
    unsigned port = 0;
    std::string program, args;
    bool remote() const { return kind != Kind::local; }
};

/// The stub file to read for `path`: `path` itself if it is a file, `path`/XAPIANDB if it is a
/// directory holding one, or "" if neither.
std::string stub_file_of(const std::string& path);

/// The parts the stub file at `stub` lists, in order.
/// @throws Error io_error if it cannot be read, invalid_argument ("FILE:LINE: ...") for a line
///         that is not Xapian stub syntax or a remote part without a valid port.
std::vector<ShardSpec> read_shard_stub(const std::string& stub);

/// True when `path` must be searched part by part: a stub file given directly, or a directory
/// whose stub lists a remote part. A plain index or an archive of local partitions is opened
/// as one database.
bool is_sharded(const std::string& path);

} // namespace gazette::detail

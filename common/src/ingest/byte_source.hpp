#pragma once
// Byte streams for readers: a file or stdin, transparently gunzipped when it starts with the
// gzip magic bytes (so "-" and misnamed files work too).

#include <cstdint>
#include <memory>
#include <string>

namespace gazette::detail {

class ByteSource {
  public:
    virtual ~ByteSource() = default;
    /// Reads up to `size` bytes; returns 0 at the end.
    /// @throws Error io_error on read failure, corrupt or truncated gzip data.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
    /// Bytes consumed from the underlying file (compressed bytes for gzip).
    virtual std::uint64_t consumed() const = 0;
};

/// Opens `path` ("-" for stdin). @throws Error io_error if it cannot be opened.
std::unique_ptr<ByteSource> open_byte_source(const std::string& path);

/// The same over bytes in memory (`name` is used in error messages).
std::unique_ptr<ByteSource> open_memory_source(std::string name, std::string data);

/// The whole remaining content. @throws Error io_error, or invalid_input past `max_bytes`.
std::string read_all(ByteSource& source, const std::string& name, std::uint64_t max_bytes);

/// Reads lines ('\n', with a trailing '\r' removed), counting them from 1.
class LineReader {
  public:
    LineReader(ByteSource& source, std::size_t max_line_bytes);
    /// The next line, or false at the end. `too_long` is set (and the line truncated) for a
    /// line over the limit; the rest of that line is skipped.
    bool next(std::string& line, bool& too_long);
    std::uint64_t line_number() const { return line_number_; }

  private:
    bool fill();

    ByteSource& source_;
    std::size_t max_line_bytes_;
    std::string buffer_;
    std::size_t pos_ = 0;
    bool eof_ = false;
    std::uint64_t line_number_ = 0;
};

} // namespace gazette::detail

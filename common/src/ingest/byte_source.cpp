#include "ingest/byte_source.hpp"

#include <gazette/error.hpp>

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace gazette::detail {

namespace {

constexpr std::size_t chunk_size = 1 << 16;

// A plain byte stream that can take back the bytes read to sniff it.
class RawSource : public ByteSource {
  public:
    explicit RawSource(std::string name) : name_(std::move(name)) {}
    std::size_t read(char* buffer, std::size_t size) override {
        if (!pushed_back_.empty()) {
            const std::size_t n = std::min(size, pushed_back_.size());
            std::memcpy(buffer, pushed_back_.data(), n);
            pushed_back_.erase(0, n);
            return n;
        }
        return read_raw(buffer, size);
    }
    void push_back(std::string bytes) { pushed_back_ = std::move(bytes) + pushed_back_; }
    const std::string& name() const { return name_; }

  protected:
    virtual std::size_t read_raw(char* buffer, std::size_t size) = 0;

  private:
    std::string name_;
    std::string pushed_back_;
};

class FileSource : public RawSource {
  public:
    explicit FileSource(const std::string& path) : RawSource(path == "-" ? "<stdin>" : path) {
        if (path == "-") {
            fd_ = STDIN_FILENO;
            owned_ = false;
        } else {
            fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd_ < 0) throw Error(ErrorCode::io_error, path + ": cannot open: " + std::strerror(errno));
        }
    }
    ~FileSource() override {
        if (owned_ && fd_ >= 0) ::close(fd_);
    }
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;
    std::uint64_t consumed() const override { return consumed_; }

  protected:
    std::size_t read_raw(char* buffer, std::size_t size) override {
        for (;;) {
            const ssize_t n = ::read(fd_, buffer, size);
            if (n >= 0) {
                consumed_ += static_cast<std::uint64_t>(n);
                return static_cast<std::size_t>(n);
            }
            if (errno != EINTR) throw Error(ErrorCode::io_error, name() + ": read failed: " + std::strerror(errno));
        }
    }

  private:
    int fd_ = -1;
    bool owned_ = true;
    std::uint64_t consumed_ = 0;
};

class MemorySource : public RawSource {
  public:
    MemorySource(std::string name, std::string data) : RawSource(std::move(name)), data_(std::move(data)) {}
    std::uint64_t consumed() const override { return offset_; }

  protected:
    std::size_t read_raw(char* buffer, std::size_t size) override {
        const std::size_t n = std::min(size, data_.size() - offset_);
        std::memcpy(buffer, data_.data() + offset_, n);
        offset_ += n;
        return n;
    }

  private:
    std::string data_;
    std::size_t offset_ = 0;
};

class GzipSource : public ByteSource {
  public:
    explicit GzipSource(std::unique_ptr<RawSource> raw) : raw_(std::move(raw)), input_(chunk_size, '\0') {
        std::memset(&stream_, 0, sizeof stream_);
        if (inflateInit2(&stream_, 15 + 16) != Z_OK) throw Error(ErrorCode::internal, "zlib initialisation failed");
    }
    ~GzipSource() override { inflateEnd(&stream_); }
    GzipSource(const GzipSource&) = delete;
    GzipSource& operator=(const GzipSource&) = delete;

    std::size_t read(char* buffer, std::size_t size) override {
        if (finished_ || size == 0) return 0;
        stream_.next_out = reinterpret_cast<Bytef*>(buffer);
        stream_.avail_out = static_cast<uInt>(size);
        while (stream_.avail_out == size) {
            if (stream_.avail_in == 0) {
                const std::size_t n = raw_->read(input_.data(), input_.size());
                if (n == 0) {
                    if (!member_started_) { // clean end after a complete member
                        finished_ = true;
                        return 0;
                    }
                    throw Error(ErrorCode::io_error, raw_->name() + ": truncated gzip data (unexpected end of file)");
                }
                stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
                stream_.avail_in = static_cast<uInt>(n);
            }
            member_started_ = true;
            const int rc = inflate(&stream_, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                // Concatenated gzip members are one stream (as gzip -d treats them).
                member_started_ = false;
                if (inflateReset(&stream_) != Z_OK) throw Error(ErrorCode::internal, "zlib reset failed");
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                const std::string why = stream_.msg ? stream_.msg : "error " + std::to_string(rc);
                throw Error(ErrorCode::io_error, raw_->name() + ": corrupt gzip data (" + why + ")");
            }
        }
        return size - stream_.avail_out;
    }
    std::uint64_t consumed() const override { return raw_->consumed(); }

  private:
    std::unique_ptr<RawSource> raw_;
    std::string input_;
    z_stream stream_;
    bool member_started_ = false;
    bool finished_ = false;
};

// Sniffs the gzip magic bytes; a short read is retried so pipes delivering one byte work.
std::unique_ptr<ByteSource> with_gzip_detection(std::unique_ptr<RawSource> raw) {
    std::string head(2, '\0');
    std::size_t got = 0;
    while (got < 2) {
        const std::size_t n = raw->read(head.data() + got, 2 - got);
        if (n == 0) break;
        got += n;
    }
    head.resize(got);
    const bool gzip =
        head.size() == 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b;
    raw->push_back(std::move(head));
    if (gzip) return std::make_unique<GzipSource>(std::move(raw));
    return raw;
}

} // namespace

std::unique_ptr<ByteSource> open_byte_source(const std::string& path) {
    return with_gzip_detection(std::make_unique<FileSource>(path));
}

std::unique_ptr<ByteSource> open_memory_source(std::string name, std::string data) {
    return with_gzip_detection(std::make_unique<MemorySource>(std::move(name), std::move(data)));
}

std::string read_all(ByteSource& source, const std::string& name, std::uint64_t max_bytes) {
    std::string content;
    std::string chunk(chunk_size, '\0');
    for (;;) {
        const std::size_t n = source.read(chunk.data(), chunk.size());
        if (n == 0) break;
        content.append(chunk.data(), n);
        if (content.size() > max_bytes)
            throw Error(ErrorCode::invalid_input, name + ": larger than " + std::to_string(max_bytes >> 20) +
                                                      " MiB; split it or use JSON Lines, which is read as a stream");
    }
    return content;
}

LineReader::LineReader(ByteSource& source, std::size_t max_line_bytes)
    : source_(source), max_line_bytes_(max_line_bytes) {}

bool LineReader::fill() {
    if (eof_) return false;
    if (pos_ > 0) {
        buffer_.erase(0, pos_);
        pos_ = 0;
    }
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + chunk_size);
    const std::size_t n = source_.read(buffer_.data() + old_size, chunk_size);
    buffer_.resize(old_size + n);
    if (n == 0) eof_ = true;
    return n > 0;
}

bool LineReader::next(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    for (;;) {
        const std::size_t newline = buffer_.find('\n', pos_);
        const std::size_t end = newline == std::string::npos ? buffer_.size() : newline;
        const std::size_t room = max_line_bytes_ - std::min(max_line_bytes_, line.size());
        if (end - pos_ > room) too_long = true;
        line.append(buffer_, pos_, std::min(end - pos_, room));
        if (newline != std::string::npos) {
            pos_ = newline + 1;
            break;
        }
        pos_ = buffer_.size();
        if (!fill()) {
            if (line.empty() && !too_long) return false;
            break;
        }
    }
    ++line_number_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
}

} // namespace gazette::detail

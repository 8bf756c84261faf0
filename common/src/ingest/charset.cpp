#include "ingest/charset.hpp"

#include <gazette/error.hpp>

#include "util/text_util.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <iconv.h>

namespace gazette::detail {

namespace {

// One iconv conversion to UTF-8, closed with the object.
class Converter {
  public:
    explicit Converter(const std::string& from) : cd_(::iconv_open("UTF-8", from.c_str())) {
        if (cd_ == reinterpret_cast<iconv_t>(-1))
            throw Error(ErrorCode::invalid_input, "unknown character encoding '" + from + "'");
    }
    ~Converter() { ::iconv_close(cd_); }
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;

    // Converts as much of `in` as forms whole characters, appending to `out`; returns the bytes
    // used. With `final`, bytes that do not decode (or an incomplete last character) become U+FFFD.
    std::size_t convert(std::string_view in, std::string& out, bool final) {
        std::size_t used = 0;
        char buffer[8192];
        while (used < in.size()) {
            char* src = const_cast<char*>(in.data() + used);
            std::size_t src_left = in.size() - used;
            char* dst = buffer;
            std::size_t dst_left = sizeof buffer;
            const std::size_t rc = ::iconv(cd_, &src, &src_left, &dst, &dst_left);
            out.append(buffer, sizeof buffer - dst_left);
            used = in.size() - src_left;
            if (rc != static_cast<std::size_t>(-1)) continue;
            if (errno == E2BIG) continue;
            if (errno == EINVAL && !final) break; // an incomplete character: wait for more bytes
            out += "\xEF\xBF\xBD";                // EILSEQ, or EINVAL at the end
            ++used;
            ::iconv(cd_, nullptr, nullptr, nullptr, nullptr);
        }
        return used;
    }

  private:
    iconv_t cd_;
};

class DecodingSource : public ByteSource {
  public:
    DecodingSource(ByteSource& inner, const std::string& charset) : inner_(inner), converter_(charset) {}

    std::size_t read(char* buffer, std::size_t size) override {
        while (decoded_.size() - offset_ < size && !eof_) {
            char raw[16384];
            const std::size_t n = inner_.read(raw, sizeof raw);
            if (n == 0) eof_ = true;
            pending_.append(raw, n);
            const std::size_t used = converter_.convert(pending_, decoded_, eof_);
            pending_.erase(0, used);
        }
        const std::size_t n = std::min(size, decoded_.size() - offset_);
        std::copy_n(decoded_.data() + offset_, n, buffer);
        offset_ += n;
        if (offset_ == decoded_.size()) decoded_.clear(), offset_ = 0;
        return n;
    }
    std::uint64_t consumed() const override { return inner_.consumed(); }

  private:
    ByteSource& inner_;
    Converter converter_;
    std::string pending_; ///< raw bytes not decoded yet (a character cut by a read)
    std::string decoded_;
    std::size_t offset_ = 0;
    bool eof_ = false;
};

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// windows-1252's characters for the bytes 0x80..0x9F, as UTF-8, taken from iconv (empty where
// windows-1252 leaves a byte undefined).
const std::array<std::string, 32>& c1_table() {
    static const std::array<std::string, 32> table = [] {
        std::array<std::string, 32> t;
        for (int i = 0; i < 32; ++i) {
            const char byte = static_cast<char>(0x80 + i);
            Converter converter("WINDOWS-1252");
            std::string out;
            converter.convert(std::string_view(&byte, 1), out, true);
            if (out != "\xEF\xBF\xBD") t[static_cast<std::size_t>(i)] = out;
        }
        return t;
    }();
    return table;
}

} // namespace

std::string canonical_charset(std::string_view label) {
    std::string name = upper(trim(label));
    // Browsers' readings of the labels feeds get wrong most often (WHATWG Encoding Standard).
    struct Alias {
        std::string_view label;
        std::string_view charset;
    };
    static constexpr Alias aliases[] = {
        {"UTF8", "UTF-8"},
        {"UNICODE-1-1-UTF-8", "UTF-8"},
        {"ISO-8859-1", "WINDOWS-1252"},
        {"ISO8859-1", "WINDOWS-1252"},
        {"ISO_8859-1", "WINDOWS-1252"},
        {"LATIN1", "WINDOWS-1252"},
        {"LATIN-1", "WINDOWS-1252"},
        {"L1", "WINDOWS-1252"},
        {"US-ASCII", "WINDOWS-1252"},
        {"ASCII", "WINDOWS-1252"},
        {"CP819", "WINDOWS-1252"},
        {"IBM819", "WINDOWS-1252"},
        {"CP1252", "WINDOWS-1252"},
        {"X-CP1252", "WINDOWS-1252"},
        {"ISO-8859-9", "WINDOWS-1254"},
        {"LATIN5", "WINDOWS-1254"},
        {"GB2312", "GBK"},
        {"GB_2312-80", "GBK"},
        {"X-GBK", "GBK"},
        {"EUC-CN", "GBK"},
        {"BIG5", "BIG5-HKSCS"},
        // Shift_JIS as Windows writes it (CP932): iconv's SHIFT_JIS reads "~" and "\\" as an
        // overline and a yen sign (breaking links) and lacks the NEC and IBM characters.
        {"SHIFT_JIS", "CP932"},
        {"SHIFT-JIS", "CP932"},
        {"X-SJIS", "CP932"},
        {"SJIS", "CP932"},
        {"MS_KANJI", "CP932"},
        {"CSSHIFTJIS", "CP932"},
        {"WINDOWS-31J", "CP932"},
        {"MS932", "CP932"},
        // EUC-JP with the same NEC and IBM characters (eucJP-ms), which plain EUC-JP replaces.
        {"EUC-JP", "EUC-JP-MS"},
        {"X-EUC-JP", "EUC-JP-MS"},
        {"CSEUCPKDFMTJAPANESE", "EUC-JP-MS"},
        {"EUC-KR", "CP949"},
        {"KS_C_5601-1987", "CP949"},
        {"TIS-620", "CP874"},
        {"ISO-8859-11", "CP874"},
        {"X-MAC-ROMAN", "MACINTOSH"},
        {"MAC", "MACINTOSH"},
    };
    for (const auto& a : aliases)
        if (name == a.label) return std::string(a.charset);
    return name;
}

bool charset_supported(std::string_view label) {
    const std::string name = canonical_charset(label);
    const iconv_t cd = ::iconv_open("UTF-8", name.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    ::iconv_close(cd);
    return true;
}

std::string to_utf8(std::string_view bytes, std::string_view label) {
    Converter converter(canonical_charset(label));
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    converter.convert(bytes, out, true);
    return out;
}

std::string invalid_bytes_as_windows_1252(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    while (!text.empty()) {
        const std::size_t bad = invalid_utf8_offset(text);
        if (bad >= text.size()) break;
        out.append(text.substr(0, bad));
        out += to_utf8(text.substr(bad, 1), "windows-1252");
        text.remove_prefix(bad + 1);
    }
    out.append(text);
    return out;
}

void fix_c1_controls(std::string& text) {
    // U+0080..U+009F are 0xC2 0x80..0x9F in UTF-8.
    std::size_t at = text.find('\xC2');
    if (at == std::string::npos) return;
    const auto& table = c1_table();
    std::string out;
    out.reserve(text.size());
    std::size_t from = 0;
    for (; at != std::string::npos; at = text.find('\xC2', at + 1)) {
        if (at + 1 >= text.size()) break;
        const auto next = static_cast<unsigned char>(text[at + 1]);
        if (next < 0x80 || next > 0x9F) continue;
        const std::string& replacement = table[next - 0x80];
        if (replacement.empty()) continue;
        out.append(text, from, at - from);
        out += replacement;
        from = at + 2;
        ++at;
    }
    if (from == 0) return;
    out.append(text, from, std::string::npos);
    text = std::move(out);
}

std::unique_ptr<ByteSource> decoding_source(ByteSource& inner, std::string_view label) {
    return std::make_unique<DecodingSource>(inner, canonical_charset(label));
}

} // namespace gazette::detail

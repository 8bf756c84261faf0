#include "access_log.hpp"

#include "dates.hpp"
#include "results_json.hpp"

#include <stdexcept>

namespace gazette::server {

AccessLog::AccessLog(const std::string& destination) {
    if (destination.empty()) return;
    if (destination == "-") {
        out_ = stdout;
        return;
    }
    out_ = std::fopen(destination.c_str(), "a");
    if (!out_) throw std::runtime_error(destination + ": cannot open the access log");
    owned_ = true;
}

AccessLog::~AccessLog() {
    if (owned_) std::fclose(out_);
}

void AccessLog::write(const AccessRecord& r) {
    if (!out_) return;
    // Targets are client-controlled: cap their length, and JSON-encode (with replacement of
    // invalid UTF-8) so a request cannot forge log lines.
    std::string text;
    text.reserve(256);
    detail::JsonWriter line(text);
    line.begin_object();
    line.key("time").string(detail::format_utc(detail::current_unix_seconds()));
    line.key("remote").string(r.remote);
    line.key("method").string(r.method);
    if (r.target.size() > 1024)
        line.key("target").string(std::string(r.target.substr(0, 1024)) + "...");
    else
        line.key("target").string(r.target);
    line.key("route").string(r.route);
    line.key("status").number(static_cast<std::uint64_t>(r.status));
    line.key("bytes").number(static_cast<std::uint64_t>(r.bytes));
    line.key("ms").number(static_cast<double>(static_cast<long long>(r.milliseconds * 1000)) / 1000);
    line.end_object();
    text += '\n';
    std::lock_guard lock(mutex_);
    std::fwrite(text.data(), 1, text.size(), out_);
    std::fflush(out_);
}

} // namespace gazette::server

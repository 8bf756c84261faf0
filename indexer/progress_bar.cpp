#include "progress_bar.hpp"

#include <algorithm>
#include <string>

namespace gazette::cli {

namespace {

std::string duration_text(double seconds) {
    const auto s = static_cast<long long>(seconds + 0.5);
    char buffer[32];
    if (s >= 3600)
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld", s / 60, s % 60);
    return buffer;
}

} // namespace

ProgressBar::ProgressBar(std::FILE* out, bool enabled)
    : out_(out), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void ProgressBar::update(std::uint64_t records, std::uint64_t bytes_done, std::uint64_t bytes_total) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(records) / elapsed : 0;
    const double mb = static_cast<double>(bytes_done) / 1e6;
    std::string line = "\r\033[K" + std::to_string(records) + " records  ";
    char buffer[128];
    if (bytes_total > 0) {
        const double fraction = std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(bytes_total));
        const int width = 24;
        const int filled = static_cast<int>(fraction * width);
        line += "[" + std::string(static_cast<std::size_t>(filled), '#') +
                std::string(static_cast<std::size_t>(width - filled), '.') + "] ";
        std::snprintf(buffer, sizeof buffer, "%.1f/%.1f MB  %.0f rec/s", mb, static_cast<double>(bytes_total) / 1e6,
                      rate);
        line += buffer;
        if (fraction > 0.01) line += "  ETA " + duration_text(elapsed * (1 - fraction) / fraction);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.1f MB  %.0f rec/s", mb, rate);
        line += buffer;
    }
    std::fputs(line.c_str(), out_);
    std::fflush(out_);
    visible_ = true;
}

void ProgressBar::clear() {
    if (!visible_) return;
    std::fputs("\r\033[K", out_);
    std::fflush(out_);
    visible_ = false;
}

} // namespace gazette::cli

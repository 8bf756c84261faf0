#include "util/dates.hpp"

#include "util/text_util.hpp"

#include <array>
#include <chrono>
#include <cstdio>

namespace gazette::detail {

namespace {

constexpr UnixSeconds seconds_per_day = 86400;

bool is_leap(std::int64_t year) noexcept {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned days_in_month(std::int64_t year, unsigned month) noexcept {
    static constexpr std::array<unsigned, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

// A cursor over the text with fixed-width digit reading.
struct Scanner {
    std::string_view text;
    std::size_t pos = 0;

    bool done() const { return pos >= text.size(); }
    char peek() const { return done() ? '\0' : text[pos]; }
    bool accept(char c) {
        if (peek() != c) return false;
        ++pos;
        return true;
    }
    std::optional<int> digits(std::size_t count) {
        if (pos + count > text.size()) return std::nullopt;
        int value = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const char c = text[pos + i];
            if (c < '0' || c > '9') return std::nullopt;
            value = value * 10 + (c - '0');
        }
        pos += count;
        return value;
    }
    std::size_t skip_digits() {
        const std::size_t start = pos;
        while (!done() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        return pos - start;
    }
    void skip_spaces() {
        while (!done() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    }
};

std::optional<UnixSeconds> make_time(std::int64_t year, int month, int day, int hour, int minute, int second) {
    if (month < 1 || month > 12 || day < 1) return std::nullopt;
    if (day > static_cast<int>(days_in_month(year, static_cast<unsigned>(month)))) return std::nullopt;
    if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || second < 0 || second > 60) return std::nullopt;
    if (hour == 24 && (minute != 0 || second != 0)) return std::nullopt;
    if (second == 60) second = 59; // leap second: clamp rather than reject
    return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * seconds_per_day +
           hour * 3600 + minute * 60 + second;
}

// Parses "Z", "+HH:MM", "+HHMM" or "+HH" at the cursor into an offset in seconds east of UTC.
std::optional<int> parse_zone_offset(Scanner& s) {
    if (s.accept('Z') || s.accept('z')) return 0;
    int sign = 0;
    if (s.accept('+'))
        sign = 1;
    else if (s.accept('-'))
        sign = -1;
    else
        return std::nullopt;
    const auto hours = s.digits(2);
    if (!hours || *hours > 23) return std::nullopt;
    int minutes = 0;
    if (!s.done()) {
        s.accept(':');
        const auto m = s.digits(2);
        if (!m || *m > 59) return std::nullopt;
        minutes = *m;
    }
    return sign * (*hours * 3600 + minutes * 60);
}

} // namespace

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept {
    // Shift the year to start in March so the leap day is the last day of the "year".
    year -= month <= 2;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto year_of_era = static_cast<unsigned>(year - era * 400);
    const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

std::optional<UnixSeconds> parse_iso8601(std::string_view text) {
    Scanner s{text};
    const auto year = s.digits(4);
    if (!year || !s.accept('-')) return std::nullopt;
    const auto month = s.digits(2);
    if (!month || !s.accept('-')) return std::nullopt;
    const auto day = s.digits(2);
    if (!day) return std::nullopt;
    int hour = 0, minute = 0, second = 0, offset = 0;
    if (!s.done()) {
        if (!s.accept('T') && !s.accept('t') && !s.accept(' ')) return std::nullopt;
        const auto h = s.digits(2);
        if (!h || !s.accept(':')) return std::nullopt;
        const auto m = s.digits(2);
        if (!m) return std::nullopt;
        hour = *h, minute = *m;
        if (s.accept(':')) {
            const auto sec = s.digits(2);
            if (!sec) return std::nullopt;
            second = *sec;
            if (s.accept('.') || s.accept(',')) {
                if (s.skip_digits() == 0) return std::nullopt;
            }
        }
        if (!s.done()) {
            const auto zone = parse_zone_offset(s);
            if (!zone || !s.done()) return std::nullopt;
            offset = *zone;
        }
    }
    const auto local = make_time(*year, *month, *day, hour, minute, second);
    if (!local) return std::nullopt;
    return *local - offset;
}

std::optional<UnixSeconds> parse_any_date(std::string_view text) {
    const auto date = parse_date(text);
    if (!date) return std::nullopt;
    return date->seconds;
}

std::optional<UnixSeconds> date_math_unit(std::string_view unit) {
    if (unit == "s") return 1;
    if (unit == "m") return 60;
    if (unit == "h" || unit == "H") return 3600;
    if (unit == "d") return seconds_per_day;
    if (unit == "w") return 7 * seconds_per_day;
    if (unit == "M" || unit == "mo") return 30 * seconds_per_day;
    if (unit == "y") return 365 * seconds_per_day;
    return std::nullopt;
}

std::optional<UnixSeconds> parse_duration(std::string_view text) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0 || digits > 6) return std::nullopt;
    const auto unit = date_math_unit(text.substr(digits));
    if (!unit) return std::nullopt;
    UnixSeconds amount = 0;
    for (char c : text.substr(0, digits)) amount = amount * 10 + (c - '0');
    if (amount <= 0) return std::nullopt;
    return amount * *unit;
}

std::optional<UnixSeconds> parse_date_bound(std::string_view text, bool upper, UnixSeconds now) {
    const std::string kept = trim(text);
    const std::string trimmed = to_lower_ascii(kept);
    std::string_view t = trimmed;
    if (t.substr(0, 3) == "now") {
        // Units keep their case: "m" is minutes and "M" months, as in Elasticsearch.
        const std::string_view offset = std::string_view(kept).substr(3);
        if (offset.empty()) return now;
        if (offset[0] != '-' && offset[0] != '+') return std::nullopt;
        const auto amount = parse_duration(offset.substr(1));
        if (!amount) return std::nullopt;
        return now + (offset[0] == '-' ? -*amount : *amount);
    }
    Scanner s{t};
    const auto year = s.digits(4);
    if (!year) return std::nullopt;
    if (s.done()) return upper ? *make_time(*year, 12, 31, 23, 59, 59) : *make_time(*year, 1, 1, 0, 0, 0);
    if (!s.accept('-')) return std::nullopt;
    const auto month = s.digits(2);
    if (!month || *month < 1 || *month > 12) return std::nullopt;
    if (s.done()) {
        if (!upper) return *make_time(*year, *month, 1, 0, 0, 0);
        const auto last = static_cast<int>(days_in_month(*year, static_cast<unsigned>(*month)));
        return *make_time(*year, *month, last, 23, 59, 59);
    }
    const auto exact = parse_iso8601(trimmed);
    if (!exact) return std::nullopt;
    // A bare date as an upper bound includes the whole day.
    if (upper && trimmed.size() == 10) return *exact + seconds_per_day - 1;
    return exact;
}

std::string format_utc(UnixSeconds seconds) {
    std::int64_t days = seconds / seconds_per_day;
    std::int64_t rest = seconds % seconds_per_day;
    if (rest < 0) {
        rest += seconds_per_day;
        --days;
    }
    // Inverse of days_from_civil.
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto day_of_era = static_cast<unsigned>(days - era * 146097);
    const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const unsigned mp = (5 * day_of_year + 2) / 153;
    const unsigned day = day_of_year - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(year), month,
                  day, static_cast<long long>(rest / 3600), static_cast<long long>(rest / 60 % 60),
                  static_cast<long long>(rest % 60));
    return buffer;
}

UnixSeconds current_unix_seconds() noexcept {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace gazette::detail

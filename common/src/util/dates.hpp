#pragma once
// Dates: parsing what articles carry and what queries ask (now-7d), all to UTC seconds.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gazette::detail {

using UnixSeconds = std::int64_t;

/// ISO 8601 date or date-time: YYYY-MM-DD, optionally followed by 'T' or ' ' and
/// HH:MM[:SS[.fraction]], optionally followed by Z, +HH:MM, +HHMM or +HH.
/// A time without a zone is taken as UTC.
std::optional<UnixSeconds> parse_iso8601(std::string_view text);

/// How much of a date was written: "2021", "2021-03", "2021-03-15", or a time of day too.
enum class DatePrecision { year, month, day, time };

struct ParsedDate {
    UnixSeconds seconds; ///< the start of the period, UTC
    DatePrecision precision;
};

/// Any date a feed, an export or an API writes (date_text.cpp): ISO 8601 and W3C-DTF in the
/// extended and basic forms, with reduced precision; RFC 822/2822 with its variants (one-digit
/// hours, lower-case or named zones such as CET, BST, IST, Etc/GMT+5, GMT-01:01, comments in
/// parentheses); RFC 850; asctime; JavaScript's Date string; "15 March 2021", "March 15, 2021
/// 9:00 pm ET", month names in English, French, German, Spanish, Italian, Portuguese and
/// Dutch; "2021/03/15", "15.03.2021", and slashed dates whose order is certain; seconds or
/// milliseconds since 1970. A zone that is not written means UTC.
std::optional<ParsedDate> parse_date(std::string_view text);

/// A date given as a number of seconds (or milliseconds, when too large for seconds) since 1970.
std::optional<ParsedDate> date_from_epoch(double seconds);

/// "2021", "2021-03", or "YYYY-MM-DDTHH:MM:SSZ" for a day or a time.
std::string format_date(const ParsedDate& date);

/// parse_date(text)'s seconds.
std::optional<UnixSeconds> parse_any_date(std::string_view text);

/// Seconds in a unit of Elasticsearch's date math: s, m (minutes), h or H, d, w, M (months of
/// 30 days), y (years of 365 days); "mo" is accepted for months too.
std::optional<UnixSeconds> date_math_unit(std::string_view unit);

/// "30m", "12h", "7d", "2w", "1M", "1y": a positive amount of a date-math unit.
std::optional<UnixSeconds> parse_duration(std::string_view text);

/// A bound of a date range as typed in a query or filter: a full ISO 8601 date(-time), or
/// YYYY-MM or YYYY (the start of the period for a lower bound, its last second for an upper
/// bound), or "now" with an optional offset in date-math units: now-30m, now-12h, now-7d,
/// now-2w, now-1M, now-1y, now+1d.
std::optional<UnixSeconds> parse_date_bound(std::string_view text, bool upper, UnixSeconds now);

/// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_utc(UnixSeconds seconds);

/// Days since 1970-01-01 for a proleptic Gregorian date.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept;

UnixSeconds current_unix_seconds() noexcept;

} // namespace gazette::detail

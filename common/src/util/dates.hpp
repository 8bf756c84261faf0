#pragma once
// Dates: parsing ISO 8601, RFC 822 (feeds) and relative dates (now-7d), all to UTC seconds.

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

/// RFC 822 / RFC 2822 date as used by RSS: "[Tue, ]12 Apr 2022 08:30[:00] +0000" (or GMT, UT,
/// Z, EST/EDT/CST/CDT/MST/MDT/PST/PDT); two-digit years are 19xx from 50 up, else 20xx.
std::optional<UnixSeconds> parse_rfc822(std::string_view text);

/// Either of the above.
std::optional<UnixSeconds> parse_any_date(std::string_view text);

/// A bound of a date range as typed in a query or filter: a full ISO 8601 date(-time), or
/// YYYY-MM or YYYY (the start of the period for a lower bound, its last second for an upper
/// bound), or "now" with an optional offset: now-7d, now-12h, now-2w, now-1M, now-1y, now+1d.
std::optional<UnixSeconds> parse_date_bound(std::string_view text, bool upper, UnixSeconds now);

/// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_utc(UnixSeconds seconds);

/// Days since 1970-01-01 for a proleptic Gregorian date.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept;

UnixSeconds current_unix_seconds() noexcept;

} // namespace gazette::detail

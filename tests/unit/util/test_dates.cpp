#include "util/dates.hpp"

#include <catch2/catch.hpp>

using namespace gazette::detail;

TEST_CASE("ISO 8601 dates and date-times convert to UTC") {
    CHECK(parse_iso8601("1970-01-01") == 0);
    CHECK(parse_iso8601("2021-09-06") == 1630886400);
    CHECK(parse_iso8601("2021-09-06T10:30:00Z") == 1630924200);
    CHECK(parse_iso8601("2021-09-06T12:30:00+02:00") == 1630924200);
    CHECK(parse_iso8601("2021-09-06T05:30-0500") == 1630924200);
    CHECK(parse_iso8601("2021-09-06 10:30:00.123Z") == 1630924200);
    CHECK(parse_iso8601("2021-09-06T10:30") == 1630924200);
    CHECK(parse_iso8601("2024-02-29") == 1709164800); // leap day
    CHECK(parse_iso8601("1965-03-01") == -152668800); // before the epoch
}

TEST_CASE("malformed ISO dates are rejected") {
    for (const char* bad : {"", "2021", "2021-13-01", "2021-02-30", "2023-02-29", "2021-9-6", "06/09/2021",
                            "2021-09-06T25:00", "2021-09-06T10:30:00+2", "2021-09-06garbage", "2021-09-06T10:30Zx"}) {
        INFO(bad);
        CHECK_FALSE(parse_iso8601(bad).has_value());
    }
}

TEST_CASE("RFC 822 dates from RSS feeds") {
    CHECK(parse_rfc822("Tue, 12 Apr 2022 08:30:00 +0000") == parse_iso8601("2022-04-12T08:30:00Z"));
    CHECK(parse_rfc822("12 Apr 2022 08:30 GMT") == parse_iso8601("2022-04-12T08:30:00Z"));
    CHECK(parse_rfc822("Tue, 12 Apr 2022 03:30:00 EST") == parse_iso8601("2022-04-12T08:30:00Z"));
    CHECK(parse_rfc822("Tue, 12 Apr 22 10:30:00 +0200") == parse_iso8601("2022-04-12T08:30:00Z"));
    CHECK(parse_rfc822("Mon, 5 Jan 1987 00:00:00 GMT") == parse_iso8601("1987-01-05"));
    CHECK_FALSE(parse_rfc822("Tue, 12 Foo 2022 08:30:00 +0000").has_value());
    CHECK_FALSE(parse_rfc822("Tue, 31 Apr 2022 08:30:00 +0000").has_value());
    CHECK(parse_any_date(" 2022-04-12 ") == parse_iso8601("2022-04-12"));
}

TEST_CASE("date bounds cover whole periods and relative dates") {
    const UnixSeconds now = *parse_iso8601("2024-06-15T12:00:00Z");
    CHECK(parse_date_bound("2021", false, now) == parse_iso8601("2021-01-01"));
    CHECK(parse_date_bound("2021", true, now) == parse_iso8601("2021-12-31T23:59:59Z"));
    CHECK(parse_date_bound("2024-02", true, now) == parse_iso8601("2024-02-29T23:59:59Z"));
    CHECK(parse_date_bound("2021-03-04", true, now) == parse_iso8601("2021-03-04T23:59:59Z"));
    CHECK(parse_date_bound("2021-03-04T10:00:00Z", true, now) == parse_iso8601("2021-03-04T10:00:00Z"));
    CHECK(parse_date_bound("now", false, now) == now);
    CHECK(parse_date_bound("now-7d", false, now) == now - 7 * 86400);
    CHECK(parse_date_bound("NOW-12h", false, now) == now - 12 * 3600);
    CHECK(parse_date_bound("now+1w", false, now) == now + 7 * 86400);
    CHECK(parse_date_bound("now-1y", false, now) == now - 365 * 86400);
    CHECK_FALSE(parse_date_bound("now-7", false, now).has_value());
    CHECK_FALSE(parse_date_bound("yesterday", false, now).has_value());
    CHECK_FALSE(parse_date_bound("2021-13", false, now).has_value());
}

TEST_CASE("format_utc is the inverse of parsing") {
    CHECK(format_utc(0) == "1970-01-01T00:00:00Z");
    CHECK(format_utc(1630924200) == "2021-09-06T10:30:00Z");
    CHECK(format_utc(-152668800) == "1965-03-01T00:00:00Z");
    for (UnixSeconds s : {UnixSeconds{951782400}, UnixSeconds{4102444799}, UnixSeconds{-1}})
        CHECK(parse_iso8601(format_utc(s)) == s);
}

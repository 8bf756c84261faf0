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

namespace {

// The UTC date-time a text reads as, or "" when it does not read.
std::string utc(const char* text) {
    const auto date = parse_date(text);
    return date ? format_utc(date->seconds) : std::string();
}

std::string canonical(const char* text) {
    const auto date = parse_date(text);
    return date ? format_date(*date) : std::string();
}

} // namespace

TEST_CASE("RFC 822 dates from RSS feeds, and their variants in the wild") {
    CHECK(utc("Tue, 12 Apr 2022 08:30:00 +0000") == "2022-04-12T08:30:00Z");
    CHECK(utc("12 Apr 2022 08:30 GMT") == "2022-04-12T08:30:00Z");
    CHECK(utc("Tue, 12 Apr 2022 03:30:00 EST") == "2022-04-12T08:30:00Z");
    CHECK(utc("Tue, 12 Apr 22 10:30:00 +0200") == "2022-04-12T08:30:00Z");
    CHECK(utc("Mon, 5 Jan 1987 00:00:00 GMT") == "1987-01-05T00:00:00Z");
    CHECK(utc("Mon, 15 Mar 2021 9:00:00 GMT") == "2021-03-15T09:00:00Z"); // one-digit hour
    CHECK(utc("Mon, 15 Mar 2021 09:00:00 gmt") == "2021-03-15T09:00:00Z");
    CHECK(utc("Mon, 15 Mar 2021 09:00:00 +0000 (UTC)") == "2021-03-15T09:00:00Z");
    CHECK(utc("Mon, 15 Mar 2021 10:01:00 GMT-01:01") == "2021-03-15T11:02:00Z");
    CHECK(utc("Mon, 15 Mar 2021 10:00:00 CET") == "2021-03-15T09:00:00Z");
    CHECK(utc("Mon, 15 Jun 2021 10:00:00 BST") == "2021-06-15T09:00:00Z");
    CHECK(utc("Mon, 15 Jun 2021 10:00:00 EEST") == "2021-06-15T07:00:00Z");
    CHECK(utc("Mon, 15 Mar 2021 10:00:00 MET") == "2021-03-15T09:00:00Z");
    CHECK(utc("Mon, 15 Jun 2021 10:00:00 MEST") == "2021-06-15T08:00:00Z");
    CHECK(utc("Mon, 15 Mar 2021 10:00:00 Etc/GMT") == "2021-03-15T10:00:00Z");
    CHECK(utc("Mon, 15 Mar 2021 10:00:00 Etc/GMT+5") == "2021-03-15T15:00:00Z"); // POSIX sign
    CHECK(utc("Mon, 15 Mar 2021 10:00:00 IST") == "2021-03-15T04:30:00Z");
    CHECK(utc("Tue, 10 Jun 2003 09:41:01.123 GMT") == "2003-06-10T09:41:01Z");
    CHECK(utc("Tue,12 Apr 2022 08:30:00 +0000") == "2022-04-12T08:30:00Z");
    // Generic US zones follow daylight saving time.
    CHECK(utc("March 15, 2021 9:00 pm ET") == "2021-03-16T01:00:00Z");
    CHECK(utc("January 15, 2021 9:00 pm ET") == "2021-01-16T02:00:00Z");
    CHECK(utc("Jul 4 2021 10:00 PT") == "2021-07-04T17:00:00Z");
    // A zone name nobody knows, after the time, is UTC with its local time unknown (RFC 5322,
    // 4.3: "-0000"); after an offset it only repeats the offset.
    CHECK(utc("Tue, 26 May 2020 14:04:40 XT") == "2020-05-26T14:04:40Z");
    CHECK(utc("Fri, 21 Nov 1997 09:55:06 -0600 (XYZ)") == "1997-11-21T15:55:06Z");
    CHECK(utc("Fri, 21 Nov 1997 09:55:06 -0600 QQT") == "1997-11-21T15:55:06Z");
    CHECK(utc("Tue, 26 May 2020 14:04:40 ABCDEF").empty()); // not a zone's length
    CHECK(utc("Tue, 26 May 2020 XT").empty());              // no time for it to be the zone of
    CHECK(utc("Tue, 26 May 2020 14:04:40 XT QT").empty());  // one zone
    CHECK(utc("Tue, 12 Foo 2022 08:30:00 +0000").empty());
    CHECK(utc("Tue, 31 Apr 2022 08:30:00 +0000").empty());
    CHECK(parse_any_date(" 2022-04-12 ") == parse_iso8601("2022-04-12"));
}

TEST_CASE("ISO-style date-times with an offset and its zone's name, and a comma before the fraction") {
    CHECK(utc("2006-01-02 15:04:05,9999 -0700 MST") == "2006-01-02T22:04:05Z");
    CHECK(utc("2006-01-02 15:04:05.9999 -0700 MST") == "2006-01-02T22:04:05Z");
    CHECK(utc("2021-03-15 10:00:00 +0000 (UTC)") == "2021-03-15T10:00:00Z");
    CHECK(utc("2021-03-15T10:00:00,5Z") == "2021-03-15T10:00:00Z");
    CHECK(utc("2021-03-15 10:00:00 -0700 MST extra").empty());
}

TEST_CASE("other date forms feeds and exports write") {
    CHECK(utc("Sunday, 06-Nov-94 08:49:37 GMT") == "1994-11-06T08:49:37Z"); // RFC 850
    CHECK(utc("Sun Nov  6 08:49:37 1994") == "1994-11-06T08:49:37Z");       // asctime
    CHECK(utc("Thu Aug 30 2012 17:26:16 +0200") == "2012-08-30T15:26:16Z"); // JavaScript
    CHECK(utc("Thu Aug 30 2012 17:26:16 GMT+0200 (Central European Summer Time)") == "2012-08-30T15:26:16Z");
    CHECK(utc("2021-03-15 10:00:00 +01:00") == "2021-03-15T09:00:00Z");
    CHECK(utc("2021-03-15 10:00:00 UTC") == "2021-03-15T10:00:00Z");
    CHECK(utc("2021-03-15T10:00:00.123456-05:00") == "2021-03-15T15:00:00Z");
    CHECK(utc("20210315T100000Z") == "2021-03-15T10:00:00Z");
    CHECK(utc("20210315") == "2021-03-15T00:00:00Z");
    CHECK(utc("2021-03-15t10:00z") == "2021-03-15T10:00:00Z");
    CHECK(utc("2021-03-15T10") == "2021-03-15T10:00:00Z");
    CHECK(utc("15 March 2021") == "2021-03-15T00:00:00Z");
    CHECK(utc("March 15th, 2021") == "2021-03-15T00:00:00Z");
    CHECK(utc("15. März 2021") == "2021-03-15T00:00:00Z");
    CHECK(utc("le 15 mars 2021 à 10h30") == "2021-03-15T10:30:00Z");
    CHECK(utc("mar., 15 mars 2021 10:00:00 +0100") == "2021-03-15T09:00:00Z"); // French Tuesday
    CHECK(utc("15 de marzo de 2021") == "2021-03-15T00:00:00Z");
    CHECK(utc("2021/03/15") == "2021-03-15T00:00:00Z");
    CHECK(utc("15.03.2021 10:00") == "2021-03-15T10:00:00Z");
    CHECK(utc("03/15/2021") == "2021-03-15T00:00:00Z");
    CHECK(utc("15/03/2021") == "2021-03-15T00:00:00Z");
    CHECK(utc("03/04/2021").empty());                      // March or April: not guessed
    CHECK(utc("1615802400") == "2021-03-15T10:00:00Z");    // seconds
    CHECK(utc("1615802400000") == "2021-03-15T10:00:00Z"); // milliseconds
    CHECK(utc("2021-03-15 10:00:00 \xE2\x88\x92"
              "05:00") == "2021-03-15T15:00:00Z"); // Unicode minus
    for (const char* bad : {"", "yesterday", "soon", "2021-13-01", "2021-02-30", "32 March 2021", "12 2021", "202103",
                            "Mon, 15 Mar 2021 25:00:00 GMT", "Europe/Berlin", "N/A", "0000-00-00"}) {
        INFO(bad);
        CHECK(utc(bad).empty());
    }
}

TEST_CASE("dates in other scripts and older ISO 8601 forms") {
    CHECK(utc("Κυρ, 12 Σεπ 2010 09:00:00 GMT") == "2010-09-12T09:00:00Z");      // Greek
    CHECK(utc("2010-szeptember-12T8:30+02:00") == "2010-09-12T06:30:00Z");      // Hungarian month name
    CHECK(utc("2010년 09월 12일 09:30:00") == "2010-09-12T00:30:00Z");          // Korean, KST
    CHECK(utc("2010-09-12 오후 03:30:00") == "2010-09-12T06:30:00Z");           // Korean afternoon, KST
    CHECK(utc("2010年9月12日 15:30") == "2010-09-12T15:30:00Z");                // Chinese, Japanese
    CHECK(utc("Sun, 2010/09/12 10:00:00 EDT") == "2010-09-12T14:00:00Z");       // Perforce
    CHECK(utc("Sun Sep 12 10:00:00 +0000 2010") == "2010-09-12T10:00:00Z");     // Twitter
    CHECK(utc("Sun, 12 September 2010 10:00:00 AT") == "2010-09-12T14:00:00Z"); // Atlantic, after the time
    CHECK(utc("Sun, 12 Sep, 2010 10:00:00 UTC") == "2010-09-12T10:00:00Z");     // a stray comma
    CHECK(utc("100912") == "2010-09-12T00:00:00Z");
    CHECK(utc("10-09-12") == "2010-09-12T00:00:00Z");
    CHECK(utc("-1009") == "2010-09-01T00:00:00Z");
    CHECK(utc("-10-09") == "2010-09-01T00:00:00Z");
    CHECK(utc("2010-255") == "2010-09-12T00:00:00Z");              // the 255th day
    CHECK(utc("2010-009-12T10:00:00Z") == "2010-09-12T10:00:00Z"); // a three-digit month
    CHECK(utc("Fri, 01 Jan 0200 00:00:00 +0000") == "0200-01-01T00:00:00Z");
    CHECK(utc("2010-09-12T10:00:00.2222222222222222222Z") == "2010-09-12T10:00:00Z"); // a long fraction
    for (const char* bad :
         {"2010-09-12-01", "Sun, 12 Sep 2010 1:2:3:4 GMT", "Sun, Sep x 2010 10:00:00 GMT",
          "Sun, 12 Sep 2010 10:00:00 +zz:00", "2010-09-12T10:00:00-05:00Textra", "9999-12-31T23:59:59-99:99",
          // digit runs longer than any field: rejected, never an integer overflow
          "2222222222222년 09월 12일", "Sun, 12 Sep 2010 22222222222:00:00 GMT", "12 Sep 2010 10:00:00 +22222222222",
          "22222222222222/09/12"}) {
        INFO(bad);
        CHECK(utc(bad).empty());
    }
}

TEST_CASE("dates of reduced precision are kept as such") {
    CHECK(canonical("2021") == "2021");
    CHECK(canonical("2021-03") == "2021-03");
    CHECK(canonical("March 2021") == "2021-03");
    CHECK(canonical("2021-03-15") == "2021-03-15T00:00:00Z");
    CHECK(utc("2021") == "2021-01-01T00:00:00Z");
    CHECK(utc("2021-03") == "2021-03-01T00:00:00Z");
    CHECK(parse_date("2021")->precision == DatePrecision::year);
    CHECK(parse_date("2021-03")->precision == DatePrecision::month);
    CHECK(parse_date("2021-03-15")->precision == DatePrecision::day);
    CHECK(parse_date("2021-03-15T10:00Z")->precision == DatePrecision::time);
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
    // Elasticsearch's date math: m is minutes, M months.
    CHECK(parse_date_bound("now-30m", false, now) == now - 30 * 60);
    CHECK(parse_date_bound("now-1M", false, now) == now - 30 * 86400);
    CHECK(parse_date_bound("now-1mo", false, now) == now - 30 * 86400);
    CHECK(parse_date_bound("now-90s", false, now) == now - 90);
    CHECK(parse_date_bound("now-2H", false, now) == now - 2 * 3600);
    CHECK(parse_duration("30m") == 30 * 60);
    CHECK(parse_duration("1M") == 30 * 86400);
    CHECK(parse_duration("7d") == 7 * 86400);
    CHECK_FALSE(parse_duration("0d").has_value());
    CHECK_FALSE(parse_duration("7").has_value());
    CHECK_FALSE(parse_duration("d").has_value());
    CHECK_FALSE(parse_duration("7x").has_value());
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

// Dates as feeds, exports and APIs write them. No library in Debian reads this union of forms:
// strptime and Howard Hinnant's date library need the format known in advance, curl_getdate
// reads RFC 822/850 and asctime but neither W3C-DTF's reduced precision nor ISO 8601's basic
// form, and glibc's getdate depends on a template file. So, like feed readers (feedparser's
// date handlers are the model), this tries ISO 8601 first, then reads the text token by token.

#include "util/dates.hpp"

#include "util/text_util.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

namespace gazette::detail {

namespace {

constexpr UnixSeconds seconds_per_day = 86400;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

// A run of digits as a number. No date field is more than five digits long, so a longer run
// saturates at a value every range check rejects, instead of overflowing an int.
int number(std::string_view s) {
    constexpr int saturated = 999'999;
    int n = 0;
    for (char c : s) {
        n = n * 10 + (c - '0');
        if (n >= saturated) return saturated;
    }
    return n;
}

bool is_leap(std::int64_t year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(std::int64_t year, int month) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

// The fields of a date as read, before they are checked and combined.
struct Fields {
    int year = -1, month = -1, day = -1;
    int hour = -1, minute = 0, second = 0;
    std::optional<int> offset; ///< seconds east of UTC
    bool zone_named = false;   ///< a zone's name was read (known or not)
    /// A generic US zone ("et", "ct", "mt", "pt") as its standard offset in hours; its offset
    /// depends on US daylight time. 0 when none.
    int generic_zone_standard = 0;
    bool pm = false, am = false;
};

// Second Sunday of March to first Sunday of November, at 2:00 local time (US rules since 2007).
bool us_daylight_time(int year, int month, int day, int hour) {
    const auto weekday = [](int y, int m, int d) { // 0 = Sunday
        return static_cast<int>(((days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) % 7) + 11) %
                                7);
    };
    if (month < 3 || month > 11) return false;
    if (month > 3 && month < 11) return true;
    if (month == 3) {
        const int second_sunday = 1 + (7 - weekday(year, 3, 1)) % 7 + 7;
        return day > second_sunday || (day == second_sunday && hour >= 2);
    }
    const int first_sunday = 1 + (7 - weekday(year, 11, 1)) % 7;
    return day < first_sunday || (day == first_sunday && hour < 2);
}

std::optional<ParsedDate> combine(Fields f) {
    if (f.year < 0 || f.month < 0) return std::nullopt;
    if (f.year < 1 || f.year > 9999 || f.month < 1 || f.month > 12) return std::nullopt;
    if (f.day < 0) {
        if (f.hour >= 0) return std::nullopt; // a time without a day
        return ParsedDate{days_from_civil(f.year, static_cast<unsigned>(f.month), 1) * seconds_per_day,
                          DatePrecision::month};
    }
    if (f.day < 1 || f.day > days_in_month(f.year, f.month)) return std::nullopt;
    int hour = f.hour < 0 ? 0 : f.hour;
    if (f.pm || f.am) {
        if (hour < 1 || hour > 12) return std::nullopt;
        hour = hour % 12 + (f.pm ? 12 : 0);
    }
    if (hour > 24 || f.minute > 59 || f.second > 60 || (hour == 24 && (f.minute || f.second))) return std::nullopt;
    const int second = f.second == 60 ? 59 : f.second; // a leap second: clamped
    int offset = f.offset.value_or(0);
    if (f.generic_zone_standard != 0) {
        const int standard = f.generic_zone_standard;
        offset = (standard + (us_daylight_time(f.year, f.month, f.day, hour) ? 1 : 0)) * 3600;
    }
    const UnixSeconds local =
        days_from_civil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day)) * seconds_per_day +
        hour * 3600 + f.minute * 60 + second;
    return ParsedDate{local - offset, f.hour < 0 ? DatePrecision::day : DatePrecision::time};
}

// "+HH", "+HHMM", "+HH:MM", "-H:MM" (also with the Unicode minus sign written as '-').
std::optional<int> numeric_offset(std::string_view s) {
    if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
    const int sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
    int hours = 0, minutes = 0;
    if (const auto colon = s.find(':'); colon != std::string_view::npos) {
        const auto h = s.substr(0, colon), m = s.substr(colon + 1);
        if (!all_digits(h) || h.size() > 2 || !all_digits(m) || m.size() != 2) return std::nullopt;
        hours = number(h), minutes = number(m);
    } else if (all_digits(s) && (s.size() == 1 || s.size() == 2)) {
        hours = number(s);
    } else if (all_digits(s) && (s.size() == 3 || s.size() == 4)) {
        hours = number(s.substr(0, s.size() - 2)), minutes = number(s.substr(s.size() - 2));
    } else {
        return std::nullopt;
    }
    if (hours > 14 || minutes > 59) return std::nullopt;
    return sign * (hours * 3600 + minutes * 60);
}

struct NamedZone {
    std::string_view name;
    int minutes; ///< east of UTC
};

// Abbreviations seen in feeds, with the offsets they mean in news sources. "IST" is India's
// (Indian news sites write it), not Ireland's or Israel's.
constexpr std::array<NamedZone, 44> named_zones{{
    {"z", 0},      {"ut", 0},     {"utc", 0},    {"gmt", 0},    {"wet", 0},     {"west", 60},   {"bst", 60},
    {"cet", 60},   {"met", 60},   {"mez", 60},   {"cest", 120}, {"mest", 120},  {"mesz", 120},  {"eet", 120},
    {"eest", 180}, {"msk", 180},  {"msd", 240},  {"ist", 330},  {"pkt", 300},   {"ict", 420},   {"wib", 420},
    {"hkt", 480},  {"sgt", 480},  {"awst", 480}, {"cst", -360}, {"cdt", -300},  {"est", -300},  {"edt", -240},
    {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420}, {"akst", -540}, {"akdt", -480}, {"hst", -600},
    {"ast", -240}, {"adt", -180}, {"nst", -210}, {"ndt", -150}, {"jst", 540},   {"kst", 540},   {"aest", 600},
    {"aedt", 660}, {"nzdt", 780},
}};

// A zone word, lower-cased: a name from the table, "etc/gmt+5" (POSIX sign: five hours west),
// "gmt+02:00" / "utc-5", or a generic US zone ("et", "pt").
bool read_zone(std::string_view z, Fields& f) {
    for (const auto& n : named_zones)
        if (z == n.name) {
            f.offset = n.minutes * 60;
            return true;
        }
    if (z == "nzst") {
        f.offset = 720 * 60;
        return true;
    }
    if (z == "et" || z == "ct" || z == "mt" || z == "pt") {
        f.generic_zone_standard = z == "et" ? -5 : z == "ct" ? -6 : z == "mt" ? -7 : -8;
        return true;
    }
    for (std::string_view posix : {"etc/gmt", "etc/utc", "etc/ut"}) {
        if (z.substr(0, posix.size()) != posix) continue;
        const auto rest = z.substr(posix.size());
        if (rest.empty()) {
            f.offset = 0;
            return true;
        }
        const auto offset = numeric_offset(rest);
        if (!offset) return false;
        f.offset = -*offset; // Etc/GMT+5 is five hours behind UTC
        return true;
    }
    for (std::string_view base : {"gmt", "utc", "ut"}) {
        if (z.size() > base.size() && z.substr(0, base.size()) == base) {
            const auto offset = numeric_offset(z.substr(base.size()));
            if (!offset) return false;
            f.offset = *offset;
            return true;
        }
    }
    // Military single letters: RFC 2822 says their meaning is unknown, so UTC.
    if (z.size() == 1 && z[0] >= 'a' && z[0] <= 'z' && z[0] != 'j') {
        f.offset = 0;
        return true;
    }
    return false;
}

// Month names and abbreviations in the languages of most news feeds; accents optional.
std::optional<int> month_word(std::string_view w) {
    struct Month {
        std::string_view name;
        int month;
    };
    static constexpr Month months[] = {
        // English
        {"jan", 1},
        {"january", 1},
        {"feb", 2},
        {"february", 2},
        {"mar", 3},
        {"march", 3},
        {"apr", 4},
        {"april", 4},
        {"may", 5},
        {"jun", 6},
        {"june", 6},
        {"jul", 7},
        {"july", 7},
        {"aug", 8},
        {"august", 8},
        {"sep", 9},
        {"sept", 9},
        {"september", 9},
        {"oct", 10},
        {"october", 10},
        {"nov", 11},
        {"november", 11},
        {"dec", 12},
        {"december", 12},
        // French
        {"janv", 1},
        {"janvier", 1},
        {"févr", 2},
        {"fevr", 2},
        {"février", 2},
        {"fevrier", 2},
        {"mars", 3},
        {"avr", 4},
        {"avril", 4},
        {"mai", 5},
        {"juin", 6},
        {"juil", 7},
        {"juillet", 7},
        {"août", 8},
        {"aout", 8},
        {"septembre", 9},
        {"octobre", 10},
        {"novembre", 11},
        {"déc", 12},
        {"décembre", 12},
        {"decembre", 12},
        // German
        {"januar", 1},
        {"jänner", 1},
        {"februar", 2},
        {"märz", 3},
        {"maerz", 3},
        {"mrz", 3},
        {"juni", 6},
        {"juli", 7},
        {"okt", 10},
        {"oktober", 10},
        {"dez", 12},
        {"dezember", 12},
        // Spanish, Italian, Portuguese
        {"ene", 1},
        {"enero", 1},
        {"febrero", 2},
        {"marzo", 3},
        {"abr", 4},
        {"abril", 4},
        {"mayo", 5},
        {"junio", 6},
        {"julio", 7},
        {"ago", 8},
        {"agosto", 8},
        {"septiembre", 9},
        {"setiembre", 9},
        {"octubre", 10},
        {"noviembre", 11},
        {"dic", 12},
        {"diciembre", 12},
        {"gen", 1},
        {"gennaio", 1},
        {"febbraio", 2},
        {"aprile", 4},
        {"mag", 5},
        {"maggio", 5},
        {"giu", 6},
        {"giugno", 6},
        {"lug", 7},
        {"luglio", 7},
        {"set", 9},
        {"settembre", 9},
        {"ott", 10},
        {"ottobre", 10},
        {"dicembre", 12},
        {"janeiro", 1},
        {"fev", 2},
        {"fevereiro", 2},
        {"março", 3},
        {"marco", 3},
        {"maio", 5},
        {"junho", 6},
        {"julho", 7},
        {"setembro", 9},
        {"out", 10},
        {"outubro", 10},
        {"dezembro", 12},
        // Dutch
        {"januari", 1},
        {"februari", 2},
        {"maart", 3},
        {"mrt", 3},
        {"mei", 5},
        {"augustus", 8},
        // Hungarian
        {"január", 1},
        {"február", 2},
        {"március", 3},
        {"április", 4},
        {"május", 5},
        {"június", 6},
        {"július", 7},
        {"augusztus", 8},
        {"szeptember", 9},
        {"október", 10},
        // Greek abbreviations, as Greek feeds write them (capitalised: only ASCII is lowered)
        {"Ιαν", 1},
        {"Φεβ", 2},
        {"Μάρ", 3},
        {"Μαρ", 3},
        {"Απρ", 4},
        {"Μάι", 5},
        {"Μαϊ", 5},
        {"Μαι", 5},
        {"Ιούν", 6},
        {"Ιουν", 6},
        {"Ιούλ", 7},
        {"Ιουλ", 7},
        {"Αύγ", 8},
        {"Αυγ", 8},
        {"Σεπ", 9},
        {"Οκτ", 10},
        {"Νοέ", 11},
        {"Νοε", 11},
        {"Δεκ", 12},
    };
    for (const auto& m : months)
        if (w == m.name) return m.month;
    return std::nullopt;
}

bool weekday_word(std::string_view w) {
    static constexpr std::string_view days[] = {
        "mon",      "monday",   "tue",        "tues",     "tuesday",   "wed",       "wednesday", "thu",      "thur",
        "thurs",    "thursday", "fri",        "friday",   "sat",       "saturday",  "sun",       "sunday",   "lun",
        "lundi",    "mar",      "mardi",      "mer",      "mercredi",  "jeu",       "jeudi",     "ven",      "vendredi",
        "sam",      "samedi",   "dim",        "dimanche", "mo",        "montag",    "di",        "dienstag", "mi",
        "mittwoch", "do",       "donnerstag", "fr",       "freitag",   "sa",        "samstag",   "so",       "sonntag",
        "lunes",    "martes",   "mié",        "mie",      "miércoles", "miercoles", "jue",       "jueves",   "vie",
        "viernes",  "sáb",      "sab",        "sábado",   "sabado",    "dom",       "domingo",   "Κυρ",      "Δευ",
        "Τρι",      "Τετ",      "Πεμ",        "Παρ",      "Σαβ"};
    for (auto d : days)
        if (w == d) return true;
    return false;
}

// Words that carry nothing: "15 March 2021 at 10:00", "le 15 mars", "15. März", "15 de marzo de 2021".
bool filler_word(std::string_view w) {
    return w == "at" || w == "on" || w == "the" || w == "of" || w == "le" || w == "de" || w == "del" || w == "um" ||
           w == "à" || w == "a" || w == "h" || w == "uhr";
}

// "H:MM", "HH:MM:SS", "HH:MM:SS.fff", "10h30" -> the time fields.
bool read_time(std::string_view t, Fields& f) {
    std::string text(t);
    for (char& c : text)
        if (c == 'h') c = ':'; // "10h30"
    const auto first = text.find(':');
    if (first == std::string::npos) return false;
    const auto h = std::string_view(text).substr(0, first);
    auto rest = std::string_view(text).substr(first + 1);
    std::string_view m = rest, s;
    if (const auto second = rest.find(':'); second != std::string_view::npos) {
        m = rest.substr(0, second);
        s = rest.substr(second + 1);
        if (const auto dot = s.find_first_of(".,"); dot != std::string_view::npos) {
            if (!all_digits(s.substr(dot + 1))) return false;
            s = s.substr(0, dot);
        }
        if (!all_digits(s) || s.size() != 2) return false;
    }
    if (!all_digits(h) || h.size() > 2 || !all_digits(m) || m.size() != 2) return false;
    f.hour = number(h), f.minute = number(m), f.second = s.empty() ? 0 : number(s);
    return true;
}

// A date of numbers: "2021/03/15", "15.03.2021", "03/15/2021" (only when the order is certain).
bool read_numeric_date(std::string_view t, Fields& f) {
    char separator = 0;
    for (char c : t)
        if (c == '/' || c == '.' || c == '-') {
            separator = c;
            break;
        }
    if (!separator) return false;
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= t.size(); ++i)
        if (i == t.size() || t[i] == separator) {
            parts.push_back(t.substr(start, i - start));
            start = i + 1;
        }
    if (parts.size() != 3) return false;
    for (auto p : parts)
        if (!all_digits(p)) return false;
    const int a = number(parts[0]), b = number(parts[1]), c = number(parts[2]);
    if (parts[0].size() == 4) { // Y M D
        f.year = a, f.month = b, f.day = c;
        return true;
    }
    if (parts[2].size() != 4 && parts[2].size() != 2) return false;
    const int year = parts[2].size() == 4 ? c : c + (c >= 50 ? 1900 : 2000);
    if (separator == '.' || separator == '-' || a > 12) { // D M Y: dots are the European order
        f.day = a, f.month = b, f.year = year;
        return true;
    }
    if (b > 12) { // M D Y
        f.month = a, f.day = b, f.year = year;
        return true;
    }
    return false; // 03/04/2021: March or April? Not guessed.
}

// Lower-case ASCII letters; other bytes are kept (month names begin with an ASCII capital).
std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Splits into words, numbers and signs: spaces and commas separate; parentheses are comments.
std::vector<std::string> tokens_of(std::string_view text) {
    std::vector<std::string> tokens;
    std::string current;
    int depth = 0;
    const auto flush = [&] {
        if (!current.empty()) tokens.push_back(lower(current));
        current.clear();
    };
    for (char c : text) {
        if (c == '(') {
            flush();
            ++depth;
        } else if (c == ')') {
            depth = std::max(0, depth - 1);
        } else if (depth > 0) {
            continue;
        } else if (c == ' ' || c == '\t' || c == ',' || c == '\n' || c == '\r') {
            flush();
        } else {
            current += c;
        }
    }
    flush();
    return tokens;
}

// Reads a word: am/pm, a month, a weekday, a filler word or a zone.
bool read_word(const std::string& word, Fields& f, std::string& month_token) {
    if (word == "am" || word == "a.m" || word == "pm" || word == "p.m") {
        (word[0] == 'a' ? f.am : f.pm) = true;
        return true;
    }
    // Morning and afternoon in Korean, Japanese and Chinese.
    if (word == "오전" || word == "午前" || word == "上午" || word == "오후" || word == "午後" || word == "下午") {
        (word == "오전" || word == "午前" || word == "上午" ? f.am : f.pm) = true;
        return true;
    }
    // "at" before a time is a word; after it, Atlantic time ("16:31:00 AT").
    if (word == "at" && f.hour >= 0) {
        f.offset = -4 * 3600;
        return true;
    }
    if (const auto month = month_word(word)) {
        // "mar." is Tuesday in French and Spanish before it is March: a later month word wins.
        if (!month_token.empty() && !weekday_word(month_token)) return false;
        f.month = *month;
        month_token = word;
        return true;
    }
    if (weekday_word(word) || filler_word(word)) return true;
    if (read_zone(word, f)) {
        f.zone_named = true;
        return true;
    }
    // After the time, a zone name we do not know ("XT"): RFC 5322 (4.3) says to read such a zone
    // as -0000, UTC with its local time unknown, as feed readers do. After an offset, a name
    // only repeats it.
    const bool letters = std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (f.hour >= 0 && !f.zone_named && letters && word.size() >= 2 && word.size() <= 5) {
        if (!f.offset) f.offset = 0;
        f.zone_named = true;
        return true;
    }
    return false;
}

// "2021年", "3月", "15日", "2004년", "05월", "28일", or several run together ("2021年3月15日"):
// numbers marked as year, month and day in Chinese, Japanese and Korean.
bool read_cjk_date(std::string_view token, Fields& f, bool& korean) {
    static constexpr std::pair<std::string_view, int> markers[] = {{"年", 0}, {"月", 1}, {"日", 2},
                                                                   {"년", 0}, {"월", 1}, {"일", 2}};
    bool any = false;
    while (!token.empty()) {
        std::size_t digits = 0;
        while (digits < token.size() && is_digit(token[digits])) ++digits;
        if (digits == 0) return false;
        bool matched = false;
        for (const auto& [marker, field] : markers) {
            if (token.substr(digits, marker.size()) != marker) continue;
            const int value = number(token.substr(0, digits));
            (field == 0 ? f.year : field == 1 ? f.month : f.day) = value;
            korean = korean || marker == "년" || marker == "월" || marker == "일";
            token.remove_prefix(digits + marker.size());
            matched = any = true;
            break;
        }
        if (!matched) return false;
    }
    return any;
}

// Reads a token that starts with a digit: a number, a time, a numeric or RFC 850 date.
bool read_numeric(const std::string& token, Fields& f, std::vector<int>& bare_numbers, std::string& month_token) {
    if (all_digits(token)) {
        if (token.size() > 4) return false;
        if (token.size() == 4) {
            if (f.year >= 0) return false;
            f.year = number(token);
        } else {
            bare_numbers.push_back(number(token));
        }
        return true;
    }
    if (token.find(':') != std::string::npos || token.find('h') != std::string::npos) {
        // A time, possibly with a zone or am/pm stuck to it: "17:26:16z", "9:00pm", "10:00+01:00".
        std::string time = token, tail;
        if (const auto sign = time.find_first_of("+-", 1); sign != std::string::npos)
            tail = time.substr(sign), time.resize(sign);
        while (!time.empty() && std::isalpha(static_cast<unsigned char>(time.back())) && time.back() != 'h')
            tail.insert(tail.begin(), time.back()), time.pop_back();
        if (!read_time(time, f)) return false;
        if (tail.empty()) return true;
        if (const auto offset = numeric_offset(tail)) {
            f.offset = *offset;
            return true;
        }
        return read_word(tail, f, month_token);
    }
    if (read_numeric_date(token, f)) return true;
    // RFC 850: "06-Nov-94"
    const auto first = token.find('-'), last = token.rfind('-');
    if (first == std::string::npos || first == last) return false;
    const std::string day = token.substr(0, first), month = token.substr(first + 1, last - first - 1),
                      year = token.substr(last + 1);
    const auto m = month_word(month);
    if (!all_digits(day) || !m || !all_digits(year) || (year.size() != 2 && year.size() != 4)) return false;
    f.day = number(day), f.month = *m;
    f.year = year.size() == 2 ? number(year) + (number(year) >= 50 ? 1900 : 2000) : number(year);
    month_token = month;
    return true;
}

// RFC 822/2822 and its variants, RFC 850, asctime, JavaScript's Date string, "15 March 2021",
// "March 15, 2021 9:00 pm ET", "15. März 2021", "le 15 mars 2021 à 10h30", "2021/03/15"...
std::optional<ParsedDate> parse_tokens(std::string_view text) {
    Fields f;
    std::vector<int> bare_numbers; // the day, then a 2-digit year
    std::string month_token;
    bool korean = false;
    for (std::string token : tokens_of(text)) {
        while (!token.empty() && token.back() == '.') token.pop_back(); // "Mar." "15."
        if (token.empty()) continue;
        if (token.size() > 2 && is_digit(token[0])) { // "15th"
            const auto suffix = token.substr(token.size() - 2);
            if ((suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") &&
                all_digits(token.substr(0, token.size() - 2)))
                token.resize(token.size() - 2);
        }
        bool ok;
        if (is_digit(token[0]) && read_cjk_date(token, f, korean)) {
            ok = true;
        } else if (is_digit(token[0])) {
            ok = read_numeric(token, f, bare_numbers, month_token);
        } else if (token[0] == '+' || token[0] == '-') {
            const auto offset = numeric_offset(token);
            if (offset) f.offset = *offset;
            ok = offset.has_value();
        } else {
            ok = read_word(token, f, month_token);
        }
        if (!ok) return std::nullopt;
    }
    if (f.month < 0) return std::nullopt;
    std::size_t next = 0;
    if (f.day < 0 && next < bare_numbers.size()) f.day = bare_numbers[next++];
    if (f.year < 0 && next < bare_numbers.size()) {
        const int y = bare_numbers[next++];
        f.year = y + (y >= 50 ? 1900 : 2000);
    }
    if (next != bare_numbers.size()) return std::nullopt;
    // Korean sites write their dates in KST.
    korean = korean || text.find("오전") != std::string_view::npos || text.find("오후") != std::string_view::npos;
    if (korean && !f.offset && f.generic_zone_standard == 0) f.offset = 9 * 3600;
    return combine(f);
}

// ISO 8601 and W3C-DTF, extended ("2021-03-15T10:00:00+01:00") or basic ("20210315T100000Z"),
// with reduced precision ("2021", "2021-03", "2021-03-15T10"), a fraction, a space instead of
// the T, spaces before the zone, and a zone name instead of an offset ("... 10:00:00 UTC").
std::optional<ParsedDate> parse_iso_family(std::string_view t) {
    std::size_t pos = 0;
    const auto digits = [&](std::size_t n) -> std::optional<int> {
        if (pos + n > t.size() || !all_digits(t.substr(pos, n))) return std::nullopt;
        const int v = number(t.substr(pos, n));
        pos += n;
        return v;
    };
    Fields f;
    const auto year = digits(4);
    if (!year) return std::nullopt;
    f.year = *year;
    if (pos == t.size()) { // "2021": the year
        f.month = 1, f.day = 1;
        const auto start = combine(f);
        if (!start) return std::nullopt;
        return ParsedDate{start->seconds, DatePrecision::year};
    }
    bool extended = t[pos] == '-';
    if (extended) ++pos;
    // An ordinal date, "2003-335": the 335th day of 2003.
    if (extended && pos + 3 == t.size() && all_digits(t.substr(pos))) {
        const int ordinal = number(t.substr(pos));
        if (ordinal < 1 || ordinal > (is_leap(f.year) ? 366 : 365)) return std::nullopt;
        return ParsedDate{(days_from_civil(f.year, 1, 1) + ordinal - 1) * seconds_per_day, DatePrecision::day};
    }
    // Google once wrote months with three digits ("2003-012-31").
    if (extended && pos + 3 < t.size() && t[pos] == '0' && all_digits(t.substr(pos, 3)) && t[pos + 3] == '-') ++pos;
    const auto month = digits(2);
    if (!month) return std::nullopt;
    f.month = *month;
    if (pos == t.size()) return extended ? combine(f) : std::nullopt; // "202103" is not a date
    if (extended && t[pos] != '-') return std::nullopt;
    if (extended) ++pos;
    const auto day = digits(2);
    if (!day) return std::nullopt;
    f.day = *day;
    bool timed = false;
    if (pos < t.size() && (t[pos] == 'T' || t[pos] == 't' || t[pos] == ' ')) {
        ++pos;
        while (pos < t.size() && t[pos] == ' ') ++pos;
        // "T9:15": a one-digit hour before a colon.
        auto hour = pos + 1 < t.size() && is_digit(t[pos]) && t[pos + 1] == ':' ? digits(1) : digits(2);
        if (!hour) return std::nullopt;
        f.hour = *hour;
        timed = true;
        const bool colon = pos < t.size() && t[pos] == ':';
        if (colon) ++pos;
        if (const auto minute = digits(2)) {
            f.minute = *minute;
            if (pos < t.size() && (colon ? t[pos] == ':' : is_digit(t[pos]))) {
                if (colon) ++pos;
                const auto second = digits(2);
                if (!second) return std::nullopt;
                f.second = *second;
            }
        } else if (colon) {
            return std::nullopt;
        }
        if (pos < t.size() && (t[pos] == '.' || t[pos] == ',')) {
            ++pos;
            const std::size_t start = pos;
            while (pos < t.size() && is_digit(t[pos])) ++pos;
            if (pos == start) return std::nullopt;
        }
    }
    while (pos < t.size() && t[pos] == ' ') ++pos;
    if (pos < t.size()) {
        if (!timed) return std::nullopt; // "2013-01-27-01": a zone needs a time
        std::string zone = lower(t.substr(pos));
        while (!zone.empty() && zone.back() == ' ') zone.pop_back();
        // An offset may be followed by its zone's name or a comment: "-0700 MST", "+0000 (UTC)".
        if (const auto space = zone.find(' '); space != std::string::npos && numeric_offset(zone.substr(0, space))) {
            std::string name = zone.substr(space + 1);
            while (!name.empty() && name.front() == ' ') name.erase(0, 1);
            const bool comment = name.size() >= 2 && name.front() == '(' && name.back() == ')';
            const bool word = !name.empty() && name.size() <= 5 &&
                              std::all_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
            if (!comment && !word) return std::nullopt;
            zone.resize(space);
        }
        if (const auto offset = numeric_offset(zone))
            f.offset = *offset;
        else if (!read_zone(zone, f))
            return std::nullopt;
    }
    return combine(f);
}

// ISO 8601:1988's forms with a two-digit year (of 2000 to 2099): "031231", "03-12-31", "-0312",
// "-03-12" (a month), "03335" (a day of the year).
std::optional<ParsedDate> parse_two_digit_year_iso(std::string_view t) {
    const auto year = [](std::string_view yy) { return 2000 + number(yy); };
    Fields f;
    if (t.size() == 6 && all_digits(t)) {
        f.year = year(t.substr(0, 2)), f.month = number(t.substr(2, 2)), f.day = number(t.substr(4, 2));
    } else if (t.size() == 8 && t[2] == '-' && t[5] == '-' && all_digits(t.substr(0, 2)) &&
               all_digits(t.substr(3, 2)) && all_digits(t.substr(6, 2))) {
        f.year = year(t.substr(0, 2)), f.month = number(t.substr(3, 2)), f.day = number(t.substr(6, 2));
    } else if (t.size() == 5 && t[0] == '-' && all_digits(t.substr(1))) {
        f.year = year(t.substr(1, 2)), f.month = number(t.substr(3, 2));
    } else if (t.size() == 6 && t[0] == '-' && t[3] == '-' && all_digits(t.substr(1, 2)) && all_digits(t.substr(4))) {
        f.year = year(t.substr(1, 2)), f.month = number(t.substr(4, 2));
    } else if (t.size() == 5 && all_digits(t)) {
        const int y = year(t.substr(0, 2)), ordinal = number(t.substr(2));
        if (ordinal < 1 || ordinal > (is_leap(y) ? 366 : 365)) return std::nullopt;
        return ParsedDate{(days_from_civil(y, 1, 1) + ordinal - 1) * seconds_per_day, DatePrecision::day};
    } else {
        return std::nullopt;
    }
    return combine(f);
}

// "2004-július-13T9:15-05:00": an ISO date whose month is written as a word.
std::optional<ParsedDate> parse_iso_with_month_name(std::string_view t) {
    if (t.size() < 8 || !all_digits(t.substr(0, 4)) || t[4] != '-') return std::nullopt;
    const auto dash = t.find('-', 5);
    if (dash == std::string_view::npos) return std::nullopt;
    const auto month = month_word(lower(t.substr(5, dash - 5)));
    if (!month) return std::nullopt;
    char digits[3];
    std::snprintf(digits, sizeof digits, "%02d", *month);
    return parse_iso_family(std::string(t.substr(0, 5)) + digits + std::string(t.substr(dash)));
}

} // namespace

std::optional<ParsedDate> parse_date(std::string_view text) {
    std::string trimmed;
    // The Unicode minus sign (U+2212) in offsets is a hyphen.
    for (const std::string_view minus = "\xE2\x88\x92"; !text.empty();) {
        const auto at = text.find(minus);
        trimmed += text.substr(0, at);
        if (at == std::string_view::npos) break;
        trimmed += '-';
        text.remove_prefix(at + minus.size());
    }
    trimmed = trim(trimmed);
    if (trimmed.empty()) return std::nullopt;
    // Seconds (9 or 10 digits) or milliseconds (13) since 1970, as APIs write them.
    if (all_digits(trimmed) && (trimmed.size() == 9 || trimmed.size() == 10 || trimmed.size() == 13)) {
        const long long value = std::stoll(trimmed);
        return ParsedDate{static_cast<UnixSeconds>(trimmed.size() == 13 ? value / 1000 : value), DatePrecision::time};
    }
    if (auto iso = parse_iso_family(trimmed)) return iso;
    if (auto short_year = parse_two_digit_year_iso(trimmed)) return short_year;
    if (auto named = parse_iso_with_month_name(trimmed)) return named;
    return parse_tokens(trimmed);
}

std::optional<ParsedDate> date_from_epoch(double seconds) {
    // Milliseconds when the number is too large to be seconds of this era.
    if (seconds > 1e11 || seconds < -1e11) seconds /= 1000;
    if (seconds > 253402300799.0 || seconds < -62135596800.0) return std::nullopt;
    return ParsedDate{static_cast<UnixSeconds>(seconds), DatePrecision::time};
}

std::string format_date(const ParsedDate& date) {
    const std::string full = format_utc(date.seconds);
    switch (date.precision) {
    case DatePrecision::year: return full.substr(0, 4);
    case DatePrecision::month: return full.substr(0, 7);
    default: return full;
    }
}

} // namespace gazette::detail

#include "platform/date.hpp"

#include <chrono>
#include <cstdio>

namespace sgee::dates {

namespace {
std::chrono::year_month_day ymd(Date d) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{d.days}}};
}
bool digits(std::string_view s) {
  for (char ch : s)
    if (ch < '0' || ch > '9') return false;
  return true;
}
}  // namespace

std::optional<Date> parse(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto y = t.substr(0, 4), m = t.substr(5, 2), d = t.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  int year = std::stoi(std::string(y));
  unsigned month = static_cast<unsigned>(std::stoi(std::string(m)));
  unsigned day = static_cast<unsigned>(std::stoi(std::string(d)));
  if (year < 1900 || year > 2199) return std::nullopt;
  std::chrono::year_month_day v{std::chrono::year{year}, std::chrono::month{month},
                                std::chrono::day{day}};
  if (!v.ok()) return std::nullopt;
  return Date{static_cast<std::int32_t>(std::chrono::sys_days{v}.time_since_epoch().count())};
}

std::string format(Date d) {
  auto v = ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(v.year()),
                static_cast<unsigned>(v.month()), static_cast<unsigned>(v.day()));
  return buf;
}

Date from_ymd(int year, unsigned month, unsigned day) {
  std::chrono::year_month_day v{std::chrono::year{year}, std::chrono::month{month},
                                std::chrono::day{day}};
  return Date{static_cast<std::int32_t>(std::chrono::sys_days{v}.time_since_epoch().count())};
}

int year_of(Date d) {
  return static_cast<int>(ymd(d).year());
}
unsigned month_of(Date d) {
  return static_cast<unsigned>(ymd(d).month());
}
unsigned day_of(Date d) {
  return static_cast<unsigned>(ymd(d).day());
}

int weekday(Date d) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((d.days % 7) + 7 + 3) % 7);
}

Date add_months(Date d, int months) {
  auto v = ymd(d);
  int total = static_cast<int>(v.year()) * 12 + static_cast<int>(static_cast<unsigned>(v.month())) -
              1 + months;
  int year = total / 12;
  unsigned month = static_cast<unsigned>(total % 12 + 1);
  std::chrono::year_month_day_last last{std::chrono::year{year},
                                        std::chrono::month_day_last{std::chrono::month{month}}};
  unsigned day = std::min(static_cast<unsigned>(v.day()), static_cast<unsigned>(last.day()));
  return from_ymd(year, month, day);
}

int quebec_utc_offset(std::int64_t utc_seconds) {
  auto nth_sunday = [](int year, unsigned month, int n) {
    Date first = from_ymd(year, month, 1);
    int to_sunday = (6 - weekday(first) + 7) % 7;
    return add_days(first, to_sunday + 7 * (n - 1));
  };
  std::int64_t standard = utc_seconds - 5 * 3600;  // EST
  Date d{static_cast<std::int32_t>((standard >= 0 ? standard : standard - 86399) / 86400)};
  std::int64_t seconds_in_day = standard - static_cast<std::int64_t>(d.days) * 86400;
  int year = year_of(d);
  Date dst_start = nth_sunday(year, 3, 2), dst_end = nth_sunday(year, 11, 1);
  // In standard-time terms DST runs from 2:00 EST on its first day to 1:00 EST on its last.
  bool dst = (d > dst_start || (d == dst_start && seconds_in_day >= 2 * 3600)) &&
             (d < dst_end || (d == dst_end && seconds_in_day < 1 * 3600));
  return dst ? -4 : -5;
}

namespace {
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}
}  // namespace

Date quebec_date_at(std::int64_t utc_seconds) {
  std::int64_t local = utc_seconds + quebec_utc_offset(utc_seconds) * 3600;
  return Date{static_cast<std::int32_t>(floor_div(local, 86400))};
}

std::int64_t quebec_midnight(Date d) {
  // Changes happen at 2:00, never at midnight: one of the two offsets gives a consistent answer.
  std::int64_t edt = static_cast<std::int64_t>(d.days) * 86400 + 4 * 3600;
  if (quebec_utc_offset(edt) == -4) return edt;
  return edt + 3600;
}

std::string local_time_text(const std::string& lang, const std::optional<LocalTime>& t,
                            const std::string& otherwise) {
  if (!t) return otherwise;
  char hm[16];
  std::snprintf(hm, sizeof hm, lang == "en" ? "%02d:%02d" : "%d h %02d", t->hour, t->minute);
  return t->date + " " + hm;
}

std::optional<LocalTime> quebec_time_of(std::string_view utc_iso) {
  if (utc_iso.size() < 16 || utc_iso[10] != 'T' || utc_iso[13] != ':') return std::nullopt;
  auto day = parse(utc_iso.substr(0, 10));
  auto digits = [&](size_t at) -> int {
    char a = utc_iso[at], b = utc_iso[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
    return (a - '0') * 10 + (b - '0');
  };
  int h = digits(11), m = digits(14);
  if (!day || h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  std::int64_t utc = static_cast<std::int64_t>(day->days) * 86400 + h * 3600 + m * 60;
  std::int64_t local = utc + quebec_utc_offset(utc) * 3600;
  Date ld{static_cast<std::int32_t>(floor_div(local, 86400))};
  std::int64_t in_day = local - static_cast<std::int64_t>(ld.days) * 86400;
  return LocalTime{format(ld), static_cast<int>(in_day / 3600),
                   static_cast<int>(in_day % 3600 / 60)};
}

std::string utc_iso(std::int64_t utc_seconds) {
  Date d{static_cast<std::int32_t>(floor_div(utc_seconds, 86400))};
  std::int64_t in_day = utc_seconds - static_cast<std::int64_t>(d.days) * 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(in_day / 3600),
                static_cast<int>(in_day % 3600 / 60), static_cast<int>(in_day % 60));
  return format(d) + buf;
}

Date today_in_quebec() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return quebec_date_at(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

}  // namespace sgee::dates

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

Date quebec_date_at(std::int64_t utc_seconds) {
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
  if (!dst) return d;
  std::int64_t daylight = utc_seconds - 4 * 3600;
  return Date{static_cast<std::int32_t>((daylight >= 0 ? daylight : daylight - 86399) / 86400)};
}

Date today_in_quebec() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return quebec_date_at(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

}  // namespace sgee::dates

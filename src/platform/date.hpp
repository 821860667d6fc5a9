#pragma once
// Civil dates ("YYYY-MM-DD"), without time zones: days since 1970-01-01.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sgee::dates {

struct Date {
  std::int32_t days = 0;  // since 1970-01-01
  auto operator<=>(const Date&) const = default;
};

// Strict: four-digit year 1900–2199, two-digit month and day, a day that exists.
std::optional<Date> parse(std::string_view text);
std::string format(Date d);
Date from_ymd(int year, unsigned month, unsigned day);  // the caller gives a valid date
int year_of(Date d);
unsigned month_of(Date d);
unsigned day_of(Date d);
int weekday(Date d);  // 0 Monday … 6 Sunday
inline Date add_days(Date d, int n) {
  return Date{d.days + n};
}
inline int days_between(Date from, Date to) {
  return to.days - from.days;
}  // to - from
// The date `months` months after `d` (day clamped to the month's last day).
Date add_months(Date d, int months);

// Today's civil date in Québec (America/Montreal: UTC-5, UTC-4 from the second Sunday of March
// at 2:00 to the first Sunday of November at 2:00). Reads the clock: for the edges only.
Date today_in_quebec();
// The same for a given UTC time (seconds since the epoch).
Date quebec_date_at(std::int64_t utc_seconds);
// Québec's offset from UTC at that instant, in hours: -5 (EST) or -4 (EDT).
int quebec_utc_offset(std::int64_t utc_seconds);
// The UTC instant (seconds since the epoch) of midnight in Québec at the start of `d`.
std::int64_t quebec_midnight(Date d);
// A stored UTC time ("2026-11-23T20:19:25Z", with or without fractions) as Québec's civil date
// and time: {"2026-11-23", 15, 19}; nullopt when it does not start with a valid date and time.
struct LocalTime {
  std::string date;
  int hour = 0, minute = 0;
};
std::optional<LocalTime> quebec_time_of(std::string_view utc_iso);
// A local time as pages show it: "2026-11-23 15 h 19" (French) or "2026-11-23 15:19" (English);
// `otherwise` when there is none.
std::string local_time_text(const std::string& lang, const std::optional<LocalTime>& t,
                            const std::string& otherwise);
// "2026-11-23T05:00:00Z" for UTC seconds since the epoch (as stored times are written).
std::string utc_iso(std::int64_t utc_seconds);

}  // namespace sgee::dates

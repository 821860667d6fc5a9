// Unit tests for civil dates (src/platform/date.hpp): strict parsing, formatting, weekdays and
// month arithmetic.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "platform/date.hpp"

namespace dates = sgee::dates;
using dates::Date;

namespace {

TEST(Date, ParseAcceptsValidDates) {
  struct Case {
    std::string text;
    int year;
    unsigned month, day;
  };
  const std::vector<Case> cases = {
      {"2024-01-01", 2024, 1, 1},   {"2024-02-29", 2024, 2, 29},  {"2000-02-29", 2000, 2, 29},
      {"2023-12-31", 2023, 12, 31}, {"1900-01-01", 1900, 1, 1},   {"2199-12-31", 2199, 12, 31},
      {"1970-01-01", 1970, 1, 1},   {"2026-11-23", 2026, 11, 23}, {"2025-04-30", 2025, 4, 30},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto d = dates::parse(c.text);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(dates::year_of(*d), c.year);
    EXPECT_EQ(dates::month_of(*d), c.month);
    EXPECT_EQ(dates::day_of(*d), c.day);
    EXPECT_EQ(*d, dates::from_ymd(c.year, c.month, c.day));
  }
}

TEST(Date, ParseRejectsBadDatesAndFormats) {
  const std::vector<std::string> bad = {
      "2023-02-29",  // not a leap year
      "1900-02-29",  // century, not a leap year
      "2024-02-30", "2024-04-31", "2024-00-10",  "2024-01-00",       "2024-01-32",
      "2024-1-01",  // one-digit month
      "2024-01-1",  // one-digit day
      "2024-13-01", "20240101",   " 2024-01-01", "2024-01-01 ",      "2024/01/01", "24-01-01",
      "1899-12-31",  // before 1900
      "2200-01-01",  // after 2199
      "",           "2024-01-0a", "abcd-ef-gh",  "2024-01-01T00:00",
  };
  for (const auto& text : bad) {
    SCOPED_TRACE("\"" + text + "\"");
    EXPECT_FALSE(dates::parse(text).has_value());
  }
}

TEST(Date, DaysSinceEpoch) {
  EXPECT_EQ(dates::parse("1970-01-01")->days, 0);
  EXPECT_EQ(dates::parse("1970-01-02")->days, 1);
  EXPECT_EQ(dates::parse("1969-12-31")->days, -1);
  EXPECT_EQ(dates::parse("2000-03-01")->days, 11017);
  EXPECT_EQ(dates::from_ymd(2024, 3, 1).days - dates::from_ymd(2024, 2, 28).days, 2);
  EXPECT_EQ(dates::from_ymd(2023, 3, 1).days - dates::from_ymd(2023, 2, 28).days, 1);
}

TEST(Date, FormatRoundTrip) {
  const std::vector<std::string> texts = {"1900-01-01", "1969-12-31", "1970-01-01", "2000-02-29",
                                          "2024-02-29", "2024-12-31", "2026-11-23", "2199-12-31"};
  for (const auto& text : texts) {
    SCOPED_TRACE(text);
    auto d = dates::parse(text);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(dates::format(*d), text);
  }
  EXPECT_EQ(dates::format(Date{0}), "1970-01-01");
  EXPECT_EQ(dates::format(dates::from_ymd(2024, 2, 29)), "2024-02-29");
  EXPECT_EQ(dates::format(dates::from_ymd(2024, 1, 5)), "2024-01-05");
  // Every day of four years, across leap days, survives format then parse.
  for (Date d = dates::from_ymd(2023, 1, 1); d <= dates::from_ymd(2026, 12, 31);
       d = dates::add_days(d, 1)) {
    auto back = dates::parse(dates::format(d));
    ASSERT_TRUE(back.has_value()) << dates::format(d);
    ASSERT_EQ(*back, d) << dates::format(d);
  }
}

TEST(Date, Weekday) {
  struct Case {
    std::string text;
    int weekday;
  };
  const std::vector<Case> cases = {
      {"2026-11-23", 0},  // Monday
      {"2026-11-29", 6},  // Sunday
      {"2024-09-01", 6},  // Sunday
      {"2024-09-02", 0},  // Monday
      {"2024-10-05", 5},  // Saturday
      {"1970-01-01", 3},  // Thursday
      {"1969-12-29", 0},  // Monday, before the epoch
      {"1900-01-01", 0},  // Monday
      {"2000-02-29", 1},  // Tuesday
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(dates::weekday(*dates::parse(c.text)), c.weekday);
  }
}

TEST(Date, AddDaysAndDaysBetween) {
  auto d = dates::from_ymd(2024, 2, 28);
  EXPECT_EQ(dates::add_days(d, 1), dates::from_ymd(2024, 2, 29));
  EXPECT_EQ(dates::add_days(d, 2), dates::from_ymd(2024, 3, 1));
  EXPECT_EQ(dates::add_days(d, -28), dates::from_ymd(2024, 1, 31));
  EXPECT_EQ(dates::days_between(dates::from_ymd(2024, 9, 1), dates::from_ymd(2025, 9, 1)), 365);
  EXPECT_EQ(dates::days_between(dates::from_ymd(2024, 1, 1), dates::from_ymd(2023, 1, 1)), -365);
}

TEST(Date, AddMonthsClampsToMonthEnd) {
  struct Case {
    std::string from;
    int months;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"2024-01-31", 1, "2024-02-29"},   {"2023-01-31", 1, "2023-02-28"},
      {"2024-01-31", 2, "2024-03-31"},   {"2024-03-31", 1, "2024-04-30"},
      {"2024-11-15", 2, "2025-01-15"},   {"2022-04-10", 18, "2023-10-10"},
      {"2022-04-10", 60, "2027-04-10"},  {"2024-02-29", 12, "2025-02-28"},
      {"2024-05-10", 0, "2024-05-10"},   {"2024-03-31", -1, "2024-02-29"},
      {"2024-12-31", -12, "2023-12-31"}, {"2025-01-15", -2, "2024-11-15"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.from + " + " + std::to_string(c.months));
    EXPECT_EQ(dates::format(dates::add_months(*dates::parse(c.from), c.months)), c.want);
  }
}

}  // namespace

namespace {
// UTC seconds of a civil date and time.
std::int64_t utc(int y, unsigned m, unsigned d, int h, int min = 0) {
  return static_cast<std::int64_t>(sgee::dates::from_ymd(y, m, d).days) * 86400 + h * 3600 +
         min * 60;
}
}  // namespace

TEST(Date, QuebecDateFollowsEasternTimeAndItsDaylightSaving) {
  using sgee::dates::format;
  using sgee::dates::quebec_date_at;
  struct Row {
    std::int64_t at;
    const char* date;
  };
  const std::vector<Row> rows = {
      {utc(2026, 1, 15, 4, 59), "2026-01-14"},   // 23:59 EST
      {utc(2026, 1, 15, 5, 0), "2026-01-15"},    // 00:00 EST
      {utc(2026, 7, 1, 3, 59), "2026-06-30"},    // 23:59 EDT
      {utc(2026, 7, 1, 4, 0), "2026-07-01"},     // 00:00 EDT
      {utc(2026, 3, 8, 4, 30), "2026-03-07"},    // before the change (second Sunday of March)
      {utc(2026, 3, 9, 3, 30), "2026-03-08"},    // 23:30 EDT on the day of the change
      {utc(2026, 11, 1, 3, 30), "2026-10-31"},   // 23:30 EDT, the night before it ends
      {utc(2026, 11, 2, 4, 30), "2026-11-01"},   // 23:30 EST after it ended (first Sunday of Nov.)
      {utc(2026, 12, 31, 23, 0), "2026-12-31"},  // 18:00 EST
  };
  for (const auto& r : rows) EXPECT_EQ(format(quebec_date_at(r.at)), r.date) << r.at;
}

TEST(Date, QuebecTimeOfAStoredUtcTimeFollowsItsDaylightSaving) {
  using sgee::dates::quebec_time_of;
  struct Row {
    const char* utc;
    const char* date;
    int hour, minute;
  };
  const std::vector<Row> rows = {
      {"2026-01-15T04:59:00Z", "2026-01-14", 23, 59},    // EST
      {"2026-01-15T05:00:00.123Z", "2026-01-15", 0, 0},  // fractions are ignored
      {"2026-07-01T16:30:59Z", "2026-07-01", 12, 30},    // EDT
      {"2026-03-08T06:59:00Z", "2026-03-08", 1, 59},     // 1:59 EST, just before the change
      {"2026-03-08T07:00:00Z", "2026-03-08", 3, 0},      // 3:00 EDT, just after it
      {"2026-11-01T05:59:00Z", "2026-11-01", 1, 59},     // 1:59 EDT, the first time
      {"2026-11-01T06:00:00Z", "2026-11-01", 1, 0},      // 1:00 EST, the second time
      {"2027-01-01T03:00:00Z", "2026-12-31", 22, 0},     // across the year's end
  };
  for (const auto& r : rows) {
    auto t = quebec_time_of(r.utc);
    ASSERT_TRUE(t.has_value()) << r.utc;
    EXPECT_EQ(t->date, r.date) << r.utc;
    EXPECT_EQ(t->hour, r.hour) << r.utc;
    EXPECT_EQ(t->minute, r.minute) << r.utc;
  }
  for (const char* bad : {"", "2026-11-01", "2026-13-01T00:00:00Z", "2026-11-01 10:00:00",
                          "2026-11-01T25:00:00Z", "2026-11-01T10:6x:00Z"})
    EXPECT_FALSE(quebec_time_of(bad).has_value()) << bad;
}

TEST(Date, QuebecMidnightIsTheUtcStartOfTheLocalDay) {
  using sgee::dates::from_ymd;
  using sgee::dates::quebec_midnight;
  using sgee::dates::utc_iso;
  struct Row {
    int y;
    unsigned m, d;
    const char* utc;
  };
  const std::vector<Row> rows = {
      {2026, 1, 15, "2026-01-15T05:00:00Z"},  // EST
      {2026, 7, 1, "2026-07-01T04:00:00Z"},   // EDT
      {2026, 3, 8, "2026-03-08T05:00:00Z"},   // the day DST starts (at 2:00, after midnight)
      {2026, 3, 9, "2026-03-09T04:00:00Z"},   // the day after
      {2026, 11, 1, "2026-11-01T04:00:00Z"},  // the day DST ends (still EDT at midnight)
      {2026, 11, 2, "2026-11-02T05:00:00Z"},  // the day after
  };
  for (const auto& r : rows) EXPECT_EQ(utc_iso(quebec_midnight(from_ymd(r.y, r.m, r.d))), r.utc);
}

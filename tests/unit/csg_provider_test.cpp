// SYN-10 closing days and SYN-20 CISSS reservations (src/csg/rules.hpp).
#include <gtest/gtest.h>

#include "csg/rules.hpp"
#include "csg_fixture.hpp"

namespace sgee::test {
namespace {

csg::ClosingDay closing(csg::Date day, std::uint8_t closed = kDay, std::string reason = "planned") {
  csg::ClosingDay d;
  d.day = day;
  d.closed = closed;
  d.reason = std::move(reason);
  return d;
}

TEST(CsgProvider, SYN_10_ClosingDaysOfOneYearForAnInstallation) {
  struct Row {
    std::string label;
    std::vector<csg::ClosingDay> days;
    bool bc;
    std::vector<csg::Finding> want;
  };
  const std::vector<Row> rows = {
      {"holidays of 2026",
       {closing(ymd(2026, 1, 1)), closing(ymd(2026, 6, 24), kDay, "lockout")},
       false,
       {}},
      {"an empty year", {}, false, {}},
      {"sent by a BC", {closing(ymd(2026, 1, 1))}, true, {{"CSG100E", "closing_days", ""}}},
      {"a date of another year",
       {closing(ymd(2027, 1, 1))},
       false,
       {{"CSG101E", "closing_days[0].date", ""}}},
      {"the same date twice",
       {closing(ymd(2026, 1, 1)), closing(ymd(2026, 1, 1))},
       false,
       {{"CSG102E", "closing_days[1].date", ""}}},
      {"nothing closed",
       {closing(ymd(2026, 1, 1), 0)},
       false,
       {{"CSG103E", "closing_days[0].closed", ""}}},
      {"evening only is fine",
       {closing(ymd(2026, 1, 1), csg::kS1 | csg::kS2, "strike")},
       false,
       {}},
      {"an unknown reason",
       {closing(ymd(2026, 1, 1), kDay, "vacances")},
       false,
       {{"CSG104E", "closing_days[0].reason", ""}}},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.label);
    EXPECT_EQ(csg::check_closing_days(2026, r.days, r.bc), r.want);
  }
}

TEST(CsgProvider, SYN_20_CisssReservations) {
  const csg::Reservation ok{ymd(2026, 4, 1), ymd(2026, 10, 31), 5, 5, csg::Bracket::infant};
  struct Row {
    std::string label;
    csg::Reservation r;
    std::vector<csg::Finding> want;
  };
  auto with = [&](auto change) {
    auto r = ok;
    change(r);
    return r;
  };
  const std::vector<Row> rows = {
      {"the seed's example", ok, {}},
      {"one day", with([](auto& r) { r.end = r.start; }), {}},
      {"ends before it starts",
       with([](auto& r) { r.end = ymd(2026, 3, 31); }),
       {{"CSG111E", "reservations[0].end", ""}}},
      {"no day",
       with([](auto& r) { r.days_per_week = 0; }),
       {{"CSG112E", "reservations[0].days_per_week", ""}}},
      {"eight days",
       with([](auto& r) { r.days_per_week = 8; }),
       {{"CSG112E", "reservations[0].days_per_week", ""}}},
      {"no place",
       with([](auto& r) { r.places = 0; }),
       {{"CSG113E", "reservations[0].places", ""}}},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.label);
    EXPECT_EQ(csg::check_reservations({r.r}), r.want);
  }
}

}  // namespace
}  // namespace sgee::test

namespace sgee::test {
namespace {

std::vector<std::string> holiday_dates(int year) {
  std::vector<std::string> out;
  for (const auto& [d, name] : csg::quebec_holidays(year)) out.push_back(dates::format(d));
  return out;
}

// Seed 004's closing-day calendar imports exactly these for 2016.
TEST(CsgProvider, SYN_10_QuebecHolidaysOf2016AsInTheSeed) {
  EXPECT_EQ(holiday_dates(2016),
            (std::vector<std::string>{"2016-01-01", "2016-03-25", "2016-03-28", "2016-05-23",
                                      "2016-06-24", "2016-07-01", "2016-09-05", "2016-10-10",
                                      "2016-12-25"}));
}

TEST(CsgProvider, SYN_10_QuebecHolidaysForAnyYear) {
  // Easter on 31 March 2024, 20 April 2025, 5 April 2026, 25 April 2038 (latest), 22 March 2285.
  EXPECT_EQ(holiday_dates(2024)[1], "2024-03-29");
  EXPECT_EQ(holiday_dates(2025)[2], "2025-04-21");
  EXPECT_EQ(holiday_dates(2026)[1], "2026-04-03");
  EXPECT_EQ(holiday_dates(2038)[2], "2038-04-26");
  // 25 May 2026 is a Monday: the patriots' day is the Monday before, the 18th.
  EXPECT_EQ(holiday_dates(2026)[3], "2026-05-18");
  EXPECT_EQ(holiday_dates(2025)[3], "2025-05-19");
  for (int year = 1990; year <= 2100; ++year) {
    auto h = csg::quebec_holidays(year);
    ASSERT_EQ(h.size(), 9u);
    for (size_t i = 1; i < h.size(); ++i) EXPECT_LT(h[i - 1].first, h[i].first) << year;
    EXPECT_EQ(dates::weekday(h[1].first), 4) << year << ": Good Friday";
    EXPECT_EQ(dates::weekday(h[2].first), 0) << year << ": Easter Monday";
    EXPECT_EQ(dates::weekday(h[3].first), 0) << year;
    EXPECT_LT(h[3].first, dates::from_ymd(year, 5, 25)) << year;
    EXPECT_GE(h[3].first, dates::from_ymd(year, 5, 18)) << year;
  }
}

}  // namespace
}  // namespace sgee::test

// Unit tests for check_occupation and planned_on (src/csg/rules.hpp): the half-periods an
// agreement plans on a date (ENT-04..ENT-06) and the warnings on planned occupation days.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "csg/rules.hpp"
#include "csg_fixture.hpp"

namespace csg = sgee::csg;
using csg::kAm;
using csg::kPm;
using csg::kS1;
using sgee::test::agreement;
using sgee::test::Fixture;
using sgee::test::kDay;
using sgee::test::pattern;
using sgee::test::weekdays;
using sgee::test::ymd;

namespace {

const std::vector<std::uint8_t> kWeekdays = {kDay, kDay, kDay, kDay, kDay, 0, 0};

void run(const std::vector<sgee::test::Case>& cases) {
  sgee::test::run_cases(csg::check_occupation, cases);
}

// A1 over two months only, so that the yearly count stays low.
void short_agreement(Fixture& f) {
  f.d.agreements[0].end = ymd(2024, 10, 31);
}

TEST(CsgOccupation, PlannedDaysInFourWeeks) {
  run({
      {"5 full days a week (20 in 4 weeks)", [](Fixture&) {}, {}},
      {"2 weeks of 7 and 3 days (20 in 4 weeks)",
       [](Fixture& f) {
         f.d.agreements[0].schedule =
             pattern({{kDay, kDay, kDay, kDay, kDay, kDay, kDay}, {kDay, kDay, kDay, 0, 0, 0, 0}});
         short_agreement(f);
       },
       {}},
      {"replacement without schedule",
       [](Fixture& f) {
         f.d.agreements[0].replacement = true;
         f.d.agreements[0].schedule.reset();
       },
       {}},
      {"6 full days a week",
       [](Fixture& f) {
         f.d.agreements[0].schedule->days[5] = kDay;
         short_agreement(f);
       },
       {{"CSG080A", "agreements[0].schedule", "A1"}}},
      {"one more half-period in 4 weeks (20.5)",
       [](Fixture& f) {
         auto week1 = kWeekdays;
         week1[5] = kAm;
         f.d.agreements[0].schedule = pattern({week1, kWeekdays, kWeekdays, kWeekdays});
         short_agreement(f);
       },
       {{"CSG080A", "agreements[0].schedule", "A1"}}},
      {"evenings count too (30)",
       [](Fixture& f) {
         f.d.agreements[0].schedule = weekdays(kAm | kPm | kS1);
         short_agreement(f);
       },
       {{"CSG080A", "agreements[0].schedule", "A1"}}},
  });
}

TEST(CsgOccupation, PlannedDaysInAYear) {
  // A1 from Monday 2024-09-02 to Monday 2025-09-01: exactly 365 days, 261 weekdays.
  auto monday_year = [](Fixture& f) {
    f.d.agreements[0].start = ymd(2024, 9, 2);
    f.d.agreements[0].end = ymd(2025, 9, 1);
  };
  run({
      {"261 days", monday_year, {}},
      {"two years: only the first 365 days count",
       [](Fixture& f) {
         f.d.agreements[0].start = ymd(2024, 9, 2);
         f.d.agreements[0].end = ymd(2026, 8, 31);
       },
       {}},
      {"261.5 days",
       [&](Fixture& f) {
         monday_year(f);
         f.d.agreements[0].special_schedules = {
             {ymd(2024, 9, 7), ymd(2024, 9, 7), csg::Schedule{1, {0, 0, 0, 0, 0, kAm, 0}}}};
       },
       {{"CSG081A", "agreements[0].schedule", "A1"}}},
      {"every day of the year in a special schedule",
       [](Fixture& f) {
         f.d.agreements[0].special_schedules = {
             {ymd(2024, 9, 1), ymd(2025, 8, 31),
              csg::Schedule{1, {kDay, kDay, kDay, kDay, kDay, kDay, kDay}}}};
       },
       {{"CSG081A", "agreements[0].schedule", "A1"}}},
      {"the second agreement",
       [](Fixture& f) {
         f.d.agreements.push_back(agreement("A2", ymd(2025, 9, 1), ymd(2026, 8, 31)));
         f.d.agreements[1].special_schedules = {
             {ymd(2025, 9, 1), ymd(2026, 8, 31),
              csg::Schedule{1, {kDay, kDay, kDay, kDay, kDay, kDay, 0}}}};
       },
       {{"CSG081A", "agreements[1].schedule", "A2"}}},
  });
}

TEST(CsgPlanned, NormalScheduleInsideAgreement) {
  auto a = agreement("A1", ymd(2024, 9, 1), ymd(2025, 8, 31));  // Sunday to Sunday
  struct DayCase {
    csg::Date day;
    std::uint8_t want;
  };
  const std::vector<DayCase> cases = {
      {ymd(2024, 8, 30), 0},     // Friday before the start
      {ymd(2024, 9, 1), 0},      // Sunday, the start
      {ymd(2024, 9, 2), kDay},   // Monday
      {ymd(2024, 9, 6), kDay},   // Friday
      {ymd(2024, 9, 7), 0},      // Saturday
      {ymd(2025, 8, 29), kDay},  // last Friday
      {ymd(2025, 9, 1), 0},      // Monday after the end
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(sgee::dates::format(c.day));
    EXPECT_EQ(csg::planned_on(a, c.day), c.want);
  }
}

TEST(CsgPlanned, NothingAfterTermination) {
  auto a = agreement("A1", ymd(2024, 9, 1), ymd(2025, 8, 31));
  a.termination = ymd(2025, 6, 30);  // a Monday
  EXPECT_EQ(csg::planned_on(a, ymd(2025, 6, 30)), kDay);
  EXPECT_EQ(csg::planned_on(a, ymd(2025, 7, 1)), 0);  // Tuesday
  EXPECT_EQ(csg::planned_on(a, ymd(2025, 8, 29)), 0);
}

TEST(CsgPlanned, ReplacementOrNoSchedulePlansNothing) {
  auto a = agreement("A1", ymd(2024, 9, 1), ymd(2025, 8, 31));
  EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 2)), kDay);
  a.replacement = true;
  EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 2)), 0);
  EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 3)), 0);
  a.replacement = false;
  a.schedule.reset();
  EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 2)), 0);
}

TEST(CsgPlanned, MultiWeekPatternFromTheWeekOfTheStart) {
  // Mondays: AM in week 1, PM in week 2; Sundays: S1 in week 1, nothing in week 2.
  const auto two_weeks = pattern({{kAm, 0, 0, 0, 0, 0, kS1}, {kPm, 0, 0, 0, 0, 0, 0}});
  {
    SCOPED_TRACE("starting on Sunday 2024-09-01: week 1 is the week of Monday 2024-08-26");
    auto a = agreement("A1", ymd(2024, 9, 1), ymd(2025, 8, 31));
    a.schedule = two_weeks;
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 1)), kS1);   // Sunday, week 1
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 2)), kPm);   // Monday, week 2
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 8)), 0);     // Sunday, week 2
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 9)), kAm);   // Monday, week 1
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 15)), kS1);  // Sunday, week 1
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 16)), kPm);  // Monday, week 2
  }
  {
    SCOPED_TRACE("starting on Wednesday 2024-09-04: week 1 is the week of Monday 2024-09-02");
    auto a = agreement("A1", ymd(2024, 9, 4), ymd(2025, 8, 31));
    a.schedule = two_weeks;
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 2)), 0);     // before the start
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 8)), kS1);   // Sunday, week 1
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 9)), kPm);   // Monday, week 2
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 16)), kAm);  // Monday, week 1
  }
  {
    SCOPED_TRACE("3 weeks starting on Monday 2024-09-02");
    auto a = agreement("A1", ymd(2024, 9, 2), ymd(2025, 8, 31));
    a.schedule =
        pattern({{kAm, 0, 0, 0, 0, 0, 0}, {kPm, 0, 0, 0, 0, 0, 0}, {kS1, 0, 0, 0, 0, 0, 0}});
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 2)), kAm);
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 9)), kPm);
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 16)), kS1);
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 9, 23)), kAm);
    EXPECT_EQ(csg::planned_on(a, ymd(2024, 12, 30)), kS1);  // 17 weeks later: week 3
  }
}

TEST(CsgPlanned, SpecialScheduleReplacesNormal) {
  auto a = agreement("A1", ymd(2024, 9, 1), ymd(2025, 8, 31));
  a.special_schedules = {{ymd(2024, 10, 1), ymd(2024, 10, 31), weekdays(kAm)},
                         {ymd(2024, 12, 23), ymd(2025, 1, 3), weekdays(0)}};  // holidays
  struct DayCase {
    csg::Date day;
    std::uint8_t want;
  };
  const std::vector<DayCase> cases = {
      {ymd(2024, 9, 30), kDay},  // Monday before the special
      {ymd(2024, 10, 1), kAm},   // Tuesday, first day of the special
      {ymd(2024, 10, 31), kAm},  // Thursday, last day of the special
      {ymd(2024, 11, 1), kDay},  // Friday after
      {ymd(2024, 10, 5), 0},     // Saturday in the special
      {ymd(2024, 12, 23), 0},    // Monday in the holidays
      {ymd(2025, 1, 3), 0},      // Friday, last day of the holidays
      {ymd(2025, 1, 6), kDay},   // Monday after
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(sgee::dates::format(c.day));
    EXPECT_EQ(csg::planned_on(a, c.day), c.want);
  }
}

TEST(CsgPlanned, SpecialPatternWeeksFromTheWeekOfItsStart) {
  // The agreement starts on Sunday 2024-09-01 (week of Monday 2024-08-26); the special starts on
  // Wednesday 2024-10-02, so its week 1 is the week of Monday 2024-09-30.
  auto a = agreement("A1", ymd(2024, 9, 1), ymd(2025, 8, 31));
  a.special_schedules = {
      {ymd(2024, 10, 2), ymd(2024, 11, 30),
       pattern({{kPm, kPm, kPm, kPm, kPm, 0, 0}, {kS1, kS1, kS1, kS1, kS1, 0, 0}})}};
  EXPECT_EQ(csg::planned_on(a, ymd(2024, 10, 1)), kDay);  // before the special
  EXPECT_EQ(csg::planned_on(a, ymd(2024, 10, 2)), kPm);   // special week 1
  EXPECT_EQ(csg::planned_on(a, ymd(2024, 10, 7)), kS1);   // special week 2
  EXPECT_EQ(csg::planned_on(a, ymd(2024, 10, 14)), kPm);  // special week 1
  EXPECT_EQ(csg::planned_on(a, ymd(2024, 10, 21)), kS1);  // special week 2
}

TEST(CsgPlanned, SpecialOutsideTheAgreementPlansNothing) {
  auto a = agreement("A1", ymd(2024, 9, 1), ymd(2025, 8, 31));
  a.termination = ymd(2025, 6, 30);
  a.special_schedules = {{ymd(2025, 6, 1), ymd(2025, 8, 31), weekdays(kAm)}};
  EXPECT_EQ(csg::planned_on(a, ymd(2025, 6, 2)), kAm);
  EXPECT_EQ(csg::planned_on(a, ymd(2025, 7, 2)), 0);  // after the termination
}

}  // namespace

// Unit tests for the occupation engine (src/occupation/rules.hpp), rules OCC-01…06 of
// spec/domain.md, with seed 003's example schedules (ENT-04…06). Every expected figure is worked
// out by hand from the spec in the comment beside it; counts are in half-periods (P/2) and
// child-days. Calendar facts used throughout: 2025-09-01, 2027-12-27 and 2028-03-20 are Mondays;
// 2025-04-01 is a Tuesday, 2027-04-01 a Thursday, 2028-02-29 a Tuesday.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "csg/model.hpp"
#include "csg/rules.hpp"
#include "csg_fixture.hpp"
#include "occupation/model.hpp"
#include "occupation/rules.hpp"
#include "platform/date.hpp"

namespace sgee::dates {
// gtest prints dates as "YYYY-MM-DD" in failure messages.
static void PrintTo(const Date& d, std::ostream* os) {
  *os << format(d);
}
}  // namespace sgee::dates

namespace sgee::occupation {
static void PrintTo(const Figures& f, std::ostream* os) {
  *os << "{planned " << f.planned << ", open " << f.open << ", planned_closure "
      << f.planned_closure << ", unpaid_closure " << f.unpaid_closure << ", child_days "
      << f.child_days << "}";
}
}  // namespace sgee::occupation

namespace csg = sgee::csg;
namespace occ = sgee::occupation;
namespace dates = sgee::dates;
using csg::Date;
using csg::kAm;
using csg::kN1;
using csg::kN2;
using csg::kPm;
using csg::kS1;
using csg::kS2;
using occ::AgeGroup;
using occ::Category;
using occ::Figures;
using sgee::test::kDay;
using sgee::test::pattern;
using sgee::test::ymd;

namespace {

using Week = std::vector<std::uint8_t>;
constexpr std::uint8_t kEve = kS1 | kS2;  // Soir P1 + Soir P2

// Seed 003's example normal schedules (7 masks, Monday first), as its tables mark them.
const Week kFullWeek = {kDay, kDay, kDay, kDay, kDay, 0, 0};  // tous les jours
// Temps partiel de jour: lundi, mardi, jeudi matin (P1) et vendredi après-midi (P2).
const Week kPartTime = {kDay, kDay, 0, kAm, kPm, 0, 0};
const Week kEvenings = {kEve, kEve, kEve, kEve, kEve, 0, 0};  // soir à temps plein
const Week kWeekEnd = {0, 0, 0, 0, 0, kDay, kDay};            // fin de semaine
// Jour et soir: Jour P1, Jour P2 and Soir P1, "un jour et demi d'occupation chaque jour".
const Week kDayEvening = {kDay | kS1, kDay | kS1, kDay | kS1, kDay | kS1, kDay | kS1, 0, 0};
const Week kNone = {0, 0, 0, 0, 0, 0, 0};
// Garde partagée un jour sur deux: week 1 Monday, Wednesday, Friday; week 2 Tuesday, Thursday.
const Week kOddDays = {kDay, 0, kDay, 0, kDay, 0, 0};
const Week kEvenDays = {0, kDay, 0, kDay, 0, 0, 0};
// Special-schedule example "des journées sans occupation: les quatre premiers jours de la semaine".
const Week kFridayOnly = {0, 0, 0, 0, kDay, 0, 0};

csg::Schedule week_on_week_off() {
  return pattern({kFullWeek, kNone});
}
csg::Schedule every_other_day() {
  return pattern({kOddDays, kEvenDays});
}
Week every_day(std::uint8_t m) {
  return Week(7, m);
}

int halves(std::uint8_t m) {
  return std::popcount(static_cast<unsigned>(m));
}

csg::Agreement make_agreement(const std::string& ref, Date start, Date end,
                              std::optional<csg::Schedule> s, bool pcr = true) {
  csg::Agreement a;
  a.ref = ref;
  a.start = start;
  a.end = end;
  a.reduced_contribution = pcr;
  a.is_signed = true;
  a.schedule = std::move(s);
  return a;
}

csg::SpecialSchedule special(Date start, Date end, csg::Schedule s) {
  return csg::SpecialSchedule{start, end, std::move(s)};
}

// A toddler (18-59 mois since 2024-01-01) with the given agreements.
csg::Dossier make_dossier(std::vector<csg::Agreement> agreements,
                          std::vector<csg::BracketStart> brackets = {
                              {csg::Bracket::toddler, ymd(2024, 1, 1)}}) {
  csg::Dossier d;
  d.ref = "D1";
  d.age_brackets = std::move(brackets);
  d.agreements = std::move(agreements);
  return d;
}

csg::ClosingDay closing(Date day, std::uint8_t closed, const std::string& reason) {
  csg::ClosingDay c;
  c.day = day;
  c.closed = closed;
  c.reason = reason;
  return c;
}

// The figures of the days of `days` within [first, last], summed as OCC-01…03 say.
Figures figures_of(const std::vector<occ::Day>& days, Date first, Date last) {
  Figures f;
  for (const auto& x : days) {
    if (x.day < first || x.day > last) continue;
    f.planned += halves(x.planned);
    f.open += halves(x.open());
    f.planned_closure += halves(x.planned_closure);
    f.unpaid_closure += halves(x.unpaid_closure);
    ++f.child_days;
  }
  return f;
}

Figures open_figures(std::int64_t planned, std::int64_t child_days) {
  return Figures{planned, planned, 0, 0, child_days};
}

// One dossier through both paths over [from, to], with the calendar of that range.
struct Run {
  occ::Report report;
  std::vector<occ::Day> days;
  bool any = false;
};

Run run(const csg::Dossier& d, Date from, Date to,
        const std::vector<csg::ClosingDay>& closing_days = {}) {
  occ::Calendar calendar(from, to, closing_days);
  Run r{occ::Report(from, to), {}, false};
  r.any = occ::add_dossier(r.report, d, calendar);
  r.days = occ::days_of(d, calendar, from, to);
  return r;
}

std::vector<Date> dates_of(const std::vector<occ::Day>& days) {
  std::vector<Date> out;
  for (const auto& x : days) out.push_back(x.day);
  return out;
}

std::map<Date, std::uint8_t> masks_of(const std::vector<occ::Day>& days) {
  std::map<Date, std::uint8_t> out;
  for (const auto& x : days) out[x.day] |= x.planned;
  return out;
}

std::vector<Date> days_list(int y, unsigned m, const std::vector<unsigned>& days) {
  std::vector<Date> out;
  for (auto d : days) out.push_back(ymd(y, m, d));
  return out;
}

std::string str(const occ::LimitWarning& w) {
  return std::string(w.kind == occ::LimitWarning::year ? "year " : "4 weeks ") +
         dates::format(w.start) + ".." + dates::format(w.end) + " " + std::to_string(w.halves);
}
std::vector<std::string> strs(const std::vector<occ::LimitWarning>& ws) {
  std::vector<std::string> out;
  for (const auto& w : ws) out.push_back(str(w));
  return out;
}

// ---- OCC-01: planned occupation, seed 003's schedules ------------------------------------------

struct SeedCase {
  std::string label;
  csg::Schedule normal;
  std::vector<csg::SpecialSchedule> specials;
  Date start;
  Figures september;  // 2025-09-01 .. 2025-09-30
  Figures weeks4;     // 2025-09-01 .. 2025-09-28 (4 weeks from a Monday)
};

// September 2025: 1 Sep is a Monday; 30 days: 5 Mondays (1 8 15 22 29), 5 Tuesdays (2 … 30), 4 of
// every other weekday, 22 weekdays, 4 Saturdays (6 13 20 27), 4 Sundays (7 14 21 28).
TEST(Occupation, OCC_01_SeedScheduleExamples) {
  const std::vector<SeedCase> cases = {
      // 22 weekdays × 2 halves; 4 weeks: 20 × 2.
      {"tous les jours",
       pattern({kFullWeek}),
       {},
       ymd(2025, 9, 1),
       open_figures(44, 22),
       open_figures(40, 20)},
      // Mon 5×2 + Tue 5×2 + Thu AM 4 + Fri PM 4 = 28 halves on 5+5+4+4 = 18 days;
      // 4 weeks: 6 halves and 4 days a week.
      {"temps partiel de jour",
       pattern({kPartTime}),
       {},
       ymd(2025, 9, 1),
       open_figures(28, 18),
       open_figures(24, 16)},
      // Soir P1 + P2 on the 22 weekdays.
      {"soir à temps plein",
       pattern({kEvenings}),
       {},
       ymd(2025, 9, 1),
       open_figures(44, 22),
       open_figures(40, 20)},
      // 4 Saturdays + 4 Sundays, 2 halves each; 1-28 Sept holds the same 8 days.
      {"fin de semaine",
       pattern({kWeekEnd}),
       {},
       ymd(2025, 9, 1),
       open_figures(16, 8),
       open_figures(16, 8)},
      // 3 halves (1.5 days) on each of the 22 weekdays; 4 weeks: 20 × 3.
      {"jour et soir",
       pattern({kDayEvening}),
       {},
       ymd(2025, 9, 1),
       open_figures(66, 22),
       open_figures(60, 20)},
      // Week 1 = 1-7 Sept, week 2 = 8-14, week 1 = 15-21, week 2 = 22-28, week 1 = 29-30:
      // 5 + 5 + 2 weekdays = 12 days; 4 weeks: 10 days.
      {"une semaine sur deux",
       week_on_week_off(),
       {},
       ymd(2025, 9, 1),
       open_figures(24, 12),
       open_figures(20, 10)},
      // Weeks 1/2/1/2/1: 3 + 2 + 3 + 2 + 1 (Mon 29) = 11 days; 4 weeks: 10 days.
      {"un jour sur deux",
       every_other_day(),
       {},
       ymd(2025, 9, 1),
       open_figures(22, 11),
       open_figures(20, 10)},
      // Start Wednesday 3 Sept: week 1 is still 1-7 Sept (Wed-Fri = 3 days), then 15-19 (5) and
      // 29-30 (2) = 10 days; 4 weeks: 3 + 5 = 8 days.
      {"une semaine sur deux, début un mercredi",
       week_on_week_off(),
       {},
       ymd(2025, 9, 3),
       open_figures(20, 10),
       open_figures(16, 8)},
      // Start Wednesday: Wed 3, Fri 5 | Tue 9, Thu 11 | 15 17 19 | 23 25 | Mon 29 = 10 days;
      // 4 weeks: 9 days.
      {"un jour sur deux, début un mercredi",
       every_other_day(),
       {},
       ymd(2025, 9, 3),
       open_figures(20, 10),
       open_figures(18, 9)},
      // Special "journées sans occupation" over 8-14 Sept replaces the full week: 22 - 4 days.
      {"horaire particulier: vendredi seulement",
       pattern({kFullWeek}),
       {special(ymd(2025, 9, 8), ymd(2025, 9, 14), pattern({kFridayOnly}))},
       ymd(2025, 9, 1),
       open_figures(36, 18),
       open_figures(32, 16)},
      // Special part-time over 15-28 Sept: normal 1-12 (10 days, 20 halves) + 2 special weeks
      // (8 days, 12 halves) + normal 29-30 (2 days, 4 halves); 4 weeks: without 29-30.
      {"horaire particulier: temps partiel deux semaines",
       pattern({kFullWeek}),
       {special(ymd(2025, 9, 15), ymd(2025, 9, 28), pattern({kPartTime}))},
       ymd(2025, 9, 1),
       open_figures(36, 20),
       open_figures(32, 18)},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.label);
    auto a = make_agreement("A1", tc.start, ymd(2026, 8, 31), tc.normal);
    a.special_schedules = tc.specials;
    const auto d = make_dossier({a});
    for (auto [to, want] :
         {std::pair{ymd(2025, 9, 30), tc.september}, std::pair{ymd(2025, 9, 28), tc.weeks4}}) {
      SCOPED_TRACE(dates::format(to));
      auto r = run(d, ymd(2025, 9, 1), to);
      ASSERT_EQ(r.report.months.count, 1);
      EXPECT_EQ(r.report.total(), want);
      EXPECT_EQ(r.report.cell(0, AgeGroup::toddler, Category::pcr), want);
      EXPECT_EQ(figures_of(r.days, ymd(2025, 9, 1), to), want);
      EXPECT_EQ(static_cast<std::int64_t>(r.days.size()), want.child_days);
      EXPECT_TRUE(r.any);
      EXPECT_EQ(r.report.children, 1);
    }
  }
}

// ENT-04: week 1 of the pattern is the week (Monday to Sunday) of the start date, not the 7 days
// from it; a special schedule's week 1 is the week of its own start (as csg::planned_on reads it).
TEST(Occupation, OCC_01_WeekOneIsTheWeekOfTheStartDate) {
  struct Case {
    std::string label;
    csg::Agreement a;
    std::vector<Date> want;  // planned days of [from, 30 September 2025]
    Date from = ymd(2025, 9, 1);
  };
  auto with_special = [] {
    // Normal: weekends, from Monday 8 Sept; special "une semaine sur deux" from Wednesday 17 Sept:
    // its week 1 = 15-21 (Wed-Fri 17-19; its empty weekend replaces the normal one), week 2 =
    // 22-28 (nothing), week 1 = 29-30. Counted from the agreement's week instead, 15-21 would be
    // week 2 and 22-26 planned.
    auto a = make_agreement("A1", ymd(2025, 9, 8), ymd(2026, 8, 31), pattern({kWeekEnd}));
    a.special_schedules = {special(ymd(2025, 9, 17), ymd(2025, 9, 30), week_on_week_off())};
    return a;
  }();
  const std::vector<Case> cases = {
      // Counting 7-day blocks from Wednesday 3 would plan 3-9 and 17-23 instead.
      {"une semaine sur deux from Wednesday 3",
       make_agreement("A1", ymd(2025, 9, 3), ymd(2026, 8, 31), week_on_week_off()),
       days_list(2025, 9, {3, 4, 5, 15, 16, 17, 18, 19, 29, 30})},
      {"un jour sur deux from Wednesday 3",
       make_agreement("A1", ymd(2025, 9, 3), ymd(2026, 8, 31), every_other_day()),
       days_list(2025, 9, {3, 5, 9, 11, 15, 17, 19, 23, 25, 29})},
      {"un jour sur deux from Sunday 7 (week 1 = 1-7: nothing planned until 8, in week 2)",
       make_agreement("A1", ymd(2025, 9, 7), ymd(2026, 8, 31), every_other_day()),
       days_list(2025, 9, {9, 11, 15, 17, 19, 23, 25, 29})},
      {"special 2-week schedule from Wednesday 17", with_special,
       days_list(2025, 9, {13, 14, 17, 18, 19, 29, 30})},
      // A range starting after the pattern's start, mid-pattern: from Friday 5, 8-14 Sept is
      // still week 2 (weeks since Monday 1), not week 1 (7-day blocks since Friday 5).
      {"une semaine sur deux from Friday 5, counted from Monday 8",
       make_agreement("A1", ymd(2025, 9, 5), ymd(2026, 8, 31), week_on_week_off()),
       days_list(2025, 9, {15, 16, 17, 18, 19, 29, 30}), ymd(2025, 9, 8)},
      // The special schedule from Wednesday 17, counted from Monday 22: its week 2 (nothing).
      {"special 2-week schedule from Wednesday 17, counted from Monday 22", with_special,
       days_list(2025, 9, {29, 30}), ymd(2025, 9, 22)},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.label);
    auto r = run(make_dossier({tc.a}), tc.from, ymd(2025, 9, 30));
    EXPECT_EQ(dates_of(r.days), tc.want);
    const auto n = static_cast<std::int64_t>(tc.want.size());
    EXPECT_EQ(r.report.total(), open_figures(2 * n, n));
  }
}

// 2-, 3- and 4-week patterns across month and year ends, one mask per pattern week so that each
// day's mask says which week it fell in.
TEST(Occupation, OCC_01_MultiWeekPatternsAcrossMonthAndYearEnds) {
  struct Case {
    std::string label;
    csg::Agreement a;
    Date from, to;
    std::vector<std::pair<Date, std::uint8_t>> want_masks;
    std::vector<Figures> want_months;  // one per month of [from, to]
  };
  const std::vector<Case> cases = {
      // Start Thursday 2026-12-17: week 1 = 14-20 Dec (AM), week 2 = 21-27 (PM), week 3 =
      // 28 Dec-3 Jan (S1), then 4-10 Jan AM, 11-17 PM, 18-24 S1, 25-31 AM. One half a day: 15 in
      // December (17-31), 31 in January.
      {"3 weeks from Thursday 2026-12-17",
       make_agreement("A1", ymd(2026, 12, 17), ymd(2027, 1, 31),
                      pattern({every_day(kAm), every_day(kPm), every_day(kS1)})),
       ymd(2026, 12, 1),
       ymd(2027, 1, 31),
       {{ymd(2026, 12, 17), kAm},
        {ymd(2026, 12, 20), kAm},
        {ymd(2026, 12, 21), kPm},
        {ymd(2026, 12, 27), kPm},
        {ymd(2026, 12, 28), kS1},
        {ymd(2026, 12, 31), kS1},
        {ymd(2027, 1, 1), kS1},
        {ymd(2027, 1, 3), kS1},
        {ymd(2027, 1, 4), kAm},
        {ymd(2027, 1, 11), kPm},
        {ymd(2027, 1, 18), kS1},
        {ymd(2027, 1, 25), kAm},
        {ymd(2027, 1, 31), kAm}},
       {open_figures(15, 15), open_figures(31, 31)}},
      // Start Wednesday 2027-12-01: week 1 = 29 Nov-5 Dec (AM), 6-12 PM, 13-19 S1, 20-26 S2,
      // 27 Dec-2 Jan AM, 3-9 PM, 10-16 S1, 17-23 S2, 24-30 AM, 31 Jan-6 Feb PM, 7-13 S1,
      // 14-20 S2, 21-27 AM, 28 Feb-5 Mar PM (29 Feb included), 6-12 S1. One half a day:
      // December 31, January 31, February 29 (leap year), March 1-12.
      {"4 weeks from Wednesday 2027-12-01, through 29 February",
       make_agreement("A1", ymd(2027, 12, 1), ymd(2028, 3, 12),
                      pattern({every_day(kAm), every_day(kPm), every_day(kS1), every_day(kS2)})),
       ymd(2027, 12, 1),
       ymd(2028, 3, 31),
       {{ymd(2027, 12, 1), kAm},
        {ymd(2027, 12, 5), kAm},
        {ymd(2027, 12, 6), kPm},
        {ymd(2027, 12, 26), kS2},
        {ymd(2027, 12, 27), kAm},
        {ymd(2028, 1, 1), kAm},
        {ymd(2028, 1, 3), kPm},
        {ymd(2028, 1, 23), kS2},
        {ymd(2028, 1, 24), kAm},
        {ymd(2028, 1, 31), kPm},
        {ymd(2028, 2, 7), kS1},
        {ymd(2028, 2, 20), kS2},
        {ymd(2028, 2, 27), kAm},
        {ymd(2028, 2, 28), kPm},
        {ymd(2028, 2, 29), kPm},
        {ymd(2028, 3, 1), kPm},
        {ymd(2028, 3, 6), kS1},
        {ymd(2028, 3, 12), kS1}},
       {open_figures(31, 31), open_figures(31, 31), open_figures(29, 29), open_figures(12, 12)}},
      // 2 weeks (nights) from Saturday 2026-01-31: week 1 = 26 Jan-1 Feb (N1), week 2 = 2-8 Feb
      // (N2), 9-15 N1, 16-22 N2, 23 Feb-1 Mar N1, 2-8 Mar N2. January: 31 Jan only; February
      // 2026: 28 days; March 1-8.
      {"2 weeks from Saturday 2026-01-31 across February",
       make_agreement("A1", ymd(2026, 1, 31), ymd(2026, 3, 8),
                      pattern({every_day(kN1), every_day(kN2)})),
       ymd(2026, 1, 1),
       ymd(2026, 3, 31),
       {{ymd(2026, 1, 31), kN1},
        {ymd(2026, 2, 1), kN1},
        {ymd(2026, 2, 2), kN2},
        {ymd(2026, 2, 28), kN1},
        {ymd(2026, 3, 1), kN1},
        {ymd(2026, 3, 2), kN2},
        {ymd(2026, 3, 8), kN2}},
       {open_figures(1, 1), open_figures(28, 28), open_figures(8, 8)}},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.label);
    auto r = run(make_dossier({tc.a}), tc.from, tc.to);
    auto masks = masks_of(r.days);
    for (auto [day, mask] : tc.want_masks) {
      SCOPED_TRACE(dates::format(day));
      EXPECT_EQ(masks.count(day) ? masks[day] : 0, mask);
    }
    ASSERT_EQ(r.report.months.count, static_cast<int>(tc.want_months.size()));
    for (int m = 0; m < r.report.months.count; ++m) {
      SCOPED_TRACE("month " + std::to_string(m));
      EXPECT_EQ(r.report.cell(m, AgeGroup::toddler, Category::pcr), tc.want_months[m]);
      Date first = r.report.months.first[static_cast<size_t>(m)];
      Date last = m + 1 < r.report.months.count
                      ? dates::add_days(r.report.months.first[static_cast<size_t>(m + 1)], -1)
                      : tc.to;
      EXPECT_EQ(figures_of(r.days, first, last), tc.want_months[m]);
    }
  }
}

// Leap year: "un jour sur deux" from Monday 2027-12-27 to Sunday 2028-03-05 (10 weeks, 5 cycles).
// Weeks from 27 Dec: 1 (27 29 31 Dec) | 2 (Tue 4, Thu 6 Jan) | 1 (10 12 14) | 2 (18 20) |
// 1 (24 26 28) | 2 (Tue 1, Thu 3 Feb; Mon 31 Jan not planned) | 1 (7 9 11) | 2 (15 17) |
// 1 (21 23 25) | 2 (Tue 29 Feb, Thu 2 Mar). December 3 days, January 10, February 11, March 1:
// 25 days = 5 cycles × 5 days.
TEST(Occupation, OCC_01_LeapYearTwoWeekPattern) {
  auto a = make_agreement("A1", ymd(2027, 12, 27), ymd(2028, 3, 5), every_other_day());
  auto r = run(make_dossier({a}), ymd(2027, 12, 27), ymd(2028, 3, 5));
  ASSERT_EQ(r.report.months.count, 4);
  EXPECT_EQ(r.report.months.first, (std::vector<Date>{ymd(2027, 12, 27), ymd(2028, 1, 1),
                                                      ymd(2028, 2, 1), ymd(2028, 3, 1)}));
  const std::vector<Figures> want = {open_figures(6, 3), open_figures(20, 10), open_figures(22, 11),
                                     open_figures(2, 1)};
  for (int m = 0; m < 4; ++m)
    EXPECT_EQ(r.report.cell(m, AgeGroup::toddler, Category::pcr), want[m]) << "month " << m;
  EXPECT_EQ(figures_of(r.days, ymd(2028, 2, 1), ymd(2028, 2, 29)), want[2]);
  EXPECT_EQ(r.report.total(), open_figures(50, 25));
  auto masks = masks_of(r.days);
  EXPECT_EQ(masks[ymd(2028, 2, 29)], kDay);
  EXPECT_EQ(masks.count(ymd(2028, 2, 28)), 0u);  // Monday of week 2
  EXPECT_EQ(masks.count(ymd(2028, 3, 1)), 0u);   // Wednesday of week 2
  EXPECT_EQ(masks[ymd(2028, 3, 2)], kDay);

  // Tous les jours over February: 21 weekdays in 2028 (29 days from a Tuesday: 5 Tuesdays), 20
  // in 2027 (28 days from a Monday).
  for (auto [y, n] : {std::pair{2028, 21}, std::pair{2027, 20}}) {
    Date last = ymd(y, 2, y == 2028 ? 29 : 28);
    auto full = make_agreement("A1", ymd(y, 1, 1), ymd(y, 6, 30), pattern({kFullWeek}));
    auto f = run(make_dossier({full}), ymd(y, 2, 1), last);
    EXPECT_EQ(f.report.total(), open_figures(2 * n, n)) << y;
    EXPECT_EQ(figures_of(f.days, ymd(y, 2, 1), last), open_figures(2 * n, n)) << y;
  }
}

// ENT-02: the termination date is the last occupation day, wherever it falls in the pattern.
TEST(Occupation, OCC_01_TerminationIsTheLastDay) {
  struct Case {
    std::string label;
    csg::Agreement a;
    std::optional<Date> termination;
    Figures want;  // over September-October 2025 (or December 2026-January 2027)
    std::optional<Date> last_day;
  };
  auto wowo = make_agreement("A1", ymd(2025, 9, 1), ymd(2026, 8, 31), week_on_week_off());
  auto three = make_agreement("A1", ymd(2026, 12, 17), ymd(2027, 3, 31),
                              pattern({every_day(kAm), every_day(kPm), every_day(kS1)}));
  const std::vector<Case> cases = {
      // Sept-Oct week 1 weeks: 1-5 Sept, 15-19, 29 Sept-3 Oct, 13-17 Oct, 27-31 Oct = 25 days.
      {"not terminated", wowo, std::nullopt, open_figures(50, 25), ymd(2025, 10, 31)},
      // Wednesday 17 Sept, in week 1: 1-5 and 15-17 Sept.
      {"terminated in week 1 (Wednesday 17)", wowo, ymd(2025, 9, 17), open_figures(16, 8),
       ymd(2025, 9, 17)},
      // Wednesday 10 Sept, in week 2 (nothing planned): only 1-5 Sept.
      {"terminated in week 2 (Wednesday 10)", wowo, ymd(2025, 9, 10), open_figures(10, 5),
       ymd(2025, 9, 5)},
      {"terminated on the start date", wowo, ymd(2025, 9, 1), open_figures(2, 1), ymd(2025, 9, 1)},
      // 3 weeks from Thursday 2026-12-17 (see above), terminated Saturday 2 January in week 3:
      // 17-31 Dec (15 halves) + 1-2 Jan (2).
      {"3 weeks terminated across the year end", three, ymd(2027, 1, 2), open_figures(17, 17),
       ymd(2027, 1, 2)},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.label);
    auto a = tc.a;
    a.termination = tc.termination;
    bool dec = *a.start == ymd(2026, 12, 17);
    Date from = dec ? ymd(2026, 12, 1) : ymd(2025, 9, 1);
    Date to = dec ? ymd(2027, 1, 31) : ymd(2025, 10, 31);
    auto r = run(make_dossier({a}), from, to);
    EXPECT_EQ(r.report.total(), tc.want);
    EXPECT_EQ(figures_of(r.days, from, to), tc.want);
    ASSERT_FALSE(r.days.empty());
    EXPECT_EQ(r.days.back().day, *tc.last_day);
  }
}

// ENT-03/ENT-05 and OCC-01: a replacement child has no planned occupation, whatever its schedules.
TEST(Occupation, OCC_01_ReplacementChildHasNoOccupation) {
  auto a = make_agreement("R1", ymd(2025, 9, 1), ymd(2026, 8, 31), pattern({kFullWeek}));
  a.replacement = true;
  a.special_schedules = {special(ymd(2025, 9, 8), ymd(2025, 9, 14), pattern({every_day(kDay)}))};
  auto normal = make_agreement("A1", ymd(2025, 9, 1), ymd(2026, 8, 31), pattern({kWeekEnd}));
  occ::Calendar calendar(ymd(2025, 9, 1), ymd(2025, 9, 30));

  auto r = run(make_dossier({a}), ymd(2025, 9, 1), ymd(2025, 9, 30));
  EXPECT_FALSE(r.any);
  EXPECT_TRUE(r.days.empty());
  EXPECT_EQ(r.report.total(), Figures{});
  EXPECT_EQ(r.report.children, 0);
  EXPECT_EQ(r.report.service, std::vector<std::uint8_t>(30, 0));
  // With a second, ordinary dossier: only its 8 weekend days (16 halves) count, and OCC-04's
  // open half-periods are the 22 weekdays' day service plus those weekends (44 + 16).
  occ::add_dossier(r.report, make_dossier({normal}), calendar);
  occ::close_report(r.report, calendar);
  EXPECT_EQ(r.report.total(), open_figures(16, 8));
  EXPECT_EQ(r.report.children, 1);
  EXPECT_EQ(r.report.open_half_periods, (std::vector<std::int64_t>{60}));
  // Replacement in a dossier next to an ordinary agreement: the ordinary one still counts.
  auto both = run(make_dossier({a, normal}), ymd(2025, 9, 1), ymd(2025, 9, 30));
  EXPECT_EQ(both.report.total(), open_figures(16, 8));
  for (const auto& x : both.days) EXPECT_EQ(x.agreement, "A1");
}

// OCC-01 "explain": each Day says which agreement and whether a special schedule planned it.
TEST(Occupation, OCC_01_DaysOfExplainsEachDay) {
  auto a1 = make_agreement("A1", ymd(2025, 9, 1), ymd(2025, 9, 10), pattern({kFullWeek}));
  a1.special_schedules = {special(ymd(2025, 9, 8), ymd(2025, 9, 9), pattern({every_day(kS1)}))};
  auto a2 = make_agreement("A2", ymd(2025, 9, 11), ymd(2026, 8, 31), pattern({kPartTime}), false);
  auto r = run(make_dossier({a1, a2}), ymd(2025, 9, 1), ymd(2025, 9, 19));
  // A1: 1-5 (normal), 8-9 (special S1), 10 (normal); A2 from Thursday 11: 11 AM, 12 PM, 15, 16,
  // 18 AM, 19 PM.
  struct Want {
    Date day;
    const char* ref;
    bool special;
    std::uint8_t planned;
    Category category;
  };
  const std::vector<Want> want = {
      {ymd(2025, 9, 1), "A1", false, kDay, Category::pcr},
      {ymd(2025, 9, 2), "A1", false, kDay, Category::pcr},
      {ymd(2025, 9, 3), "A1", false, kDay, Category::pcr},
      {ymd(2025, 9, 4), "A1", false, kDay, Category::pcr},
      {ymd(2025, 9, 5), "A1", false, kDay, Category::pcr},
      {ymd(2025, 9, 8), "A1", true, kS1, Category::pcr},
      {ymd(2025, 9, 9), "A1", true, kS1, Category::pcr},
      {ymd(2025, 9, 10), "A1", false, kDay, Category::pcr},
      {ymd(2025, 9, 11), "A2", false, kAm, Category::non_pcr},
      {ymd(2025, 9, 12), "A2", false, kPm, Category::non_pcr},
      {ymd(2025, 9, 15), "A2", false, kDay, Category::non_pcr},
      {ymd(2025, 9, 16), "A2", false, kDay, Category::non_pcr},
      {ymd(2025, 9, 18), "A2", false, kAm, Category::non_pcr},
      {ymd(2025, 9, 19), "A2", false, kPm, Category::non_pcr},
  };
  ASSERT_EQ(r.days.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(dates::format(want[i].day));
    EXPECT_EQ(r.days[i].day, want[i].day);
    EXPECT_EQ(r.days[i].agreement, want[i].ref);
    EXPECT_EQ(r.days[i].special, want[i].special);
    EXPECT_EQ(r.days[i].planned, want[i].planned);
    EXPECT_EQ(r.days[i].age, AgeGroup::toddler);
    EXPECT_EQ(r.days[i].category, want[i].category);
  }
  // A1: 6 days × 2 + 2 × 1 = 14 halves on 8 days (1); A2: 4 × 1 + 2 × 2 = 8 halves on 6 days (3).
  EXPECT_EQ(r.report.cell(0, AgeGroup::toddler, Category::pcr), open_figures(14, 8));
  EXPECT_EQ(r.report.cell(0, AgeGroup::toddler, Category::non_pcr), open_figures(8, 6));
  // days_of honours its own range inside the calendar's.
  occ::Calendar calendar(ymd(2025, 9, 1), ymd(2025, 9, 30));
  auto part = occ::days_of(make_dossier({a1, a2}), calendar, ymd(2025, 9, 9), ymd(2025, 9, 11));
  EXPECT_EQ(dates_of(part), days_list(2025, 9, {9, 10, 11}));
}

// ---- OCC-02: classification by age bracket and categories --------------------------------------

TEST(Occupation, OCC_02_AgeGroupInForce) {
  // Listed out of order: the latest effective date on or before the day wins, from that day on.
  auto d = make_dossier({}, {{csg::Bracket::toddler, ymd(2025, 10, 10)},
                             {csg::Bracket::infant, ymd(2024, 3, 1)},
                             {csg::Bracket::school, ymd(2028, 9, 1)}});
  const std::vector<std::pair<Date, AgeGroup>> cases = {
      {ymd(2024, 2, 29), AgeGroup::none},    {ymd(2024, 3, 1), AgeGroup::infant},
      {ymd(2025, 10, 9), AgeGroup::infant},  {ymd(2025, 10, 10), AgeGroup::toddler},
      {ymd(2028, 8, 31), AgeGroup::toddler}, {ymd(2028, 9, 1), AgeGroup::school},
      {ymd(2030, 1, 1), AgeGroup::school},
  };
  for (auto [day, want] : cases) EXPECT_EQ(occ::age_on(d, day), want) << dates::format(day);
  EXPECT_EQ(occ::age_on(make_dossier({}, {}), ymd(2025, 1, 1)), AgeGroup::none);
}

TEST(Occupation, OCC_02_FlagsInForce) {
  auto d = make_dossier({});
  d.ecp_periods = {{ymd(2025, 10, 20), std::nullopt}};  // open-ended
  d.cisss_periods = {{ymd(2025, 9, 1), ymd(2025, 9, 30)}, {std::nullopt, ymd(2027, 1, 1)}};
  csg::HandicapPeriod h;
  h.start = ymd(2025, 1, 1);
  h.end = ymd(2026, 12, 31);
  h.transitional_measure = csg::Period{ymd(2026, 9, 1), ymd(2026, 12, 31)};
  d.handicap_periods = {h};
  auto pcr = make_agreement("A1", ymd(2025, 1, 1), ymd(2027, 6, 30), pattern({kFullWeek}));
  auto full = make_agreement("A2", ymd(2025, 1, 1), ymd(2027, 6, 30), pattern({kFullWeek}), false);
  using occ::kCisss;
  using occ::kEcp;
  using occ::kHandicap;
  using occ::kPcr;
  using occ::kTransitional;
  struct Case {
    const csg::Agreement* a;
    Date day;
    std::uint8_t want;
  };
  const std::vector<Case> cases = {
      {&pcr, ymd(2024, 12, 31), kPcr},  // before every period
      {&pcr, ymd(2025, 8, 31), kPcr | kHandicap},
      {&pcr, ymd(2025, 9, 1), kPcr | kHandicap | kCisss},   // CISSS start inclusive
      {&pcr, ymd(2025, 9, 30), kPcr | kHandicap | kCisss},  // CISSS end inclusive
      {&pcr, ymd(2025, 10, 1), kPcr | kHandicap},           // a period without start: never
      {&pcr, ymd(2025, 10, 20), kPcr | kHandicap | kEcp},
      {&pcr, ymd(2026, 9, 1), kPcr | kHandicap | kEcp | kTransitional},
      {&pcr, ymd(2026, 12, 31), kPcr | kHandicap | kEcp | kTransitional},
      {&pcr, ymd(2027, 1, 1), kPcr | kEcp},  // handicap and mesure transitoire ended
      {&full, ymd(2025, 9, 15), kHandicap | kCisss},
  };
  for (const auto& tc : cases)
    EXPECT_EQ(occ::flags_on(d, *tc.a, tc.day), tc.want) << dates::format(tc.day);
}

// October 2025 (1 Oct a Wednesday, 23 weekdays): infant until 9 Oct, toddler from Friday 10; ECP
// from Monday 20. Infant/1: 1-3, 6-9 = 7 days; toddler/1: 10, 13-17 = 6 days; toddler/1.2:
// 20-24, 27-31 = 10 days.
TEST(Occupation, OCC_02_BracketAndCategoryChangeMidMonth) {
  auto d = make_dossier(
      {make_agreement("A1", ymd(2025, 9, 1), ymd(2026, 8, 31), pattern({kFullWeek}))},
      {{csg::Bracket::infant, ymd(2025, 3, 1)}, {csg::Bracket::toddler, ymd(2025, 10, 10)}});
  d.ecp_periods = {{ymd(2025, 10, 20), std::nullopt}};
  auto r = run(d, ymd(2025, 10, 1), ymd(2025, 10, 31));
  EXPECT_EQ(r.report.cell(0, AgeGroup::infant, Category::pcr), open_figures(14, 7));
  EXPECT_EQ(r.report.cell(0, AgeGroup::toddler, Category::pcr), open_figures(12, 6));
  EXPECT_EQ(r.report.cell(0, AgeGroup::toddler, Category::ecp), open_figures(20, 10));
  EXPECT_EQ(r.report.total(), open_figures(46, 23));
  for (const auto& x : r.days) {
    bool before = x.day < ymd(2025, 10, 10), ecp = x.day >= ymd(2025, 10, 20);
    EXPECT_EQ(x.age, before ? AgeGroup::infant : AgeGroup::toddler) << dates::format(x.day);
    EXPECT_EQ(x.category, ecp ? Category::ecp : Category::pcr) << dates::format(x.day);
  }
}

// DOS-21 violated: an agreement from 1 Sept 2025 but the first bracket effective Monday 15 Sept.
// 1-12 Sept (10 weekdays) are in AgeGroup::none, 15-30 (12 weekdays) infant.
TEST(Occupation, OCC_02_DaysBeforeTheFirstBracket) {
  auto d =
      make_dossier({make_agreement("A1", ymd(2025, 9, 1), ymd(2026, 8, 31), pattern({kFullWeek}))},
                   {{csg::Bracket::infant, ymd(2025, 9, 15)}});
  auto r = run(d, ymd(2025, 9, 1), ymd(2025, 9, 30));
  EXPECT_EQ(r.report.cell(0, AgeGroup::none, Category::pcr), open_figures(20, 10));
  EXPECT_EQ(r.report.cell(0, AgeGroup::infant, Category::pcr), open_figures(24, 12));
  EXPECT_EQ(r.days.front().age, AgeGroup::none);
  EXPECT_EQ(r.days.back().age, AgeGroup::infant);
  EXPECT_STREQ(occ::name_of(AgeGroup::none), "none");
}

// ---- OCC-03: closures ---------------------------------------------------------------------------

// Tous les jours from 1 Dec 2025 with a special schedule over the holidays, 22 Dec-4 Jan: Monday
// to Thursday mornings only. December 2025 (1 Dec a Monday): normal 1-5, 8-12, 15-19 = 15 days,
// 30 halves; special 22, 23, 24, 25, 29, 30, 31 AM = 7 days, 7 halves: 37 halves, 22 days.
// Closings: Mon 8 Dec AM+PM planned (2 planned closure); 23 Dec PM strike (not planned: nothing);
// 24 Dec AM strike (1 unpaid); 25 Dec AM+PM planned (1 planned closure, PM not planned); 26 Dec
// planned (Friday: nothing planned); 29 Dec AM "other" (1 unpaid); 31 Dec lock-out (1 unpaid).
// December: planned 37 = open 31 + planned closure 3 + unpaid 3.
// January 2026: special Thu 1 AM (planned closure, 1 Jan closed), Fri 2 nothing; normal from
// Monday 5: 20 weekdays, 40 halves. planned 41 = open 40 + planned closure 1; 21 days.
TEST(Occupation, OCC_03_SpecialScheduleAndClosuresOverTheHolidays) {
  auto a = make_agreement("A1", ymd(2025, 12, 1), ymd(2026, 6, 30), pattern({kFullWeek}));
  a.special_schedules = {
      special(ymd(2025, 12, 22), ymd(2026, 1, 4), pattern({{kAm, kAm, kAm, kAm, 0, 0, 0}}))};
  const std::vector<csg::ClosingDay> closed = {
      closing(ymd(2025, 12, 8), kDay, "planned"),  closing(ymd(2025, 12, 23), kPm, "strike"),
      closing(ymd(2025, 12, 24), kAm, "strike"),   closing(ymd(2025, 12, 25), kDay, "planned"),
      closing(ymd(2025, 12, 26), kDay, "planned"), closing(ymd(2025, 12, 29), kAm, "other"),
      closing(ymd(2025, 12, 31), kDay, "lockout"), closing(ymd(2026, 1, 1), kDay, "planned"),
      closing(ymd(2026, 1, 2), kDay, "planned"),
  };
  auto r = run(make_dossier({a}), ymd(2025, 12, 1), ymd(2026, 1, 31), closed);
  const Figures december{37, 31, 3, 3, 22}, january{41, 40, 1, 0, 21};
  EXPECT_EQ(r.report.cell(0, AgeGroup::toddler, Category::pcr), december);
  EXPECT_EQ(r.report.cell(1, AgeGroup::toddler, Category::pcr), january);
  EXPECT_EQ(figures_of(r.days, ymd(2025, 12, 1), ymd(2025, 12, 31)), december);
  EXPECT_EQ(figures_of(r.days, ymd(2026, 1, 1), ymd(2026, 1, 31)), january);

  struct Want {
    Date day;
    bool special;
    std::uint8_t planned, planned_closure, unpaid_closure;
  };
  const std::vector<Want> want = {
      {ymd(2025, 12, 8), false, kDay, kDay, 0}, {ymd(2025, 12, 19), false, kDay, 0, 0},
      {ymd(2025, 12, 22), true, kAm, 0, 0},     {ymd(2025, 12, 23), true, kAm, 0, 0},
      {ymd(2025, 12, 24), true, kAm, 0, kAm},   {ymd(2025, 12, 25), true, kAm, kAm, 0},
      {ymd(2025, 12, 29), true, kAm, 0, kAm},   {ymd(2025, 12, 31), true, kAm, 0, kAm},
      {ymd(2026, 1, 1), true, kAm, kAm, 0},     {ymd(2026, 1, 5), false, kDay, 0, 0},
  };
  std::map<Date, const occ::Day*> by_day;
  for (const auto& x : r.days) by_day[x.day] = &x;
  for (const auto& w : want) {
    SCOPED_TRACE(dates::format(w.day));
    ASSERT_TRUE(by_day.count(w.day));
    const auto& x = *by_day[w.day];
    EXPECT_EQ(x.special, w.special);
    EXPECT_EQ(x.planned, w.planned);
    EXPECT_EQ(x.planned_closure, w.planned_closure);
    EXPECT_EQ(x.unpaid_closure, w.unpaid_closure);
  }
  // Special schedule's days without occupation are not child-days at all.
  for (Date day : {ymd(2025, 12, 26), ymd(2025, 12, 27), ymd(2026, 1, 2), ymd(2026, 1, 3)})
    EXPECT_EQ(by_day.count(day), 0u) << dates::format(day);
}

TEST(Occupation, OCC_03_ClosingReasons) {
  // One planned full day (Monday 2025-09-08, tous les jours) closed for each reason and mask.
  struct Case {
    std::string reason;
    std::uint8_t closed;
    Figures want;  // over that day
  };
  const std::vector<Case> cases = {
      {"planned", kDay, {2, 0, 2, 0, 1}}, {"strike", kDay, {2, 0, 0, 2, 1}},
      {"lockout", kDay, {2, 0, 0, 2, 1}}, {"other", kDay, {2, 0, 0, 2, 1}},
      {"planned", kAm, {2, 1, 1, 0, 1}},  {"strike", kPm, {2, 1, 0, 1, 1}},
      {"lockout", kEve, {2, 2, 0, 0, 1}},  // evening closed, the child comes by day
  };
  auto a = make_agreement("A1", ymd(2025, 9, 1), ymd(2026, 8, 31), pattern({kFullWeek}));
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.reason + " " + std::to_string(tc.closed));
    auto r = run(make_dossier({a}), ymd(2025, 9, 8), ymd(2025, 9, 8),
                 {closing(ymd(2025, 9, 8), tc.closed, tc.reason)});
    EXPECT_EQ(r.report.total(), tc.want);
    EXPECT_EQ(figures_of(r.days, ymd(2025, 9, 8), ymd(2025, 9, 8)), tc.want);
  }
}

// ---- OCC-04: open half-periods, capacity and rate -----------------------------------------------

// September and October 2025 (22 and 23 weekdays). Dossier A: tous les jours. Dossier B: Monday
// Soir P1 and Saturday Jour P1. Closings: Labour Day Mon 1 Sept (AM, PM, S1, planned),
// Thanksgiving Mon 13 Oct (AM, PM, planned).
// September: day service 22 × 2 = 44 - 2 (1 Sept) = 42; Monday S1: 1 8 15 22 29 = 5 - 1 (closed
// 1 Sept) = 4; Saturday AM: 6 13 20 27 = 4. Open half-periods 50.
// October: 23 × 2 = 46 - 2 (13 Oct) = 44; Monday S1: 6 13 20 27 = 4 (S1 open on 13 Oct);
// Saturday AM: 4 11 18 25 = 4. Open half-periods 52.
// Open occupation: September A 44 - 2 = 42, B 5 - 1 + 4 = 8: 50; October A 46 - 2 = 44, B 8: 52.
TEST(Occupation, OCC_04_OpenHalfPeriodsCapacityAndRate) {
  occ::Calendar calendar(ymd(2025, 8, 1), ymd(2025, 12, 31),
                         {closing(ymd(2025, 9, 1), kDay | kS1, "planned"),
                          closing(ymd(2025, 10, 13), kDay, "planned")});
  auto a =
      make_dossier({make_agreement("A", ymd(2025, 9, 1), ymd(2026, 8, 31), pattern({kFullWeek}))});
  auto b = make_dossier({make_agreement("B", ymd(2025, 9, 1), ymd(2026, 8, 31),
                                        pattern({{kS1, 0, 0, 0, 0, kAm, 0}}))});
  occ::Report r(ymd(2025, 9, 1), ymd(2025, 10, 31));
  EXPECT_TRUE(occ::add_dossier(r, a, calendar));
  EXPECT_TRUE(occ::add_dossier(r, b, calendar));
  occ::close_report(r, calendar);
  EXPECT_EQ(r.children, 2);
  EXPECT_EQ(r.open_half_periods, (std::vector<std::int64_t>{50, 52}));
  EXPECT_EQ(r.service[0], kDay | kS1);  // 1 Sept: both children's half-periods
  EXPECT_EQ(r.service[5], kAm);         // Saturday 6 Sept
  EXPECT_EQ(r.service[6], 0);           // Sunday 7 Sept
  const std::int64_t sept_open = r.cell(0, AgeGroup::toddler, Category::pcr).open;
  const std::int64_t oct_open = r.cell(1, AgeGroup::toddler, Category::pcr).open;
  EXPECT_EQ(sept_open, 50);
  EXPECT_EQ(oct_open, 52);
  // Capacity = 8 places × open half-periods; rate = open occupation ÷ capacity.
  EXPECT_EQ(occ::capacity(8, r.open_half_periods[0]), 400);
  EXPECT_DOUBLE_EQ(occ::rate(sept_open, occ::capacity(8, r.open_half_periods[0])), 0.125);
  EXPECT_DOUBLE_EQ(occ::rate(oct_open, occ::capacity(4, r.open_half_periods[1])), 0.25);
  EXPECT_DOUBLE_EQ(occ::rate(10, 0), 0.0);
  EXPECT_EQ(occ::capacity(0, 50), 0);

  // No child at all: the day service Monday to Friday still counts (44 - 2 and 46 - 2), and
  // close_report may be called again (it recomputes).
  occ::Report empty(ymd(2025, 9, 1), ymd(2025, 10, 31));
  occ::close_report(empty, calendar);
  occ::close_report(empty, calendar);
  EXPECT_EQ(empty.open_half_periods, (std::vector<std::int64_t>{42, 44}));
  EXPECT_EQ(empty.children, 0);

  // A night child on the closed Labour Day's night: N1 is not closed that day, so it is open.
  // September: 42 + 5 Mondays' N1 = 47.
  occ::Report night(ymd(2025, 9, 1), ymd(2025, 9, 30));
  occ::add_dossier(night,
                   make_dossier({make_agreement("N", ymd(2025, 9, 1), ymd(2026, 8, 31),
                                                pattern({{kN1, 0, 0, 0, 0, 0, 0}}))}),
                   calendar);
  occ::close_report(night, calendar);
  EXPECT_EQ(night.open_half_periods, (std::vector<std::int64_t>{47}));
}

// ---- OCC-05: limits -----------------------------------------------------------------------------

struct LimitCase {
  std::string label;
  std::vector<csg::Dossier> child;
  Date from, to;
  std::vector<std::string> want;
};

void run_limits(const std::vector<LimitCase>& cases) {
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.label);
    std::vector<const csg::Dossier*> child;
    for (const auto& d : tc.child) child.push_back(&d);
    auto got = strs(occ::limits_of(child, tc.from, tc.to));
    auto want = tc.want;
    std::sort(got.begin(), got.end());  // the header does not order the kinds
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want);
  }
}

// A one-day special schedule planning Saturday Jour P1 only: one extra half-period.
csg::SpecialSchedule extra_saturday_am(Date saturday) {
  return special(saturday, saturday, pattern({{0, 0, 0, 0, 0, kAm, 0}}));
}

TEST(Occupation, OCC_05_YearLimit) {
  // Reference year 2025-04-01 (Tuesday) .. 2026-03-31: 365 days = 52 weeks + 1 Tuesday: 261
  // weekdays, 522 halves: at the limit, no warning.
  auto year25 = make_agreement("A1", ymd(2025, 4, 1), ymd(2026, 3, 31), pattern({kFullWeek}));
  auto year25_plus = year25;  // + Saturday 15 Nov 2025 AM: 523
  year25_plus.special_schedules = {extra_saturday_am(ymd(2025, 11, 15))};
  // Reference year 2027-04-01 (Thursday) .. 2028-03-31 holds 29 Feb 2028: 366 days = 52 weeks +
  // Thursday and Friday: 262 weekdays, 524 halves.
  auto year27 = make_agreement("A1", ymd(2027, 4, 1), ymd(2028, 3, 31), pattern({kFullWeek}));
  // The same less Thursday 1 April 2027, plus Saturday 3 April AM: 261 × 2 + 1 = 523, of which
  // 29 February is 2: without it, 521 would not warn.
  auto year27_feb29 = year27;
  year27_feb29.special_schedules = {
      special(ymd(2027, 4, 1), ymd(2027, 4, 4), pattern({{0, 0, 0, 0, kDay, kAm, 0}}))};
  // Two reference years: 2026-04-01 (Wednesday) .. 2027-03-31 also has 261 weekdays.
  auto year26_plus = make_agreement("A2", ymd(2026, 4, 1), ymd(2027, 3, 31), pattern({kFullWeek}));
  year26_plus.special_schedules = {extra_saturday_am(ymd(2026, 10, 3))};
  auto replacement = make_agreement("R", ymd(2025, 4, 1), ymd(2026, 3, 31),
                                    pattern({every_day(kDay | kEve | kN1 | kN2)}));
  replacement.replacement = true;

  const Date apr1 = ymd(2025, 4, 1);
  run_limits({
      // The year is counted whole even when the range is one day; the 28 days from 1 April
      // (1-28 April: 20 weekdays, 40 halves) are at the 4-week limit.
      {"261 days (522 halves): allowed", {make_dossier({year25})}, apr1, apr1, {}},
      {"522 + 1 halves: warning",
       {make_dossier({year25_plus})},
       apr1,
       apr1,
       {"year 2025-04-01..2026-03-31 523"}},
      // Over the whole year, the 28 days holding Saturday 15 Nov are over the 4-week limit
      // too: the first such window starts 27 days before it, Sunday 19 Oct (20 weekdays + 1).
      {"522 + 1 halves over the whole year",
       {make_dossier({year25_plus})},
       apr1,
       ymd(2026, 3, 31),
       {"year 2025-04-01..2026-03-31 523", "4 weeks 2025-10-19..2025-11-15 41"}},
      {"leap reference year: 262 weekdays",
       {make_dossier({year27})},
       ymd(2027, 4, 1),
       ymd(2027, 4, 1),
       {"year 2027-04-01..2028-03-31 524"}},
      {"leap reference year: 29 February counted",
       {make_dossier({year27_feb29})},
       ymd(2027, 4, 1),
       ymd(2027, 4, 1),
       {"year 2027-04-01..2028-03-31 523"}},
      // A range touching two reference years checks both; only the second is over.
      {"two reference years",
       {make_dossier({year25, year26_plus})},
       ymd(2026, 3, 31),
       ymd(2026, 4, 1),
       {"year 2026-04-01..2027-03-31 523"}},
      {"a replacement plans nothing", {make_dossier({replacement})}, apr1, ymd(2026, 3, 31), {}},
      {"empty range", {make_dossier({year25_plus})}, ymd(2026, 3, 31), apr1, {}},
  });
  EXPECT_EQ(occ::limits_of({}, apr1, ymd(2026, 3, 31)).size(), 0u);
}

TEST(Occupation, OCC_05_FourWeekLimit) {
  const Date sep1 = ymd(2025, 9, 1), nov30 = ymd(2025, 11, 30);
  auto full = make_agreement("A1", sep1, nov30, pattern({kFullWeek}));
  auto full_plus = full;  // + Saturday 11 Oct AM
  full_plus.special_schedules = {extra_saturday_am(ymd(2025, 10, 11))};
  // Seven days, then Monday to Wednesday: 14 + 6 = 20 halves every 2 weeks, 40 per 28 days.
  auto seven_three =
      make_agreement("A1", sep1, nov30, pattern({every_day(kDay), {kDay, kDay, kDay, 0, 0, 0, 0}}));
  auto day_evening = make_agreement("A1", sep1, nov30, pattern({kDayEvening}));
  // Every day from Saturday 25 March 2028: the 28 days from 18 March to 14 April hold 7 + 14 =
  // 21 planned days (42 halves); from 17 March only 20 (40). The window runs past the end of
  // the reference year (31 March) and of the range.
  auto spring =
      make_agreement("A1", ymd(2028, 3, 25), ymd(2028, 5, 31), pattern({every_day(kDay)}));
  run_limits({
      // Any 28 days = 4 whole weeks = 20 weekdays = 40 halves: at the limit.
      {"20 days in 28: allowed", {make_dossier({full})}, sep1, nov30, {}},
      {"2-week pattern of 7 + 3 days: allowed", {make_dossier({seven_three})}, sep1, nov30, {}},
      // First window holding Saturday 11 Oct: from Sunday 14 Sept (27 days before).
      {"40 + 1 halves: warning",
       {make_dossier({full_plus})},
       sep1,
       nov30,
       {"4 weeks 2025-09-14..2025-10-11 41"}},
      {"40 + 1 halves, range from 1 Oct",
       {make_dossier({full_plus})},
       ymd(2025, 10, 1),
       nov30,
       {"4 weeks 2025-10-01..2025-10-28 41"}},
      {"40 + 1 halves, range after it", {make_dossier({full_plus})}, ymd(2025, 10, 12), nov30, {}},
      // 1-28 Sept: 20 weekdays × 3 halves.
      {"jour et soir: 60 halves",
       {make_dossier({day_evening})},
       sep1,
       nov30,
       {"4 weeks 2025-09-01..2025-09-28 60"}},
      {"window across the end of the reference year",
       {make_dossier({spring})},
       ymd(2028, 3, 10),
       ymd(2028, 3, 31),
       {"4 weeks 2028-03-18..2028-04-14 42"}},
  });
}

// DOS-15/ENT-09: in shared custody each parent has a dossier; the child's limits count both.
TEST(Occupation, OCC_05_SharedCustodyAcrossTwoDossiers) {
  const Date sep1 = ymd(2025, 9, 1), nov30 = ymd(2025, 11, 30);
  // Week on / week off from Monday 1 Sept: the mother weeks 1, the father weeks 2. Saturday
  // 11 Oct is in a father's week (6-12 Oct is week 2: 5 weeks after 1 Sept).
  auto mother = make_dossier({make_agreement("M", sep1, nov30, week_on_week_off())});
  auto father = make_dossier({make_agreement("F", sep1, nov30, pattern({kNone, kFullWeek}))});
  auto father_plus = father;
  father_plus.agreements[0].special_schedules = {extra_saturday_am(ymd(2025, 10, 11))};
  // A whole reference year, 2025-04-01 .. 2026-03-31 (week 1 = 31 March - 6 April): together
  // every weekday, 261 days = 522 halves; with Saturday 15 Nov AM (the mother's week 1) 523.
  auto apr1 = ymd(2025, 4, 1), mar31 = ymd(2026, 3, 31);
  auto mother_year = make_dossier({make_agreement("M", apr1, mar31, week_on_week_off())});
  auto father_year = make_dossier({make_agreement("F", apr1, mar31, pattern({kNone, kFullWeek}))});
  auto mother_year_plus = mother_year;
  mother_year_plus.agreements[0].special_schedules = {extra_saturday_am(ymd(2025, 11, 15))};
  run_limits({
      {"together every weekday: 40 in 28 days", {mother, father}, sep1, nov30, {}},
      {"the father alone with the extra Saturday: 21", {father_plus}, sep1, nov30, {}},
      {"together with the extra Saturday: 41",
       {mother, father_plus},
       sep1,
       nov30,
       {"4 weeks 2025-09-14..2025-10-11 41"}},
      {"together a whole year: 522", {mother_year, father_year}, apr1, apr1, {}},
      {"together a whole year + 1: 523",
       {mother_year_plus, father_year},
       apr1,
       apr1,
       {"year 2025-04-01..2026-03-31 523"}},
      {"the mother alone, a whole year + 1", {mother_year_plus}, apr1, apr1, {}},
  });
}

TEST(Occupation, OCC_05_ReferenceYear) {
  const std::vector<std::pair<Date, Date>> cases = {
      {ymd(2025, 4, 1), ymd(2025, 4, 1)},  {ymd(2026, 3, 31), ymd(2025, 4, 1)},
      {ymd(2026, 1, 1), ymd(2025, 4, 1)},  {ymd(2025, 12, 31), ymd(2025, 4, 1)},
      {ymd(2028, 2, 29), ymd(2027, 4, 1)}, {ymd(2028, 4, 1), ymd(2028, 4, 1)},
      {ymd(2025, 3, 31), ymd(2024, 4, 1)},
  };
  for (auto [day, want] : cases) EXPECT_EQ(occ::reference_year_of(day), want) << dates::format(day);
}

// ---- OCC-06: report categories -----------------------------------------------------------------

TEST(Occupation, OCC_06_CategoryPrecedence) {
  using occ::kCisss;
  using occ::kEcp;
  using occ::kHandicap;
  using occ::kPcr;
  using occ::kTransitional;
  struct Case {
    AgeGroup age;
    std::uint8_t flags;
    Category want;
  };
  const std::vector<Case> cases = {
      {AgeGroup::toddler, kPcr, Category::pcr},
      {AgeGroup::infant, kPcr | kHandicap | kEcp | kCisss, Category::handicap},
      {AgeGroup::toddler, kPcr | kTransitional, Category::handicap},
      {AgeGroup::toddler, kPcr | kEcp | kCisss, Category::ecp},
      {AgeGroup::infant, kPcr | kCisss, Category::cisss},
      {AgeGroup::infant, 0, Category::non_pcr},
      {AgeGroup::toddler, kHandicap | kEcp | kCisss, Category::non_pcr},  // not PCR: 3
      {AgeGroup::school, kPcr, Category::school_pcr},
      {AgeGroup::school, kPcr | kHandicap | kEcp, Category::school_pcr},  // no mesure: 2
      {AgeGroup::school, 0, Category::school_non_pcr},
      {AgeGroup::school, kHandicap | kCisss, Category::school_non_pcr},
      {AgeGroup::school, kPcr | kHandicap | kTransitional, Category::handicap},  // mesure: 1.1
      {AgeGroup::school, kHandicap | kTransitional, Category::non_pcr},          // mesure: 3
      {AgeGroup::none, kPcr, Category::pcr},
      {AgeGroup::none, 0, Category::non_pcr},
  };
  for (const auto& tc : cases)
    EXPECT_EQ(occ::category_of(tc.age, tc.flags), tc.want)
        << occ::name_of(tc.age) << " flags " << int(tc.flags);
  const std::vector<std::pair<Category, std::string>> codes = {
      {Category::pcr, "1"},     {Category::handicap, "1.1"}, {Category::ecp, "1.2"},
      {Category::cisss, "1.3"}, {Category::school_pcr, "2"}, {Category::school_non_pcr, "2.1"},
      {Category::non_pcr, "3"},
  };
  for (auto [c, code] : codes) EXPECT_EQ(occ::code_of(c), code);
  EXPECT_STREQ(occ::name_of(AgeGroup::infant), "0-17");
  EXPECT_STREQ(occ::name_of(AgeGroup::toddler), "18-59");
  EXPECT_STREQ(occ::name_of(AgeGroup::school), "school");
}

// A school-age child from Tuesday 1 Sept 2026 (DOS-22: a new agreement from that date), tous les
// jours. September 2026: 30 days from a Tuesday, 22 weekdays, 44 halves.
TEST(Occupation, OCC_06_SchoolAgeWithAndWithoutMesureTransitoire) {
  struct Case {
    std::string label;
    bool pcr;
    std::optional<csg::Period> mesure;
    bool normal_schedule = true;
    std::vector<std::pair<Category, Figures>> want;  // every non-empty cell
  };
  const std::vector<Case> cases = {
      {"PCR", true, std::nullopt, true, {{Category::school_pcr, open_figures(44, 22)}}},
      {"not PCR", false, std::nullopt, true, {{Category::school_non_pcr, open_figures(44, 22)}}},
      {"PCR, mesure transitoire",
       true,
       csg::Period{ymd(2026, 8, 1), ymd(2027, 6, 30)},
       true,
       {{Category::handicap, open_figures(44, 22)}}},
      {"not PCR, mesure transitoire",
       false,
       csg::Period{ymd(2026, 8, 1), ymd(2027, 6, 30)},
       true,
       {{Category::non_pcr, open_figures(44, 22)}}},
      // From Tuesday 15 Sept: 1-4, 7-11, 14 (10 days) school PCR; 15-30 (12 days) 1.1.
      {"PCR, mesure transitoire from the 15th",
       true,
       csg::Period{ymd(2026, 9, 15), std::nullopt},
       true,
       {{Category::school_pcr, open_figures(20, 10)}, {Category::handicap, open_figures(24, 12)}}},
      // ENT-05: the normal schedule is optional for a school-age child: none, no occupation.
      {"no normal schedule", true, std::nullopt, false, {}},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.label);
    auto a = make_agreement("S1", ymd(2026, 9, 1), ymd(2027, 6, 30), pattern({kFullWeek}), tc.pcr);
    if (!tc.normal_schedule) a.schedule.reset();
    auto d = make_dossier({a}, {{csg::Bracket::infant, ymd(2020, 5, 1)},
                                {csg::Bracket::toddler, ymd(2021, 11, 1)},
                                {csg::Bracket::school, ymd(2026, 9, 1)}});
    csg::HandicapPeriod h;
    h.start = ymd(2025, 1, 1);
    h.transitional_measure = tc.mesure;
    d.handicap_periods = {h};  // AISG throughout: alone it does not change a school-age category
    auto r = run(d, ymd(2026, 9, 1), ymd(2026, 9, 30));
    Figures total;
    for (int c = 0; c < occ::kCategories; ++c) {
      auto cat = static_cast<Category>(c);
      Figures want;
      for (const auto& [wc, wf] : tc.want)
        if (wc == cat) want = wf;
      total += want;
      EXPECT_EQ(r.report.cell(0, AgeGroup::school, cat), want) << occ::code_of(cat);
    }
    EXPECT_EQ(r.report.total(), total);
    EXPECT_EQ(figures_of(r.days, ymd(2026, 9, 1), ymd(2026, 9, 30)), total);
  }
}

// ---- property: the two paths agree -------------------------------------------------------------

class Gen {
 public:
  explicit Gen(std::uint32_t seed) : g_(seed) {}
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g_); }
  bool chance(int percent) { return pick(1, 100) <= percent; }
  Date day_in(Date lo, Date hi) {
    return dates::add_days(lo, pick(0, dates::days_between(lo, hi)));
  }

  csg::Schedule schedule() {
    csg::Schedule s;
    s.weeks = pick(1, 4);
    for (int i = 0; i < 7 * s.weeks; ++i)
      s.days.push_back(chance(45) ? 0 : static_cast<std::uint8_t>(pick(1, 63)));
    return s;
  }

  std::string ref(int index) {
    static const std::vector<std::string> kPieces = {"A", "b",  "7",  " ",   "%", "é",
                                                     "-", "\t", "Z9", "%20", "ü"};
    std::string s;
    for (int n = pick(0, 4); n > 0; --n) s += kPieces[static_cast<size_t>(pick(0, 10))];
    return s + "#" + std::to_string(index);  // unique within a dossier
  }

  csg::Period period(Date lo, Date hi) {
    csg::Period p;
    if (chance(95)) p.start = day_in(lo, hi);
    if (chance(70)) p.end = dates::add_days(p.start.value_or(lo), pick(-5, 300));
    return p;
  }

  csg::Dossier dossier(int n, Date lo, Date hi) {
    csg::Dossier d;
    d.ref = "R" + std::to_string(n);
    std::set<Date> starts;
    for (int k = pick(0, 3); k > 0; --k) {
      Date start = day_in(dates::add_days(lo, -500), hi);
      if (!starts.insert(start).second) continue;  // DOS-20: distinct effective dates
      d.age_brackets.push_back({static_cast<csg::Bracket>(pick(0, 2)), start});
    }
    for (int k = pick(0, 2); k > 0; --k) d.cisss_periods.push_back(period(lo, hi));
    for (int k = pick(0, 2); k > 0; --k) d.ecp_periods.push_back(period(lo, hi));
    for (int k = pick(0, 2); k > 0; --k) {
      csg::HandicapPeriod h;
      static_cast<csg::Period&>(h) = period(lo, hi);
      if (chance(50)) {
        csg::Period t;  // now and then without start (never in force; kept by the text form)
        Date t_start = day_in(h.start.value_or(lo), dates::add_days(h.start.value_or(lo), 300));
        if (chance(90)) t.start = t_start;
        if (!t.start || chance(60)) t.end = dates::add_days(t_start, pick(0, 200));
        h.transitional_measure = t;
      }
      d.handicap_periods.push_back(h);
    }
    Date next = day_in(dates::add_days(lo, -200), dates::add_days(hi, -100));
    for (int k = 0, n_agreements = pick(1, 3); k < n_agreements; ++k) {
      csg::Agreement a;
      a.ref = ref(k);
      a.start = next;
      a.end = dates::add_days(next, pick(0, 400));
      if (chance(30)) a.termination = day_in(*a.start, *a.end);
      a.reduced_contribution = chance(60);
      a.replacement = chance(10);
      a.is_signed = chance(80);
      if (chance(92)) a.schedule = schedule();
      Date s_next = *a.start;
      for (int j = pick(0, 3); j > 0; --j) {
        // Mostly one after the other (ENT-06); sometimes overlapping or past the agreement.
        Date s_start = chance(85) ? day_in(s_next, dates::add_days(s_next, 90))
                                  : day_in(dates::add_days(*a.start, -10), *a.end);
        csg::SpecialSchedule sp{s_start, dates::add_days(s_start, pick(0, 60)), schedule()};
        s_next = dates::add_days(*sp.end, 1);
        a.special_schedules.push_back(sp);
      }
      next = dates::add_days(a.termination.value_or(*a.end), pick(1, 60));
      d.agreements.push_back(a);
    }
    return d;
  }

  std::vector<csg::ClosingDay> closing_days(Date lo, Date hi, int n) {
    static const std::vector<std::string> kReasons = {"planned", "lockout", "strike", "other"};
    std::set<Date> seen;
    std::vector<csg::ClosingDay> out;
    for (int k = 0; k < n; ++k) {
      Date day = day_in(lo, hi);
      if (!seen.insert(day).second) continue;
      out.push_back(closing(day, static_cast<std::uint8_t>(pick(1, 63)),
                            kReasons[static_cast<size_t>(pick(0, 3))]));
    }
    return out;
  }

 private:
  std::mt19937 g_;
};

// The cells of a report as days_of's days say: month, age group and category of each day.
std::vector<Figures> cells_of(const occ::Report& r, const std::vector<occ::Day>& days) {
  std::vector<Figures> cells(r.cells.size());
  for (const auto& x : days) {
    if (x.day < r.months.from || x.day > r.months.to) continue;
    int month = r.months.of_day[static_cast<size_t>(dates::days_between(r.months.from, x.day))];
    size_t i =
        static_cast<size_t>((month * occ::kAgeGroups + static_cast<int>(x.age)) * occ::kCategories +
                            static_cast<int>(x.category));
    cells[i] += Figures{halves(x.planned), halves(x.open()), halves(x.planned_closure),
                        halves(x.unpaid_closure), 1};
  }
  return cells;
}

const csg::Agreement* find_agreement(const csg::Dossier& d, const std::string& ref) {
  for (const auto& a : d.agreements)
    if (a.ref == ref) return &a;
  return nullptr;
}

bool covers(const csg::Period& p, Date day) {
  return p.start && *p.start <= day && (!p.end || day <= *p.end);
}

TEST(Occupation, PropertyDaysOfAgreesWithReport) {
  Gen gen(20260427);
  const Date cal_from = ymd(2026, 1, 1), cal_to = ymd(2028, 12, 31);
  const Date from = ymd(2026, 11, 15), to = ymd(2028, 3, 10);
  const auto closing_days = gen.closing_days(cal_from, cal_to, 150);
  occ::Calendar calendar(cal_from, cal_to, closing_days);
  // The closures as OCC-03 reads the list, independently of Calendar.
  std::map<Date, std::uint8_t> closed, unpaid;
  for (const auto& c : closing_days) {
    closed[c.day] |= c.closed;
    if (c.reason != "planned") unpaid[c.day] |= c.closed;
  }

  occ::Report all(from, to);
  std::vector<Figures> all_cells(all.cells.size());
  std::vector<std::uint8_t> service(all.service.size(), 0);
  std::int64_t children = 0;
  for (int n = 0; n < 300; ++n) {
    const auto d = gen.dossier(n, from, to);
    SCOPED_TRACE("dossier " + std::to_string(n) + ": " + occ::occupation_text(d));
    auto days = occ::days_of(d, calendar, from, to);

    // Each Day: csg::planned_on's half-periods, the closures of that date, its classification.
    std::int64_t want_days = 0;
    for (const auto& a : d.agreements)
      for (Date day = from; day <= to; day = dates::add_days(day, 1))
        if (csg::planned_on(a, day)) ++want_days;
    ASSERT_EQ(static_cast<std::int64_t>(days.size()), want_days);
    for (const auto& x : days) {
      const auto* a = find_agreement(d, x.agreement);
      ASSERT_NE(a, nullptr);
      ASSERT_EQ(x.planned, csg::planned_on(*a, x.day)) << dates::format(x.day);
      std::uint8_t c = closed.count(x.day) ? closed[x.day] : 0;
      std::uint8_t u = unpaid.count(x.day) ? unpaid[x.day] : 0;
      ASSERT_EQ(x.unpaid_closure, x.planned & c & u) << dates::format(x.day);
      ASSERT_EQ(x.planned_closure, x.planned & c & ~u) << dates::format(x.day);
      // Age: the latest effective date on or before the day.
      AgeGroup age = AgeGroup::none;
      std::optional<Date> latest;
      for (const auto& b : d.age_brackets)
        if (b.start <= x.day && (!latest || b.start > *latest))
          latest = b.start, age = static_cast<AgeGroup>(b.bracket);
      ASSERT_EQ(x.age, age) << dates::format(x.day);
      std::uint8_t flags = a->reduced_contribution ? occ::kPcr : 0;
      for (const auto& p : d.ecp_periods)
        if (covers(p, x.day)) flags |= occ::kEcp;
      for (const auto& p : d.cisss_periods)
        if (covers(p, x.day)) flags |= occ::kCisss;
      for (const auto& h : d.handicap_periods) {
        if (covers(h, x.day)) flags |= occ::kHandicap;
        if (h.transitional_measure && covers(*h.transitional_measure, x.day))
          flags |= occ::kTransitional;
      }
      ASSERT_EQ(x.flags, flags) << dates::format(x.day);
      ASSERT_EQ(x.category, occ::category_of(x.age, x.flags));
      service[static_cast<size_t>(dates::days_between(from, x.day))] |= x.planned;
    }

    // add_dossier's cells are exactly the days summed.
    occ::Report r(from, to);
    bool any = occ::add_dossier(r, d, calendar);
    EXPECT_EQ(any, !days.empty());
    auto want = cells_of(r, days);
    ASSERT_EQ(r.cells, want);
    for (const auto& f : r.cells)
      ASSERT_EQ(f.planned, f.open + f.planned_closure + f.unpaid_closure);

    // The same over a random sub-range of the calendar (other month boundaries).
    Date f2 = gen.day_in(cal_from, cal_to), t2 = gen.day_in(f2, cal_to);
    occ::Report r2(f2, t2);
    occ::add_dossier(r2, d, calendar);
    ASSERT_EQ(r2.cells, cells_of(r2, occ::days_of(d, calendar, f2, t2)))
        << dates::format(f2) << ".." << dates::format(t2);

    if (occ::add_dossier(all, d, calendar)) ++children;
    for (size_t i = 0; i < want.size(); ++i) all_cells[i] += want[i];
  }
  EXPECT_EQ(all.cells, all_cells);
  EXPECT_EQ(all.children, children);
  EXPECT_EQ(all.service, service);
  Figures total = all.total();
  EXPECT_EQ(total.planned, total.open + total.planned_closure + total.unpaid_closure);
  EXPECT_GT(total.planned_closure, 0);  // the generated cases do exercise every figure
  EXPECT_GT(total.unpaid_closure, 0);

  // OCC-04 from the days: day service Monday-Friday plus the planned half-periods, less closed.
  occ::close_report(all, calendar);
  std::vector<std::int64_t> open(static_cast<size_t>(all.months.count), 0);
  for (Date day = from; day <= to; day = dates::add_days(day, 1)) {
    auto i = static_cast<size_t>(dates::days_between(from, day));
    std::uint8_t m = service[i] | (dates::weekday(day) < 5 ? kDay : 0);
    m &= static_cast<std::uint8_t>(~(closed.count(day) ? closed[day] : 0));
    open[all.months.of_day[i]] += halves(m);
  }
  EXPECT_EQ(all.open_half_periods, open);
}

// ---- the stored short form ----------------------------------------------------------------------

void expect_same_period(const csg::Period& a, const csg::Period& b) {
  EXPECT_EQ(a.start, b.start);
  EXPECT_EQ(a.end, b.end);
}

void expect_same_schedule(const csg::Schedule& a, const csg::Schedule& b) {
  EXPECT_EQ(a.weeks, b.weeks);
  EXPECT_EQ(a.days, b.days);
}

void expect_same_parts(const csg::Dossier& a, const csg::Dossier& b) {
  ASSERT_EQ(a.age_brackets.size(), b.age_brackets.size());
  for (size_t i = 0; i < a.age_brackets.size(); ++i) {
    EXPECT_EQ(a.age_brackets[i].bracket, b.age_brackets[i].bracket);
    EXPECT_EQ(a.age_brackets[i].start, b.age_brackets[i].start);
  }
  for (auto [pa, pb] :
       {std::pair{&a.cisss_periods, &b.cisss_periods}, std::pair{&a.ecp_periods, &b.ecp_periods}}) {
    ASSERT_EQ(pa->size(), pb->size());
    for (size_t i = 0; i < pa->size(); ++i) expect_same_period((*pa)[i], (*pb)[i]);
  }
  ASSERT_EQ(a.handicap_periods.size(), b.handicap_periods.size());
  for (size_t i = 0; i < a.handicap_periods.size(); ++i) {
    const auto &ha = a.handicap_periods[i], &hb = b.handicap_periods[i];
    expect_same_period(ha, hb);
    ASSERT_EQ(ha.transitional_measure.has_value(), hb.transitional_measure.has_value());
    if (ha.transitional_measure)
      expect_same_period(*ha.transitional_measure, *hb.transitional_measure);
  }
  ASSERT_EQ(a.agreements.size(), b.agreements.size());
  for (size_t i = 0; i < a.agreements.size(); ++i) {
    const auto &x = a.agreements[i], &y = b.agreements[i];
    EXPECT_EQ(x.ref, y.ref);
    EXPECT_EQ(x.start, y.start);
    EXPECT_EQ(x.end, y.end);
    EXPECT_EQ(x.termination, y.termination);
    EXPECT_EQ(x.reduced_contribution, y.reduced_contribution);
    EXPECT_EQ(x.replacement, y.replacement);
    EXPECT_EQ(x.is_signed, y.is_signed);
    ASSERT_EQ(x.schedule.has_value(), y.schedule.has_value());
    if (x.schedule) expect_same_schedule(*x.schedule, *y.schedule);
    ASSERT_EQ(x.special_schedules.size(), y.special_schedules.size());
    for (size_t j = 0; j < x.special_schedules.size(); ++j) {
      EXPECT_EQ(x.special_schedules[j].start, y.special_schedules[j].start);
      EXPECT_EQ(x.special_schedules[j].end, y.special_schedules[j].end);
      expect_same_schedule(x.special_schedules[j].schedule, y.special_schedules[j].schedule);
    }
  }
}

void expect_same_days(const std::vector<occ::Day>& a, const std::vector<occ::Day>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].day, b[i].day);
    EXPECT_EQ(a[i].agreement, b[i].agreement);
    EXPECT_EQ(a[i].special, b[i].special);
    EXPECT_EQ(a[i].planned, b[i].planned);
    EXPECT_EQ(a[i].planned_closure, b[i].planned_closure);
    EXPECT_EQ(a[i].unpaid_closure, b[i].unpaid_closure);
    EXPECT_EQ(a[i].age, b[i].age);
    EXPECT_EQ(a[i].flags, b[i].flags);
    EXPECT_EQ(a[i].category, b[i].category);
  }
}

TEST(Occupation, TextRoundTrip) {
  Gen gen(31032028);
  const Date from = ymd(2026, 11, 15), to = ymd(2028, 3, 10);
  occ::Calendar calendar(from, to, gen.closing_days(from, to, 60));
  for (int n = 0; n < 300; ++n) {
    const auto d = gen.dossier(n, from, to);
    const auto text = occ::occupation_text(d);
    SCOPED_TRACE(text);
    auto back = occ::parse_occupation_text(text);
    ASSERT_TRUE(back.has_value());
    expect_same_parts(d, *back);
    EXPECT_EQ(occ::occupation_text(*back), text);
    expect_same_days(occ::days_of(d, calendar, from, to), occ::days_of(*back, calendar, from, to));
    occ::Report r1(from, to), r2(from, to);
    occ::add_dossier(r1, d, calendar);
    occ::add_dossier(r2, *back, calendar);
    EXPECT_EQ(r1.cells, r2.cells);
    // Dropping whole tokens from the end always leaves a text that is not of that form (every
    // list is counted).
    for (size_t cut = text.rfind(' '); cut != std::string::npos && cut > 0;
         cut = text.rfind(' ', cut - 1)) {
      if (n % 10 != 0 && cut + 40 < text.size()) break;  // every prefix for 1 dossier in 10
      ASSERT_FALSE(occ::parse_occupation_text(std::string_view(text).substr(0, cut)).has_value())
          << "prefix of " << cut << " characters";
    }
  }
}

TEST(Occupation, TextOfAKnownDossier) {
  // 1970-01-01 + 20000 days = 2024-10-04; flags 9 = PCR + normal schedule; ref "A 1" → "A%201".
  const std::string text =
      "o1 B 1 1 20000 C 1 20000 - E 0 H 1 20000 20100 20010 - A 1 A%201 9 20000 20300 - 1 7 3 3 3 "
      "3 3 0 0 S 1 20007 20013 1 7 0 0 0 0 3 0 0";
  auto d = occ::parse_occupation_text(text);
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->age_brackets.size(), 1u);
  EXPECT_EQ(d->age_brackets[0].bracket, csg::Bracket::toddler);
  EXPECT_EQ(d->age_brackets[0].start, ymd(2024, 10, 4));
  ASSERT_EQ(d->cisss_periods.size(), 1u);
  EXPECT_FALSE(d->cisss_periods[0].end.has_value());
  ASSERT_EQ(d->handicap_periods.size(), 1u);
  ASSERT_TRUE(d->handicap_periods[0].transitional_measure.has_value());
  EXPECT_EQ(d->handicap_periods[0].transitional_measure->start,
            dates::add_days(ymd(2024, 10, 4), 10));
  ASSERT_EQ(d->agreements.size(), 1u);
  const auto& a = d->agreements[0];
  EXPECT_EQ(a.ref, "A 1");
  EXPECT_TRUE(a.reduced_contribution);
  EXPECT_FALSE(a.replacement);
  EXPECT_FALSE(a.is_signed);
  EXPECT_EQ(a.start, ymd(2024, 10, 4));
  EXPECT_EQ(a.end, dates::add_days(ymd(2024, 10, 4), 300));
  EXPECT_FALSE(a.termination.has_value());
  ASSERT_TRUE(a.schedule.has_value());
  EXPECT_EQ(a.schedule->days, kFullWeek);
  ASSERT_EQ(a.special_schedules.size(), 1u);
  EXPECT_EQ(a.special_schedules[0].schedule.days, kFridayOnly);
  EXPECT_EQ(occ::occupation_text(*d), text);
  // Boundary values are accepted.
  for (const char* ok : {"o1 B 0 C 0 E 0 H 0 A 0", "o1 B 1 2 200000 C 1 -100000 - E 0 H 0 A 0",
                         "o1 B 0 C 0 E 0 H 0 A 1 % 15 - - - 1 7 63 0 0 0 0 0 0 S 0"}) {
    EXPECT_TRUE(occ::parse_occupation_text(ok).has_value()) << ok;
  }
  auto empty_ref = occ::parse_occupation_text("o1 B 0 C 0 E 0 H 0 A 1 % 0 - - - S 0");
  ASSERT_TRUE(empty_ref.has_value());
  EXPECT_EQ(empty_ref->agreements[0].ref, "");
}

TEST(Occupation, MalformedTextIsRejected) {
  const std::string tail = " C 0 E 0 H 0 A 0";
  const std::string agreement_head = "o1 B 0 C 0 E 0 H 0 A 1 ";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"empty", ""},
      {"blank", "   "},
      {"prefix only", "o1"},
      {"wrong version", "o2 B 0" + tail},
      {"wrong prefix", "x1 B 0" + tail},
      {"upper-case prefix", "O1 B 0" + tail},
      {"no space after the prefix", "o1B 0" + tail},
      {"truncated: no agreements", "o1 B 0 C 0 E 0 H 0"},
      {"truncated: no agreement count", "o1 B 0 C 0 E 0 H 0 A"},
      {"truncated inside a schedule", agreement_head + "X 9 20000 20300 - 1 7 3 3 3"},
      {"truncated: no special count", agreement_head + "X 0 20000 20300 -"},
      {"fewer masks than counted", agreement_head + "X 9 20000 20300 - 1 7 3 3 3 3 3 0 S 0"},
      {"trailing junk", "o1 B 0" + tail + " x"},
      {"trailing number", "o1 B 0" + tail + " 0"},
      {"lists out of order", "o1 B 0 E 0 C 0 H 0 A 0"},
      {"bracket kind 3", "o1 B 1 3 20000" + tail},
      {"bracket kind -1", "o1 B 1 -1 20000" + tail},
      {"bracket without date", "o1 B 1 0 -" + tail},
      {"date over 200000", "o1 B 1 0 200001" + tail},
      {"date under -100000", "o1 B 1 0 -100001" + tail},
      {"date with junk", "o1 B 1 0 2000x" + tail},
      {"date with a fraction", "o1 B 1 0 20000.5" + tail},
      {"negative count", "o1 B -1" + tail},
      {"count over 10000", "o1 B 10001" + tail},
      {"huge count", "o1 B 99999999999999999999" + tail},
      {"period end missing", "o1 B 0 C 1 20000 E 0 H 0 A 0"},
      {"agreement flags 16", agreement_head + "X 16 20000 20300 - S 0"},
      {"agreement flags -1", agreement_head + "X -1 20000 20300 - S 0"},
      {"mask 64", agreement_head + "X 9 - - - 1 7 64 0 0 0 0 0 0 S 0"},
      {"negative mask", agreement_head + "X 9 - - - 1 7 -1 0 0 0 0 0 0 S 0"},
      {"weeks 53", agreement_head + "X 9 - - - 53 0 S 0"},
      {"negative weeks", agreement_head + "X 9 - - - -1 0 S 0"},
      {"special without schedule", agreement_head + "X 0 - - - S 1 20000 20001"},
      {"escape truncated", agreement_head + "A%4 0 - - - S 0"},
      {"escape at the end", agreement_head + "A% 0 - - - S 0"},
      {"escape not hex", agreement_head + "A%G1 0 - - - S 0"},
      {"escape half hex", agreement_head + "A%4G 0 - - - S 0"},
      {"escape %%", agreement_head + "%% 0 - - - S 0"},
      {"escape with a minus sign", agreement_head + "%-1 0 - - - S 0"},
      {"escape with a minus sign (2)", agreement_head + "A%-F 0 - - - S 0"},
      {"escape with a plus sign", agreement_head + "%+1 0 - - - S 0"},
  };
  for (const auto& [label, text] : cases)
    EXPECT_FALSE(occ::parse_occupation_text(text).has_value()) << label << ": \"" << text << "\"";
}

}  // namespace

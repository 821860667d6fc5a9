// Unit tests for check_periods (src/csg/rules.hpp): CISSS, ECP and handicap periods with their
// transitional measures, rules DOS-23..DOS-25.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "csg/rules.hpp"
#include "csg_fixture.hpp"

namespace csg = sgee::csg;
using csg::Period;
using sgee::test::Fixture;
using sgee::test::ymd;

namespace {

constexpr auto kOpen = std::nullopt;

void run(const std::vector<sgee::test::Case>& cases) {
  sgee::test::run_cases(csg::check_periods, cases);
}

csg::Reservation reservation(csg::Date start, csg::Date end) {
  return csg::Reservation{start, end, 5, 2, csg::Bracket::toddler};
}

csg::HandicapPeriod handicap(std::optional<csg::Date> start, std::optional<csg::Date> end,
                             std::optional<Period> tm = std::nullopt) {
  csg::HandicapPeriod h;
  h.start = start;
  h.end = end;
  h.transitional_measure = tm;
  return h;
}

TEST(CsgPeriods, DOS_23_CisssPeriodDates) {
  run({
      {"one period",
       [](Fixture& f) {
         f.d.cisss_periods = {{ymd(2024, 9, 1), ymd(2025, 6, 30)}};
       },
       {}},
      {"one day",
       [](Fixture& f) {
         f.d.cisss_periods = {{ymd(2024, 9, 1), ymd(2024, 9, 1)}};
       },
       {}},
      {"no start",
       [](Fixture& f) {
         f.d.cisss_periods = {{kOpen, ymd(2025, 6, 30)}};
       },
       {{"CSG047E", "cisss_periods[0].start", ""}}},
      {"no end",
       [](Fixture& f) {
         f.d.cisss_periods = {{ymd(2024, 9, 1), kOpen}};
       },
       {{"CSG047E", "cisss_periods[0].end", ""}}},
      {"end before start",
       [](Fixture& f) {
         f.d.cisss_periods = {{ymd(2024, 9, 1), ymd(2024, 8, 31)}};
       },
       {{"CSG057E", "cisss_periods[0].end", ""}}},
  });
}

TEST(CsgPeriods, DOS_23_CisssPeriodsDoNotOverlap) {
  run({
      {"adjacent",
       [](Fixture& f) {
         f.d.cisss_periods = {{ymd(2024, 9, 1), ymd(2024, 12, 31)},
                              {ymd(2025, 1, 1), ymd(2025, 6, 30)}};
       },
       {}},
      {"sharing a day",
       [](Fixture& f) {
         f.d.cisss_periods = {{ymd(2024, 9, 1), ymd(2024, 12, 31)},
                              {ymd(2024, 12, 31), ymd(2025, 6, 30)}};
       },
       {{"CSG048E", "cisss_periods[1].start", ""}}},
      {"later period listed first",
       [](Fixture& f) {
         f.d.cisss_periods = {{ymd(2025, 1, 1), ymd(2025, 6, 30)},
                              {ymd(2024, 9, 1), ymd(2025, 1, 1)}};
       },
       {{"CSG048E", "cisss_periods[1].start", ""}}},
      {"third overlaps the first only",
       [](Fixture& f) {
         f.d.cisss_periods = {{ymd(2024, 9, 1), ymd(2024, 9, 30)},
                              {ymd(2024, 11, 1), ymd(2024, 11, 30)},
                              {ymd(2024, 9, 15), ymd(2024, 10, 15)}};
       },
       {{"CSG048E", "cisss_periods[2].start", ""}}},
  });
}

TEST(CsgPeriods, DOS_23_CisssPeriodNeedsReservation) {
  auto period = [](Fixture& f) { f.d.cisss_periods = {{ymd(2024, 9, 1), ymd(2025, 6, 30)}}; };
  run({
      {"reservations not available", period, {}},
      {"covered by a reservation",
       [&](Fixture& f) {
         period(f);
         f.ctx.reservations = std::vector{reservation(ymd(2024, 8, 1), ymd(2025, 7, 31))};
       },
       {}},
      {"reservation with the same dates",
       [&](Fixture& f) {
         period(f);
         f.ctx.reservations = std::vector{reservation(ymd(2023, 1, 1), ymd(2023, 12, 31)),
                                          reservation(ymd(2024, 9, 1), ymd(2025, 6, 30))};
       },
       {}},
      {"no CISSS period, no reservation",
       [](Fixture& f) { f.ctx.reservations = std::vector<csg::Reservation>{}; },
       {}},
      {"no reservation",
       [&](Fixture& f) {
         period(f);
         f.ctx.reservations = std::vector<csg::Reservation>{};
       },
       {{"CSG049E", "cisss_periods[0]", ""}}},
      {"reservation starts a day late",
       [&](Fixture& f) {
         period(f);
         f.ctx.reservations = std::vector{reservation(ymd(2024, 9, 2), ymd(2025, 7, 31))};
       },
       {{"CSG049E", "cisss_periods[0]", ""}}},
      {"reservation ends a day early",
       [&](Fixture& f) {
         period(f);
         f.ctx.reservations = std::vector{reservation(ymd(2024, 8, 1), ymd(2025, 6, 29))};
       },
       {{"CSG049E", "cisss_periods[0]", ""}}},
  });
}

// Issue 12, seed 004 ("Période réservée … pour 2016-2017"): reservations are per year; a period
// covered day for day by reservations that follow each other is accepted (this test used to
// want CSG049E for two reservations that only together cover the period).
TEST(CsgPeriods, DOS_23_ConsecutiveReservationsTogetherCoverAPeriod) {
  auto period = [](Fixture& f) { f.d.cisss_periods = {{ymd(2024, 9, 1), ymd(2025, 6, 30)}}; };
  auto with = [&](std::vector<csg::Reservation> rs) {
    return [=](Fixture& f) {
      period(f);
      f.ctx.reservations = rs;
    };
  };
  run({
      {"two years, day after day",
       with({reservation(ymd(2024, 4, 1), ymd(2025, 3, 31)),
             reservation(ymd(2025, 4, 1), ymd(2026, 3, 31))}),
       {}},
      {"listed in any order, three pieces",
       with({reservation(ymd(2025, 1, 1), ymd(2025, 7, 31)),
             reservation(ymd(2024, 8, 1), ymd(2024, 10, 31)),
             reservation(ymd(2024, 11, 1), ymd(2024, 12, 31))}),
       {}},
      {"overlapping pieces",
       with({reservation(ymd(2024, 8, 1), ymd(2025, 1, 31)),
             reservation(ymd(2024, 12, 1), ymd(2025, 7, 31))}),
       {}},
      {"one day missing between them",
       with({reservation(ymd(2024, 4, 1), ymd(2025, 3, 30)),
             reservation(ymd(2025, 4, 1), ymd(2026, 3, 31))}),
       {{"CSG049E", "cisss_periods[0]", ""}}},
      {"the second year missing",
       with({reservation(ymd(2024, 4, 1), ymd(2025, 3, 31))}),
       {{"CSG049E", "cisss_periods[0]", ""}}},
      {"a reservation ending before it starts covers nothing",
       with({reservation(ymd(2024, 4, 1), ymd(2025, 3, 31)),
             reservation(ymd(2026, 3, 31), ymd(2025, 4, 1))}),
       {{"CSG049E", "cisss_periods[0]", ""}}},
      // Seed 004 bars a BC from closing days only: its CISSS periods are checked as an
      // installation's (this rule used to refuse every CISSS period of a BC).
      {"a BC's dossier",
       [&](Fixture& f) {
         with({reservation(ymd(2024, 4, 1), ymd(2025, 3, 31)),
               reservation(ymd(2025, 4, 1), ymd(2026, 3, 31))})(f);
         f.ctx.component_is_bc = true;
         f.d.rsge = "40000001";
       },
       {}},
  });
}

// SYN-20, DOS-23: the reservation's age code (0-17 / 18-59 months) is the child's age bracket on
// each covered day. The child is 0-17 until 2023-10-09 and 18-59 from 2023-10-10.
TEST(CsgPeriods, DOS_23_ReservationAgeCodeMatchesTheChildsBracket) {
  auto infant = [](csg::Date start, csg::Date end) {
    return csg::Reservation{start, end, 5, 2, csg::Bracket::infant};
  };
  auto with = [](csg::Period p, std::vector<csg::Reservation> rs) {
    return [=](Fixture& f) {
      f.d.cisss_periods = {p};
      f.ctx.reservations = rs;
    };
  };
  const Period toddler_days{ymd(2024, 9, 1), ymd(2025, 6, 30)};
  const Period across{ymd(2023, 9, 1), ymd(2023, 12, 31)};  // 0-17, then 18-59 from 10-10
  run({
      {"18-59 days, 18-59 reservation",
       with(toddler_days, {reservation(ymd(2024, 1, 1), ymd(2025, 12, 31))}),
       {}},
      {"18-59 days, 0-17 reservation",
       with(toddler_days, {infant(ymd(2024, 1, 1), ymd(2025, 12, 31))}),
       {{"CSG140E", "cisss_periods[0]", "", {"18-59", "2024-09-01"}}}},
      {"18-59 days, 0-17 then 18-59 reservations",
       with(toddler_days, {infant(ymd(2024, 1, 1), ymd(2024, 12, 31)),
                           reservation(ymd(2025, 1, 1), ymd(2025, 12, 31))}),
       {{"CSG140E", "cisss_periods[0]", "", {"18-59", "2024-09-01"}}}},
      {"18-59 days, 18-59 then 0-17 reservations",
       with(toddler_days, {reservation(ymd(2024, 1, 1), ymd(2024, 12, 31)),
                           infant(ymd(2025, 1, 1), ymd(2025, 12, 31))}),
       {{"CSG140E", "cisss_periods[0]", "", {"18-59", "2025-01-01"}}}},
      {"across 18 months, each age its reservation",
       with(across, {infant(ymd(2023, 1, 1), ymd(2023, 10, 9)),
                     reservation(ymd(2023, 10, 10), ymd(2023, 12, 31))}),
       {}},
      {"across 18 months, both ages reserved all along",
       with(across, {infant(ymd(2023, 1, 1), ymd(2023, 12, 31)),
                     reservation(ymd(2023, 1, 1), ymd(2023, 12, 31))}),
       {}},
      {"across 18 months, 0-17 only",
       with(across, {infant(ymd(2023, 1, 1), ymd(2023, 12, 31))}),
       {{"CSG140E", "cisss_periods[0]", "", {"18-59", "2023-10-10"}}}},
      {"across 18 months, 18-59 only",
       with(across, {reservation(ymd(2023, 1, 1), ymd(2023, 12, 31))}),
       {{"CSG140E", "cisss_periods[0]", "", {"0-17", "2023-09-01"}}}},
      {"brackets listed out of order",
       [&](Fixture& f) {
         with(across, {infant(ymd(2023, 1, 1), ymd(2023, 12, 31))})(f);
         std::swap(f.d.age_brackets[0], f.d.age_brackets[1]);
       },
       {{"CSG140E", "cisss_periods[0]", "", {"18-59", "2023-10-10"}}}},
      {"school days need an 18-59 reservation",
       [&](Fixture& f) {
         f.d.age_brackets.push_back({csg::Bracket::school, ymd(2027, 9, 1)});
         with({ymd(2027, 9, 1), ymd(2027, 12, 31)},
              {infant(ymd(2027, 1, 1), ymd(2027, 12, 31))})(f);
       },
       {{"CSG140E", "cisss_periods[0]", "", {"18-59", "2027-09-01"}}}},
      {"days before the first bracket: either age",
       [&](Fixture& f) {
         f.d.age_brackets = {{csg::Bracket::toddler, ymd(2023, 10, 10)}};
         with(across, {infant(ymd(2023, 1, 1), ymd(2023, 10, 9)),
                       reservation(ymd(2023, 10, 10), ymd(2023, 12, 31))})(f);
       },
       {}},
  });
}

TEST(CsgPeriods, DOS_24_EcpPeriods) {
  run({
      {"open period",
       [](Fixture& f) {
         f.d.ecp_periods = {{ymd(2024, 9, 1), kOpen}};
       },
       {}},
      {"closed then open, adjacent",
       [](Fixture& f) {
         f.d.ecp_periods = {{ymd(2024, 9, 1), ymd(2024, 12, 31)}, {ymd(2025, 1, 1), kOpen}};
       },
       {}},
      {"no start",
       [](Fixture& f) {
         f.d.ecp_periods = {{kOpen, ymd(2025, 6, 30)}};
       },
       {{"CSG050E", "ecp_periods[0].start", ""}}},
      {"end before start",
       [](Fixture& f) {
         f.d.ecp_periods = {{ymd(2024, 9, 1), ymd(2024, 8, 1)}};
       },
       {{"CSG051E", "ecp_periods[0].end", ""}}},
      {"after an open period",
       [](Fixture& f) {
         f.d.ecp_periods = {{ymd(2024, 9, 1), kOpen}, {ymd(2030, 1, 1), ymd(2030, 6, 30)}};
       },
       {{"CSG052E", "ecp_periods[1].start", ""}}},
      {"sharing a day",
       [](Fixture& f) {
         f.d.ecp_periods = {{ymd(2025, 1, 1), ymd(2025, 3, 31)},
                            {ymd(2024, 12, 1), ymd(2025, 1, 1)}};
       },
       {{"CSG052E", "ecp_periods[1].start", ""}}},
  });
}

TEST(CsgPeriods, DOS_25_HandicapPeriods) {
  run({
      {"open period",
       [](Fixture& f) { f.d.handicap_periods = {handicap(ymd(2024, 9, 1), kOpen)}; },
       {}},
      {"adjacent",
       [](Fixture& f) {
         f.d.handicap_periods = {handicap(ymd(2024, 1, 1), ymd(2024, 12, 31)),
                                 handicap(ymd(2025, 1, 1), kOpen)};
       },
       {}},
      {"no start",
       [](Fixture& f) { f.d.handicap_periods = {handicap(kOpen, ymd(2025, 1, 1))}; },
       {{"CSG053E", "handicap_periods[0].start", ""}}},
      {"end before start",
       [](Fixture& f) { f.d.handicap_periods = {handicap(ymd(2024, 9, 1), ymd(2024, 8, 31))}; },
       {{"CSG056E", "handicap_periods[0].end", ""}}},
      {"sharing a day",
       [](Fixture& f) {
         f.d.handicap_periods = {handicap(ymd(2024, 1, 1), ymd(2024, 12, 31)),
                                 handicap(ymd(2024, 12, 31), kOpen)};
       },
       {{"CSG058E", "handicap_periods[1].start", ""}}},
      {"after an open period",
       [](Fixture& f) {
         f.d.handicap_periods = {handicap(ymd(2024, 1, 1), kOpen),
                                 handicap(ymd(2026, 1, 1), ymd(2026, 6, 30))};
       },
       {{"CSG058E", "handicap_periods[1].start", ""}}},
  });
}

TEST(CsgPeriods, DOS_25_TransitionalMeasureInsideHandicapPeriod) {
  const std::string tm = "handicap_periods[0].transitional_measure";
  run({
      {"inside a closed period",
       [](Fixture& f) {
         f.d.handicap_periods = {handicap(ymd(2024, 1, 1), ymd(2024, 12, 31),
                                          Period{ymd(2024, 3, 1), ymd(2024, 6, 30)})};
       },
       {}},
      {"same dates as the period",
       [](Fixture& f) {
         f.d.handicap_periods = {handicap(ymd(2024, 1, 1), ymd(2024, 12, 31),
                                          Period{ymd(2024, 1, 1), ymd(2024, 12, 31)})};
       },
       {}},
      {"open, in an open period",
       [](Fixture& f) {
         f.d.handicap_periods = {handicap(ymd(2024, 1, 1), kOpen, Period{ymd(2024, 3, 1), kOpen})};
       },
       {}},
      {"no start",
       [](Fixture& f) {
         f.d.handicap_periods = {handicap(ymd(2024, 1, 1), kOpen, Period{kOpen, ymd(2024, 6, 1)})};
       },
       {{"CSG054E", tm + ".start", ""}}},
      {"starts before the period",
       [](Fixture& f) {
         f.d.handicap_periods = {handicap(ymd(2024, 1, 1), ymd(2024, 12, 31),
                                          Period{ymd(2023, 12, 31), ymd(2024, 6, 30)})};
       },
       {{"CSG054E", tm + ".start", ""}}},
      {"ends after the period",
       [](Fixture& f) {
         f.d.handicap_periods = {handicap(ymd(2024, 1, 1), ymd(2024, 12, 31),
                                          Period{ymd(2024, 3, 1), ymd(2025, 1, 1)})};
       },
       {{"CSG054E", tm + ".start", ""}}},
      {"period ends, measure does not",
       [](Fixture& f) {
         f.d.handicap_periods = {
             handicap(ymd(2024, 1, 1), ymd(2024, 12, 31), Period{ymd(2024, 3, 1), kOpen})};
       },
       {{"CSG055E", tm + ".end", ""}}},
      {"measure ends before it starts",
       [](Fixture& f) {
         f.d.handicap_periods = {
             handicap(ymd(2024, 1, 1), kOpen, Period{ymd(2024, 6, 1), ymd(2024, 5, 1)})};
       },
       {{"CSG056E", tm + ".end", ""}}},
  });
}

}  // namespace

// Unit tests for check_agreements (src/csg/rules.hpp): service agreements, their schedules and
// special schedules, rules ENT-01..ENT-08 and ENT-10. The baseline agreement A1 runs from
// 2024-09-01 (a Sunday) to 2025-08-31, Monday to Friday, AM and PM.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "csg/rules.hpp"
#include "csg_fixture.hpp"

namespace csg = sgee::csg;
using csg::Bracket;
using sgee::test::agreement;
using sgee::test::Fixture;
using sgee::test::kDay;
using sgee::test::pattern;
using sgee::test::weekdays;
using sgee::test::ymd;

namespace {

const std::vector<std::uint8_t> kWeekdays = {kDay, kDay, kDay, kDay, kDay, 0, 0};
const std::vector<std::uint8_t> kMonToThu = {kDay, kDay, kDay, kDay, 0, 0, 0};

void run(const std::vector<sgee::test::Case>& cases) {
  sgee::test::run_cases(csg::check_agreements, cases);
}

csg::Agreement& a1(Fixture& f) {
  return f.d.agreements[0];
}

csg::SpecialSchedule special(std::optional<csg::Date> start, std::optional<csg::Date> end,
                             csg::Schedule s = weekdays(csg::kAm)) {
  return csg::SpecialSchedule{start, end, s};
}

void add_a2(Fixture& f, csg::Date start, csg::Date end) {
  f.d.agreements.push_back(agreement("A2", start, end));
}

TEST(CsgAgreements, ENT_01_RefRequiredAndUnique) {
  run({
      {"two refs", [](Fixture& f) { add_a2(f, ymd(2025, 9, 1), ymd(2026, 8, 31)); }, {}},
      {"empty ref", [](Fixture& f) { a1(f).ref = ""; }, {{"CSG062E", "agreements[0].ref", ""}}},
      {"same ref twice",
       [](Fixture& f) {
         add_a2(f, ymd(2025, 9, 1), ymd(2026, 8, 31));
         f.d.agreements[1].ref = "A1";
       },
       {{"CSG062E", "agreements[1].ref", "A1"}}},
  });
}

TEST(CsgAgreements, ENT_01_StartAndEndRequired) {
  run({
      {"one day", [](Fixture& f) { a1(f).end = ymd(2024, 9, 1); }, {}},
      {"no start",
       [](Fixture& f) { a1(f).start.reset(); },
       {{"CSG060E", "agreements[0].start", "A1"}}},
      {"no end", [](Fixture& f) { a1(f).end.reset(); }, {{"CSG060E", "agreements[0].end", "A1"}}},
      {"end before start",
       [](Fixture& f) { a1(f).end = ymd(2024, 8, 31); },
       {{"CSG061E", "agreements[0].end", "A1"}}},
  });
}

TEST(CsgAgreements, ENT_02_TerminationInsideAgreement) {
  run({
      {"on the start", [](Fixture& f) { a1(f).termination = ymd(2024, 9, 1); }, {}},
      {"on the end", [](Fixture& f) { a1(f).termination = ymd(2025, 8, 31); }, {}},
      {"in between", [](Fixture& f) { a1(f).termination = ymd(2025, 1, 15); }, {}},
      {"before the start",
       [](Fixture& f) { a1(f).termination = ymd(2024, 8, 31); },
       {{"CSG063E", "agreements[0].termination", "A1", {"2024-09-01", "2025-08-31"}}}},
      {"after the end",
       [](Fixture& f) { a1(f).termination = ymd(2025, 9, 1); },
       {{"CSG063E", "agreements[0].termination", "A1", {"2024-09-01", "2025-08-31"}}}},
  });
}

TEST(CsgAgreements, ENT_03_SignedByTheParent) {
  run({
      {"signed, reduced contribution", [](Fixture& f) { a1(f).reduced_contribution = true; }, {}},
      {"not signed",
       [](Fixture& f) { a1(f).is_signed = false; },
       {{"CSG064A", "agreements[0].signed", "A1"}}},
  });
}

TEST(CsgAgreements, ENT_04_ScheduleOf1To4Weeks) {
  run({
      {"2 weeks",
       [](Fixture& f) {
         a1(f).schedule = pattern({kWeekdays, kMonToThu});
       },
       {}},
      {"3 weeks",
       [](Fixture& f) {
         a1(f).schedule = pattern({kWeekdays, kMonToThu, kWeekdays});
       },
       {}},
      {"4 weeks",
       [](Fixture& f) {
         a1(f).schedule = pattern({kWeekdays, kWeekdays, kWeekdays, kMonToThu});
       },
       {}},
      {"0 weeks",
       [](Fixture& f) {
         a1(f).schedule = csg::Schedule{0, {}};
       },
       {{"CSG065E", "agreements[0].schedule.weeks", "A1"}}},
      {"5 weeks",
       [](Fixture& f) {
         a1(f).schedule = pattern({kWeekdays, kWeekdays, kWeekdays, kWeekdays, kMonToThu});
       },
       {{"CSG065E", "agreements[0].schedule.weeks", "A1"}}},
      {"1 week, 6 days",
       [](Fixture& f) { a1(f).schedule->days.pop_back(); },
       {{"CSG065E", "agreements[0].schedule.days", "A1"}}},
      {"1 week, 14 days",
       [](Fixture& f) {
         a1(f).schedule = csg::Schedule{1, pattern({kWeekdays, kMonToThu}).days};
       },
       {{"CSG065E", "agreements[0].schedule.days", "A1"}}},
      {"2 weeks, 7 days",
       [](Fixture& f) { a1(f).schedule->weeks = 2; },
       {{"CSG065E", "agreements[0].schedule.days", "A1"}}},
      {"special: 2 weeks",
       [](Fixture& f) {
         a1(f).special_schedules = {
             special(ymd(2024, 10, 1), ymd(2024, 10, 31), pattern({kWeekdays, kMonToThu}))};
       },
       {}},
      {"special: 6 weeks",
       [](Fixture& f) {
         auto s = pattern({kWeekdays, kWeekdays, kWeekdays, kWeekdays, kWeekdays, kMonToThu});
         a1(f).special_schedules = {special(ymd(2024, 10, 1), ymd(2024, 10, 31), s)};
       },
       {{"CSG065E", "agreements[0].special_schedules[0].schedule.weeks", "A1"}}},
      {"special: 1 week, 5 days",
       [](Fixture& f) {
         a1(f).special_schedules = {
             special(ymd(2024, 10, 1), ymd(2024, 10, 31), csg::Schedule{1, {1, 1, 1, 1, 1}})};
       },
       {{"CSG065E", "agreements[0].special_schedules[0].schedule.days", "A1"}}},
  });
}

TEST(CsgAgreements, ENT_05_ScheduleRequired) {
  // From 2027-09-01 the child is in the school bracket.
  auto school = [](Fixture& f) {
    f.d.age_brackets.push_back({Bracket::school, ymd(2027, 9, 1)});
    a1(f).start = ymd(2027, 9, 1);
    a1(f).end = ymd(2028, 6, 30);
    a1(f).schedule.reset();
  };
  auto measure = [](Fixture& f, csg::Date start, csg::Date end) {
    csg::HandicapPeriod h;
    h.start = ymd(2027, 1, 1);
    h.transitional_measure = csg::Period{start, end};
    f.d.handicap_periods = {h};
  };
  run({
      {"replacement without schedule",
       [](Fixture& f) {
         a1(f).replacement = true;
         a1(f).schedule.reset();
       },
       {}},
      {"school child without schedule", school, {}},
      {"school child, measure ended before the agreement",
       [&](Fixture& f) {
         school(f);
         measure(f, ymd(2027, 3, 1), ymd(2027, 8, 31));
       },
       {}},
      {"no schedule",
       [](Fixture& f) { a1(f).schedule.reset(); },
       {{"CSG066E", "agreements[0].schedule", "A1"}}},
      {"school bracket starts after the agreement",
       [](Fixture& f) {
         f.d.age_brackets.push_back({Bracket::school, ymd(2027, 9, 1)});
         a1(f).start = ymd(2027, 8, 30);
         a1(f).end = ymd(2027, 8, 31);
         a1(f).schedule.reset();
       },
       {{"CSG066E", "agreements[0].schedule", "A1"}}},
      {"school child under transitional measure",
       [&](Fixture& f) {
         school(f);
         measure(f, ymd(2027, 8, 1), ymd(2027, 12, 31));
       },
       {{"CSG066E", "agreements[0].schedule", "A1"}}},
      {"school child, measure starting on the agreement's start",
       [&](Fixture& f) {
         school(f);
         measure(f, ymd(2027, 9, 1), ymd(2027, 9, 30));
       },
       {{"CSG066E", "agreements[0].schedule", "A1"}}},
  });
}

TEST(CsgAgreements, ENT_05_ReplacementHasNoPlannedOccupation) {
  run({
      {"replacement, empty pattern",
       [](Fixture& f) {
         a1(f).replacement = true;
         a1(f).schedule = weekdays(0);
       },
       {}},
      {"replacement with a schedule",
       [](Fixture& f) { a1(f).replacement = true; },
       {{"CSG067A", "agreements[0].schedule", "A1"}}},
      {"replacement with one evening",
       [](Fixture& f) {
         a1(f).replacement = true;
         a1(f).schedule = csg::Schedule{1, {0, 0, csg::kS2, 0, 0, 0, 0}};
       },
       {{"CSG067A", "agreements[0].schedule", "A1"}}},
  });
}

TEST(CsgAgreements, ENT_06_SpecialSchedulesInsideAgreement) {
  const std::string s0 = "agreements[0].special_schedules[0]";
  run({
      {"inside",
       [](Fixture& f) { a1(f).special_schedules = {special(ymd(2024, 10, 1), ymd(2024, 10, 31))}; },
       {}},
      {"the whole agreement",
       [](Fixture& f) { a1(f).special_schedules = {special(ymd(2024, 9, 1), ymd(2025, 8, 31))}; },
       {}},
      {"after the termination, before the end",
       [](Fixture& f) {
         a1(f).termination = ymd(2025, 6, 30);
         a1(f).special_schedules = {special(ymd(2025, 7, 1), ymd(2025, 7, 31))};
       },
       {}},
      {"no start",
       [](Fixture& f) { a1(f).special_schedules = {special(std::nullopt, ymd(2024, 10, 31))}; },
       {{"CSG070E", s0 + ".start", "A1"}}},
      {"no end",
       [](Fixture& f) { a1(f).special_schedules = {special(ymd(2024, 10, 1), std::nullopt)}; },
       {{"CSG070E", s0 + ".end", "A1"}}},
      {"starts before the agreement",
       [](Fixture& f) { a1(f).special_schedules = {special(ymd(2024, 8, 31), ymd(2024, 9, 15))}; },
       {{"CSG070E", s0 + ".start", "A1"}}},
      {"ends after the agreement",
       [](Fixture& f) { a1(f).special_schedules = {special(ymd(2025, 8, 15), ymd(2025, 9, 1))}; },
       {{"CSG070E", s0 + ".end", "A1"}}},
      {"both sides outside",
       [](Fixture& f) { a1(f).special_schedules = {special(ymd(2024, 8, 1), ymd(2025, 9, 30))}; },
       {{"CSG070E", s0 + ".start", "A1"}, {"CSG070E", s0 + ".end", "A1"}}},
  });
}

TEST(CsgAgreements, ENT_06_SpecialSchedulesDoNotOverlap) {
  run({
      {"adjacent",
       [](Fixture& f) {
         a1(f).special_schedules = {special(ymd(2024, 10, 1), ymd(2024, 10, 31)),
                                    special(ymd(2024, 11, 1), ymd(2024, 11, 30))};
       },
       {}},
      {"sharing a day",
       [](Fixture& f) {
         a1(f).special_schedules = {special(ymd(2024, 10, 1), ymd(2024, 10, 31)),
                                    special(ymd(2024, 10, 31), ymd(2024, 11, 30))};
       },
       {{"CSG071E", "agreements[0].special_schedules[1].start", "A1"}}},
      {"earlier one listed second",
       [](Fixture& f) {
         a1(f).special_schedules = {special(ymd(2024, 11, 1), ymd(2024, 11, 30)),
                                    special(ymd(2024, 10, 15), ymd(2024, 11, 15))};
       },
       {{"CSG071E", "agreements[0].special_schedules[1].start", "A1"}}},
      {"same dates in two agreements",
       [](Fixture& f) {
         add_a2(f, ymd(2025, 9, 1), ymd(2026, 8, 31));
         a1(f).special_schedules = {special(ymd(2024, 10, 1), ymd(2024, 10, 31))};
         f.d.agreements[1].special_schedules = {special(ymd(2025, 10, 1), ymd(2025, 10, 31))};
       },
       {}},
  });
}

TEST(CsgAgreements, ENT_07_AgreementsDoNotOverlap) {
  run({
      {"next starts the day after",
       [](Fixture& f) { add_a2(f, ymd(2025, 9, 1), ymd(2026, 8, 31)); },
       {}},
      {"next starts the day after the termination",
       [](Fixture& f) {
         a1(f).termination = ymd(2025, 6, 30);
         add_a2(f, ymd(2025, 7, 1), ymd(2026, 6, 30));
       },
       {}},
      {"next starts on the last day",
       [](Fixture& f) { add_a2(f, ymd(2025, 8, 31), ymd(2026, 8, 31)); },
       {{"CSG073E", "agreements[1].start", "A2"}}},
      {"next starts on the termination",
       [](Fixture& f) {
         a1(f).termination = ymd(2025, 6, 30);
         add_a2(f, ymd(2025, 6, 30), ymd(2026, 6, 30));
       },
       {{"CSG073E", "agreements[1].start", "A2"}}},
      {"earlier agreement listed second",
       [](Fixture& f) { add_a2(f, ymd(2023, 9, 1), ymd(2024, 9, 1)); },
       {{"CSG073E", "agreements[1].start", "A2"}}},
      {"inside the first",
       [](Fixture& f) { add_a2(f, ymd(2024, 12, 1), ymd(2024, 12, 31)); },
       {{"CSG073E", "agreements[1].start", "A2"}}},
  });
}

TEST(CsgAgreements, ENT_08_TwoIdenticalWeeksAreOneWeek) {
  run({
      {"two different weeks",
       [](Fixture& f) {
         a1(f).schedule = pattern({kWeekdays, kMonToThu});
       },
       {}},
      {"weeks differing by a half-period",
       [](Fixture& f) {
         auto other = kWeekdays;
         other[4] = csg::kAm;
         a1(f).schedule = pattern({kWeekdays, other});
       },
       {}},
      {"two identical weeks",
       [](Fixture& f) {
         a1(f).schedule = pattern({kWeekdays, kWeekdays});
       },
       {{"CSG074E", "agreements[0].schedule.days", "A1"}}},
  });
}

TEST(CsgAgreements, ENT_10_StoredAgreementUnchanged) {
  run({
      {"same as stored", [](Fixture& f) { f.use_stored(); }, {}},
      {"terminated since stored",
       [](Fixture& f) {
         f.use_stored();
         a1(f).termination = ymd(2025, 6, 30);
       },
       {}},
      {"a new agreement",
       [](Fixture& f) {
         f.use_stored();
         add_a2(f, ymd(2025, 9, 1), ymd(2026, 8, 31));
         f.d.agreements[1].schedule = weekdays(csg::kAm);
       },
       {}},
      {"stored agreement with another ref",
       [](Fixture& f) {
         f.stored.agreements[0].ref = "A0";
         f.stored.agreements[0].schedule = weekdays(csg::kAm);
         f.use_stored();
       },
       {}},
      // Seed 003: the agreement is not modified "sauf dans le cas où l'information initiale est
      // erronée": a correction of the schedule or of the reduced contribution is accepted with
      // a warning (these cases used to want CSG076E, an error).
      {"schedule corrected",
       [](Fixture& f) {
         f.stored.agreements[0].schedule = csg::Schedule{1, kMonToThu};
         f.use_stored();
       },
       {{"CSG141A", "agreements[0].schedule", "A1"}}},
      {"reduced contribution corrected",
       [](Fixture& f) {
         f.use_stored();
         a1(f).reduced_contribution = true;
       },
       {{"CSG141A", "agreements[0].reduced_contribution", "A1"}}},
      {"both corrected",
       [](Fixture& f) {
         f.use_stored();
         a1(f).reduced_contribution = true;
         a1(f).schedule = weekdays(csg::kAm);
       },
       {{"CSG141A", "agreements[0].schedule", "A1"},
        {"CSG141A", "agreements[0].reduced_contribution", "A1"}}},
      {"became a replacement",
       [](Fixture& f) {
         f.use_stored();
         a1(f).replacement = true;
         a1(f).schedule.reset();
       },
       {{"CSG076E", "agreements[0].replacement", "A1"}}},
      {"stopped being a replacement",
       [](Fixture& f) {
         f.stored.agreements[0].replacement = true;
         f.stored.agreements[0].schedule.reset();
         f.use_stored();
       },
       {{"CSG076E", "agreements[0].replacement", "A1"}}},
  });
}

// Seed 004 ("VOUS DEVEZ créer une nouvelle entente"): inside one agreement the child becomes or
// stops being ECP, enters or leaves the CISSS protocol, or enters the transitional measure: a new
// agreement is required from that day. A1 runs from 2024-09-01 to 2025-08-31.
TEST(CsgAgreements, ENT_10_NewAgreementWhenEcpCisssOrTransitionalMeasureChanges) {
  auto ecp = [](std::optional<csg::Date> start, std::optional<csg::Date> end) {
    return [=](Fixture& f) { f.d.ecp_periods = {{start, end}}; };
  };
  auto cisss = [](csg::Date start, csg::Date end) {
    return [=](Fixture& f) { f.d.cisss_periods = {{start, end}}; };
  };
  auto measure = [](csg::Date start, std::optional<csg::Date> end) {
    return [=](Fixture& f) {
      csg::HandicapPeriod h;
      h.start = ymd(2024, 1, 15);
      h.transitional_measure = csg::Period{start, end};
      f.d.handicap_periods = {h};
    };
  };
  const std::string end = "agreements[0].end";
  run({
      {"ECP from the agreement's start, open", ecp(ymd(2024, 9, 1), std::nullopt), {}},
      {"ECP over the whole agreement", ecp(ymd(2024, 1, 1), ymd(2025, 8, 31)), {}},
      {"ECP ended the day before", ecp(ymd(2024, 1, 1), ymd(2024, 8, 31)), {}},
      {"ECP from the day after", ecp(ymd(2025, 9, 1), std::nullopt), {}},
      {"becomes ECP inside",
       ecp(ymd(2025, 1, 6), std::nullopt),
       {{"CSG142E", end, "A1", {"2025-01-06"}}}},
      {"stops being ECP inside",
       ecp(ymd(2024, 1, 1), ymd(2025, 1, 5)),
       {{"CSG142E", end, "A1", {"2025-01-06"}}}},
      {"stops on the agreement's last day", ecp(ymd(2024, 9, 1), ymd(2025, 8, 31)), {}},
      {"ECP change after the termination",
       [&](Fixture& f) {
         ecp(ymd(2025, 7, 1), std::nullopt)(f);
         a1(f).termination = ymd(2025, 6, 30);
       },
       {}},
      {"CISSS over the agreement", cisss(ymd(2024, 9, 1), ymd(2025, 8, 31)), {}},
      {"enters CISSS inside",
       cisss(ymd(2024, 11, 4), ymd(2025, 8, 31)),
       {{"CSG143E", end, "A1", {"2024-11-04"}}}},
      {"leaves CISSS inside",
       cisss(ymd(2024, 9, 1), ymd(2025, 2, 28)),
       {{"CSG143E", end, "A1", {"2025-03-01"}}}},
      {"in and out: the first day reported",
       cisss(ymd(2024, 11, 4), ymd(2025, 2, 28)),
       {{"CSG143E", end, "A1", {"2024-11-04"}}}},
      {"measure from the agreement's start", measure(ymd(2024, 9, 1), ymd(2025, 8, 31)), {}},
      {"enters the measure inside",
       measure(ymd(2025, 1, 6), ymd(2025, 8, 31)),
       {{"CSG144E", end, "A1", {"2025-01-06"}}}},
      // Seed 004 names entering the measure only; leaving it is the school-age agreement's.
      {"leaves the measure inside", measure(ymd(2024, 1, 15), ymd(2025, 1, 5)), {}},
      {"a second agreement from the change",
       [&](Fixture& f) {
         ecp(ymd(2025, 1, 6), std::nullopt)(f);
         a1(f).end = ymd(2025, 1, 5);
         add_a2(f, ymd(2025, 1, 6), ymd(2025, 8, 31));
       },
       {}},
  });
}

// Seed 003: "Si l'enfant n'est pas remplaçant, l'horaire normal devient obligatoire" (ENT-05:
// a required schedule marks at least one half-period); the agreement's start is mandatory, so a
// dossier has at least one agreement.
TEST(CsgAgreements, ENT_05_ARequiredScheduleMarksAHalfPeriod) {
  run({
      {"one half-period",
       [](Fixture& f) {
         a1(f).schedule = csg::Schedule{1, {0, 0, 0, 0, 0, 0, csg::kN2}};
       },
       {}},
      {"empty pattern",
       [](Fixture& f) { a1(f).schedule = weekdays(0); },
       {{"CSG147E", "agreements[0].schedule", "A1"}}},
      {"empty two-week pattern",
       [](Fixture& f) {
         a1(f).schedule = pattern({{0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0}});
       },
       {{"CSG147E", "agreements[0].schedule", "A1"},
        {"CSG074E", "agreements[0].schedule.days", "A1"}}},
      {"empty, only special schedules marked",
       [](Fixture& f) {
         a1(f).schedule = weekdays(0);
         a1(f).special_schedules = {special(ymd(2024, 10, 1), ymd(2024, 10, 31))};
       },
       {{"CSG147E", "agreements[0].schedule", "A1"}}},
      {"empty, replacement",
       [](Fixture& f) {
         a1(f).schedule = weekdays(0);
         a1(f).replacement = true;
       },
       {}},
      {"empty, school child not under the measure",
       [](Fixture& f) {
         f.d.age_brackets.push_back({Bracket::school, ymd(2027, 9, 1)});
         a1(f).start = ymd(2027, 9, 1);
         a1(f).end = ymd(2028, 6, 30);
         a1(f).schedule = weekdays(0);
       },
       {}},
      {"malformed pattern: its own message only",
       [](Fixture& f) {
         a1(f).schedule = csg::Schedule{1, {0, 0, 0}};
       },
       {{"CSG065E", "agreements[0].schedule.days", "A1"}}},
  });
}

TEST(CsgAgreements, ENT_05_ADossierHasAnAgreement) {
  run({
      {"one agreement", [](Fixture&) {}, {}},
      {"none", [](Fixture& f) { f.d.agreements.clear(); }, {{"CSG146E", "agreements", ""}}},
  });
}

// ENT-06: a special schedule ending before it starts is an error (occupation used to ignore it
// silently).
TEST(CsgAgreements, ENT_06_SpecialScheduleEndsBeforeItStarts) {
  const std::string s0 = "agreements[0].special_schedules[0]";
  run({
      {"one day",
       [](Fixture& f) { a1(f).special_schedules = {special(ymd(2024, 10, 1), ymd(2024, 10, 1))}; },
       {}},
      {"ends the day before",
       [](Fixture& f) {
         a1(f).special_schedules = {special(ymd(2024, 10, 31), ymd(2024, 10, 30))};
       },
       {{"CSG145E", s0 + ".end", "A1"}}},
      {"ends before it starts, outside the agreement",
       [](Fixture& f) { a1(f).special_schedules = {special(ymd(2024, 10, 31), ymd(2024, 8, 1))}; },
       {{"CSG070E", s0 + ".end", "A1"}}},
  });
}

}  // namespace

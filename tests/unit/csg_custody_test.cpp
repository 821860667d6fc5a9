// Unit tests for check_shared_custody (src/csg/rules.hpp): two dossiers of the same child never
// claim the same half-period on the same date, rule ENT-09.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "csg/rules.hpp"
#include "csg_fixture.hpp"

namespace csg = sgee::csg;
using sgee::test::agreement;
using sgee::test::Fixture;
using sgee::test::kDay;
using sgee::test::weekdays;
using sgee::test::ymd;

namespace {

void run(const std::vector<sgee::test::Case>& cases) {
  sgee::test::run_cases(csg::check_shared_custody, cases);
}

// An agreement of the other parent's dossier, over the same year as A1.
csg::OtherAgreement other(csg::Schedule s, csg::Date start = ymd(2024, 9, 1),
                          csg::Date end = ymd(2025, 8, 31)) {
  csg::OtherAgreement o;
  o.dossier_ref = "D-0002";
  o.installation = "I-2";
  o.agreement = agreement("B1", start, end);
  o.agreement.schedule = s;
  return o;
}

const csg::Schedule kWeekend{1, {0, 0, 0, 0, 0, kDay, kDay}};

TEST(CsgCustody, ENT_09_NoHalfPeriodClaimedTwice) {
  run({
      {"no other dossier", [](Fixture&) {}, {}},
      {"other parent on weekends",
       [](Fixture& f) { f.ctx.other_agreements = {other(kWeekend)}; },
       {}},
      {"AM here, PM there",
       [](Fixture& f) {
         f.d.agreements[0].schedule = weekdays(csg::kAm);
         f.ctx.other_agreements = {other(weekdays(csg::kPm))};
       },
       {}},
      {"other agreement starts after this one ends",
       [](Fixture& f) {
         f.ctx.other_agreements = {other(weekdays(), ymd(2025, 9, 1), ymd(2026, 8, 31))};
       },
       {}},
      {"other agreement starts after this one's termination",
       [](Fixture& f) {
         f.d.agreements[0].termination = ymd(2025, 6, 30);
         f.ctx.other_agreements = {other(weekdays(), ymd(2025, 7, 1), ymd(2026, 6, 30))};
       },
       {}},
      {"other is a replacement",
       [](Fixture& f) {
         auto o = other(weekdays());
         o.agreement.replacement = true;
         f.ctx.other_agreements = {o};
       },
       {}},
      {"same PM on weekdays",
       [](Fixture& f) { f.ctx.other_agreements = {other(weekdays(csg::kPm))}; },
       {{"CSG075E", "agreements[0].schedule", "A1"}}},
      {"overlap on the last day only",
       [](Fixture& f) {
         f.ctx.other_agreements = {other(weekdays(), ymd(2025, 8, 29), ymd(2026, 8, 31))};
       },
       {{"CSG075E", "agreements[0].schedule", "A1"}}},
      {"overlap on a special schedule's Saturday",
       [](Fixture& f) {
         f.d.agreements[0].special_schedules = {
             {ymd(2024, 10, 5), ymd(2024, 10, 5), csg::Schedule{1, {0, 0, 0, 0, 0, csg::kAm, 0}}}};
         f.ctx.other_agreements = {other(kWeekend)};
       },
       {{"CSG075E", "agreements[0].schedule", "A1"}}},
      {"overlap with two other agreements: one finding",
       [](Fixture& f) {
         f.ctx.other_agreements = {other(weekdays(csg::kAm)), other(weekdays(csg::kPm))};
         f.ctx.other_agreements[1].dossier_ref = "D-0003";
       },
       {{"CSG075E", "agreements[0].schedule", "A1"}}},
      {"only the second agreement overlaps",
       [](Fixture& f) {
         f.d.agreements.push_back(agreement("A2", ymd(2025, 9, 1), ymd(2026, 8, 31)));
         f.ctx.other_agreements = {other(weekdays(csg::kPm), ymd(2025, 9, 1), ymd(2026, 8, 31))};
       },
       {{"CSG075E", "agreements[1].schedule", "A2"}}},
  });
}

}  // namespace

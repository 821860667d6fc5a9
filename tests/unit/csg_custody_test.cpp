// Unit tests for check_shared_custody (src/csg/rules.hpp): two dossiers of the same child never
// claim the same half-period on the same date, rule ENT-09.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "csg/catalog.hpp"
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
  o.provider = "CPE Les Lutins";
  o.agreement = agreement("B1", start, end);
  o.agreement.schedule = s;
  return o;
}

const csg::Schedule kWeekend{1, {0, 0, 0, 0, 0, kDay, kDay}};

// CSG075E names the other provider (by name), the other agreement's dates and the first day both
// claim (issue 12, items 6 and 12).
csg::Finding clash(const char* field, const char* ref, const char* from, const char* to,
                   const char* first) {
  return {"CSG075E", field, ref, {"CPE Les Lutins", from, to, first}};
}

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
       {clash("agreements[0].schedule", "A1", "2024-09-01", "2025-08-31", "2024-09-02")}},
      {"overlap on the last day only",
       [](Fixture& f) {
         f.ctx.other_agreements = {other(weekdays(), ymd(2025, 8, 29), ymd(2026, 8, 31))};
       },
       {clash("agreements[0].schedule", "A1", "2025-08-29", "2026-08-31", "2025-08-29")}},
      {"overlap on a special schedule's Saturday",
       [](Fixture& f) {
         f.d.agreements[0].special_schedules = {
             {ymd(2024, 10, 5), ymd(2024, 10, 5), csg::Schedule{1, {0, 0, 0, 0, 0, csg::kAm, 0}}}};
         f.ctx.other_agreements = {other(kWeekend)};
       },
       {clash("agreements[0].schedule", "A1", "2024-09-01", "2025-08-31", "2024-10-05")}},
      {"overlap with two other agreements: one finding",
       [](Fixture& f) {
         f.ctx.other_agreements = {other(weekdays(csg::kAm)), other(weekdays(csg::kPm))};
         f.ctx.other_agreements[1].dossier_ref = "D-0003";
         f.ctx.other_agreements[1].provider = "Garderie Soleil";
       },
       {clash("agreements[0].schedule", "A1", "2024-09-01", "2025-08-31", "2024-09-02")}},
      {"only the second agreement overlaps",
       [](Fixture& f) {
         f.d.agreements.push_back(agreement("A2", ymd(2025, 9, 1), ymd(2026, 8, 31)));
         f.ctx.other_agreements = {other(weekdays(csg::kPm), ymd(2025, 9, 1), ymd(2026, 8, 31))};
       },
       {clash("agreements[1].schedule", "A2", "2025-09-01", "2026-08-31", "2025-09-01")}},
      {"other agreement terminated: its last day is the termination",
       [](Fixture& f) {
         auto o = other(weekdays(csg::kPm), ymd(2024, 6, 1), ymd(2025, 5, 31));
         o.agreement.termination = ymd(2024, 9, 6);
         f.ctx.other_agreements = {o};
       },
       {clash("agreements[0].schedule", "A1", "2024-06-01", "2024-09-06", "2024-09-02")}},
  });
}

// The message a provider reads: the other provider's name and the dates, in both languages.
TEST(CsgCustody, ENT_09_MessageNamesTheOtherProviderAndDates) {
  Fixture f;
  f.ctx.other_agreements = {other(weekdays(csg::kPm))};
  auto found = csg::check_shared_custody(f.d, f.ctx);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(csg::text(found[0], "fr"),
            "Garde partagée : l'entente de cet enfant chez CPE Les Lutins, du 2024-09-01 au "
            "2025-08-31, prévoit déjà les mêmes demi-périodes (dès le 2024-09-02); chaque parent a "
            "ses propres demi-périodes.");
  EXPECT_EQ(csg::text(found[0], "en"),
            "Shared custody: this child's agreement at CPE Les Lutins, from 2024-09-01 to "
            "2025-08-31, already plans the same half-periods (from 2024-09-02); each parent has "
            "their own half-periods.");
}

}  // namespace

// Unit tests for check_adults (src/csg/rules.hpp): the responsable, the autre responsable and the
// parent block, rules DOS-10..DOS-12.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "csg/rules.hpp"
#include "csg_fixture.hpp"

namespace csg = sgee::csg;
using csg::Role;
using sgee::test::Fixture;
using sgee::test::repeat;
using sgee::test::ymd;

namespace {

void run(const std::vector<sgee::test::Case>& cases) {
  sgee::test::run_cases(csg::check_adults, cases);
}

csg::Adult adult(std::optional<std::string> surname, std::optional<std::string> given,
                 std::optional<Role> role) {
  csg::Adult a;
  a.surname = std::move(surname);
  a.given_name = std::move(given);
  a.role = role;
  return a;
}

// DOS-12 applies: born outside Québec, the responsable is a tutor, no autre responsable.
void dos12_applies(Fixture& f) {
  f.d.child.born_outside_quebec = true;
  f.d.guardian.role = Role::tutor;
  f.d.other_guardian.reset();
}

TEST(CsgAdults, DOS_10_GuardianRequired) {
  run({
      {"mother", [](Fixture& f) { f.d.guardian.role = Role::mother; }, {}},
      {"tutor", [](Fixture& f) { f.d.guardian.role = Role::tutor; }, {}},
      {"other", [](Fixture& f) { f.d.guardian.role = Role::other; }, {}},
      {"no surname",
       [](Fixture& f) { f.d.guardian.surname.reset(); },
       {{"CSG020E", "guardian.surname", ""}}},
      {"no given name",
       [](Fixture& f) { f.d.guardian.given_name.reset(); },
       {{"CSG021E", "guardian.given_name", ""}}},
      {"no role",
       [](Fixture& f) { f.d.guardian.role.reset(); },
       {{"CSG022E", "guardian.role", ""}}},
      {"nothing",
       [](Fixture& f) {
         f.d.guardian.surname.reset();
         f.d.guardian.given_name.reset();
         f.d.guardian.role.reset();
       },
       {{"CSG020E", "guardian.surname", ""},
        {"CSG021E", "guardian.given_name", ""},
        {"CSG022E", "guardian.role", ""}}},
  });
}

TEST(CsgAdults, DOS_10_NamesAtMost50Characters) {
  run({
      {"50 accented characters",
       [](Fixture& f) {
         f.d.guardian.surname = repeat("é", 50);
         f.d.guardian.given_name = repeat("à", 50);
       },
       {}},
      {"guardian surname of 51",
       [](Fixture& f) { f.d.guardian.surname = repeat("é", 51); },
       {{"CSG019E", "guardian.surname", ""}}},
      {"guardian given name of 51",
       [](Fixture& f) { f.d.guardian.given_name = repeat("a", 51); },
       {{"CSG019E", "guardian.given_name", ""}}},
      {"other guardian given name of 51",
       [](Fixture& f) { f.d.other_guardian = adult("Tremblay", repeat("ô", 51), Role::mother); },
       {{"CSG019E", "other_guardian.given_name", ""}}},
      {"parent surname of 51",
       [](Fixture& f) {
         dos12_applies(f);
         f.d.parent = adult(repeat("ü", 51), "Marie", Role::mother);
       },
       {{"CSG019E", "parent.surname", ""}}},
  });
}

TEST(CsgAdults, DOS_11_OtherGuardianAllOrNothing) {
  run({
      {"absent", [](Fixture& f) { f.d.other_guardian.reset(); }, {}},
      {"all empty", [](Fixture& f) { f.d.other_guardian = csg::Adult{}; }, {}},
      {"complete",
       [](Fixture& f) { f.d.other_guardian = adult("Tremblay", "Marie", Role::mother); },
       {}},
      {"surname only",
       [](Fixture& f) { f.d.other_guardian = adult("Tremblay", std::nullopt, std::nullopt); },
       {{"CSG023E", "other_guardian.given_name", ""}, {"CSG023E", "other_guardian.role", ""}}},
      {"role only",
       [](Fixture& f) { f.d.other_guardian = adult(std::nullopt, std::nullopt, Role::mother); },
       {{"CSG023E", "other_guardian.surname", ""}, {"CSG023E", "other_guardian.given_name", ""}}},
      {"no role",
       [](Fixture& f) { f.d.other_guardian = adult("Tremblay", "Marie", std::nullopt); },
       {{"CSG023E", "other_guardian.role", ""}}},
  });
}

TEST(CsgAdults, DOS_12_ParentRequiredWhenNoParentRole) {
  run({
      {"applies, complete parent",
       [](Fixture& f) {
         dos12_applies(f);
         f.d.parent = adult("Tremblay", "Marie", Role::biological_mother);
       },
       {}},
      {"applies, parent is the father",
       [](Fixture& f) {
         dos12_applies(f);
         f.d.parent = adult("Bégin", "Paul", Role::father);
       },
       {}},
      {"applies, no parent", dos12_applies, {{"CSG024E", "parent", ""}}},
      {"applies (other guardian not a parent), no parent",
       [](Fixture& f) {
         dos12_applies(f);
         f.d.guardian.role = Role::other;
         f.d.other_guardian = adult("Roy", "Luc", Role::tutor);
       },
       {{"CSG024E", "parent", ""}}},
      {"applies, parent with surname only",
       [](Fixture& f) {
         dos12_applies(f);
         f.d.parent = adult("Tremblay", std::nullopt, std::nullopt);
       },
       {{"CSG024E", "parent.given_name", ""}, {"CSG024E", "parent.role", ""}}},
      {"applies, parent without surname",
       [](Fixture& f) {
         dos12_applies(f);
         f.d.parent = adult(std::nullopt, "Marie", Role::mother);
       },
       {{"CSG024E", "parent.surname", ""}}},
      {"applies, parent is a tutor",
       [](Fixture& f) {
         dos12_applies(f);
         f.d.parent = adult("Tremblay", "Marie", Role::tutor);
       },
       {{"CSG025E", "parent.role", ""}}},
      {"applies, parent role other",
       [](Fixture& f) {
         dos12_applies(f);
         f.d.parent = adult("Tremblay", "Marie", Role::other);
       },
       {{"CSG025E", "parent.role", ""}}},
      {"guardian is the mother: no parent needed",
       [](Fixture& f) {
         dos12_applies(f);
         f.d.guardian.role = Role::mother;
       },
       {}},
      {"guardian is the biological mother: no parent needed",
       [](Fixture& f) {
         dos12_applies(f);
         f.d.guardian.role = Role::biological_mother;
       },
       {}},
      {"other guardian is the father: no parent needed",
       [](Fixture& f) {
         dos12_applies(f);
         f.d.other_guardian = adult("Bégin", "Paul", Role::father);
       },
       {}},
      {"born in Québec, tutor, no parent", [](Fixture& f) { f.d.guardian.role = Role::tutor; }, {}},
  });
}

TEST(CsgAdults, DOS_12_ParentNotExpected) {
  run({
      {"born in Québec, empty parent block", [](Fixture& f) { f.d.parent = csg::Adult{}; }, {}},
      {"born in Québec, parent given",
       [](Fixture& f) { f.d.parent = adult("Tremblay", "Marie", Role::mother); },
       {{"CSG026A", "parent", ""}}},
      {"born outside, guardian is the father, parent given",
       [](Fixture& f) {
         f.d.child.born_outside_quebec = true;
         f.d.parent = adult("Tremblay", "Marie", Role::mother);
       },
       {{"CSG026A", "parent", ""}}},
      {"born outside, other guardian is the mother, parent surname given",
       [](Fixture& f) {
         dos12_applies(f);
         f.d.other_guardian = adult("Tremblay", "Marie", Role::mother);
         f.d.parent = adult("Roy", std::nullopt, std::nullopt);
       },
       {{"CSG026A", "parent", ""}}},
  });
}

// The other dossier of the child: its guardian, and its agreement from `start` to `end` (the
// baseline's agreement A1 runs from 2024-09-01 to 2025-08-31).
void other_dossier(Fixture& f, const csg::Adult& guardian, csg::Date start = ymd(2024, 9, 1),
                   csg::Date end = ymd(2025, 8, 31)) {
  f.ctx.other_dossier_guardians.push_back({"D-0002", "20000002", guardian});
  f.ctx.other_agreements.push_back(
      {"D-0002", "20000002", sgee::test::agreement("B1", start, end), "CPE Les Lutins"});
}

TEST(CsgAdults, DOS_15_OtherParentHasTheirOwnDossier) {
  run({
      {"other dossier's guardian is someone else",
       [](Fixture& f) {
         other_dossier(f, adult("Roy", "Julie", Role::mother));
         f.d.other_guardian = adult("Gagnon", "Luc", Role::other);
       },
       {}},
      {"no other responsible adult",
       [](Fixture& f) { other_dossier(f, adult("Roy", "Julie", Role::mother)); },
       {}},
      {"the other dossier's guardian entered as other responsible adult (accents, case ignored)",
       [](Fixture& f) {
         other_dossier(f, adult("Bélanger", "Émilie", Role::mother));
         f.d.other_guardian = adult("BELANGER", "emilie", Role::mother);
       },
       {{"CSG033E", "other_guardian", ""}}},
  });
}

// Seed 004 (garde partagée): each parent has their own dossier at the same time. A child who moved
// from one provider to another, the parents' roles swapped, is not a shared custody: only the
// child's dossiers whose agreements overlap this one's in time are compared (issue 12, item 6).
TEST(CsgAdults, DOS_15_OnlyDossiersOverlappingInTimeCompared) {
  auto swapped = [](csg::Date start, csg::Date end) {
    return [=](Fixture& f) {
      other_dossier(f, adult("Bélanger", "Émilie", Role::mother), start, end);
      f.d.other_guardian = adult("Bélanger", "Émilie", Role::mother);
    };
  };
  const csg::Finding duplicate{"CSG033E", "other_guardian", ""};
  run({
      {"the other dossier ended before this one started",
       swapped(ymd(2023, 9, 1), ymd(2024, 8, 31)),
       {}},
      {"the other dossier starts after this one ends",
       swapped(ymd(2025, 9, 1), ymd(2026, 8, 31)),
       {}},
      {"the other dossier's agreement terminated before this one started",
       [&](Fixture& f) {
         swapped(ymd(2024, 1, 1), ymd(2024, 12, 31))(f);
         f.ctx.other_agreements[0].agreement.termination = ymd(2024, 8, 30);
       },
       {}},
      {"one day in common", swapped(ymd(2025, 8, 31), ymd(2026, 8, 31)), {duplicate}},
      {"the same year", swapped(ymd(2024, 9, 1), ymd(2025, 8, 31)), {duplicate}},
      {"the other dossier has no agreement",
       [](Fixture& f) {
         f.ctx.other_dossier_guardians = {
             {"D-0002", "20000002", adult("Bélanger", "Émilie", Role::mother)}};
         f.d.other_guardian = adult("Bélanger", "Émilie", Role::mother);
       },
       {}},
      {"an overlapping agreement of another installation's dossier of the same ref",
       [&](Fixture& f) {
         swapped(ymd(2023, 9, 1), ymd(2024, 8, 31))(f);
         f.ctx.other_agreements.push_back(
             {"D-0002", "20000003", sgee::test::agreement("C1", ymd(2024, 9, 1), ymd(2025, 8, 31)),
              "Garderie Soleil"});
       },
       {}},
  });
}

}  // namespace

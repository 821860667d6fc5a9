// Unit tests for check_child (src/csg/rules.hpp): the child's identity, rules DOS-01..DOS-07.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "csg/rules.hpp"
#include "csg_fixture.hpp"

namespace csg = sgee::csg;
using sgee::test::Fixture;
using sgee::test::repeat;
using sgee::test::ymd;

namespace {

void run(const std::vector<sgee::test::Case>& cases) {
  sgee::test::run_cases(csg::check_child, cases);
}

// The child is born outside Québec and has neither NIREC nor NECSG.
void outside_without_numbers(Fixture& f) {
  f.d.child.born_outside_quebec = true;
  f.d.child.nirec.reset();
  f.d.child.necsg.reset();
}

// The child is born outside Québec and has a NECSG, no NIREC.
void outside_with_necsg(Fixture& f) {
  outside_without_numbers(f);
  f.d.child.necsg = "N-000123";
}

TEST(CsgChild, DOS_01_NamesRequiredUnlessNecsg) {
  run({
      {"NIREC and both names", [](Fixture&) {}, {}},
      {"NIREC, no surname",
       [](Fixture& f) { f.d.child.surname.reset(); },
       {{"CSG001E", "child.surname", ""}}},
      {"NIREC, blank surname",
       [](Fixture& f) { f.d.child.surname = "   "; },
       {{"CSG001E", "child.surname", ""}}},
      {"NIREC, empty surname",
       [](Fixture& f) { f.d.child.surname = ""; },
       {{"CSG001E", "child.surname", ""}}},
      {"NIREC, no given name",
       [](Fixture& f) { f.d.child.given_name.reset(); },
       {{"CSG002E", "child.given_name", ""}}},
      {"NIREC, blank given name",
       [](Fixture& f) { f.d.child.given_name = " "; },
       {{"CSG002E", "child.given_name", ""}}},
      {"NIREC, no names at all",
       [](Fixture& f) {
         f.d.child.surname.reset();
         f.d.child.given_name.reset();
       },
       {{"CSG001E", "child.surname", ""}, {"CSG002E", "child.given_name", ""}}},
      {"neither NIREC nor NECSG, no surname",
       [](Fixture& f) {
         outside_without_numbers(f);
         f.d.child.surname.reset();
       },
       {{"CSG001E", "child.surname", ""}}},
      {"neither NIREC nor NECSG, no given name",
       [](Fixture& f) {
         outside_without_numbers(f);
         f.d.child.given_name.reset();
       },
       {{"CSG002E", "child.given_name", ""}}},
      {"neither NIREC nor NECSG, both names", [](Fixture& f) { outside_without_numbers(f); }, {}},
      {"NECSG without NIREC, no names",
       [](Fixture& f) {
         outside_with_necsg(f);
         f.d.child.surname.reset();
         f.d.child.given_name.reset();
       },
       {}},
  });
}

TEST(CsgChild, DOS_01_NamesAtMost50Characters) {
  run({
      {"50 accented characters (100 bytes)",
       [](Fixture& f) {
         f.d.child.surname = repeat("é", 50);
         f.d.child.given_name = repeat("É", 50);
       },
       {}},
      {"50 ASCII characters", [](Fixture& f) { f.d.child.surname = repeat("a", 50); }, {}},
      {"surname of 51 characters",
       [](Fixture& f) { f.d.child.surname = repeat("é", 51); },
       {{"CSG003E", "child.surname", ""}}},
      {"given name of 51 ASCII characters",
       [](Fixture& f) { f.d.child.given_name = repeat("a", 51); },
       {{"CSG003E", "child.given_name", ""}}},
      {"both over 50",
       [](Fixture& f) {
         f.d.child.surname = repeat("b", 60);
         f.d.child.given_name = repeat("ç", 51);
       },
       {{"CSG003E", "child.surname", ""}, {"CSG003E", "child.given_name", ""}}},
      {"NECSG child, surname over 50",
       [](Fixture& f) {
         outside_with_necsg(f);
         f.d.child.surname = repeat("x", 51);
       },
       {{"CSG003E", "child.surname", ""}}},
  });
}

TEST(CsgChild, DOS_02_SexRequired) {
  run({
      {"F", [](Fixture& f) { f.d.child.sex = csg::Sex::F; }, {}},
      {"X", [](Fixture& f) { f.d.child.sex = csg::Sex::X; }, {}},
      {"missing", [](Fixture& f) { f.d.child.sex.reset(); }, {{"CSG004E", "child.sex", ""}}},
  });
}

TEST(CsgChild, DOS_03_BirthDateRequiredNotFutureImmutable) {
  run({
      {"born today", [](Fixture& f) { f.d.child.birth_date = f.ctx.today; }, {}},
      {"missing",
       [](Fixture& f) { f.d.child.birth_date.reset(); },
       {{"CSG005E", "child.birth_date", ""}}},
      {"tomorrow",
       [](Fixture& f) { f.d.child.birth_date = ymd(2026, 11, 24); },
       {{"CSG006E", "child.birth_date", ""}}},
      {"same as stored", [](Fixture& f) { f.use_stored(); }, {}},
      {"stored without birth date",
       [](Fixture& f) {
         f.stored.child.birth_date.reset();
         f.use_stored();
       },
       {}},
      {"differs from stored",
       [](Fixture& f) {
         f.stored.child.birth_date = ymd(2022, 4, 11);
         f.use_stored();
       },
       {{"CSG007E", "child.birth_date", ""}}},
  });
}

TEST(CsgChild, DOS_04_BornOutsideQuebecRequired) {
  run({
      {"born in Québec", [](Fixture&) {}, {}},
      {"born outside, with NIREC", [](Fixture& f) { f.d.child.born_outside_quebec = true; }, {}},
      {"missing",
       [](Fixture& f) { f.d.child.born_outside_quebec.reset(); },
       {{"CSG008E", "child.born_outside_quebec", ""}}},
  });
}

TEST(CsgChild, DOS_05_NirecFormat) {
  run({
      {"starting with 11", [](Fixture& f) { f.d.child.nirec = "1102204101002"; }, {}},
      {"12 digits",
       [](Fixture& f) { f.d.child.nirec = "120220410100"; },
       {{"CSG009E", "child.nirec", ""}}},
      {"14 digits",
       [](Fixture& f) { f.d.child.nirec = "12022041010021"; },
       {{"CSG009E", "child.nirec", ""}}},
      {"a letter",
       [](Fixture& f) { f.d.child.nirec = "12022O4101002"; },
       {{"CSG009E", "child.nirec", ""}}},
      {"a space",
       [](Fixture& f) { f.d.child.nirec = "120220410 002"; },
       {{"CSG009E", "child.nirec", ""}}},
      {"a dash, 13 characters",
       [](Fixture& f) { f.d.child.nirec = "12022041-1002"; },
       {{"CSG009E", "child.nirec", ""}}},
      {"13 digits not starting with 11 or 12",
       [](Fixture& f) { f.d.child.nirec = "1302204101002"; },
       {{"CSG011A", "child.nirec", ""}}},
      {"13 digits starting with 21",
       [](Fixture& f) { f.d.child.nirec = "2102204101002"; },
       {{"CSG011A", "child.nirec", ""}}},
  });
}

TEST(CsgChild, DOS_05_NirecImmutable) {
  run({
      {"same as stored", [](Fixture& f) { f.use_stored(); }, {}},
      {"stored had none",
       [](Fixture& f) {
         f.stored.child.nirec.reset();
         f.use_stored();
       },
       {}},
      {"differs from stored",
       [](Fixture& f) {
         f.stored.child.nirec = "1202204101003";
         f.use_stored();
       },
       {{"CSG010E", "child.nirec", ""}}},
      {"removed (born outside Québec)",
       [](Fixture& f) {
         f.d.child.born_outside_quebec = true;
         f.stored.child.born_outside_quebec = true;
         f.d.child.nirec.reset();
         f.use_stored();
       },
       {{"CSG010E", "child.nirec", ""}}},
  });
}

TEST(CsgChild, DOS_05_NirecCheckedAgainstCivilRegistry) {
  auto found = [](Fixture& f) {
    f.ctx.civil_registry = true;
    f.ctx.civil = csg::CivilRecord{"1202204101002", "Bégin", "Léo", csg::Sex::M, ymd(2022, 4, 10)};
  };
  run({
      {"registry not available", [](Fixture& f) { f.ctx.civil_registry = false; }, {}},
      {"found and matching", found, {}},
      // Issue 12, item 7: the names are compared too (DOS_05_ChildNamesMatchCivilRegistry).
      {"found, names differ",
       [&](Fixture& f) {
         found(f);
         f.ctx.civil->surname = "Autre";
         f.ctx.civil->given_name = "Nom";
       },
       {{"CSG132E", "child.surname", ""}, {"CSG133E", "child.given_name", ""}}},
      {"unknown NIREC",
       [](Fixture& f) { f.ctx.civil_registry = true; },
       {{"CSG041E", "child.nirec", ""}}},
      {"malformed NIREC is not looked up",
       [](Fixture& f) {
         f.ctx.civil_registry = true;
         f.d.child.nirec = "12345";
       },
       {{"CSG009E", "child.nirec", ""}}},
      {"birth date differs",
       [&](Fixture& f) {
         found(f);
         f.ctx.civil->birth_date = ymd(2022, 4, 11);
       },
       {{"CSG042E", "child.birth_date", ""}}},
      {"sex differs",
       [&](Fixture& f) {
         found(f);
         f.ctx.civil->sex = csg::Sex::F;
       },
       {{"CSG042E", "child.birth_date", ""}}},
  });
}

// Seed 003: the child's identification is validated with the Directeur de l'état civil: the
// surname and given name as well, ignoring case, accents, hyphens and spaces and the order of the
// parts of a compound name (issue 12, item 7).
TEST(CsgChild, DOS_05_ChildNamesMatchCivilRegistry) {
  auto registry = [](const char* surname, const char* given) {
    return [=](Fixture& f) {
      f.ctx.civil_registry = true;
      f.ctx.civil =
          csg::CivilRecord{"1202204101002", surname, given, csg::Sex::M, ymd(2022, 4, 10)};
    };
  };
  auto names = [](const char* surname, const char* given, const char* r_surname,
                  const char* r_given) {
    return [=](Fixture& f) {
      f.ctx.civil_registry = true;
      f.ctx.civil =
          csg::CivilRecord{"1202204101002", r_surname, r_given, csg::Sex::M, ymd(2022, 4, 10)};
      f.d.child.surname = surname;
      f.d.child.given_name = given;
    };
  };
  const csg::Finding surname{"CSG132E", "child.surname", ""};
  const csg::Finding given{"CSG133E", "child.given_name", ""};
  run({
      {"same names", registry("Bégin", "Léo"), {}},
      {"case and accents ignored", registry("BEGIN", "leo"), {}},
      {"hyphen or space", names("Roy-Tremblay", "Marie Ève", "Roy Tremblay", "Marie-Ève"), {}},
      {"order of a compound name",
       names("Tremblay Roy", "Ève-Marie", "Roy-Tremblay", "Marie Ève"),
       {}},
      {"hyphen left out", names("Roy", "Marieève", "Roy", "Marie-Ève"), {}},
      {"spaces around", names("  Roy ", " Léo", "Roy", "Léo"), {}},
      {"surname differs", registry("Bégin-Roy", "Léo"), {surname}},
      {"given name differs", registry("Bégin", "Léon"), {given}},
      {"a part of a compound name missing", names("Roy", "Marie", "Roy", "Marie-Ève"), {given}},
      {"both differ", registry("Roy", "Noé"), {surname, given}},
      {"registry not available", [](Fixture& f) { f.d.child.surname = "Autre"; }, {}},
      {"no surname: CSG001E only",
       [&](Fixture& f) {
         registry("Bégin", "Léo")(f);
         f.d.child.surname.reset();
       },
       {{"CSG001E", "child.surname", ""}}},
  });
  EXPECT_FALSE(csg::same_civil_name("Saint-Pierre", "ST PIERRE"));
  EXPECT_TRUE(csg::same_civil_name("Côté-Lévesque", "levesque cote"));
}

TEST(CsgChild, DOS_06_NecsgOnlyOutsideQuebecWithoutNirec) {
  run({
      {"outside, no NIREC", outside_with_necsg, {}},
      {"born in Québec",
       [](Fixture& f) { f.d.child.necsg = "N-000123"; },
       {{"CSG012E", "child.necsg", ""}}},
      {"outside, with a NIREC",
       [](Fixture& f) {
         f.d.child.born_outside_quebec = true;
         f.d.child.necsg = "N-000123";
       },
       {{"CSG012E", "child.necsg", ""}}},
      {"birthplace unknown",
       [](Fixture& f) {
         outside_with_necsg(f);
         f.d.child.born_outside_quebec.reset();
       },
       {{"CSG008E", "child.born_outside_quebec", ""}, {"CSG012E", "child.necsg", ""}}},
  });
}

TEST(CsgChild, DOS_06_NecsgImmutable) {
  auto both = [](Fixture& f) {
    outside_with_necsg(f);
    f.stored.child = f.d.child;
    f.use_stored();
  };
  run({
      {"same as stored", both, {}},
      {"stored had none",
       [&](Fixture& f) {
         both(f);
         f.stored.child.necsg.reset();
       },
       {}},
      {"differs from stored",
       [&](Fixture& f) {
         both(f);
         f.stored.child.necsg = "N-000999";
       },
       {{"CSG013E", "child.necsg", ""}}},
      {"removed",
       [&](Fixture& f) {
         both(f);
         f.d.child.necsg.reset();
       },
       {{"CSG013E", "child.necsg", ""}}},
  });
}

// Seed 003: some children born outside Québec obtain a NIREC after an insertion request; seed
// 004: enter it in the dossier. The saved dossier with a NECSG receives its NIREC and keeps the
// NECSG; a NIREC already saved still never changes (issue 12, item 1).
TEST(CsgChild, DOS_06_NirecAddedLaterToNecsgDossier) {
  auto saved_with_necsg = [](Fixture& f) {
    outside_with_necsg(f);
    f.stored.child = f.d.child;
    f.use_stored();
    f.d.child.nirec = "1202204101002";
  };
  run({
      {"NIREC added, NECSG kept", saved_with_necsg, {}},
      {"NIREC added and checked against the civil registry: unknown",
       [&](Fixture& f) {
         saved_with_necsg(f);
         f.ctx.civil_registry = true;
       },
       {{"CSG041E", "child.nirec", ""}}},
      {"NIREC added, names required again",
       [&](Fixture& f) {
         saved_with_necsg(f);
         f.d.child.surname.reset();
       },
       {{"CSG001E", "child.surname", ""}}},
      {"NIREC added, NECSG dropped",
       [&](Fixture& f) {
         saved_with_necsg(f);
         f.d.child.necsg.reset();
       },
       {{"CSG013E", "child.necsg", ""}}},
      {"NIREC added with another NECSG",
       [&](Fixture& f) {
         saved_with_necsg(f);
         f.d.child.necsg = "N-000999";
       },
       {{"CSG012E", "child.necsg", ""}, {"CSG013E", "child.necsg", ""}}},
      {"NIREC added, but now said born in Québec",
       [&](Fixture& f) {
         saved_with_necsg(f);
         f.d.child.born_outside_quebec = false;
       },
       {{"CSG012E", "child.necsg", ""}}},
      {"both numbers on a new dossier",
       [&](Fixture& f) {
         saved_with_necsg(f);
         f.ctx.stored = nullptr;
       },
       {{"CSG012E", "child.necsg", ""}}},
      {"the NIREC once added is kept",
       [&](Fixture& f) {
         saved_with_necsg(f);
         f.stored.child.nirec = f.d.child.nirec;
       },
       {}},
      {"the NIREC once added never changes",
       [&](Fixture& f) {
         saved_with_necsg(f);
         f.stored.child.nirec = "1202204101003";
       },
       {{"CSG010E", "child.nirec", ""}}},
  });
}

TEST(CsgChild, DOS_07_QuebecBornWithoutNirecPending) {
  run({
      {"born outside, no NIREC", outside_without_numbers, {}},
      {"born in Québec, no NIREC",
       [](Fixture& f) { f.d.child.nirec.reset(); },
       {{"CSG015E", "child.nirec", ""}}},
  });
}

}  // namespace

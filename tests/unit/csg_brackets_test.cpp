// Unit tests for check_brackets and school_age_on (src/csg/rules.hpp): age brackets and their
// effective dates, rules DOS-20..DOS-22. The child is born 2022-04-10: 18 months on 2023-10-10,
// 60 months on 2027-04-10, school age from the school year starting 2027-09-01.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "csg/rules.hpp"
#include "csg_fixture.hpp"

namespace csg = sgee::csg;
using csg::Bracket;
using sgee::test::Fixture;
using sgee::test::ymd;

namespace {

void run(const std::vector<sgee::test::Case>& cases) {
  sgee::test::run_cases(csg::check_brackets, cases);
}

void add_school(Fixture& f, csg::Date start = ymd(2027, 9, 1)) {
  f.d.age_brackets.push_back({Bracket::school, start});
}

TEST(CsgBrackets, DOS_20_AtLeastOneBracket) {
  run({
      {"infant only",
       [](Fixture& f) {
         f.d.age_brackets = {{Bracket::infant, ymd(2022, 4, 10)}};
       },
       {}},
      {"none", [](Fixture& f) { f.d.age_brackets.clear(); }, {{"CSG043E", "age_brackets", ""}}},
  });
}

TEST(CsgBrackets, DOS_20_BracketsAndDatesIncrease) {
  run({
      {"infant, toddler, school", [](Fixture& f) { add_school(f); }, {}},
      {"infant then school",
       [](Fixture& f) {
         f.d.age_brackets = {{Bracket::infant, ymd(2022, 4, 10)},
                             {Bracket::school, ymd(2027, 9, 1)}};
       },
       {}},
      {"infant twice",
       [](Fixture& f) {
         f.d.age_brackets = {{Bracket::infant, ymd(2022, 4, 10)},
                             {Bracket::infant, ymd(2022, 6, 1)}};
       },
       {{"CSG040E", "age_brackets[1].bracket", ""}}},
      {"school then toddler",
       [](Fixture& f) {
         f.d.age_brackets = {{Bracket::infant, ymd(2022, 4, 10)},
                             {Bracket::school, ymd(2027, 9, 1)},
                             {Bracket::toddler, ymd(2027, 9, 2)}};
         f.d.child.birth_date.reset();  // no CSG044A
       },
       {{"CSG040E", "age_brackets[2].bracket", ""}}},
      {"same start (birth date unknown)",
       [](Fixture& f) {
         f.d.child.birth_date.reset();
         f.d.age_brackets[1].start = ymd(2022, 4, 10);
       },
       {{"CSG040E", "age_brackets[1].start", ""}}},
      // Sorted by date, the 0-17 bracket (listed first) comes after the 18-59 one: reported on
      // the later-dated bracket (this case used to want age_brackets[1].start, the order of the
      // list mattering).
      {"earlier start (birth date unknown)",
       [](Fixture& f) {
         f.d.child.birth_date.reset();
         f.d.age_brackets[1].start = ymd(2022, 4, 9);
       },
       {{"CSG040E", "age_brackets[0].bracket", ""}}},
  });
}

// Issue 12: the order in which brackets are listed does not matter; sorted by date, they must
// follow 0-17, 18-59, school at increasing dates (DOS-20 as amended).
TEST(CsgBrackets, DOS_20_BracketsListedOutOfOrderAreSortedByDate) {
  run({
      {"toddler listed before infant",
       [](Fixture& f) { std::swap(f.d.age_brackets[0], f.d.age_brackets[1]); },
       {}},
      {"school, infant, toddler",
       [](Fixture& f) {
         f.d.age_brackets = {{Bracket::school, ymd(2027, 9, 1)},
                             {Bracket::infant, ymd(2022, 4, 10)},
                             {Bracket::toddler, ymd(2023, 10, 10)}};
       },
       {}},
      {"out of order, and the school bracket dated before the toddler one",
       [](Fixture& f) {
         f.d.child.birth_date.reset();
         f.d.age_brackets = {{Bracket::toddler, ymd(2027, 10, 1)},
                             {Bracket::school, ymd(2027, 9, 1)},
                             {Bracket::infant, ymd(2022, 4, 10)}};
       },
       {{"CSG040E", "age_brackets[0].bracket", ""}}},
      {"out of order, two on the same date",
       [](Fixture& f) {
         f.d.child.birth_date.reset();
         f.d.age_brackets = {{Bracket::toddler, ymd(2022, 4, 10)},
                             {Bracket::infant, ymd(2022, 4, 10)}};
       },
       {{"CSG040E", "age_brackets[1].bracket", ""}}},
      {"out of order, the agreement before the earliest",
       [](Fixture& f) {
         std::swap(f.d.age_brackets[0], f.d.age_brackets[1]);
         f.d.agreements[0].start = ymd(2022, 4, 9);
       },
       {{"CSG045E", "agreements[0].start", "A1"}}},
  });
}

TEST(CsgBrackets, DOS_20_StartsMatchTheChildsAge) {
  run({
      {"infant the day before 18 months",
       [](Fixture& f) {
         f.d.age_brackets[0].start = ymd(2023, 10, 9);
         f.d.age_brackets[1].start = ymd(2023, 10, 10);
         f.d.agreements[0].start = ymd(2024, 9, 1);
       },
       {}},
      {"toddler the day before 60 months",
       [](Fixture& f) { f.d.age_brackets[1].start = ymd(2027, 4, 9); },
       {}},
      {"birth date unknown: not checked",
       [](Fixture& f) {
         f.d.child.birth_date.reset();
         f.d.age_brackets[1].start = ymd(2022, 5, 1);
       },
       {}},
      {"infant before birth",
       [](Fixture& f) { f.d.age_brackets[0].start = ymd(2022, 4, 9); },
       {{"CSG044A", "age_brackets[0].start", ""}}},
      {"infant at 18 months",
       [](Fixture& f) {
         f.d.age_brackets[0].start = ymd(2023, 10, 10);
         f.d.age_brackets[1].start = ymd(2023, 10, 11);
       },
       {{"CSG044A", "age_brackets[0].start", ""}}},
      {"toddler the day before 18 months",
       [](Fixture& f) { f.d.age_brackets[1].start = ymd(2023, 10, 9); },
       {{"CSG044A", "age_brackets[1].start", ""}}},
      {"toddler at 60 months",
       [](Fixture& f) { f.d.age_brackets[1].start = ymd(2027, 4, 10); },
       {{"CSG044A", "age_brackets[1].start", ""}}},
      {"school before school age",
       [](Fixture& f) { add_school(f, ymd(2027, 8, 31)); },
       {{"CSG044A", "age_brackets[2].start", ""}}},
      {"school a year too early",
       [](Fixture& f) { add_school(f, ymd(2026, 9, 1)); },
       {{"CSG044A", "age_brackets[2].start", ""}}},
      {"school later in the school year", [](Fixture& f) { add_school(f, ymd(2028, 1, 8)); }, {}},
  });
}

TEST(CsgBrackets, DOS_21_AgreementStartsAfterEarliestBracket) {
  run({
      {"agreement starts on the earliest bracket",
       [](Fixture& f) {
         f.d.age_brackets = {{Bracket::toddler, ymd(2024, 9, 1)}};
       },
       {}},
      {"agreement starts the day before the earliest bracket",
       [](Fixture& f) {
         f.d.age_brackets = {{Bracket::toddler, ymd(2024, 9, 2)}};
       },
       {{"CSG045E", "agreements[0].start", "A1"}}},
      {"second agreement before the earliest bracket",
       [](Fixture& f) {
         auto a2 = sgee::test::agreement("A2", ymd(2022, 4, 9), ymd(2022, 12, 31));
         f.d.agreements.insert(f.d.agreements.begin(), a2);
       },
       {{"CSG045E", "agreements[0].start", "A2"}}},
  });
}

TEST(CsgBrackets, DOS_22_NoAgreementSpansSchoolStart) {
  run({
      {"agreement ends before school",
       [](Fixture& f) {
         add_school(f);
         f.d.agreements[0].start = ymd(2026, 9, 1);
         f.d.agreements[0].end = ymd(2027, 8, 31);
       },
       {}},
      {"agreement starts on school start",
       [](Fixture& f) {
         add_school(f);
         f.d.agreements[0].start = ymd(2027, 9, 1);
         f.d.agreements[0].end = ymd(2028, 6, 30);
       },
       {}},
      {"agreement terminated before school",
       [](Fixture& f) {
         add_school(f);
         f.d.agreements[0].start = ymd(2027, 1, 4);
         f.d.agreements[0].end = ymd(2027, 12, 31);
         f.d.agreements[0].termination = ymd(2027, 8, 31);
       },
       {}},
      {"agreement spans school start",
       [](Fixture& f) {
         add_school(f);
         f.d.agreements[0].start = ymd(2027, 6, 1);
         f.d.agreements[0].end = ymd(2028, 5, 31);
       },
       {{"CSG046E", "agreements[0].end", "A1"}}},
      {"agreement ends on school start",
       [](Fixture& f) {
         add_school(f);
         f.d.agreements[0].start = ymd(2026, 9, 2);
         f.d.agreements[0].end = ymd(2027, 9, 1);
       },
       {{"CSG046E", "agreements[0].end", "A1"}}},
      {"agreement terminated on school start",
       [](Fixture& f) {
         add_school(f);
         f.d.agreements[0].start = ymd(2027, 1, 4);
         f.d.agreements[0].end = ymd(2027, 12, 31);
         f.d.agreements[0].termination = ymd(2027, 9, 1);
       },
       {{"CSG046E", "agreements[0].end", "A1"}}},
  });
}

TEST(CsgBrackets, SchoolAgeOn) {
  struct AgeCase {
    csg::Date birth, on;
    bool school_age;
  };
  const std::vector<AgeCase> cases = {
      {ymd(2020, 9, 30), ymd(2025, 9, 1), true},
      {ymd(2020, 10, 1), ymd(2025, 9, 1), false},
      {ymd(2020, 9, 30), ymd(2026, 8, 31), true},   // school year starting 2025-09-01
      {ymd(2020, 10, 1), ymd(2026, 8, 31), false},  // same school year
      {ymd(2020, 10, 1), ymd(2026, 9, 1), true},
      {ymd(2020, 9, 30), ymd(2025, 8, 31), false},  // school year starting 2024-09-01
      {ymd(2020, 1, 1), ymd(2025, 8, 31), false},
      {ymd(2019, 9, 30), ymd(2025, 8, 31), true},
      {ymd(2020, 9, 30), ymd(2025, 12, 31), true},
      {ymd(2022, 4, 10), ymd(2027, 8, 31), false},
      {ymd(2022, 4, 10), ymd(2027, 9, 1), true},
      {ymd(2015, 1, 1), ymd(2025, 9, 1), true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(sgee::dates::format(c.birth) + " on " + sgee::dates::format(c.on));
    EXPECT_EQ(csg::school_age_on(c.birth, c.on), c.school_age);
  }
}

}  // namespace

// to_json_text (src/csg/json.hpp) writes a dossier's stored JSON straight to text: it must be
// to_json(d).dump() byte for byte, since the stored text tells whether a record changed.
#include <gtest/gtest.h>

#include "csg/generate.hpp"
#include "csg/json.hpp"
#include "csg_fixture.hpp"

namespace sgee::csg {
namespace {

using test::ymd;

TEST(CsgJsonText, SameTextAsDumpOnGeneratedDossiers) {
  GenerateOptions o;
  o.children = 3000;
  o.seed = 7;
  o.today = ymd(2026, 9, 1);
  o.error_rate = 0.05;
  auto g = generate(o);
  size_t n = 0;
  for (const auto& c : g.components)
    for (const auto& d : c.dossiers) {
      ASSERT_EQ(to_json_text(d), to_json(d).dump()) << d.ref;
      ++n;
    }
  EXPECT_GT(n, 3000u);
}

TEST(CsgJsonText, SameTextAsDumpForEveryPartAndAnyString) {
  EXPECT_EQ(to_json_text(Dossier{}), to_json(Dossier{}).dump());
  Dossier d = test::csg_valid_dossier();
  d.rsge = "R\"1\\2";
  d.child.necsg = "9000001";
  d.child.surname = "Tab\there, new\nline, \x01 \x1f \x7f, « é », 😀, /slash/";
  d.guardian.address.apartment = "";
  d.other_guardian = Adult{{"Côté"}, {"Marie"}, Role::mother};
  d.parent = Adult{};
  d.age_brackets.push_back({Bracket::school, ymd(2027, 9, 1)});
  d.cisss_periods.push_back({ymd(2025, 1, 1), std::nullopt});
  d.ecp_periods.push_back({std::nullopt, ymd(2025, 2, 1)});
  HandicapPeriod h;
  h.start = ymd(2025, 3, 1);
  d.handicap_periods.push_back(h);
  h.transitional_measure = Period{ymd(2025, 4, 1), ymd(2025, 5, 1)};
  d.handicap_periods.push_back(h);
  auto a = test::agreement("E\"9", ymd(2025, 1, 6), ymd(2025, 12, 31));
  a.termination = ymd(2025, 6, 30);
  a.reduced_contribution = a.replacement = true;
  a.special_schedules.push_back({ymd(2025, 3, 3), ymd(2025, 3, 7), test::weekdays(kAm | kS1)});
  a.special_schedules.push_back({std::nullopt, std::nullopt, Schedule{0, {}}});
  d.agreements.push_back(a);
  a.schedule.reset();
  d.agreements.push_back(a);
  EXPECT_EQ(to_json_text(d), to_json(d).dump());
  // Not UTF-8: dump() refuses it, and so does to_json_text.
  d.child.given_name = "\xff";
  EXPECT_THROW(to_json(d).dump(), nlohmann::json::type_error);
  EXPECT_THROW(to_json_text(d), nlohmann::json::type_error);
}

}  // namespace
}  // namespace sgee::csg

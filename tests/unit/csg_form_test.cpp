// The dossier form as data (src/csg/form.hpp): posted fields named after the sync API's JSON
// paths become the API's record; the actions that change the form without saving.
#include "csg/form.hpp"

#include <gtest/gtest.h>

namespace sgee::csg::form {
namespace {

using nlohmann::json;

TEST(DossierForm, PathsSplitAndClimb) {
  struct Case {
    std::string path;
    std::vector<std::string> segments;
  };
  for (const auto& c : std::vector<Case>{
           {"child.surname", {"child", "surname"}},
           {"agreements[0].schedule.days[13]", {"agreements", "[0]", "schedule", "days", "[13]"}},
           {"age_brackets[2]._row", {"age_brackets", "[2]", "_row"}},
           {"", {}},
           {"child..surname", {}},
           {"child.", {}},
           {"agreements[x].ref", {}},
           {"agreements[].ref", {}},
           {"agreements[123456].ref", {}},
           {"Child.surname", {}},
           {"child.surname]", {}},
       }) {
    EXPECT_EQ(split_path(c.path), c.segments) << c.path;
  }
  EXPECT_EQ(parent_path("agreements[0].schedule.days"), "agreements[0].schedule");
  EXPECT_EQ(parent_path("agreements[0].schedule"), "agreements[0]");
  EXPECT_EQ(parent_path("agreements[0]"), "agreements");
  EXPECT_EQ(parent_path("agreements"), "");
}

TEST(DossierForm, FieldsBecomeTheApiRecord) {
  auto r = record_from_fields({
      {"csrf", "token"},
      {"action", "save"},
      {"child.surname", "  Roy "},
      {"child.given_name", ""},
      {"child.born_outside_quebec", "false"},
      {"guardian.address.postal_code", "G1G 1G1"},
      {"other_guardian.surname", ""},
      {"parent.role", ""},
      {"age_brackets[0]._row", "1"},
      {"age_brackets[0].bracket", "0-17"},
      {"age_brackets[2]._row", "1"},
      {"age_brackets[2].start", "2024-01-01"},
      {"agreements[0]._row", "1"},
      {"agreements[0].ref", "A1"},
      {"agreements[0].signed", "true"},
      {"agreements[0].replacement", "peut-être"},
      {"agreements[0].schedule.weeks", "2"},
      {"agreements[0].schedule.days[0]", "AM"},
      {"agreements[0].schedule.days[0]", "PM"},
      {"agreements[0].schedule.days[8]", "S1"},
      {"agreements[0].schedule.days[20]", "AM"},
      {"unknown.field", "x"},
      {"cisss_periods[0]._row", "1"},
  });
  EXPECT_EQ(r["child"], (json{{"surname", "Roy"}, {"born_outside_quebec", false}}));
  EXPECT_EQ(r["guardian"]["address"]["postal_code"], "G1G 1G1");
  EXPECT_FALSE(r.contains("other_guardian"));
  EXPECT_FALSE(r.contains("parent"));
  EXPECT_FALSE(r.contains("csrf"));
  EXPECT_FALSE(r.contains("unknown"));
  // The hole of a removed row is closed up; an empty row stays, without its marker.
  EXPECT_EQ(r["age_brackets"], (json::array({{{"bracket", "0-17"}}, {{"start", "2024-01-01"}}})));
  EXPECT_EQ(r["cisss_periods"], json::array({json::object()}));
  const auto& a = r["agreements"][0];
  EXPECT_EQ(a["signed"], true);
  EXPECT_EQ(a["replacement"], "peut-être");  // left to the catalog (CSG000E)
  EXPECT_EQ(a["schedule"]["weeks"], 2);
  json days = json::array();
  for (int k = 0; k < 14; ++k) days.push_back("");
  days[0] = "AM PM";
  days[8] = "S1";
  EXPECT_EQ(a["schedule"]["days"], days);  // 7 × weeks: day 20 is beyond two weeks
}

TEST(DossierForm, ScheduleWeeksAndReplacement) {
  struct Case {
    Fields fields;
    json schedule;
  };
  json seven = json::array({"", "", "", "", "", "", ""});
  for (const auto& c : std::vector<Case>{
           // No day checked, not a replacement: an empty week (the catalog says it is required).
           {{{"agreements[0].ref", "A1"}, {"agreements[0].schedule.weeks", "1"}},
            {{"weeks", 1}, {"days", seven}}},
           // A replacement child with no day: no schedule.
           {{{"agreements[0].replacement", "true"}, {"agreements[0].schedule.weeks", "1"}},
            nullptr},
           // A replacement child with days keeps them.
           {{{"agreements[0].replacement", "true"},
             {"agreements[0].schedule.weeks", "1"},
             {"agreements[0].schedule.days[4]", "AM"}},
            {{"weeks", 1}, {"days", {"", "", "", "", "AM", "", ""}}}},
           // Weeks out of range or not a number: kept for the catalog, days untouched.
           {{{"agreements[0].schedule.weeks", "9"}, {"agreements[0].schedule.days[1]", "AM"}},
            {{"weeks", 9}, {"days", {"", "AM"}}}},
           {{{"agreements[0].schedule.weeks", "deux"}},
            {{"weeks", "deux"}, {"days", json::array()}}},
       }) {
    auto r = record_from_fields(c.fields);
    EXPECT_EQ(r["agreements"][0]["schedule"], c.schedule) << r.dump();
  }
}

TEST(DossierForm, OversizedIndexesAreIgnored) {
  auto r = record_from_fields({{"agreements[100].ref", "A1"},
                               {"agreements[0].schedule.days[28]", "AM"},
                               {"agreements[0].schedule.days[27]", "AM"}});
  ASSERT_EQ(r["agreements"].size(), 1u);
  EXPECT_EQ(r["agreements"][0]["schedule"]["weeks"], 1);
  EXPECT_EQ(r["agreements"][0]["schedule"]["days"].size(), 7u);
}

TEST(DossierForm, BlankRecordHasOneBracketAndOneAgreement) {
  auto r = blank_record();
  EXPECT_EQ(r["age_brackets"], json::array({json::object()}));
  ASSERT_EQ(r["agreements"].size(), 1u);
  EXPECT_EQ(r["agreements"][0]["ref"], "A1");
  EXPECT_EQ(r["agreements"][0]["reduced_contribution"], true);
  EXPECT_EQ(r["agreements"][0]["schedule"]["days"].size(), 7u);
}

TEST(DossierForm, ActionsAddRemoveAndApplyPatterns) {
  auto r = blank_record();
  EXPECT_TRUE(apply_action(r, "add:agreements"));
  EXPECT_EQ(r["agreements"][1]["ref"], "A2");
  r["agreements"][0]["ref"] = "A7";
  EXPECT_TRUE(apply_action(r, "add:agreements"));
  EXPECT_EQ(r["agreements"][2]["ref"], "A8");
  EXPECT_TRUE(apply_action(r, "remove:agreements[1]"));
  EXPECT_EQ(r["agreements"].size(), 2u);
  EXPECT_TRUE(apply_action(r, "add:cisss_periods"));
  EXPECT_EQ(r["cisss_periods"], json::array({json::object()}));
  EXPECT_TRUE(apply_action(r, "add:agreements[1].special_schedules"));
  EXPECT_EQ(r["agreements"][1]["special_schedules"][0]["schedule"]["weeks"], 1);
  EXPECT_TRUE(apply_action(r, "pattern:agreements[1].special_schedules[0].schedule:weekend"));
  EXPECT_EQ(r["agreements"][1]["special_schedules"][0]["schedule"]["days"][5], "AM PM");
  EXPECT_TRUE(apply_action(r, "pattern:agreements[0].schedule:alternate_weeks"));
  EXPECT_EQ(r["agreements"][0]["schedule"]["weeks"], 2);
  EXPECT_EQ(r["agreements"][0]["schedule"]["days"].size(), 14u);
  EXPECT_EQ(r["agreements"][0]["schedule"]["days"][7], "");
  EXPECT_EQ(r["agreements"][0]["schedule"]["days"][0], "AM PM");
  for (const char* bad : {"add:child", "add:agreements[0]", "add:agreements[5].special_schedules",
                          "remove:agreements[9]", "remove:agreements",
                          "pattern:agreements[0]"
                          ".schedule:nope",
                          "pattern:agreements[4].schedule:weekend", "pattern:child.surname:weekend",
                          "save", "drop:agreements[0]"})
    EXPECT_FALSE(apply_action(r, bad)) << bad;
}

TEST(DossierForm, EveryPatternIsSevenDaysPerWeek) {
  ASSERT_GE(patterns().size(), 7u);
  for (const auto& p : patterns()) {
    EXPECT_EQ(p.days.size(), static_cast<size_t>(7 * p.weeks)) << p.id;
    EXPECT_EQ(find_pattern(p.id), &p);
  }
  EXPECT_EQ(find_pattern("nope"), nullptr);
}

}  // namespace
}  // namespace sgee::csg::form

// Unit tests for check_record (src/csg/rules.hpp): the record's number and the RSGE of a BC's
// dossier (CSG090E..CSG093E), and check_dossier on the valid baseline.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "csg/json.hpp"
#include "csg/rules.hpp"
#include "csg_fixture.hpp"

namespace csg = sgee::csg;
using csg::Finding;
using sgee::test::Case;
using sgee::test::Fixture;

namespace {

TEST(CsgRecord, BaselineDossierHasNoFinding) {
  auto d = sgee::test::csg_valid_dossier();
  auto ctx = sgee::test::csg_context();
  EXPECT_EQ(csg::check_dossier(d, ctx), std::vector<Finding>{});
  EXPECT_EQ(csg::status_of(csg::check_dossier(d, ctx)), csg::Status::accepted);
  // Every group alone says nothing either.
  for (auto check : {csg::check_record, csg::check_child, csg::check_adults, csg::check_address,
                     csg::check_brackets, csg::check_periods, csg::check_agreements,
                     csg::check_shared_custody, csg::check_occupation}) {
    EXPECT_EQ(check(d, ctx), std::vector<Finding>{});
  }
}

TEST(CsgRecord, Syn02RefRequiredApi01RefCharacterSetAndLength) {
  auto ref = [](std::string r) { return [r](Fixture& f) { f.d.ref = r; }; };
  const std::vector<Finding> api01 = {{"CSG000E", "ref", ""}};
  sgee::test::run_cases(csg::check_record, {
                                               {"30 characters", ref(std::string(30, 'D')), {}},
                                               {"1 character", ref("1"), {}},
                                               {"every allowed character", ref("AZaz09._-"), {}},
                                               {"three dots", ref("..."), {}},
                                               {"empty", ref(""), {{"CSG093E", "ref", ""}}},
                                               {"blank", ref("   "), {{"CSG093E", "ref", ""}}},
                                               {"31 characters", ref(std::string(31, 'D')), api01},
                                               {"slash", ref("2024/0013"), api01},
                                               {"NUL", ref(std::string("a\0b", 3)), api01},
                                               {"space", ref("a b"), api01},
                                               {"percent", ref("a%2Fb"), api01},
                                               {"question mark", ref("a?b"), api01},
                                               {"accented letter", ref("é"), api01},
                                               {"dot", ref("."), api01},
                                               {"dot dot", ref(".."), api01},
                                           });
}

// API-01: a value of the wrong type or format is left out, with a message saying what was
// expected: a date (CSG150E), one of the values offered, which it quotes (CSG151E), yes or no
// (CSG152E); any other wrong type is CSG000E.
TEST(CsgRecord, API_01_AWrongValueSaysWhatWasExpected) {
  struct Row {
    const char* name;
    std::function<void(nlohmann::json&)> change;
    Finding want;
  };
  const std::vector<std::string> brackets = {"0-17", "18-59", "school"};
  const std::vector<Row> rows = {
      {"not a date",
       [](auto& j) { j["child"]["birth_date"] = "2023-02-30"; },
       {"CSG150E", "child.birth_date", ""}},
      {"a date as a number",
       [](auto& j) { j["child"]["birth_date"] = 20230201; },
       {"CSG150E", "child.birth_date", ""}},
      {"a bracket without its date",
       [](auto& j) { j["age_brackets"][0].erase("start"); },
       {"CSG150E", "age_brackets[0].start", ""}},
      {"an unknown bracket",
       [](auto& j) { j["age_brackets"][0]["bracket"] = "0-18"; },
       {"CSG151E", "age_brackets[0].bracket", "", brackets}},
      {"a bracket left blank",
       [](auto& j) { j["age_brackets"][0]["bracket"] = nullptr; },
       {"CSG151E", "age_brackets[0].bracket", "", brackets}},
      {"a sex as a number",
       [](auto& j) { j["child"]["sex"] = 1; },
       {"CSG151E", "child.sex", "", {"F", "M", "X"}}},
      {"yes as text",
       [](auto& j) { j["child"]["born_outside_quebec"] = "oui"; },
       {"CSG152E", "child.born_outside_quebec", ""}},
      {"a name as a number",
       [](auto& j) { j["child"]["surname"] = 5; },
       {"CSG000E", "child.surname", ""}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto j = csg::to_json(sgee::test::csg_valid_dossier());
    row.change(j);
    EXPECT_EQ(csg::parse_dossier(j).findings, std::vector<Finding>{row.want});
  }
}

TEST(CsgRecord, RsgeOfBcDossier) {
  sgee::test::run_cases(csg::check_record, {
                                               {"installation, no rsge", [](Fixture&) {}, {}},
                                               {"BC with rsge, list not checked",
                                                [](Fixture& f) {
                                                  f.ctx.component_is_bc = true;
                                                  f.d.rsge = "R-1";
                                                },
                                                {}},
                                               {"BC with rsge in its list",
                                                [](Fixture& f) {
                                                  f.ctx.component_is_bc = true;
                                                  f.ctx.rsge_of_bc = {"R-1", "R-2"};
                                                  f.d.rsge = "R-2";
                                                },
                                                {}},
                                               {"BC without rsge",
                                                [](Fixture& f) { f.ctx.component_is_bc = true; },
                                                {{"CSG090E", "rsge", ""}}},
                                               {"installation with rsge",
                                                [](Fixture& f) { f.d.rsge = "R-1"; },
                                                {{"CSG091E", "rsge", ""}}},
                                               {"BC with rsge not in its list",
                                                [](Fixture& f) {
                                                  f.ctx.component_is_bc = true;
                                                  f.ctx.rsge_of_bc = {"R-1", "R-2"};
                                                  f.d.rsge = "R-9";
                                                },
                                                {{"CSG092E", "rsge", ""}}},
                                           });
}

TEST(CsgRecord, CheckDossierConcatenatesAllGroups) {
  Fixture f;
  f.d.ref = "";                                                       // record
  f.d.child.sex.reset();                                              // child
  f.d.guardian.given_name.reset();                                    // adults
  f.d.guardian.address.municipality.reset();                          // address
  f.d.age_brackets[1].start = sgee::test::ymd(2023, 10, 9);           // brackets (CSG044A)
  f.d.cisss_periods = {{sgee::test::ymd(2024, 9, 1), std::nullopt}};  // periods
  f.d.agreements[0].is_signed = false;                                // agreements
  auto got = sgee::test::sorted(csg::check_dossier(f.d, f.ctx));
  auto want = sgee::test::sorted({
      {"CSG093E", "ref", ""},
      {"CSG004E", "child.sex", ""},
      {"CSG021E", "guardian.given_name", ""},
      {"CSG027E", "guardian.address.municipality", ""},
      {"CSG044A", "age_brackets[1].start", ""},
      {"CSG047E", "cisss_periods[0].end", ""},
      {"CSG064A", "agreements[0].signed", "A1"},
  });
  EXPECT_EQ(got, want);
}

TEST(CsgRecord, CheckDossierIncludesSharedCustodyAndOccupation) {
  Fixture f;
  csg::OtherAgreement o;
  o.dossier_ref = "D-0002";
  o.installation = "I-2";
  o.agreement = f.d.agreements[0];
  o.agreement.ref = "B1";
  f.ctx.other_agreements = {o};
  f.d.agreements[0].schedule->days[5] = sgee::test::kDay;  // Saturday: 24 days in 4 weeks
  f.d.agreements[0].end = sgee::test::ymd(2024, 10, 31);
  auto got = sgee::test::sorted(csg::check_dossier(f.d, f.ctx));
  auto want = sgee::test::sorted({
      {"CSG075E", "agreements[0].schedule", "A1", {"", "2024-09-01", "2025-08-31", "2024-09-02"}},
      {"CSG080A", "agreements[0].schedule", "A1"},
  });
  EXPECT_EQ(got, want);
}

TEST(CsgRecord, StatusOf) {
  using csg::Status;
  struct StatusCase {
    std::string label;
    std::vector<std::string> codes;
    Status want;
  };
  const std::vector<StatusCase> cases = {
      {"nothing", {}, Status::accepted},
      {"warnings only", {"CSG064A", "CSG011A", "CSG080A"}, Status::accepted},
      {"missing NIREC", {"CSG015E"}, Status::pending},
      {"missing postal code", {"CSG030E"}, Status::pending},
      {"both pending codes and a warning", {"CSG015E", "CSG030E", "CSG064A"}, Status::pending},
      {"an error", {"CSG001E"}, Status::rejected},
      {"a pending code and an error", {"CSG015E", "CSG042E"}, Status::rejected},
      {"an error and a pending code", {"CSG073E", "CSG030E"}, Status::rejected},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    std::vector<Finding> findings;
    for (const auto& code : c.codes) findings.push_back({code, "x", ""});
    EXPECT_EQ(csg::status_of(findings), c.want);
  }
  EXPECT_STRNE(csg::to_string(Status::accepted), csg::to_string(Status::pending));
  EXPECT_STRNE(csg::to_string(Status::accepted), csg::to_string(Status::rejected));
  EXPECT_STRNE(csg::to_string(Status::pending), csg::to_string(Status::rejected));
}

TEST(CsgRecord, StatusOfCheckedDossiers) {
  Fixture pending_nirec;
  pending_nirec.d.child.nirec.reset();
  EXPECT_EQ(csg::status_of(csg::check_dossier(pending_nirec.d, pending_nirec.ctx)),
            csg::Status::pending);
  Fixture pending_postal;
  pending_postal.d.guardian.address.postal_code.reset();
  EXPECT_EQ(csg::status_of(csg::check_dossier(pending_postal.d, pending_postal.ctx)),
            csg::Status::pending);
  Fixture warned;
  warned.d.agreements[0].is_signed = false;
  EXPECT_EQ(csg::status_of(csg::check_dossier(warned.d, warned.ctx)), csg::Status::accepted);
  Fixture rejected;
  rejected.d.child.nirec.reset();
  rejected.d.child.sex.reset();
  EXPECT_EQ(csg::status_of(csg::check_dossier(rejected.d, rejected.ctx)), csg::Status::rejected);
}

// Found by fuzz/dossier_fuzz.cpp: a number out of a double's range made the JSON parser throw
// out_of_range, not parse_error, which the API did not catch (a 500 instead of 400 bad_json) and
// `sgee check` did not call "not JSON". It is a body that is not JSON, read like the others.
TEST(CsgRecord, API_01_NumberOutOfRangeIsNotJson) {
  const std::string text = R"({"dossiers": [{"ref": 1e999}]})";
  auto body = csg::parse_body(text);
  EXPECT_FALSE(body.json);
  EXPECT_EQ(body.stopped_at, text.find("1e999") + 5);
  EXPECT_NE(body.error.find("1e999"), std::string::npos) << body.error;
  auto syntax = csg::parse_body(R"({"dossiers": [})");
  EXPECT_FALSE(syntax.json);
  EXPECT_EQ(syntax.stopped_at, 15u);
  auto utf8 = csg::parse_body("{\"dossiers\": [{\"ref\": \"\xff\"}]}");
  EXPECT_FALSE(utf8.json);
  auto fine = csg::parse_body(R"({"dossiers": [{"ref": 1e308, "x": 1e-999}]})");
  ASSERT_TRUE(fine.json);
  EXPECT_EQ(csg::parse_dossier((*fine.json)["dossiers"][0]).findings,
            (std::vector<Finding>{{"CSG000E", "ref", ""}}));
}

}  // namespace

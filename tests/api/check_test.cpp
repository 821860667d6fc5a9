// `sgee check FILE.json` (spec/cli.md): the offline checker for vendors, with the same catalog as
// the server, no server or database; exit 1 when a record is rejected. `sgee validation-codes`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "csg/catalog.hpp"
#include "dossier_example.hpp"
#include "shared.hpp"

namespace sgee::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class Check : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("sgee-check-" + std::to_string(::getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& content) {
    auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  CommandResult check(const json& batch, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"check", write("batch.json", batch.dump()), "--today",
                                     "2026-11-23"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_sgee(args);
  }
  fs::path dir_;
};

TEST_F(Check, AValidBatchIsAcceptedAndExitsZero) {
  auto r = check({{"dossiers", {example_dossier("00000013")}}});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("00000013\taccepted"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 dossier(s): 1 accepted, 0 rejected, 0 pending"), std::string::npos);
}

TEST_F(Check, EachRejectedRecordNamesCodeRuleFieldAndTextAndExitsOne) {
  auto bad = example_dossier("00000014");
  bad["child"]["birth_date"] = "2022-02-30";   // not a date: API-01
  bad["child"]["sex"] = 3;                     // wrong type: API-01
  bad["agreements"][0]["end"] = "2024-08-01";  // before its start: ENT-01
  auto awaited = example_dossier("00000015");
  awaited["child"]["nirec"] = nullptr;  // Québec-born, NIREC awaited: DOS-07
  awaited["child"]["given_name"] = "Zoé";
  awaited["child"]["birth_date"] = "2023-01-05";
  awaited["age_brackets"] = json::array({{{"bracket", "0-17"}, {"start", "2023-01-05"}}});
  auto r = check({{"dossiers", {bad, awaited, "not an object"}}});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("00000014\trejected"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CSG000E\tAPI-01\tchild.birth_date\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CSG000E\tAPI-01\tchild.sex\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CSG061E\tENT-01\tagreements[0].end (A1)\tLa fin de l'entente précède"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("CSG005E"), std::string::npos) << "a refused value is not also missing";
  EXPECT_NE(r.out.find("00000015\tpending"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CSG015E\tDOS-07\tchild.nirec"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("#3\trejected"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3 dossier(s): 0 accepted, 2 rejected, 1 pending"), std::string::npos);
}

TEST_F(Check, MessagesInEnglishOnRequest) {
  auto bad = example_dossier("1");
  bad["agreements"][0]["end"] = "2024-08-01";
  auto r = check({{"dossiers", {bad}}}, {"--lang", "en"});
  EXPECT_NE(r.out.find("The agreement ends before it starts."), std::string::npos) << r.out;
}

TEST_F(Check, SharedCustodyIsCheckedAcrossTheRecordsOfTheFile) {
  // The same child at two providers (same NIREC): both plan Monday morning.
  auto first = example_dossier("P1"), second = example_dossier("P2");
  auto r = check({{"dossiers", {first, second}}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("CSG075E\tENT-09"), std::string::npos) << r.out;
  // Week on, week off: no half-period claimed twice.
  first["agreements"][0]["special_schedules"] = json::array();
  second["agreements"][0]["special_schedules"] = json::array();
  first["agreements"][0]["schedule"] = {
      {"weeks", 2},
      {"days", {"AM PM", "AM PM", "AM PM", "AM PM", "AM PM", "", "", "", "", "", "", "", "", ""}}};
  second["agreements"][0]["schedule"] = {
      {"weeks", 2},
      {"days", {"", "", "", "", "", "", "", "AM PM", "AM PM", "AM PM", "AM PM", "AM PM", "", ""}}};
  auto ok = check({{"dossiers", {first, second}}});
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
}

TEST_F(Check, BadFilesFailOnOneLineAndBadArgumentsAreUsageErrors) {
  auto not_json = run_sgee({"check", write("x.json", "{\"dossiers\": [1,")});
  EXPECT_EQ(not_json.exit_code, 1);
  EXPECT_NE(not_json.err.find("not JSON"), std::string::npos) << not_json.err;
  auto no_array = run_sgee({"check", write("y.json", "{\"records\": []}")});
  EXPECT_EQ(no_array.exit_code, 1);
  EXPECT_NE(no_array.err.find("\"dossiers\""), std::string::npos) << no_array.err;
  auto missing = run_sgee({"check", (dir_ / "nothing.json").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("cannot read"), std::string::npos) << missing.err;
  auto bad_date = run_sgee({"check", write("z.json", "{\"dossiers\": []}"), "--today", "demain"});
  EXPECT_EQ(bad_date.exit_code, 2) << bad_date.err;
  auto bad_lang = run_sgee({"check", write("z.json", "{\"dossiers\": []}"), "--lang", "de"});
  EXPECT_EQ(bad_lang.exit_code, 2) << bad_lang.err;
}

TEST(ValidationCodes, TheCommandPrintsEveryCodeOfTheCatalog) {
  auto r = run_sgee({"validation-codes"});
  ASSERT_EQ(r.exit_code, 0);
  for (const auto& c : csg::catalog())
    EXPECT_NE(r.out.find("| " + std::string(c.code) + " | " + std::string(1, c.severity) + " | " +
                         std::string(c.rule) + " |"),
              std::string::npos)
        << c.code;
}

}  // namespace
}  // namespace sgee::test

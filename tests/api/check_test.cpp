// `sgee check FILE.json` (spec/cli.md): the offline checker for vendors, with the same catalog as
// the server, no server or database; exit 1 when a record is rejected. `sgee validation-codes`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "csg/catalog.hpp"
#include "dossier_example.hpp"
#include "platform/db/db.hpp"
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
  EXPECT_NE(r.out.find("CSG150E\tAPI-01\tchild.birth_date\tInscrivez une date valide, au format "
                       "AAAA-MM-JJ"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("CSG151E\tAPI-01\tchild.sex\t"), std::string::npos) << r.out;
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

// "generated 400 children: 412 dossiers (4 with a deliberate error), …"
std::pair<long, long> generated_counts(const std::string& out) {
  auto colon = out.find(": ");
  auto paren = out.find(" dossiers (");
  long dossiers = std::stol(out.substr(colon + 2, paren - colon - 2));
  long errors = std::stol(out.substr(paren + 11));
  return {dossiers, errors};
}

TEST_F(Check, GenerateIntoADatabaseAcceptsEveryDossierButTheDeliberateErrors) {
  auto db = migrated_database();
  auto r = run_sgee({"generate", "--children", "400", "--seed", "5", "--today", "2026-09-01",
                     "--error-rate", "0.05", "--db", db->url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto [dossiers, errors] = generated_counts(r.out);
  EXPECT_GE(dossiers, 400);
  EXPECT_GT(errors, 5) << "about 5 % of 400";
  auto c = db::connect(db->url());
  auto count = [&](const std::string& sql) { return c->run(sql).first().i64(0); };
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossiers WHERE status = 'accepted'"), dossiers - errors)
      << "every generated record passes the catalog, except the deliberate errors";
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossiers WHERE status <> 'accepted'"), 0)
      << "a rejected record is never stored";
  EXPECT_GT(count("SELECT COUNT(*) FROM organizations WHERE kind = 'rsge'"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM dossiers WHERE rsge_id IS NOT NULL"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM civil_registry"), 350);
  // Shared custody: the same child in two dossiers, at two installations.
  EXPECT_GT(count("SELECT COUNT(*) FROM (SELECT nirec FROM dossiers WHERE nirec IS NOT NULL "
                  "GROUP BY nirec HAVING COUNT(DISTINCT organization_id) > 1) x"),
            0);
  // Into the same database again: refused on one line, nothing changed.
  auto again = run_sgee({"generate", "--children", "10", "--seed", "5", "--db", db->url()});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
}

TEST_F(Check, GenerateToFilesIsDeterministicAndTheCheckerReadsItsBatches) {
  auto gen = [&](const std::string& sub, const std::string& seed) {
    auto out = (dir_ / sub).string();
    auto r = run_sgee(
        {"generate", "--children", "300", "--seed", seed, "--today", "2026-09-01", "--out", out});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  };
  auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  auto a = gen("a", "9"), b = gen("b", "9"), c = gen("c", "10");
  for (const char* f : {"organizations.csv", "civil-registry.csv", "addresses.csv"}) {
    EXPECT_EQ(read(fs::path(a) / f), read(fs::path(b) / f)) << f;
    EXPECT_GT(read(fs::path(a) / f).size(), 100u) << f;
  }
  EXPECT_NE(read(fs::path(a) / "civil-registry.csv"), read(fs::path(c) / "civil-registry.csv"));
  std::vector<fs::path> batches;
  for (const auto& e : fs::directory_iterator(fs::path(a) / "batches")) batches.push_back(e.path());
  ASSERT_FALSE(batches.empty());
  for (const auto& p : batches) EXPECT_EQ(read(p), read(fs::path(b) / "batches" / p.filename()));
  auto check = run_sgee({"check", batches[0].string(), "--today", "2026-09-01"});
  EXPECT_NE(check.out.find(" dossier(s): "), std::string::npos) << check.out;
  EXPECT_EQ(run_sgee({"generate", "--children", "0"}).exit_code, 2);
  EXPECT_EQ(run_sgee({"generate", "--children", "5", "--today", "hier"}).exit_code, 2);
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

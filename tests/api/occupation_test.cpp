// `sgee occupation` (spec/cli.md, issue 5) on a database filled through the real sync API: the
// figures written as CSV, JSON and XLSX are those worked out by hand from OCC-01…06 for a known
// dossier and known closing days; bad arguments are usage errors (exit 2).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dossier_example.hpp"
#include "platform/db/db.hpp"
#include "shared.hpp"

namespace sgee::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class Occupation : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = migrated_database().release();
    sgee({"org", "add-division", "--number", "10000011", "--name", "CPE Occupation", "--legal-form",
          "nonprofit"});
    sgee({"org", "add-installation", "--division", "10000011", "--number", "20000011", "--name",
          "CPE Occupation — Vanier", "--kind", "CPE", "--places-0-17", "5", "--places-18-59", "10",
          "--places-school", "0", "--region", "03"});
    auto out = sgee({"access-code", "issue", "--installation", "20000011"});
    std::string code = out.substr(0, out.find('\n'));
    server_ = new Server(db_->url());
    dir_ = fs::temp_directory_path() / ("sgee-occupation-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    // O-1: 18-59 months since 2023-10-10, handicapped since 2024-01-15, agreement A1 at reduced
    // contribution 2024-09-01 – 2025-08-31, Monday to Friday AM PM, only Friday 2025-07-07 – 11.
    auto sent = send("POST", "/api/v1/installations/20000011/dossiers/sync",
                     json{{"dossiers", {example_dossier("O-1")}}}.dump(), code);
    EXPECT_EQ(sent.first, 200) << sent.second;
    EXPECT_EQ(json::parse(sent.second)["results"][0]["status"], "accepted") << sent.second;
    // Shared custody (DOS-15): one child, one dossier per parent, week on / week off every day of
    // the week from Monday 2025-10-06; each alone plans 14 days in 4 weeks, together 28.
    json custody = json::array();
    for (auto [ref, first] : {std::pair{"O-P", true}, std::pair{"O-Q", false}}) {
      auto d = example_dossier(ref, "1202204109999");
      auto& a = d["agreements"][0];
      a["start"] = "2025-10-06";
      a["end"] = "2026-06-30";
      a["special_schedules"] = json::array();
      json days = json::array();
      for (int k = 0; k < 14; ++k) days.push_back((k < 7) == first ? "AM PM" : "");
      a["schedule"] = {{"weeks", 2}, {"days", days}};
      custody.push_back(d);
    }
    auto both = send("POST", "/api/v1/installations/20000011/dossiers/sync",
                     json{{"dossiers", custody}}.dump(), code);
    EXPECT_EQ(both.first, 200) << both.second;
    auto answer = json::parse(both.second);  // kept alive for the loop over its results
    for (const auto& r : answer["results"]) EXPECT_NE(r["status"], "rejected") << both.second;
    // Labour Day closed for the holiday (planned), 20 September closed by a strike (unpaid).
    auto closed = send("PUT", "/api/v1/installations/20000011/closing-days/2024",
                       R"({"closing_days": [
                             {"date": "2024-09-02", "closed": ["AM", "PM"], "reason": "planned"},
                             {"date": "2024-09-20", "closed": ["AM", "PM"], "reason": "strike"}]})",
                       code);
    EXPECT_EQ(closed.first, 200) << closed.second;
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
    fs::remove_all(dir_);
  }
  static std::string sgee(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(db_->url());
    auto r = run_sgee(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  static std::pair<int, std::string> send(const std::string& method, const std::string& target,
                                          const std::string& body, const std::string& code) {
    Client c(server_->port());
    auto r = c.request(method, target,
                       {{"Authorization", "Bearer " + code}, {"Content-Type", "application/json"}},
                       body);
    return {r.status, r.body};
  }
  // `sgee occupation` for the installation over [from, to]; the file it wrote.
  static std::string report(const std::string& format, const std::string& from,
                            const std::string& to) {
    auto path = (dir_ / ("report." + format)).string();
    sgee({"occupation", "--installation", "20000011", "--from", from, "--to", to, "--format",
          format, "--out", path});
    return slurp(path);
  }
  // The CSV line of a month, age group and category.
  static std::string line(const std::string& csv, const std::string& key) {
    std::istringstream in(csv);
    for (std::string l; std::getline(in, l);)
      if (l.find(key) != std::string::npos) return l.substr(0, l.find('\r'));
    return "";
  }

  static TestDatabase* db_;
  static Server* server_;
  static fs::path dir_;
};
TestDatabase* Occupation::db_ = nullptr;
Server* Occupation::server_ = nullptr;
fs::path Occupation::dir_;

// September 2024: 21 weekdays (2–6, 9–13, 16–20, 23–27, 30) of AM PM = 42 half-periods planned;
// Labour Day is a planned closure (2), 20 September an unpaid one (2): 38 open. Category 1.1
// (PCR, handicapped), age group 18-59. Open half-periods: 42 of day service less the 4 closed = 38;
// capacity 18-59 = 10 places × 38 = 380 half-periods (190 days), rate 38 / 380; all = 15 × 38.
TEST_F(Occupation, CsvFiguresAreTheOnesWorkedOutFromTheRules) {
  auto csv = report("csv", "2024-09-01", "2024-09-30");
  EXPECT_EQ(csv.substr(0, csv.find('\r')),
            "organization,name,kind,bc,month,age_group,category,planned_days,open_days,"
            "planned_closure_days,unpaid_closure_days,child_days,open_half_periods,capacity_days,"
            "occupancy_rate");
  EXPECT_EQ(line(csv, ",2024-09,18-59,1.1,"),
            "20000011,CPE Occupation — Vanier,installation,,2024-09,18-59,1.1,21,19,1,1,21,38,,");
  EXPECT_EQ(line(csv, ",2024-09,18-59,total,"),
            "20000011,CPE Occupation — Vanier,installation,,2024-09,18-59,total,21,19,1,1,21,38,"
            "190,0.1000");
  EXPECT_EQ(line(csv, ",2024-09,all,total,"),
            "20000011,CPE Occupation — Vanier,installation,,2024-09,all,total,21,19,1,1,21,38,"
            "285,0.0667");
  EXPECT_EQ(line(csv, ",18-59,1,"), "") << "1.1, not 1: the child is handicapped";
  EXPECT_EQ(line(csv, ",0-17,1"), "") << "no day in another age group";
  EXPECT_EQ(line(csv, ",0-17,total,"),
            "20000011,CPE Occupation — Vanier,installation,,2024-09,0-17,total,0,0,0,0,0,38,95,"
            "0.0000")
      << "its places are capacity all the same: 5 × 38 half-periods";
}

// July 2025: 23 weekdays, but 7–10 July fall in the special schedule (Friday only): 19 days.
// Across a month end and a range that is not whole months: 2025-06-30 – 2025-07-01 = 2 days.
TEST_F(Occupation, SpecialSchedulesAndPartialMonthsInJson) {
  auto j = json::parse(report("json", "2025-07-01", "2025-07-31"));
  ASSERT_EQ(j["organizations"].size(), 1u);
  const auto& org = j["organizations"][0];
  EXPECT_EQ(org["number"], "20000011");
  EXPECT_EQ(org["children"], 1);
  bool found = false;
  for (const auto& row : org["rows"])
    if (row["age_group"] == "all") {
      found = true;
      EXPECT_EQ(row["planned_days"], 19.0);
      EXPECT_EQ(row["open_days"], 19.0);
      EXPECT_EQ(row["open_half_periods"], 46);
      EXPECT_EQ(row["capacity_days"], 15 * 46 / 2.0);
    }
  EXPECT_TRUE(found) << org.dump();
  auto two = json::parse(report("json", "2025-06-30", "2025-07-01"));
  std::vector<std::string> months;
  for (const auto& row : two["organizations"][0]["rows"])
    if (row["age_group"] == "all") {
      months.push_back(row["month"]);
      EXPECT_EQ(row["planned_days"], 1.0);
    }
  EXPECT_EQ(months, (std::vector<std::string>{"2025-06", "2025-07"}));
  // After the agreement: nothing planned, the capacity is still there.
  auto after = json::parse(report("json", "2025-09-01", "2025-09-30"));
  EXPECT_EQ(after["organizations"][0]["children"], 0);
}

// OCC-05 counts a child's dossiers together: 28 days in the 4 weeks from 2025-10-06, listed once.
TEST_F(Occupation, LimitsCountAChildsSharedCustodyDossiersTogether) {
  auto j = json::parse(report("json", "2025-10-06", "2025-11-02"));
  const auto& warnings = j["organizations"][0]["warnings"];
  ASSERT_EQ(warnings.size(), 1u) << warnings.dump();
  EXPECT_EQ(warnings[0]["dossier"], "O-P");
  EXPECT_EQ(warnings[0]["other_dossiers"], json::array({"O-Q"}));
  EXPECT_EQ(warnings[0]["limit"], "20_days_per_4_weeks");
  EXPECT_EQ(warnings[0]["start"], "2025-10-06");
  EXPECT_EQ(warnings[0]["end"], "2025-11-02");
  EXPECT_EQ(warnings[0]["planned_days"], 28.0);
  EXPECT_EQ(j["organizations"][0]["children"], 2) << "two dossiers with planned occupation";
}

// Dossiers saved before migration 0006 have no row in the engine's table (dossier_occupation,
// written by the listener the app registers with the registry): their JSON gives the same figures.
TEST_F(Occupation, DossiersSavedBeforeTheOccupationColumnGiveTheSameFigures) {
  auto before = report("json", "2024-09-01", "2025-12-31");
  auto c = db::connect(db_->url());
  auto stored = c->run(
      "SELECT o.dossier_id, o.occupation FROM dossier_occupation o JOIN dossiers d ON d.id = "
      "o.dossier_id ORDER BY d.ref");
  ASSERT_EQ(stored.size(), 3u) << "every saved dossier has its occupation part";
  c->run("DELETE FROM dossier_occupation");
  auto after = report("json", "2024-09-01", "2025-12-31");
  for (size_t i = 0; i < stored.size(); ++i)  // put back as they were, for the other tests
    c->run("INSERT INTO dossier_occupation (dossier_id, occupation) VALUES ($1, $2)",
           stored.row(i).i64(0), stored.row(i).str(1));
  EXPECT_EQ(after, before);
  EXPECT_NE(before.find("\"warnings\":[{"), std::string::npos) << "the shared custody warning too";
}

TEST_F(Occupation, XlsxIsAWorkbook) {
  auto xlsx = report("xlsx", "2024-09-01", "2025-08-31");
  ASSERT_GT(xlsx.size(), 1000u);
  EXPECT_EQ(xlsx.substr(0, 2), "PK") << "an XLSX file is a ZIP archive";
}

TEST_F(Occupation, BadArgumentsAreUsageErrors) {
  auto out = (dir_ / "x.csv").string();
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--format", "csv", "--out", out, "--db", db_->url()});
    args.insert(args.begin(), "occupation");
    return run_sgee(args);
  };
  auto none = run({"--from", "2024-09-01", "--to", "2024-09-30"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("--installation N, --bc N or --all"), std::string::npos) << none.err;
  auto bad_date = run({"--all", "--from", "2024-02-30", "--to", "2024-09-30"});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("--from: expected a date YYYY-MM-DD"), std::string::npos);
  auto reversed = run({"--all", "--from", "2024-09-30", "--to", "2024-09-01"});
  EXPECT_EQ(reversed.exit_code, 2);
  auto unknown = run({"--installation", "29999999", "--from", "2024-09-01", "--to", "2024-09-30"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no installation numbered 29999999"), std::string::npos);
  auto bc = run({"--bc", "20000011", "--from", "2024-09-01", "--to", "2024-09-30"});
  EXPECT_EQ(bc.exit_code, 2) << "an installation is not a BC";
  auto region =
      run_sgee({"org", "add-installation", "--division", "10000011", "--number", "20000012",
                "--name", "X", "--kind", "CPE", "--region", "18", "--db", db_->url()});
  EXPECT_EQ(region.exit_code, 2);
  EXPECT_NE(region.err.find("--region: expected an administrative region from 01 to 17"),
            std::string::npos)
      << region.err;
  auto format = run_sgee({"occupation", "--all", "--from", "2024-09-01", "--to", "2024-09-30",
                          "--format", "pdf", "--out", out, "--db", db_->url()});
  EXPECT_EQ(format.exit_code, 2);
}

}  // namespace
}  // namespace sgee::test

// The occupation report pages through a real server on the demo data (issue 5): the figures shown
// and downloaded are the engine's (the same as `sgee occupation` on the same database), a child's
// month adds up, the ministry's network view covers every provider; each user sees only the
// installations they have the right for; every view is audited. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "browser.hpp"

namespace sgee::test {
namespace {

using nlohmann::json;

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";  // consults 20000001
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";
const std::string kBcRse = "E0000004", kBcRsePassword = "Rse-bc-capitale-2026";
const std::string kMinistry = "M0000001", kMinistryPassword = "Ministere-demo-2026";
const std::string kRange = "du=2026-09-01&au=2026-11-30";

class OccupationPages : public DemoServer {
 protected:
  // The text of the element with this id.
  static std::string by_id(const std::string& body, const std::string& id) {
    std::smatch m;
    if (!std::regex_search(body, m, std::regex("id=\"" + id + "\">([^<]*)<"))) return "<none>";
    return m[1];
  }
  // `sgee occupation` on the same database: the engine's answer.
  json engine(const std::vector<std::string>& scope, const std::string& format = "json") {
    auto out =
        std::string(testing::TempDir()) + "occupation-" + std::to_string(::getpid()) + "." + format;
    std::vector<std::string> args = {"occupation"};
    args.insert(args.end(), scope.begin(), scope.end());
    args.insert(args.end(), {"--from", "2026-09-01", "--to", "2026-11-30", "--format", format,
                             "--out", out, "--db", db_->url()});
    auto r = run_sgee(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto text = slurp(out);
    std::remove(out.c_str());
    return format == "json" ? json::parse(text) : json(text);
  }
  // Half-periods as the French pages write days: 12 -> "6", 13 -> "6,5".
  static std::string days_fr(double days) {
    auto halves = static_cast<long>(days * 2 + 0.5);
    return std::to_string(halves / 2) + (halves % 2 ? ",5" : "");
  }
  static double sum_all(const json& report, const char* field) {
    double s = 0;
    for (const auto& org : report["organizations"])
      for (const auto& row : org["rows"])
        if (row["age_group"] == "all") s += row[field].get<double>();
    return s;
  }
};

TEST_F(OccupationPages, TheReportShowsTheEnginesFiguresAndTheDownloadsAreTheSame) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  auto page = b.get("/installations/20000001/occupation?" + kRange);
  ASSERT_EQ(page.status, 200);
  auto want = engine({"--installation", "20000001"});
  ASSERT_GT(sum_all(want, "open_days"), 0) << "the demo has occupation in the autumn";
  EXPECT_EQ(by_id(page.body, "sum-open"), days_fr(sum_all(want, "open_days")));
  EXPECT_EQ(by_id(page.body, "sum-planned"), days_fr(sum_all(want, "planned_days")));
  EXPECT_EQ(by_id(page.body, "sum-capacity"), days_fr(sum_all(want, "capacity_days")));
  EXPECT_EQ(by_id(page.body, "sum-children"),
            std::to_string(want["organizations"][0]["children"].get<int>()));
  EXPECT_TRUE(contains(page.body, "<svg class=\"chart\"")) << "the chart";
  EXPECT_TRUE(contains(page.body, html("septembre 2026")));
  // The CSV download is the command's CSV, byte for byte.
  auto csv = b.get("/installations/20000001/occupation.csv?" + kRange);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(contains(csv.header("content-disposition"), "attachment;"));
  EXPECT_EQ(csv.body, engine({"--installation", "20000001"}, "csv").get<std::string>());
  auto xlsx = b.get("/installations/20000001/occupation.xlsx?" + kRange);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK") << "an XLSX file is a ZIP archive";
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'occupation_report' AND "
                  "record_id = $1",
                  "20000001"),
            3);
}

TEST_F(OccupationPages, ABcSeesEachRsgeAndBadDatesFallBackToTheReferenceYear) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  auto page = b.get("/installations/30000001/occupation?" + kRange);
  ASSERT_EQ(page.status, 200);
  auto want = engine({"--bc", "30000001"});
  EXPECT_EQ(by_id(page.body, "sum-open"), days_fr(sum_all(want, "open_days")));
  for (const auto& org : want["organizations"]) {
    EXPECT_TRUE(contains(page.body, html(org["name"].get<std::string>()))) << org["name"];
    // Each RSGE's own report, from the BC (POR-05: the BC consults its RSGE's dossiers).
    auto number = org["number"].get<std::string>();
    auto one = b.get("/installations/" + number + "/occupation?" + kRange);
    ASSERT_EQ(one.status, 200) << number;
    double open = 0;
    for (const auto& row : org["rows"])
      if (row["age_group"] == "all") open += row["open_days"].get<double>();
    EXPECT_EQ(by_id(one.body, "sum-open"), days_fr(open)) << number;
  }
  auto bad = b.get("/installations/30000001/occupation?du=2026-09-31&au=2026-10-01");
  ASSERT_EQ(bad.status, 200);
  EXPECT_TRUE(contains(bad.body, "role=\"alert\""));
  EXPECT_TRUE(contains(bad.body, html("AAAA-MM-JJ")));
  EXPECT_EQ(b.get("/installations/30000001/occupation.csv?du=2026-10-01&au=2026-09-01").status,
            400);
}

TEST_F(OccupationPages, AChildsMonthAddsUpDayByDay) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  // Children with an agreement over October (a replacement child among them plans nothing).
  auto refs = sql()->run(
      "SELECT d.ref FROM dossiers d JOIN organizations o ON o.id = d.organization_id WHERE "
      "o.number = '20000001' AND d.last_end >= '2026-10-31' AND d.first_start <= '2026-10-01' "
      "ORDER BY d.ref LIMIT 10");
  std::string ref;
  std::ptrdiff_t checked = 0;
  for (size_t i = 0; i < refs.size(); ++i) {
    auto candidate = refs.row(i).str(0);
    auto page = b.get("/installations/20000001/dossiers/" + candidate + "/occupation?mois=2026-10");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, html("octobre 2026")));
    // Each planned half-period is one item of the calendar; open ones count half a day each.
    auto items = [&](const std::string& cls) {
      std::ptrdiff_t n = 0;
      for (size_t at = 0; (at = page.body.find("class=\"half " + cls, at)) != std::string::npos;
           ++at)
        ++n;
      return n;
    };
    auto open = items("half-open"), planned = open + items("half-closed") + items("half-unpaid");
    EXPECT_EQ(by_id(page.body, "child-open"), days_fr(static_cast<double>(open) / 2));
    EXPECT_EQ(by_id(page.body, "child-planned"), days_fr(static_cast<double>(planned) / 2));
    if (planned > 0 && ref.empty()) ref = candidate;
    ++checked;
  }
  ASSERT_FALSE(ref.empty()) << "no child of the demo planned in October among " << checked;
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'dossier' AND record_id = "
                  "$1 AND detail = 'occupation 2026-10'",
                  ref),
            1);
  EXPECT_EQ(b.get("/installations/20000001/dossiers/nope/occupation").status, 404);
}

TEST_F(OccupationPages, NobodySeesAnotherInstallationsOccupation) {
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(staff.get("/installations/20000002/occupation").status, 403);
  EXPECT_EQ(staff.get("/installations/20000003/occupation.csv").status, 403);
  EXPECT_EQ(staff.get("/installations/20000003/occupation.xlsx").status, 403);
  EXPECT_EQ(staff.get("/ministere/occupation").status, 403);
  Browser other(port());
  ASSERT_EQ(sign_in(other, kOtherRse, kOtherRsePassword).status, 303);
  EXPECT_EQ(other.get("/installations/20000001/occupation").status, 403);
  auto theirs = sql()->run(
      "SELECT d.ref FROM dossiers d JOIN organizations o ON o.id = d.organization_id WHERE "
      "o.number = '20000001' LIMIT 1");
  EXPECT_EQ(
      other.get("/installations/20000003/dossiers/" + theirs.first().str(0) + "/occupation").status,
      404)
      << "another installation's child through one's own path";
  Browser anonymous(port());
  EXPECT_EQ(anonymous.get("/installations/20000001/occupation").status, 303);
  EXPECT_EQ(anonymous.get("/ministere/occupation").status, 303);
}

TEST_F(OccupationPages, TheMinistrySeesTheWholeNetwork) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kMinistry, kMinistryPassword).status, 303);
  auto page = b.get("/ministere/occupation?" + kRange);
  ASSERT_EQ(page.status, 200);
  auto want = engine({"--all"});
  int children = 0;
  for (const auto& org : want["organizations"]) children += org["children"].get<int>();
  EXPECT_EQ(by_id(page.body, "network-children"), std::to_string(children));
  EXPECT_EQ(by_id(page.body, "network-open"), days_fr(sum_all(want, "open_days")));
  EXPECT_TRUE(contains(page.body, html("RSGE")));
  EXPECT_TRUE(contains(page.body, html("03 Capitale-Nationale"))) << "the demo's region";
}

}  // namespace
}  // namespace sgee::test

// The occupation report pages through a real server on the demo data (issue 5): the figures shown
// and downloaded are the engine's (the same as `sgee occupation` on the same database), a child's
// month adds up, the ministry's network view covers every provider; each user sees only the
// installations they have the right for; every view is audited. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

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
  // The CSV download is the command's French CSV, byte for byte.
  auto csv = b.get("/installations/20000001/occupation.csv?" + kRange);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(contains(csv.header("content-disposition"), "attachment;"));
  EXPECT_EQ(csv.body,
            engine({"--installation", "20000001", "--lang", "fr"}, "csv").get<std::string>());
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
  // Nor the network's levels and files: a provider never drills into another provider.
  EXPECT_EQ(staff.get("/ministere/occupation?region=03").status, 403);
  EXPECT_EQ(staff.get("/ministere/occupation?region=03&service=20000002").status, 403);
  EXPECT_EQ(staff.get("/ministere/occupation.csv").status, 403);
  EXPECT_EQ(staff.get("/ministere/occupation.xlsx?region=03").status, 403);
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
  EXPECT_EQ(anonymous.get("/ministere/occupation.csv").status, 303);
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

// The headings say the range in words, in the page's language (issue 13).
TEST_F(OccupationPages, HeadingsSayTheRangeInWords) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  auto fr = b.get("/installations/20000001/occupation?du=2026-04-01&au=2027-03-31");
  ASSERT_EQ(fr.status, 200);
  EXPECT_TRUE(contains(fr.body, "<h2 id=\"period\">" + html("Du 1er avril 2026 au 31 mars 2027")));
  auto en = b.get("/installations/20000001/occupation?du=2026-04-01&au=2027-03-31&lang=en");
  EXPECT_TRUE(contains(en.body, "<h2 id=\"period\">From April 1, 2026 to March 31, 2027"));
  // A free range selects the reference year it starts in, not the list's first.
  auto autumn = b.get("/installations/20000001/occupation?" + kRange + "&lang=fr");
  EXPECT_TRUE(contains(autumn.body, "<option value=\"2026\" selected>"));
  Browser m(port());
  ASSERT_EQ(sign_in(m, kMinistry, kMinistryPassword).status, 303);
  auto network = m.get("/ministere/occupation?" + kRange);
  EXPECT_TRUE(contains(network.body, html("Du 1er septembre 2026 au 30 novembre 2026")));
}

// OCC-04: a rate over 100 % is marked in words and by class, not by colour alone: exactly the
// months the engine finds over capacity.
TEST_F(OccupationPages, RatesOverCapacityAreMarkedInWords) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  const std::string url = "/installations/20000001/occupation?" + kRange;
  // The months whose whole-row rate (the last cell) is flagged.
  auto flagged_months = [&](const std::string& body) {
    auto table = body.substr(body.find("id=\"occupation-months\""));
    table = table.substr(0, table.find("</table>"));
    std::regex last_cell("<td class=\"rate-over\">[^<]*<span class=\"rate-flag\">" +
                         html("au-delà de la capacité") + "</span></td></tr>");
    return std::distance(std::sregex_iterator(table.begin(), table.end(), last_cell),
                         std::sregex_iterator());
  };
  auto over_months = [&] {
    std::map<std::string, std::pair<double, double>> months;  // open, capacity
    auto want = engine({"--installation", "20000001"});
    for (const auto& org : want["organizations"])
      for (const auto& row : org["rows"])
        if (row["age_group"] == "all" && row.contains("capacity_days")) {
          months[row["month"]].first += row["open_days"].get<double>();
          months[row["month"]].second += row["capacity_days"].get<double>();
        }
    std::ptrdiff_t n = 0;
    for (const auto& [m, x] : months) n += x.first > x.second;
    return n;
  };
  auto before = b.get(url);
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(flagged_months(before.body), over_months());
  // One place in all: every month with occupation is over capacity.
  sql()->run(
      "UPDATE organizations SET places_0_17 = 1, places_18_59 = 0, places_school = 0 WHERE "
      "number = '20000001'");
  auto after = b.get(url);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(over_months(), 3);
  EXPECT_EQ(flagged_months(after.body), 3);
  auto at = after.body.find("id=\"sum-rate\"");
  ASSERT_NE(at, std::string::npos);
  auto rate = after.body.substr(at, after.body.find("</dd>", at) - at);
  EXPECT_TRUE(contains(rate, html("au-delà de la capacité"))) << rate;
  EXPECT_TRUE(contains(b.get(url + "&lang=en").body, "over capacity"));
}

// A child's month explains its marks and category codes in words.
TEST_F(OccupationPages, AChildsMonthHasTheCategoryLegend) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  auto ref = sql()
                 ->run(
                     "SELECT d.ref FROM dossiers d JOIN organizations o ON o.id = "
                     "d.organization_id WHERE o.number = '20000001' ORDER BY d.ref LIMIT 1")
                 .first()
                 .str(0);
  const std::string url = "/installations/20000001/dossiers/" + ref + "/occupation?mois=2026-10";
  auto page = b.get(url);
  ASSERT_EQ(page.status, 200);
  auto legend = page.body.substr(page.body.find("id=\"child-legend\""));
  for (const char* words :
       {"Catégorie 1.1", "Enfant handicapé", "Catégorie 2.1",
        "Âge scolaire, sans contribution réduite", "Catégorie 3", "Sans contribution réduite",
        "fermeture non payée", "horaire particulier de l'entente"})
    EXPECT_TRUE(contains(legend, html(words))) << words;
  auto en = b.get(url + "&lang=en");
  EXPECT_TRUE(contains(en.body, "Handicapped child"));
  EXPECT_TRUE(contains(en.body, "Report categories"));
}

// The downloads are in the page's language: headings and values (kind, age group, category).
TEST_F(OccupationPages, DownloadsAreInThePagesLanguage) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  auto fr = b.get("/installations/20000001/occupation.csv?" + kRange);
  ASSERT_EQ(fr.status, 200);
  EXPECT_EQ(fr.body.substr(0, fr.body.find('\r')),
            "Organisation,Nom,Type,BC,Mois,Groupe d'âge,Catégorie,Catégorie (libellé),Jours "
            "prévus,Jours d'occupation,Fermeture prévue (jours),Fermeture non payée (jours),"
            "Jours-enfants,Demi-périodes ouvertes,Capacité (jours),Taux d'occupation");
  EXPECT_TRUE(contains(fr.body, ",Installation,"));
  EXPECT_TRUE(contains(fr.body, ",Tous les âges,Total,,"));
  EXPECT_TRUE(contains(fr.body, ",18 à 59 mois,"));
  EXPECT_FALSE(contains(fr.body, ",all,")) << "no code of the API";
  auto en = b.get("/installations/20000001/occupation.csv?" + kRange + "&lang=en");
  ASSERT_EQ(en.status, 200);
  EXPECT_TRUE(en.body.starts_with("Organization,Name,Kind,BC,Month,Age group,Category,"));
  EXPECT_TRUE(contains(en.body, ",All ages,Total,,"));
  EXPECT_TRUE(contains(en.body, ",School age,") || contains(en.body, ",18 to 59 months,"));
  EXPECT_EQ(en.body,
            engine({"--installation", "20000001", "--lang", "en"}, "csv").get<std::string>());
  // The command without --lang keeps the API's codes.
  auto codes = engine({"--installation", "20000001"}, "csv").get<std::string>();
  EXPECT_TRUE(codes.starts_with("organization,name,kind,bc,month,age_group,category,planned_days"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'occupation_report' AND "
                  "record_id = $1 AND detail LIKE 'csv %'",
                  "20000001"),
            2);
}

// The ministry drills down from the network to a region and to a provider, the range kept at
// each level, each level downloadable in the page's language and audited.
TEST_F(OccupationPages, TheNetworkDrillsDownToARegionAndAProvider) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kMinistry, kMinistryPassword).status, 303);
  auto network = b.get("/ministere/occupation?" + kRange);
  ASSERT_EQ(network.status, 200);
  const std::string region_href = "/ministere/occupation?" + kRange + "&region=03";
  EXPECT_TRUE(contains(network.body, "href=\"" + html(region_href) + "\""));
  auto want = engine({"--all"});
  int children_03 = 0;
  double open_20000001 = 0;
  std::string name_20000001;
  auto regions = sql()->run("SELECT number FROM organizations WHERE region = '03'");
  std::set<std::string> in_03;
  for (size_t i = 0; i < regions.size(); ++i) in_03.insert(regions.row(i).str(0));
  for (const auto& org : want["organizations"]) {
    auto number = org["number"].get<std::string>();
    if (in_03.count(number)) children_03 += org["children"].get<int>();
    if (number == "20000001") {
      name_20000001 = org["name"].get<std::string>();
      for (const auto& row : org["rows"])
        if (row["age_group"] == "all") open_20000001 += row["open_days"].get<double>();
    }
  }
  ASSERT_GT(children_03, 0);

  auto region = b.get(region_href);
  ASSERT_EQ(region.status, 200);
  EXPECT_TRUE(
      contains(region.body, "<h1>" + html("Occupation de la région 03 Capitale-Nationale")));
  EXPECT_TRUE(contains(region.body, "<a href=\"" + html("/ministere/occupation?" + kRange) + "\">" +
                                        html("Réseau") + "</a>"))
      << "the level above, the range kept";
  EXPECT_EQ(by_id(region.body, "network-children"), std::to_string(children_03));
  const std::string provider_href = region_href + "&service=20000001";
  EXPECT_TRUE(contains(region.body, "href=\"" + html(provider_href) + "\""));
  EXPECT_TRUE(contains(region.body, html(name_20000001)));
  EXPECT_TRUE(contains(region.body, "name=\"region\" value=\"03\"")) << "the range form keeps it";

  auto provider = b.get(provider_href);
  ASSERT_EQ(provider.status, 200);
  EXPECT_TRUE(contains(provider.body, html(name_20000001)));
  EXPECT_EQ(by_id(provider.body, "network-open"), days_fr(open_20000001));
  EXPECT_TRUE(contains(provider.body, html("septembre 2026")));
  EXPECT_TRUE(contains(provider.body, "<a href=\"" + html(region_href) + "\">"));

  // Unknown levels.
  EXPECT_EQ(b.get("/ministere/occupation?region=99").status, 404);
  EXPECT_EQ(b.get("/ministere/occupation?region=03&service=99999999").status, 404);
  EXPECT_EQ(b.get("/ministere/occupation?service=20000001").status, 404);

  // Files: the level shown, in the page's language.
  auto csv = b.get("/ministere/occupation.csv?" + kRange);
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(csv.body.starts_with(
      "Région,Nom de la région,Type de service,Services de garde,Enfants,Jours d'occupation,"))
      << csv.body.substr(0, 200);
  EXPECT_TRUE(contains(csv.body, "03,Capitale-Nationale,"));
  EXPECT_TRUE(contains(csv.body, "Ensemble du réseau"));
  auto region_csv = b.get("/ministere/occupation.csv?" + kRange + "&region=03&lang=en");
  ASSERT_EQ(region_csv.status, 200);
  EXPECT_TRUE(region_csv.body.starts_with("Organization,Name,Provider kind,Children,"));
  EXPECT_TRUE(contains(region_csv.body, "20000001," + name_20000001 + ","));
  auto provider_csv =
      b.get("/ministere/occupation.csv?" + kRange + "&region=03&service=20000001&lang=fr");
  ASSERT_EQ(provider_csv.status, 200);
  EXPECT_TRUE(provider_csv.body.starts_with("Mois,Jours d'occupation,"));
  EXPECT_TRUE(contains(provider_csv.body, "\r\n2026-09,"));
  EXPECT_TRUE(contains(provider_csv.header("content-disposition"),
                       "occupation-reseau-03-20000001-2026-09-01-2026-11-30.csv"));
  auto xlsx = b.get("/ministere/occupation.xlsx?" + kRange + "&region=03");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(b.get("/ministere/occupation.csv?region=42").status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'occupation_network' AND "
                  "detail LIKE $1",
                  "% region 03"),
            5)
      << "the region and provider pages and their three files";
}

}  // namespace
}  // namespace sgee::test

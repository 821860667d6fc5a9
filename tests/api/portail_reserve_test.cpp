// The réserve de clientèle through a real server on the demo data (issue 15, POR-03): the ranked
// list with its filters, paging and CSV export; the identity rule (a CPE or a subsidized garderie
// sees no names until a child is referred to it; an RSGE and a non-subsidized garderie do); the
// detail and the staff confirmation; the audit rows and the parent's page of consultations; the
// API for management software with its refusals. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "browser.hpp"
#include "platform/date.hpp"

namespace sgee::test {
namespace {

using nlohmann::json;

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";        // 20000001
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";  // 20000003
const std::string kRsge = "E0000005", kRsgePassword = "Rsge-marie-2026";          // 40000001
const std::string kParent = "parent@example.test", kParentPassword = "Parent-demo-2026";
const std::string kCpe = "20000001", kGs = "20000003", kRsgeNumber = "40000001";

class ReservePages : public DemoServer {
 protected:
  std::int64_t child_id(const std::string& given, const std::string& surname) {
    return sql()
        ->run("SELECT id FROM portail_children WHERE given_name = $1 AND surname = $2", given,
              surname)
        .first()
        .i64(0);
  }
  std::int64_t org_id(const std::string& number) {
    return sql()->run("SELECT id FROM organizations WHERE number = $1", number).first().i64(0);
  }
  // The audit rows of the réserve's views of a kind (one per view; one per child for a detail).
  std::int64_t audits(const std::string& detail) {
    return count(
        "SELECT COUNT(*) FROM audit_log WHERE record_type IN ('portail_child', 'portail_reserve') "
        "AND detail = $1",
        detail);
  }
  // The children shown by the views of a kind, as the parents' pages count them.
  std::int64_t consulted(const std::string& what) {
    return count("SELECT COALESCE(SUM(views), 0) FROM child_consultations WHERE what = $1", what);
  }
  // The registration numbers of a list page, in their order.
  static std::vector<std::string> numbers(const std::string& body) {
    static const std::regex re("class=\"reg-number\">([2-9A-Z]{10})<");
    std::vector<std::string> out;
    for (std::sregex_iterator it(body.begin(), body.end(), re), end; it != end; ++it)
      out.push_back((*it)[1].str());
    return out;
  }
  std::string number_of(std::int64_t child) {
    return sql()
        ->run("SELECT confirmation_number FROM portail_children WHERE id = $1", child)
        .first()
        .str(0);
  }
  std::string issue_code(const std::string& installation) {
    auto out =
        run_sgee({"access-code", "issue", "--installation", installation, "--db", db_->url()});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    return out.out.substr(0, out.out.find('\n'));
  }
  Reply api(const std::string& target, const std::string& code) {
    Client c(port());
    std::map<std::string, std::string> h;
    if (!code.empty()) h["Authorization"] = "Bearer " + code;
    return c.request("GET", target, h, "");
  }
};

TEST_F(ReservePages, CpeSeesItsRankedReserveWithoutNamesAndEachRowIsAudited) {
  Browser b(port());
  sign_in(b, kRse, kRsePassword);
  auto r = b.get("/installations/" + kCpe + "/reserve");
  ASSERT_EQ(r.status, 200) << r.body;
  // Ten children: the demo parent's two and the nine of the eight demo families.
  auto shown = numbers(r.body);
  EXPECT_EQ(shown.size(), 11u);
  EXPECT_NE(r.body.find("11 enfant(s)"), std::string::npos);
  // A CPE sees no names: not the demo families' children, not the demo parent's.
  for (const char* name : {"Emma Tremblay", "Zoé Roy", "Thomas Lévesque", "Léa Bégin"})
    EXPECT_EQ(r.body.find(name), std::string::npos) << name;
  EXPECT_NE(r.body.find("Identité non communiquée"), std::string::npos);
  // The order: the longest wait since the desired date first (Thomas, 3 months ago), all of
  // category 4; siblings flagged; the schedule and the age in words.
  EXPECT_EQ(shown.front(), number_of(child_id("Thomas", "Lévesque")));
  EXPECT_NE(r.body.find("du lundi au vendredi : Jour P1, Jour P2"), std::string::npos);
  EXPECT_NE(r.body.find("Pas encore admis en CPE ou en garderie subventionnée"), std::string::npos);
  // One audit row for the view (who, from where, how many shown), a consultation per child shown.
  EXPECT_EQ(audits("reserve_list"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'portail_reserve' AND "
                  "record_id = '11' AND user_id IS NOT NULL AND organization_id = (SELECT id FROM "
                  "organizations WHERE number = $1)",
                  kCpe),
            1);
  EXPECT_EQ(consulted("reserve_list"), 11);
  // The stored order is the ranking's: position 1..11 in reserve_positions.
  EXPECT_EQ(count("SELECT COUNT(*) FROM reserve_positions WHERE organization_id = (SELECT id "
                  "FROM organizations WHERE number = $1)",
                  kCpe),
            11);
}

TEST_F(ReservePages, RsgeAndNonSubsidizedGarderieSeeNamesAndACpeOnceReferred) {
  Browser rsge(port());
  sign_in(rsge, kRsge, kRsgePassword);
  auto r = rsge.get("/installations/" + kRsgeNumber + "/reserve");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Emma Tremblay"), std::string::npos);
  EXPECT_NE(r.body.find("Zoé Roy"), std::string::npos);

  // A non-subsidized garderie sees names too.
  sql()->run("UPDATE organizations SET installation_kind = 'GNS' WHERE number = $1", kGs);
  Browser gns(port());
  sign_in(gns, kOtherRse, kOtherRsePassword);
  r = gns.get("/installations/" + kGs + "/reserve");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Emma Tremblay"), std::string::npos);

  // The CPE sees a child's identity once referred to it, never before; a declined referral hides
  // it again.
  auto emma = child_id("Emma", "Tremblay");
  auto cpe = org_id(kCpe);
  auto c = sql();
  auto place = c->run(
                    "INSERT INTO free_places (organization_id, age_group, available_from, "
                    "schedule, declared_at) VALUES ($1, '18-59', '2026-01-05', '3,3,3,3,3,0,0', "
                    "'2026-01-01T00:00:00Z') RETURNING id",
                    cpe)
                   .first()
                   .i64(0);
  c->run(
      "INSERT INTO referrals (place_id, child_id, organization_id, referred_at, respond_by) VALUES "
      "($1, $2, $3, '2026-01-01T00:00:00Z', '2026-01-08')",
      place, emma, cpe);
  Browser b(port());
  sign_in(b, kRse, kRsePassword);
  r = b.get("/installations/" + kCpe + "/reserve");
  EXPECT_NE(r.body.find("Emma Tremblay"), std::string::npos);
  EXPECT_EQ(r.body.find("Zoé Roy"), std::string::npos);
  auto detail = b.get("/installations/" + kCpe + "/reserve/" + std::to_string(emma));
  EXPECT_NE(detail.body.find("Julie Tremblay"), std::string::npos);  // the parent's contact
  c->run("UPDATE referrals SET state = 'declined_parent' WHERE child_id = $1", emma);
  r = b.get("/installations/" + kCpe + "/reserve");
  EXPECT_EQ(r.body.find("Emma Tremblay"), std::string::npos);
  detail = b.get("/installations/" + kCpe + "/reserve/" + std::to_string(emma));
  EXPECT_EQ(detail.body.find("Julie Tremblay"), std::string::npos);
}

TEST_F(ReservePages, FiltersPagingAndCsvExport) {
  auto gen = run_sgee({"generate", "--families", "40", "--reserve-of", kCpe, "--db", db_->url()});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  auto total = count(
      "SELECT COUNT(*) FROM portail_choices WHERE organization_id = (SELECT id "
      "FROM organizations WHERE number = $1)",
      kCpe);
  ASSERT_GT(total, 50);
  Browser b(port());
  sign_in(b, kRse, kRsePassword);
  auto base = "/installations/" + kCpe + "/reserve";
  // Paging: 50 a page, the second page goes on from rank 51.
  auto first = b.get(base);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(numbers(first.body).size(), 50u);
  auto second = b.get(base + "?page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(numbers(second.body).size(), static_cast<size_t>(total - 50));
  EXPECT_NE(second.body.find("<td>51</td>"), std::string::npos);
  EXPECT_NE(first.body.find("rel=\"next\""), std::string::npos);

  // Siblings only: every row flagged, and the Roy pair both in.
  auto sib = b.get(base + "?fratrie=1");
  ASSERT_EQ(sib.status, 200);
  auto zoe = number_of(child_id("Zoé", "Roy")), leo = number_of(child_id("Léo", "Roy"));
  auto sib_numbers = numbers(sib.body);
  EXPECT_NE(std::find(sib_numbers.begin(), sib_numbers.end(), zoe), sib_numbers.end());
  EXPECT_NE(std::find(sib_numbers.begin(), sib_numbers.end(), leo), sib_numbers.end());
  auto thomas = number_of(child_id("Thomas", "Lévesque"));  // an only child
  EXPECT_EQ(std::find(sib_numbers.begin(), sib_numbers.end(), thomas), sib_numbers.end());

  // Desired dates: only those in the range.
  auto c = sql();
  auto in_range = c->run(
                       "SELECT COUNT(*) FROM portail_choices pc JOIN portail_children ch ON ch.id "
                       "= pc.child_id WHERE pc.organization_id = $1 AND "
                       "COALESCE(ch.desired_start, ch.birth_date) BETWEEN '2025-01-01' AND "
                       "'2025-12-31'",
                       org_id(kCpe))
                      .first()
                      .i64(0);
  auto dated = b.get(base + "?du=2025-01-01&au=2025-12-31");
  ASSERT_EQ(dated.status, 200);
  EXPECT_NE(dated.body.find(std::to_string(in_range) + " enfant(s)"), std::string::npos);

  // A bad date names the field and the rule, and keeps what was typed.
  auto bad = b.get(base + "?du=2025-13-45");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Date souhaitée à partir du"), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"2025-13-45\""), std::string::npos);

  // Fits a free place: none open, nobody; a place for 18–59 months, full weeks, from today.
  auto fits = b.get(base + "?place=1");
  EXPECT_NE(fits.body.find("Aucun enfant ne correspond"), std::string::npos);
  c->run(
      "INSERT INTO free_places (organization_id, age_group, available_from, schedule, "
      "declared_at) VALUES ($1, '18-59', $2, '3,3,3,3,3,0,0', '2026-01-01T00:00:00Z')",
      org_id(kCpe), dates::format(dates::today_in_quebec()));
  fits = b.get(base + "?place=1");
  ASSERT_EQ(fits.status, 200);
  EXPECT_GT(numbers(fits.body).size(), 0u);

  // CSV: the whole filtered list (BOM, header, one line a child), no names at a CPE; audited.
  auto before = audits("reserve_export");
  auto before_shown = consulted("reserve_export");
  auto csv = b.get(base + "/export");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF"));
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), total + 1);
  EXPECT_EQ(csv.body.find("Emma"), std::string::npos);
  EXPECT_EQ(audits("reserve_export") - before, 1);
  EXPECT_EQ(consulted("reserve_export") - before_shown, total);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(sib.body, m, std::regex("([0-9]+) enfant\\(s\\)")));
  auto sib_csv = b.get(base + "/export?fratrie=1");
  EXPECT_EQ(std::count(sib_csv.body.begin(), sib_csv.body.end(), '\n'), std::stol(m[1]) + 1);
}

TEST_F(ReservePages, DetailStaffConfirmationMovesTheChildFirstAndGuessedIdsAre404) {
  Browser b(port());
  sign_in(b, kRse, kRsePassword);
  auto emma = child_id("Emma", "Tremblay");
  auto base = "/installations/" + kCpe + "/reserve";
  auto d = b.get(base + "/" + std::to_string(emma));
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(audits("reserve_detail"), 1);
  EXPECT_NE(d.body.find("Confirmer que le parent travaille ici"), std::string::npos);
  // The link to the admission form (an attribute, escaped: "/" is "&#x2F;").
  EXPECT_NE(d.body.find("admissions&#x2F;nouvelle?enfant=" + std::to_string(emma)),
            std::string::npos);
  auto csrf = hidden_csrf(d.body);
  EXPECT_NE(d.body.find("<dd id=\"position\">2</dd>"), std::string::npos);  // behind Thomas

  auto confirmed = b.post(base + "/" + std::to_string(emma) + "/employe", {{"csrf", csrf}});
  ASSERT_EQ(confirmed.status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM portail_choices WHERE child_id = $1 AND "
                  "staff_confirmed_at IS NOT NULL",
                  std::to_string(emma)),
            1);
  EXPECT_EQ(audits("reserve_staff_confirmed"), 1);
  d = b.get(confirmed.header("location"));
  EXPECT_NE(d.body.find("<dd id=\"position\">1</dd>"), std::string::npos);
  EXPECT_NE(d.body.find("Enfant du personnel"), std::string::npos);
  auto list = b.get(base);
  EXPECT_EQ(numbers(list.body).front(), number_of(emma));
  // Without the CSRF token: refused, nothing changes.
  EXPECT_EQ(b.post(base + "/" + std::to_string(emma) + "/employe", {}).status, 403);

  // A child who did not choose this provider (Léa chose the CPE and the garderie, not the RSGE),
  // a number that is not an id: 404.
  auto lea = child_id("Léa", "Bégin");
  Browser rsge(port());
  sign_in(rsge, kRsge, kRsgePassword);
  EXPECT_EQ(rsge.get("/installations/" + kRsgeNumber + "/reserve/" + std::to_string(lea)).status,
            404);
  EXPECT_EQ(rsge.get("/installations/" + kRsgeNumber + "/reserve/" + std::to_string(emma)).status,
            200);
  EXPECT_EQ(b.get(base + "/abc").status, 404);
  EXPECT_EQ(b.get(base + "/999999999").status, 404);
  EXPECT_EQ(b.post(base + "/999999999/employe", {{"csrf", csrf}}).status, 404);
}

TEST_F(ReservePages, OtherProvidersParentsAndStrangersAreRefused) {
  // Another division's RSE: 403 on the CPE's réserve, its detail and its export.
  Browser other(port());
  sign_in(other, kOtherRse, kOtherRsePassword);
  auto emma = std::to_string(child_id("Emma", "Tremblay"));
  for (const auto& path :
       {"/installations/" + kCpe + "/reserve", "/installations/" + kCpe + "/reserve/" + emma,
        "/installations/" + kCpe + "/reserve/export"})
    EXPECT_EQ(other.get(path).status, 403) << path;
  // A parent: 403; nobody signed in: sent to sign in; an unknown installation: 404.
  Browser parent(port());
  sign_in(parent, kParent, kParentPassword);
  EXPECT_EQ(parent.get("/installations/" + kCpe + "/reserve").status, 403);
  Browser nobody(port());
  auto anon = nobody.get("/installations/" + kCpe + "/reserve");
  EXPECT_TRUE(anon.status == 303 || anon.status == 401) << anon.status;
  EXPECT_EQ(audits("reserve_list"), 0);
  EXPECT_EQ(consulted("reserve_list"), 0);
}

TEST_F(ReservePages, TheParentSeesWhoConsultedTheChildsFile) {
  Browser staff(port());
  sign_in(staff, kRse, kRsePassword);
  auto lea = child_id("Léa", "Bégin");
  auto list_views = [&] {
    return sql()
        ->run(
            "SELECT COALESCE(SUM(views), 0) FROM child_consultations WHERE child_id = $1 AND "
            "what = 'reserve_list'",
            lea)
        .first()
        .i64(0);
  };
  ASSERT_EQ(staff.get("/installations/" + kCpe + "/reserve").status, 200);
  EXPECT_EQ(list_views(), 1);
  // Paging back within the minute is the same consultation; two minutes later, another one.
  ASSERT_EQ(staff.get("/installations/" + kCpe + "/reserve?page=1").status, 200);
  EXPECT_EQ(list_views(), 1);
  sql()->run("UPDATE child_consultations SET last_at = $1 WHERE child_id = $2",
             dates::utc_iso(std::time(nullptr) - 120), lea);
  ASSERT_EQ(staff.get("/installations/" + kCpe + "/reserve?page=1").status, 200);
  EXPECT_EQ(list_views(), 2);
  ASSERT_EQ(staff.get("/installations/" + kCpe + "/reserve/" + std::to_string(lea)).status, 200);

  Browser parent(port());
  sign_in(parent, kParent, kParentPassword);
  auto child_page = parent.get("/famille/enfants/" + std::to_string(lea));
  EXPECT_NE(child_page.body.find("/famille/enfants/" + std::to_string(lea) + "/consultations"),
            std::string::npos);
  auto r = parent.get("/famille/enfants/" + std::to_string(lea) + "/consultations");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("CPE Les Petits Pas — Limoilou"), std::string::npos);
  EXPECT_NE(r.body.find("La liste de la réserve"), std::string::npos);
  EXPECT_NE(r.body.find("La demande complète"), std::string::npos);
  // The list seen twice today: one line, counted.
  EXPECT_NE(r.body.find("2 fois ce jour-là"), std::string::npos);
  EXPECT_EQ(r.body.find("Sophie"), std::string::npos);  // never the staff member's name
  // Another family's child, a guessed id: 404.
  auto emma = child_id("Emma", "Tremblay");
  EXPECT_EQ(parent.get("/famille/enfants/" + std::to_string(emma) + "/consultations").status, 404);
  EXPECT_EQ(parent.get("/famille/enfants/x/consultations").status, 404);
}

TEST_F(ReservePages, ApiGivesTheRankedReserveWithTheIdentityRuleAndItsRefusals) {
  auto cpe_code = issue_code(kCpe), gs_code = issue_code(kGs);
  auto r = api("/api/v1/installations/" + kCpe + "/reserve?page=1&per_page=5", cpe_code);
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["total"], 11);
  EXPECT_EQ(j["per_page"], 5);
  ASSERT_EQ(j["children"].size(), 5u);
  EXPECT_EQ(j["children"][0]["position"], 1);
  EXPECT_EQ(j["children"][0]["confirmation_number"], number_of(child_id("Thomas", "Lévesque")));
  EXPECT_FALSE(j["children"][0].contains("surname"));  // a CPE: no names
  EXPECT_EQ(j["children"][0]["identity_visible"], false);
  EXPECT_EQ(audits("reserve_api"), 1);
  EXPECT_EQ(consulted("reserve_api"), 5);
  auto last = json::parse(
      api("/api/v1/installations/" + kCpe + "/reserve?page=3&per_page=5", cpe_code).body);
  EXPECT_EQ(last["children"].size(), 1u);
  EXPECT_EQ(last["children"][0]["position"], 11);

  // Refusals: no code 401, another installation's code 403, unknown installation 404, bad paging
  // 400 with the sync API's error shape.
  EXPECT_EQ(api("/api/v1/installations/" + kCpe + "/reserve", "").status, 401);
  EXPECT_EQ(api("/api/v1/installations/" + kCpe + "/reserve", gs_code).status, 403);
  EXPECT_EQ(api("/api/v1/installations/29999999/reserve", cpe_code).status, 404);
  for (const char* q : {"page=0", "page=abc", "per_page=0", "per_page=201", "page=-1"}) {
    auto bad = api("/api/v1/installations/" + kCpe + "/reserve?" + q, cpe_code);
    EXPECT_EQ(bad.status, 400) << q;
    auto e = json::parse(bad.body, nullptr, false);
    EXPECT_EQ(e["error"]["code"], "bad_paging") << q;
  }
}

}  // namespace
}  // namespace sgee::test

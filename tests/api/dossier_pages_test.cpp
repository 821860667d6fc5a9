// Provider staff's registry pages through a real server on the demo data: the dossier list with
// search, filters and paging, one dossier, the closing-days calendar with the holiday import;
// rights per installation, guessed ids, audit rows. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "browser.hpp"
#include "platform/date.hpp"

namespace sgee::test {
namespace {

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";  // consults 20000001
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";
const std::string kBcRse = "E0000004", kBcRsePassword = "Rse-bc-capitale-2026";

class DossierPages : public DemoServer {
 protected:
  static Fields with_csrf(Fields f, const std::string& csrf) {
    for (auto& [k, v] : f)
      if (k == "csrf") v = csrf;
    return f;
  }
  // One stored dossier of `installation`: ref, surname, given name.
  std::vector<std::string> some_dossier(const std::string& installation) {
    auto r = sql()->run(
        "SELECT d.ref, d.child_surname, d.child_given_name FROM dossiers d JOIN organizations o ON "
        "o.id = d.organization_id WHERE o.number = $1 ORDER BY d.ref LIMIT 1",
        installation);
    return {r.first().str(0), r.first().str(1), r.first().str(2)};
  }
  // Per age bracket, how many dossiers of `installation` are in it today (the last bracket whose
  // effective date is passed, else the first declared), and how many have a last declared
  // bracket that is not yet in force.
  std::pair<std::map<std::string, std::int64_t>, std::int64_t> brackets_in_force_today(
      const std::string& installation) {
    auto r = sql()->run(
        "SELECT d.data FROM dossiers d JOIN organizations o ON o.id = d.organization_id WHERE "
        "o.number = $1",
        installation);
    const std::string today = dates::format(dates::today_in_quebec());
    std::map<std::string, std::int64_t> in_force;
    std::int64_t later = 0;
    for (size_t i = 0; i < r.size(); ++i) {
      auto brackets = nlohmann::json::parse(r.row(i).str(0))["age_brackets"];
      if (brackets.empty()) continue;
      std::string now = brackets[0]["bracket"];
      for (const auto& b : brackets)
        if (b["start"].get<std::string>() <= today) now = b["bracket"];
      ++in_force[now];
      if (brackets.back()["bracket"] != now) ++later;
    }
    return {in_force, later};
  }
  std::int64_t dossiers_at(const std::string& installation) {
    return count(
        "SELECT COUNT(*) FROM dossiers d JOIN organizations o ON o.id = "
        "d.organization_id WHERE o.number = $1",
        installation);
  }
};

TEST_F(DossierPages, TheRseListsSearchesAndFiltersTheDossiers) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  auto dash = b.get("/tableau-de-bord");
  EXPECT_TRUE(contains(dash.body, html("/installations/20000001/dossiers"))) << dash.body;
  EXPECT_TRUE(contains(dash.body, html("/installations/20000002/fermetures")));
  auto total = dossiers_at("20000001");
  ASSERT_GT(total, 50) << "the demo seeds enough for two pages";
  auto list = b.get("/installations/20000001/dossiers");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(contains(list.body, std::to_string(total) + " dossier(s)")) << list.body;
  EXPECT_TRUE(contains(list.body, "page=2")) << "a next page";
  auto page2 = b.get("/installations/20000001/dossiers?page=2");
  EXPECT_EQ(page2.status, 200);
  auto one = some_dossier("20000001");
  auto found = b.get("/installations/20000001/dossiers?q=" + text::url_encode(one[0]));
  EXPECT_TRUE(contains(found.body, "1 dossier(s)")) << found.body;
  EXPECT_TRUE(contains(found.body, html(one[1] + ", " + one[2])));
  // Accents and case do not matter.
  auto folded =
      b.get("/installations/20000001/dossiers?q=" + text::url_encode(text::search_key(one[1])));
  EXPECT_TRUE(contains(folded.body, html(one[1] + ", " + one[2])));
  // The age bracket filter keeps the dossiers whose bracket in force today is the one chosen
  // (issue 12, item 13), read here from each dossier's JSON.
  auto [in_force, later] = brackets_in_force_today("20000001");
  EXPECT_GT(later, 0) << "the demo has children whose last declared bracket starts later";
  for (const std::string bracket : {"0-17", "18-59", "school"}) {
    auto page = b.get("/installations/20000001/dossiers?tranche=" + bracket);
    EXPECT_TRUE(contains(page.body, std::to_string(in_force[bracket]) + " dossier(s)"))
        << bracket << " " << in_force[bracket];
  }
  auto none = b.get("/installations/20000001/dossiers?q=zzzzzz");
  EXPECT_TRUE(contains(none.body, html("Aucun dossier ne correspond")));
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'dossier_list' AND "
                  "record_id = $1",
                  "20000001"),
            5);
}

TEST_F(DossierPages, OneDossierShowsItsAgreementsAndIsAudited) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  auto one = some_dossier("20000001");
  auto page = b.get("/installations/20000001/dossiers/" + one[0]);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, html(one[2] + " " + one[1])));
  EXPECT_TRUE(contains(page.body, html("Ententes de services")));
  EXPECT_TRUE(contains(page.body, "<th scope=\"row\">Jour P1</th>")) << "the schedule grid";
  EXPECT_TRUE(contains(page.body, html("Version 1")));
  // The sex in words, never the sync API's letter.
  EXPECT_TRUE(contains(page.body, html("Féminin")) || contains(page.body, "Masculin"));
  EXPECT_FALSE(contains(page.body, "<dd>F</dd>") || contains(page.body, "<dd>M</dd>"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND record_type = "
                  "'dossier' AND record_id = $1 AND user_id = (SELECT id FROM users WHERE "
                  "user_code = 'E0000002')",
                  one[0]),
            1);
  EXPECT_EQ(b.get("/installations/20000001/dossiers/nope").status, 404);
}

TEST_F(DossierPages, NobodySeesAnotherInstallationsDossiersEvenWithGuessedIds) {
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  // The staff member consults 20000001 only: not the division's other installation, not another
  // division's.
  EXPECT_EQ(staff.get("/installations/20000002/dossiers").status, 403);
  EXPECT_EQ(staff.get("/installations/20000003/dossiers").status, 403);
  auto theirs = some_dossier("20000003");
  EXPECT_EQ(staff.get("/installations/20000003/dossiers/" + theirs[0]).status, 403);
  // Through their own installation's path, another installation's ref is simply not there.
  ASSERT_EQ(count("SELECT COUNT(*) FROM dossiers d JOIN organizations o ON o.id = "
                  "d.organization_id WHERE o.number = '20000001' AND d.ref = $1",
                  theirs[0]),
            0);
  EXPECT_EQ(staff.get("/installations/20000001/dossiers/" + theirs[0]).status, 404);
  Browser other(port());
  ASSERT_EQ(sign_in(other, kOtherRse, kOtherRsePassword).status, 303);
  EXPECT_EQ(other.get("/installations/20000001/dossiers").status, 403);
  EXPECT_EQ(other.get("/installations/20000003/dossiers").status, 200);
  EXPECT_EQ(other.get("/installations/20000001/fermetures").status, 403);
  Browser anonymous(port());
  EXPECT_EQ(anonymous.get("/installations/20000001/dossiers").status, 303);
  EXPECT_EQ(anonymous.get("/installations/99999999/dossiers").status, 303);
  EXPECT_EQ(staff.get("/installations/99999999/dossiers").status, 404);
}

TEST_F(DossierPages, ClosingDaysWithTheHolidayImportAreCheckedAndAudited) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  const std::string url = "/installations/20000001/fermetures";
  auto page = b.get(url + "?annee=2026");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, html("Importer les jours fériés du Québec")));
  std::string csrf = hidden_csrf(page.body);
  auto days = [&] {
    return count(
        "SELECT COUNT(*) FROM closing_days WHERE organization_id = (SELECT id FROM "
        "organizations WHERE number = $1)",
        "20000001");
  };
  EXPECT_EQ(b.post(url, {{"annee", "2026"}, {"operation", "holidays"}}).status, 403) << "CSRF";
  auto imported = b.post(url, {{"csrf", csrf}, {"annee", "2026"}, {"operation", "holidays"}});
  ASSERT_EQ(imported.status, 303);
  EXPECT_EQ(days(), 9);
  auto after = b.get(imported.header("location"));
  EXPECT_TRUE(contains(after.body, "2026-04-03")) << "Good Friday 2026";
  EXPECT_TRUE(contains(after.body, "2026-05-18")) << "patriots' day 2026";
  // Importing twice adds nothing.
  EXPECT_EQ(b.post(url, {{"csrf", csrf}, {"annee", "2026"}, {"operation", "holidays"}}).status,
            303);
  EXPECT_EQ(days(), 9);
  auto added = b.post(url, {{"csrf", csrf},
                            {"annee", "2026"},
                            {"operation", "add"},
                            {"date", "2026-03-02"},
                            {"closed", "AM"},
                            {"closed", "PM"},
                            {"reason", "strike"}});
  EXPECT_EQ(added.status, 303);
  EXPECT_EQ(days(), 10);
  auto wrong_year = b.post(url, {{"csrf", csrf},
                                 {"annee", "2026"},
                                 {"operation", "add"},
                                 {"date", "2027-03-02"},
                                 {"closed", "AM"},
                                 {"reason", "planned"}});
  EXPECT_EQ(wrong_year.status, 422);
  EXPECT_TRUE(contains(wrong_year.body, "CSG101E")) << wrong_year.body;
  auto nothing_closed = b.post(url, {{"csrf", csrf},
                                     {"annee", "2026"},
                                     {"operation", "add"},
                                     {"date", "2026-03-03"},
                                     {"reason", "planned"}});
  EXPECT_EQ(nothing_closed.status, 422);
  EXPECT_TRUE(contains(nothing_closed.body, "CSG103E"));
  EXPECT_EQ(days(), 10) << "a refused change saves nothing";
  EXPECT_EQ(b.post(url, {{"csrf", csrf},
                         {"annee", "2026"},
                         {"operation", "delete"},
                         {"date", "2026-03-02"},
                         {"confirme", "1"}})
                .status,
            303);
  EXPECT_EQ(days(), 9);
  EXPECT_EQ(b.post(url, {{"csrf", csrf}, {"annee", "2026"}, {"operation", "nope"}}).status, 400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'closing_days' AND "
                  "record_id = $1",
                  "2026"),
            4);
  // Consulting without entering: the calendar, no forms; posting is refused.
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  auto view = staff.get(url + "?annee=2026");
  EXPECT_EQ(view.status, 200);
  EXPECT_TRUE(contains(view.body, "2026-06-24"));
  EXPECT_FALSE(contains(view.body, html("Importer les jours fériés du Québec")));
  EXPECT_EQ(
      staff
          .post(url,
                {{"csrf", hidden_csrf(view.body)}, {"annee", "2026"}, {"operation", "holidays"}})
          .status,
      403);
}

TEST_F(DossierPages, CisssReservationsAreCheckedSavedAndAudited) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  const std::string url = "/installations/20000001/reservations-cisss";
  auto page = b.get(url);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(b.get("/tableau-de-bord").body, html(url))) << "the dashboard links it";
  std::string csrf = hidden_csrf(page.body);
  auto stored = [&] {
    return count(
        "SELECT COUNT(*) FROM cisss_reservations WHERE organization_id = (SELECT id FROM "
        "organizations WHERE number = $1)",
        "20000001");
  };
  auto before = stored();
  Fields good = {{"csrf", csrf},        {"operation", "add"},   {"start", "2026-09-01"},
                 {"end", "2027-06-30"}, {"days_per_week", "5"}, {"places", "2"},
                 {"age", "18-59"}};
  EXPECT_EQ(b.post(url, {{"operation", "add"}}).status, 403) << "CSRF";
  auto added = b.post(url, good);
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(stored(), before + 1);
  auto after = b.get(added.header("location"));
  EXPECT_TRUE(contains(after.body, html("Les réservations sont enregistrées.")));
  EXPECT_TRUE(contains(after.body, "<td>2026-09-01</td><td>2027-06-30</td><td>5</td><td>2</td>"));
  // The API's checks: end before start, days per week, places, an age that is not 0-17/18-59.
  for (const auto& [name, value, code] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"end", "2026-08-01", "CSG111E"},
           {"days_per_week", "8", "CSG112E"},
           {"places", "0", "CSG113E"},
           {"age", "school", "CSG151E"},
           {"start", "demain", "CSG150E"},
           {"places", "beaucoup", "CSG000E"}}) {
    Fields bad = good;
    for (auto& [k, v] : bad)
      if (k == name) v = value;
    auto refused = b.post(url, bad);
    EXPECT_EQ(refused.status, 422) << name;
    EXPECT_TRUE(contains(refused.body, code)) << name << " " << refused.body;
  }
  EXPECT_EQ(stored(), before + 1) << "a refused change saves nothing";
  auto removed =
      b.post(url, {{"csrf", csrf}, {"operation", "delete"}, {"index", "0"}, {"confirme", "1"}});
  EXPECT_EQ(removed.status, 303);
  EXPECT_EQ(stored(), before);
  EXPECT_EQ(b.post(url, {{"csrf", csrf}, {"operation", "delete"}, {"index", "99"}}).status, 400);
  EXPECT_EQ(b.post(url, {{"csrf", csrf}, {"operation", "nope"}}).status, 400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'cisss_reservations' AND "
                  "action = 'update' AND record_id = $1",
                  "20000001"),
            2);
  // Consulting only: the table, no form; posting is refused. Another installation: refused.
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  auto view = staff.get(url);
  EXPECT_EQ(view.status, 200);
  EXPECT_FALSE(contains(view.body, html("Ajouter la réservation")));
  EXPECT_EQ(staff.post(url, with_csrf(good, hidden_csrf(view.body))).status, 403);
  EXPECT_EQ(staff.get("/installations/20000003/reservations-cisss").status, 403);
}

TEST_F(DossierPages, TheBcListsItsRsgesDossiers) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  auto list = b.get("/installations/30000001/dossiers");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(contains(list.body, "RSGE<span class=\"sort-arrow\""));
  // The RSGE by name (issue 13), never only by number.
  auto names = sql()->run(
      "SELECT name FROM organizations WHERE number IN ('40000001', '40000002') ORDER BY number");
  ASSERT_EQ(names.size(), 2u);
  EXPECT_TRUE(contains(list.body, "<td>" + html(names.row(0).str(0)) + "</td>") ||
              contains(list.body, "<td>" + html(names.row(1).str(0)) + "</td>"));
  EXPECT_FALSE(contains(list.body, "<td>40000001</td>") ||
               contains(list.body, "<td>40000002</td>"));
}

// Seed 004 bars a BC from closing days only: its CISSS reservations are entered on its page
// (issue 12; the page used to be an installation's only), linked from its list and dashboard.
TEST_F(DossierPages, TheBcEntersItsCisssReservations) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  const std::string url = "/installations/30000001/reservations-cisss";
  EXPECT_TRUE(contains(b.get("/installations/30000001/dossiers").body, html(url)));
  EXPECT_TRUE(contains(b.get("/tableau-de-bord").body, html(url)));
  EXPECT_FALSE(contains(b.get("/tableau-de-bord").body, html("/installations/30000001/fermetures")))
      << "no closing days for a BC";
  auto page = b.get(url);
  ASSERT_EQ(page.status, 200);
  auto added = b.post(url, {{"csrf", hidden_csrf(page.body)},
                            {"operation", "add"},
                            {"start", "2026-04-01"},
                            {"end", "2027-03-31"},
                            {"days_per_week", "5"},
                            {"places", "3"},
                            {"age", "0-17"}});
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM cisss_reservations WHERE organization_id = (SELECT id FROM "
                  "organizations WHERE number = $1)",
                  "30000001"),
            1);
  EXPECT_TRUE(
      contains(b.get(url).body, "<td>2026-04-01</td><td>2027-03-31</td><td>5</td><td>3</td>"));
  EXPECT_EQ(b.get("/installations/30000001/fermetures").status, 404);
}

// A page view's audit row is written by the server's group writer, and the page is sent only once
// the row is in the database: when it cannot be written, the page is not shown (503), and the
// server goes on serving once it can be again.
TEST_F(DossierPages, APageWhoseAuditRowCannotBeWrittenIsNotShown) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  auto one = some_dossier("20000001");
  sql()->run("ALTER TABLE audit_log RENAME TO audit_log_away");
  auto refused = b.get("/installations/20000001/dossiers/" + one[0]);
  EXPECT_EQ(refused.status, 503);
  EXPECT_FALSE(contains(refused.body, html(one[2] + " " + one[1]))) << "the child's data";
  sql()->run("ALTER TABLE audit_log_away RENAME TO audit_log");
  auto shown = b.get("/installations/20000001/dossiers/" + one[0]);
  EXPECT_EQ(shown.status, 200);
  EXPECT_TRUE(contains(shown.body, html(one[2] + " " + one[1])));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND record_type = "
                  "'dossier' AND record_id = $1",
                  one[0]),
            1);
}

}  // namespace
}  // namespace sgee::test

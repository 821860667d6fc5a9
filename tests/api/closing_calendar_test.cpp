// The closing days as a month calendar (issue 13): Monday-first weeks, the installation's closing
// days and Québec's holidays marked with their names, each day's full date for screen readers, a
// + on each open day that fills the add form, a remove button per closing day of the month, and
// the round-trip back to the changed month; French and English. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "browser.hpp"

namespace sgee::test {
namespace {

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";  // consults only
const std::string kUrl = "/installations/20000001/fermetures";

class ClosingCalendar : public DemoServer {
 protected:
  std::int64_t days() {
    return count(
        "SELECT COUNT(*) FROM closing_days WHERE organization_id = (SELECT id FROM organizations "
        "WHERE number = $1)",
        "20000001");
  }
  // The calendar's cell of a date: from its opening tag to its end.
  static std::string cell(const std::string& body, const std::string& date) {
    auto at = body.find("data-date=\"" + date + "\"");
    if (at == std::string::npos) return "<none>";
    auto start = body.rfind("<td", at);
    return body.substr(start, body.find("</td>", at) - start);
  }
};

TEST_F(ClosingCalendar, TheMonthShowsWeekdaysHolidaysAndClosingDaysByName) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  // Before any closing day: September 2026 has Labour Day, a holiday the installation is open on.
  auto sept = b.get(kUrl + "?annee=2026&mois=2026-09");
  ASSERT_EQ(sept.status, 200);
  EXPECT_TRUE(contains(sept.body, "<caption>septembre 2026</caption>"));
  EXPECT_TRUE(contains(sept.body, "<abbr title=\"lundi\">Lun.</abbr>")) << "Monday first";
  EXPECT_TRUE(contains(cell(sept.body, "2026-09-07"), html("Fête du Travail")));
  EXPECT_TRUE(contains(cell(sept.body, "2026-09-07"), html("lundi 7 septembre 2026")));
  EXPECT_FALSE(contains(cell(sept.body, "2026-09-07"), "day-closed"));
  EXPECT_TRUE(contains(sept.body, html("jour férié, ouvert"))) << "the list below the grid";
  // 1 September 2026 is a Tuesday: one empty cell before it.
  auto first_week = sept.body.substr(sept.body.find("<tbody>"), 200);
  EXPECT_TRUE(contains(first_week, "<tr><td class=\"empty\"></td><td")) << first_week;
  EXPECT_TRUE(contains(cell(sept.body, "2026-09-01"), html("mardi 1er septembre 2026")));

  std::string csrf = hidden_csrf(sept.body);
  ASSERT_EQ(b.post(kUrl, {{"csrf", csrf}, {"annee", "2026"}, {"operation", "holidays"}}).status,
            303);
  auto dec = b.get(kUrl + "?annee=2026&mois=2026-12");
  EXPECT_TRUE(contains(dec.body, "<caption>décembre 2026</caption>"));
  auto christmas = cell(dec.body, "2026-12-25");
  EXPECT_TRUE(contains(christmas, "day-closed")) << christmas;
  EXPECT_TRUE(contains(christmas, ">Fermé<"));
  EXPECT_TRUE(contains(christmas, html("Noël")));
  EXPECT_TRUE(contains(christmas, html("vendredi 25 décembre 2026")));
  EXPECT_FALSE(contains(christmas, "day-add")) << "a closed day is not added twice";
  EXPECT_TRUE(contains(cell(dec.body, "2026-12-24"), "date=2026-12-24#ajouter"));
  // The previous and next months, the filters kept.
  EXPECT_TRUE(contains(dec.body, html(kUrl + "?annee=2026&mois=2026-11#calendrier")));
  EXPECT_TRUE(contains(dec.body, html(kUrl + "?annee=2027&mois=2027-01#calendrier")));

  auto en = b.get(kUrl + "?annee=2026&mois=2026-12&lang=en");
  EXPECT_TRUE(contains(en.body, "<caption>December 2026</caption>"));
  EXPECT_TRUE(contains(cell(en.body, "2026-12-25"), "Christmas Day"));
  EXPECT_TRUE(contains(cell(en.body, "2026-12-25"), "Friday, December 25, 2026"));
  EXPECT_TRUE(contains(en.body, "<abbr title=\"Monday\">Mon</abbr>"));
}

TEST_F(ClosingCalendar, AddingFromADayAndRemovingReturnToItsMonth) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  // A day's + fills the add form with its date.
  auto page = b.get(kUrl + "?annee=2026&mois=2026-10&date=2026-10-16");
  ASSERT_EQ(page.status, 200);
  auto field = page.body.substr(page.body.find("id=\"date\" name=\"date\""));
  EXPECT_TRUE(contains(field.substr(0, field.find('>')), "value=\"2026-10-16\"")) << field;
  std::string csrf = hidden_csrf(page.body);
  auto added = b.post(kUrl, {{"csrf", csrf},
                             {"annee", "2026"},
                             {"operation", "add"},
                             {"date", "2026-10-16"},
                             {"closed", "AM"},
                             {"closed", "PM"},
                             {"reason", "planned"}});
  ASSERT_EQ(added.status, 303);
  EXPECT_EQ(added.header("location"), kUrl + "?annee=2026&mois=2026-10&enregistre=1#calendrier");
  EXPECT_EQ(days(), 1);
  auto after = b.get(kUrl + "?annee=2026&mois=2026-10&enregistre=1");
  EXPECT_TRUE(contains(cell(after.body, "2026-10-16"), "day-closed"));
  // The month's list holds the day with a danger button that removes it.
  auto list = after.body.substr(after.body.find("id=\"month-days\""));
  list = list.substr(0, list.find("</ul>"));
  EXPECT_TRUE(contains(list, html("vendredi 16 octobre 2026")));
  EXPECT_TRUE(contains(list, "class=\"danger-outline\""));
  EXPECT_TRUE(contains(list, "data-confirm=")) << "it asks first";
  EXPECT_TRUE(contains(list, "name=\"operation\" value=\"delete\""));
  // A refused date keeps what was typed and says which field and rule.
  auto refused = b.post(kUrl, {{"csrf", csrf},
                               {"annee", "2026"},
                               {"operation", "add"},
                               {"date", "2026-02-30"},
                               {"closed", "AM"},
                               {"reason", "planned"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, "value=\"2026-02-30\""));
  auto removed = b.post(kUrl, {{"csrf", csrf},
                               {"annee", "2026"},
                               {"mois", "2026-10"},
                               {"operation", "delete"},
                               {"date", "2026-10-16"},
                               {"confirme", "1"}});
  ASSERT_EQ(removed.status, 303);
  EXPECT_EQ(removed.header("location"), kUrl + "?annee=2026&mois=2026-10&enregistre=1#calendrier");
  EXPECT_EQ(days(), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'closing_days' AND "
                  "action = 'update' AND record_id = $1",
                  "2026"),
            2);
}

TEST_F(ClosingCalendar, ConsultOnlyStaffSeeTheCalendarWithoutButtons) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kStaff, kStaffPassword).status, 303);
  auto page = b.get(kUrl + "?annee=2026&mois=2026-12");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "id=\"closing-calendar\""));
  EXPECT_TRUE(contains(cell(page.body, "2026-12-25"), html("Noël")));
  EXPECT_FALSE(contains(page.body, "day-add"));
  EXPECT_FALSE(contains(page.body, "button-danger"));
  EXPECT_EQ(b.get("/installations/20000002/fermetures?mois=2026-12").status, 403);
}

}  // namespace
}  // namespace sgee::test

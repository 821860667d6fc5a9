// The audit log pages through the real `sgee` binary, on the engine under test: labels instead of
// internal codes (French and English), Québec local times (also for the date filters), who acted
// for sync entries, the record type select, links to records the viewer may open, the CSV export
// (audited) and the parent's page in plain words.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "access/store.hpp"
#include "browser.hpp"
#include "platform/db/db.hpp"
#include "shared.hpp"

namespace sgee::test {
namespace {

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";
const std::string kAgent = "M0000001", kAgentPassword = "Ministere-demo-2026";
const std::string kParent = "parent@example.test", kParentPassword = "Parent-demo-2026";
const std::map<std::string, std::string> kEnglish = {{"Accept-Language", "en"}};

// The text a reader sees: the page without its tags (and so without attribute values).
std::string text_of(const std::string& page) {
  static const std::regex tag("<[^>]*>");
  return std::regex_replace(page, tag, " ");
}

// Every action and record type the code writes (grep `.action =`, `.record_type =`, audit_read)
// but those that are plain words (read, create, enrolment…: English labels may hold them).
const std::vector<std::string> kInternalCodes = {
    "dossier_list",       "closing_days",      "cisss_reservations",  "occupation_report",
    "occupation_network", "user_rights",       "access_code",         "bc_mandate",
    "second_factor_on",   "second_factor_off", "reset_second_factor", "enrol_attempt",
    "rse_replaced",       "nirec_added",       "audit_log",           "organization_list",
    "staff_list",         "reset_password",    "resend_confirmation"};

class AuditPages : public DemoServer {
 protected:
  void SetUp() override {
    DemoServer::SetUp();
    auto c = sql();
    parent_ = access::store::user_by_login(*c, kParent)->id;
    staff_ = access::store::user_by_login(*c, kStaff)->id;
    agent_ = access::store::user_by_login(*c, kAgent)->id;
    inst_ = access::store::organization_by_number(*c, "20000001")->id;
    soleil_ = access::store::organization_by_number(*c, "20000003")->id;
    code_ = access::store::issue_access_code(*c, inst_, "Logiciel Gestion Plus", std::nullopt).id;
    c->run("DELETE FROM audit_log");  // the demo's own rows (its dossiers): only this test's
  }
  // An audit row written at `at` (UTC).
  void row(const access::store::AuditEntry& e, const std::string& at) {
    auto c = sql();
    access::store::audit(*c, e);
    c->run("UPDATE audit_log SET at = $1 WHERE id = (SELECT MAX(id) FROM audit_log)", at);
  }
  // A staff read, a sync creation, a list read at 20000001 (division 10000001), a read at
  // 20000003 (division 10000002).
  void typical_rows() {
    row({.user_id = staff_,
         .organization_id = inst_,
         .subject_user_id = parent_,
         .action = "read",
         .record_type = "dossier",
         .record_id = "00000013"},
        "2026-07-01T16:30:00Z");  // 12:30 EDT
    row({.access_code_id = code_,
         .organization_id = inst_,
         .subject_user_id = parent_,
         .action = "create",
         .record_type = "dossier",
         .record_id = "00000014",
         .detail = "api"},
        "2026-01-15T04:59:00Z");  // 23:59 EST the day before
    row({.user_id = staff_,
         .organization_id = inst_,
         .action = "read",
         .record_type = "dossier_list",
         .record_id = "20000001"},
        "2026-07-02T03:30:00Z");  // 2026-07-01 23:30 EDT
    row({.user_id = staff_,
         .organization_id = soleil_,
         .action = "read",
         .record_type = "dossier",
         .record_id = "00000099"},
        "2026-07-01T03:30:00Z");  // 2026-06-30 23:30 EDT
  }
  std::int64_t parent_ = 0, staff_ = 0, agent_ = 0, inst_ = 0, soleil_ = 0, code_ = 0;
};

TEST_F(AuditPages, RseLogShowsLabelsQuebecTimesAndWhoForSyncEntries) {
  typical_rows();
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  auto page = b.get("/journal");
  ASSERT_EQ(page.status, 200);
  const auto text = text_of(page.body);
  EXPECT_TRUE(contains(text, "2026-07-01 12 h 30")) << text;
  EXPECT_TRUE(contains(text, "2026-01-14 23 h 59")) << text;
  EXPECT_TRUE(contains(text, "2026-07-01 23 h 30")) << text;
  EXPECT_FALSE(contains(text, "2026-07-01T16")) << "no UTC ISO times";
  EXPECT_TRUE(contains(text, html("Dossier d'enfant"))) << text;
  EXPECT_TRUE(contains(text, "Liste des dossiers")) << text;
  EXPECT_TRUE(contains(text, "Consultation")) << text;
  EXPECT_TRUE(contains(text, "Création")) << text;
  EXPECT_TRUE(contains(text, "Marc Lavoie (E0000002)")) << text;
  // Par, for a sync entry: the access code's label and its organization.
  EXPECT_TRUE(contains(text, html("Code d'accès de synchronisation"))) << text;
  EXPECT_TRUE(contains(text, "Logiciel Gestion Plus — CPE Les Petits Pas — Limoilou")) << text;
  EXPECT_TRUE(contains(text, html("Par l'API de synchronisation"))) << "detail \"api\" in words";
  for (const auto& code : kInternalCodes) EXPECT_FALSE(contains(text, code)) << code;
  EXPECT_FALSE(contains(text, "00000099")) << "another division's row";
  // The record type is a select of labels.
  EXPECT_TRUE(contains(page.body, "<select id=\"type\" name=\"type\">")) << page.body;
  EXPECT_TRUE(contains(page.body, "<option value=\"dossier_list\">Liste des dossiers</option>"))
      << page.body;

  auto en = b.get("/journal", kEnglish);
  ASSERT_EQ(en.status, 200);
  const auto en_text = text_of(en.body);
  EXPECT_TRUE(contains(en_text, "2026-07-01 12:30")) << en_text;
  EXPECT_TRUE(contains(en_text, html("Child's dossier"))) << en_text;
  EXPECT_TRUE(contains(en_text, "Dossier list")) << en_text;
  EXPECT_TRUE(contains(en_text, "Synchronization access code")) << en_text;
  EXPECT_TRUE(contains(en_text, "Date and time (Québec time)")) << en_text;
  for (const auto& code : kInternalCodes) EXPECT_FALSE(contains(en_text, code)) << code;

  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(staff.get("/journal").status, 403);
  EXPECT_EQ(staff.get("/journal.csv").status, 403);
}

// Every action and record type the code writes has a label in both languages: a row of each
// shows no internal code.
TEST_F(AuditPages, EveryActionAndRecordTypeTheCodeWritesHasALabel) {
  const std::vector<std::string> actions = {"read",
                                            "create",
                                            "update",
                                            "delete",
                                            "grant",
                                            "revoke",
                                            "activate",
                                            "refuse",
                                            "second_factor_on",
                                            "second_factor_off",
                                            "reset_second_factor",
                                            "enrol_attempt",
                                            "rse_replaced",
                                            "nirec_added",
                                            "export",
                                            "disable",
                                            "enable",
                                            "reset_password",
                                            "resend_confirmation"};
  const std::vector<std::string> types = {"dossier",
                                          "dossier_list",
                                          "closing_days",
                                          "cisss_reservations",
                                          "occupation_report",
                                          "occupation_network",
                                          "user",
                                          "user_rights",
                                          "access_code",
                                          "bc_mandate",
                                          "enrolment",
                                          "audit_log",
                                          "organization_list",
                                          "staff_list",
                                          "access_code_list"};
  for (size_t i = 0; i < std::max(actions.size(), types.size()); ++i)
    row({.user_id = staff_,
         .organization_id = inst_,
         .action = actions[i % actions.size()],
         .record_type = types[i % types.size()],
         .record_id = "R" + std::to_string(i)},
        "2026-03-0" + std::to_string(1 + i % 9) + "T15:00:00Z");
  Browser b(port());
  ASSERT_EQ(sign_in(b, kAgent, kAgentPassword).status, 303);
  for (const auto* headers :
       {&kEnglish, static_cast<const std::map<std::string, std::string>*>(nullptr)}) {
    auto page = headers ? b.get("/ministere/journal", *headers) : b.get("/ministere/journal");
    ASSERT_EQ(page.status, 200);
    const auto text = text_of(page.body);
    for (size_t i = 0; i < std::max(actions.size(), types.size()); ++i)
      EXPECT_TRUE(contains(text, "R" + std::to_string(i))) << i;
    for (const auto& code : kInternalCodes) EXPECT_FALSE(contains(text, code)) << code;
    EXPECT_FALSE(contains(text, "audit.action.")) << text;
    EXPECT_FALSE(contains(text, "audit.type.")) << text;
  }
}

// The details the code writes read as words too: a right by its label, an export by its format
// and row count, a period with a dash, a month, a search, a closing day's operation.
TEST_F(AuditPages, DetailsAreInWords) {
  const std::vector<std::pair<std::string, std::string>> details = {
      {"consult_dossiers", "Consulter les dossiers"},
      {"csv 12 type=dossier_list&record=&from=&to=", "CSV : 12 ligne(s)"},
      {"xlsx 2026-04-01..2027-03-31 region 03", "Excel 2026-04-01 – 2027-03-31 — région 03"},
      {"occupation 2026-04", "Mois 2026-04"},
      {"q=beaulieu", "Recherche : beaulieu"},
      {"add", "Ajout"},
      {"immediate, enrolment 12", "Inscription immédiate — Demande d'inscription n° 12"},
      {"deferred, enrolment 13: acc.deferred.unknown_neq",
       "Inscription en attente du Ministère — Demande d'inscription n° 13 : Le NEQ ne figure pas "
       "au registre des entreprises."},
      {"invalid: acc.neq_format",
       "Demande d'inscription refusée : Le numéro d'entreprise du Québec (NEQ) compte 10 "
       "chiffres."}};
  for (size_t i = 0; i < details.size(); ++i)
    row({.user_id = staff_,
         .organization_id = inst_,
         .action = "read",
         .record_type = "dossier",
         .record_id = "D" + std::to_string(i),
         .detail = details[i].first},
        "2026-03-0" + std::to_string(1 + i) + "T15:00:00Z");
  Browser b(port());
  ASSERT_EQ(sign_in(b, kAgent, kAgentPassword).status, 303);
  auto page = b.get("/ministere/journal");
  ASSERT_EQ(page.status, 200);
  for (const auto& [written, words] : details) {
    EXPECT_TRUE(contains(page.body, html(words))) << words;
    EXPECT_FALSE(contains(page.body, html(written))) << written;
  }
  for (const auto& code : kInternalCodes) EXPECT_FALSE(contains(text_of(page.body), code)) << code;
  auto en = b.get("/ministere/journal", kEnglish);
  EXPECT_TRUE(contains(en.body, "CSV: 12 row(s)")) << en.body;
  EXPECT_TRUE(contains(en.body, "Consult records")) << en.body;
}

TEST_F(AuditPages, FiltersUseQuebecDaysAndTheTypeSelect) {
  typical_rows();
  Browser b(port());
  ASSERT_EQ(sign_in(b, kAgent, kAgentPassword).status, 303);
  // 2026-07-01 in Québec: 04:00Z that day to 04:00Z the next.
  auto day = text_of(b.get("/ministere/journal?from=2026-07-01&to=2026-07-01").body);
  EXPECT_TRUE(contains(day, "2026-07-01 12 h 30")) << day;
  EXPECT_TRUE(contains(day, "2026-07-01 23 h 30")) << "04:00Z the next day is still in: " << day;
  EXPECT_FALSE(contains(day, "2026-06-30 23 h 30")) << "03:30Z that day is not: " << day;
  EXPECT_FALSE(contains(day, "2026-01-14")) << day;
  auto lists = b.get("/ministere/journal?type=dossier_list");
  EXPECT_TRUE(contains(lists.body, "<option value=\"dossier_list\" selected>")) << lists.body;
  // Every type with a name is offered, the Portail's too (its module names them in the catalog).
  EXPECT_TRUE(
      contains(lists.body, "<option value=\"family_file\">" + html("Dossier familial (Portail)")))
      << lists.body;
  EXPECT_TRUE(contains(lists.body, "<option value=\"fiche\">")) << lists.body;
  EXPECT_FALSE(contains(lists.body, "<option value=\"other\">")) << lists.body;
  auto lists_text = text_of(lists.body);
  EXPECT_TRUE(contains(lists_text, "2026-07-01 23 h 30")) << lists_text;
  EXPECT_FALSE(contains(lists_text, "12 h 30")) << lists_text;
  auto one = text_of(b.get("/ministere/journal?type=dossier&record=00000099").body);
  EXPECT_TRUE(contains(one, "00000099")) << one;
  EXPECT_FALSE(contains(one, "00000013")) << one;
  auto bad = b.get("/ministere/journal?from=2026-13-01&to=2026-07-01");
  EXPECT_EQ(bad.status, 422);
  // The message names the field and links to it; what was typed stays; only that field is invalid.
  auto errors = bad.body.substr(bad.body.find("id=\"date-errors\""));
  errors = errors.substr(0, errors.find("</div>"));
  EXPECT_TRUE(contains(errors, "<a href=\"#from\">Du</a>")) << errors;
  EXPECT_TRUE(contains(errors, html("n'est pas une date au format AAAA-MM-JJ"))) << errors;
  EXPECT_FALSE(contains(errors, "href=\"#to\"")) << errors;
  auto from = bad.body.substr(bad.body.find("id=\"from\""));
  from = from.substr(0, from.find('>'));
  EXPECT_TRUE(contains(from, "aria-invalid=\"true\"")) << from;
  EXPECT_TRUE(contains(from, "value=\"2026-13-01\"")) << from;
  auto to = bad.body.substr(bad.body.find("id=\"to\""));
  to = to.substr(0, to.find('>'));
  EXPECT_FALSE(contains(to, "aria-invalid")) << to;
  EXPECT_TRUE(contains(to, "value=\"2026-07-01\"")) << to;
}

// A dossier's row links to its page for a viewer who may open it, and only then.
TEST_F(AuditPages, RecordsLinkToTheirPageOnlyForViewersWhoMayOpenThem) {
  typical_rows();
  Browser rse(port());
  ASSERT_EQ(sign_in(rse, kRse, kRsePassword).status, 303);
  auto page = rse.get("/journal");
  EXPECT_TRUE(
      contains(page.body, "<a href=\"" + html("/installations/20000001/dossiers/00000013") + "\">"))
      << page.body;
  EXPECT_TRUE(contains(page.body, "<a href=\"" + html("/installations/20000001/dossiers") + "\">"))
      << page.body;
  EXPECT_EQ(rse.get("/installations/20000001/dossiers").status, 200) << "the link's page opens";
  // The ministry's agent sees the rows but has no right on the installation's dossier pages.
  Browser agent(port());
  ASSERT_EQ(sign_in(agent, kAgent, kAgentPassword).status, 303);
  auto all = agent.get("/ministere/journal");
  EXPECT_TRUE(contains(text_of(all.body), "00000013")) << all.body;
  EXPECT_FALSE(contains(all.body, "href=\"" + html("/installations/"))) << all.body;
  EXPECT_EQ(agent.get("/installations/20000001/dossiers/00000013").status, 403);
}

TEST_F(AuditPages, CsvExportHoldsWhatTheFiltersSelectInThePagesLanguageAndIsAudited) {
  typical_rows();
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  auto page = b.get("/journal?type=dossier");
  EXPECT_TRUE(contains(
      page.body,
      "href=\"" + html("/journal.csv?type=dossier&record=&from=&to=&tri=date&sens=desc") + "\""))
      << page.body;
  auto csv = b.get("/journal.csv?type=dossier&record=&from=&to=");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(contains(csv.header("content-disposition"), "attachment; filename=\"journal-"));
  ASSERT_TRUE(csv.body.starts_with("\xEF\xBB\xBF")) << "UTF-8 with a BOM";
  auto lines = lines_of(csv.body.substr(3));
  ASSERT_EQ(lines.size(), 3u) << csv.body;  // header, the two dossier rows of division 10000001
  EXPECT_EQ(lines[0],
            "Date et heure (heure du Québec),Par,Pour le compte de,Action,Type d'enregistrement,"
            "Enregistrement,Détail,Adresse IP\r");
  EXPECT_TRUE(
      lines[1].starts_with("2026-07-01 12 h 30,Marc Lavoie (E0000002),CPE Les Petits "
                           "Pas — Limoilou (20000001),Consultation,Dossier d'enfant,"
                           "00000013,"))
      << lines[1];
  EXPECT_TRUE(
      lines[2].starts_with("2026-01-14 23 h 59,Code d'accès de synchronisation Logiciel "
                           "Gestion Plus — CPE Les Petits Pas — Limoilou,"))
      << lines[2];
  EXPECT_FALSE(contains(csv.body, "dossier_list"));

  auto en = b.get("/journal.csv?type=dossier", kEnglish);
  ASSERT_EQ(en.status, 200);
  auto en_lines = lines_of(en.body.substr(3));
  EXPECT_EQ(en_lines[0],
            "Date and time (Québec time),By,On behalf of,Action,Record type,Record,Detail,"
            "IP address\r");
  EXPECT_TRUE(contains(en_lines[1], ",Read,Child's dossier,00000013,")) << en_lines[1];

  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND record_type = "
                  "'audit_log' AND detail LIKE $1",
                  "csv 2 type=dossier%"),
            2);
  // The export is in the log it exports.
  auto exports = text_of(b.get("/journal?type=audit_log").body);
  EXPECT_TRUE(contains(exports, "Exportation")) << exports;
  EXPECT_TRUE(contains(exports, "Sophie Tremblay (E0000001)")) << exports;
  EXPECT_EQ(b.get("/journal.csv?from=2026-02-30").status, 400);
  // Another division's RSE exports only their own rows.
  Browser other(port());
  ASSERT_EQ(sign_in(other, kOtherRse, kOtherRsePassword).status, 303);
  auto theirs = other.get("/journal.csv?type=dossier");
  ASSERT_EQ(theirs.status, 200);
  EXPECT_TRUE(contains(theirs.body, "00000099")) << theirs.body;
  EXPECT_FALSE(contains(theirs.body, "00000013")) << theirs.body;
}

// The record numbers ("T1"…) of a log page, in the table's order.
std::vector<std::string> records_of(const std::string& page) {
  static const std::regex record(R"(\bT\d+\b)");
  const auto text = text_of(page.substr(0, page.find("</table>")));
  std::vector<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), record), end; it != end; ++it)
    out.push_back(it->str());
  return out;
}
using Records = std::vector<std::string>;

// Issue 13: each sortable header (Date, Par, Action, Enregistrement) sorts both ways, people in
// French order ("Bélanger" before "Boucher") and actions and record types in the order of their
// labels in the page's language; the filters stay with the sort; the count says how many.
TEST_F(AuditPages, EachColumnSortsBothWaysWithTheFilters) {
  auto c = sql();
  auto person = [&](const std::string& code, const std::string& given, const std::string& surname) {
    access::store::User u;
    u.kind = access::UserKind::enterprise;
    u.user_code = code;
    u.given_name = given;
    u.surname = surname;
    u.organization_id = inst_;
    return access::store::add_user(*c, u, "A long enough password 2026");
  };
  const auto boucher = person("E0000091", "Anne", "Boucher");
  const auto belanger = person("E0000092", "Zoé", "Bélanger");
  row({.user_id = boucher,
       .organization_id = inst_,
       .action = "read",
       .record_type = "dossier",
       .record_id = "T1"},
      "2026-05-01T15:00:00Z");
  row({.user_id = belanger,
       .organization_id = inst_,
       .action = "update",
       .record_type = "closing_days",
       .record_id = "T2"},
      "2026-05-02T15:00:00Z");
  row({.access_code_id = code_,
       .organization_id = inst_,
       .action = "create",
       .record_type = "dossier",
       .record_id = "T3"},
      "2026-05-03T15:00:00Z");
  row({.organization_id = inst_, .action = "export", .record_type = "audit_log", .record_id = "T4"},
      "2026-05-04T15:00:00Z");
  row({.user_id = belanger,
       .organization_id = inst_,
       .action = "read",
       .record_type = "user_rights",
       .record_id = "T5"},
      "2026-05-05T15:00:00Z");
  Browser b(port());
  ASSERT_EQ(sign_in(b, kAgent, kAgentPassword).status, 303);
  auto get = [&](const std::string& query) { return b.get("/ministere/journal" + query).body; };

  // By default the newest first, the time header marked.
  auto first = get("");
  EXPECT_EQ(records_of(first), (Records{"T5", "T4", "T3", "T2", "T1"}));
  EXPECT_TRUE(contains(first, "5 entrée(s)")) << first;
  EXPECT_TRUE(contains(first,
                       "<th scope=\"col\" aria-sort=\"descending\"><a class=\"sort-link\" "
                       "href=\"" +
                           html("/ministere/journal?type=&record=&from=&to=&tri=date&sens=asc") +
                           "\">Date et heure"))
      << first;
  EXPECT_EQ(records_of(get("?tri=date&sens=asc")), (Records{"T1", "T2", "T3", "T4", "T5"}));
  // Par: people by name in French order, then sync access codes, then the rest.
  auto by_who = get("?tri=par&sens=asc");
  EXPECT_EQ(records_of(by_who), (Records{"T2", "T5", "T1", "T3", "T4"}));
  EXPECT_TRUE(contains(by_who, "aria-sort=\"ascending\"><a class=\"sort-link\" href=\"" +
                                   html("/ministere/journal?type=&record=&from=&to=&tri=par&"
                                        "sens=desc") +
                                   "\">Par"))
      << by_who;
  EXPECT_EQ(records_of(get("?tri=par&sens=desc")), (Records{"T4", "T3", "T1", "T5", "T2"}));
  // Action: Consultation, Création, Exportation, Modification in French; Changed, Created,
  // Export, Read in English.
  EXPECT_EQ(records_of(get("?tri=action&sens=asc")), (Records{"T1", "T5", "T3", "T4", "T2"}));
  EXPECT_EQ(records_of(b.get("/ministere/journal?tri=action&sens=asc", kEnglish).body),
            (Records{"T2", "T3", "T4", "T1", "T5"}));
  EXPECT_EQ(records_of(get("?tri=action&sens=desc")), (Records{"T2", "T4", "T3", "T5", "T1"}));
  // Enregistrement: Dossier d'enfant, Droits d'accès, Journal des accès, Jours de fermeture,
  // then the record's number.
  EXPECT_EQ(records_of(get("?tri=enregistrement&sens=asc")),
            (Records{"T1", "T3", "T5", "T4", "T2"}));
  // The filters stay with the sort, and the filter form carries the sort.
  auto dossiers = get("?type=dossier&tri=par&sens=desc");
  EXPECT_EQ(records_of(dossiers), (Records{"T3", "T1"}));
  EXPECT_TRUE(contains(dossiers, "2 entrée(s)")) << dossiers;
  EXPECT_TRUE(contains(dossiers,
                       "<input type=\"hidden\" name=\"tri\" value=\"par\">"
                       "<input type=\"hidden\" name=\"sens\" value=\"desc\">"))
      << dossiers;
  EXPECT_TRUE(contains(dossiers, "href=\"" +
                                     html("/ministere/journal?type=dossier&record=&from=&to=&"
                                          "tri=action&sens=asc") +
                                     "\""))
      << "a header keeps the filters";
  // URL text never reaches SQL: an unknown column is the default order.
  EXPECT_EQ(records_of(get("?tri=a.id%3B%20DROP%20TABLE%20users&sens=asc")),
            (Records{"T1", "T2", "T3", "T4", "T5"}));
  // The CSV follows the sort.
  auto csv = b.get("/ministere/journal.csv?tri=par&sens=asc");
  ASSERT_EQ(csv.status, 200);
  auto lines = lines_of(csv.body.substr(3));
  ASSERT_GE(lines.size(), 6u) << csv.body;
  EXPECT_TRUE(contains(lines[1], "Zoé Bélanger")) << lines[1];
  EXPECT_TRUE(contains(lines[3], "Anne Boucher")) << lines[3];
}

// The log's pager: the total, "1–50 sur 53", the page numbers; a page past the end is the last.
TEST_F(AuditPages, ThePagerShowsTheRangeOfTheTotal) {
  for (int i = 1; i <= 53; ++i)
    row({.user_id = staff_,
         .organization_id = inst_,
         .action = "read",
         .record_type = "dossier",
         .record_id = "T" + std::to_string(i)},
        "2026-04-01T12:" + std::string(i <= 10 ? "0" : "") + std::to_string(i - 1) + ":00Z");
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  auto first = b.get("/journal?tri=date&sens=asc");
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(contains(first.body, "53 entrée(s)")) << first.body;
  EXPECT_TRUE(contains(first.body, "1–50 sur 53")) << first.body;
  EXPECT_EQ(records_of(first.body).size(), 50u);
  EXPECT_TRUE(contains(first.body, "href=\"" +
                                       html("/journal?type=&record=&from=&to=&tri=date&"
                                            "sens=asc&page=2") +
                                       "\" rel=\"next\""))
      << first.body;
  auto second = b.get("/journal?tri=date&sens=asc&page=2");
  EXPECT_TRUE(contains(second.body, "51–53 sur 53")) << second.body;
  EXPECT_EQ(records_of(second.body).size(), 3u);
  auto past = b.get("/journal?tri=date&sens=asc&page=99");
  EXPECT_EQ(records_of(past.body), records_of(second.body)) << "past the end: the last page";
  auto en = b.get("/journal?page=2", kEnglish);
  EXPECT_TRUE(contains(en.body, "51–53 of 53")) << en.body;
  EXPECT_TRUE(contains(en.body, "53 entry(ies)")) << en.body;
}

// The parent reads who consulted their children's records in sentences, not the staff log.
TEST_F(AuditPages, ParentReadsWhoConsultedInPlainWords) {
  typical_rows();
  row({.user_id = agent_,
       .subject_user_id = parent_,
       .action = "read",
       .record_type = "dossier",
       .record_id = "00000013"},
      "2026-08-03T14:05:00Z");
  Browser b(port());
  ASSERT_EQ(sign_in(b, kParent, kParentPassword).status, 303);
  auto page = b.get("/mes-enfants/consultations");
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(contains(page.body, "<table")) << page.body;
  const auto text = text_of(page.body);
  EXPECT_TRUE(contains(text, html("Qui a consulté le dossier de mes enfants"))) << text;
  EXPECT_TRUE(contains(text, "2026-07-01 12 h 30")) << text;
  EXPECT_TRUE(contains(page.body,
                       "<strong>Marc Lavoie</strong>, membre du personnel — CPE Les "
                       "Petits Pas — Limoilou (20000001)"))
      << page.body;
  EXPECT_TRUE(contains(text, html("a consulté le dossier de votre enfant."))) << text;
  EXPECT_TRUE(contains(page.body, html("Le logiciel de gestion du service de garde") +
                                      "</strong> — CPE Les Petits Pas — Limoilou"))
      << page.body;
  EXPECT_TRUE(contains(text, html("a créé le dossier de votre enfant."))) << text;
  EXPECT_TRUE(contains(text, html("Un agent du ministère de la Famille"))) << text;
  EXPECT_FALSE(contains(text, "Julie Gagnon")) << "a ministry agent by role";
  EXPECT_FALSE(contains(text, "Logiciel Gestion Plus")) << "not the code's label";
  EXPECT_FALSE(contains(text, "00000099")) << "another family's row";
  EXPECT_FALSE(contains(text, "192.0.2")) << "no addresses";
  auto en = text_of(b.get("/mes-enfants/consultations", kEnglish).body);
  EXPECT_TRUE(contains(en, html("Who consulted my children's files"))) << en;
  EXPECT_TRUE(contains(en, html("consulted your child's file."))) << en;
  EXPECT_TRUE(contains(en, "2026-07-01 12:30")) << en;
  auto august = text_of(b.get("/mes-enfants/consultations?from=2026-08-01").body);
  EXPECT_TRUE(contains(august, "2026-08-03 10 h 05")) << august;
  EXPECT_FALSE(contains(august, "2026-07-01")) << august;
  EXPECT_EQ(b.get("/journal").status, 403);
  EXPECT_EQ(b.get("/ministere/journal.csv").status, 403);
}

}  // namespace
}  // namespace sgee::test

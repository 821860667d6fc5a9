// Navigation through a real server on the demo data (issue 13): the header menu holds exactly
// what each role may open, marks the current page, shows the sub-menu of the installation the URL
// names; "Mon compte"; breadcrumbs on nested pages; 403 and 404 pages keep the signed-in header;
// each role's dashboard. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <set>

#include "browser.hpp"

namespace sgee::test {
namespace {

const std::string kAgent = "M0000001", kAgentPassword = "Ministere-demo-2026";
const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";  // consults 20000001
const std::string kBcRse = "E0000004", kBcRsePassword = "Rse-bc-capitale-2026";
const std::string kRsge = "E0000005", kRsgePassword = "Rsge-marie-2026";
const std::string kParent = "parent@example.test", kParentPassword = "Parent-demo-2026";

// A page as its links read: mstch writes "/" in attribute values as "&#x2F;".
std::string plain(std::string body) {
  for (auto at = body.find("&#x2F;"); at != std::string::npos; at = body.find("&#x2F;", at))
    body.replace(at, 6, "/");
  return body;
}

// The part of `body` between `start` and the next `end`; empty when `start` is not there.
std::string between(const std::string& body, const std::string& start, const std::string& end) {
  auto from = body.find(start);
  if (from == std::string::npos) return "";
  auto to = body.find(end, from + start.size());
  return body.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

// The links (href values) in a piece of HTML, in order.
std::vector<std::string> hrefs(const std::string& part) {
  std::vector<std::string> out;
  for (auto at = part.find("href=\""); at != std::string::npos; at = part.find("href=\"", at)) {
    at += 6;
    out.push_back(part.substr(at, part.find('"', at) - at));
  }
  return out;
}

int count_of(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

std::string main_menu(const std::string& body) {
  return between(body, "<nav aria-label=\"Menu principal\">", "</nav>");
}
std::string sub_menu(const std::string& body) {
  return between(body, "<div class=\"sub-menu\">", "</div>");
}
std::string breadcrumbs(const std::string& body) {
  return between(body, "<nav aria-label=\"" + html("Fil d'Ariane") + "\"", "</nav>");
}

using Links = std::vector<std::string>;

class Navigation : public DemoServer {
 protected:
  Browser as(const std::string& login, const std::string& password) {
    Browser b(port());
    auto r = sign_in(b, login, password);
    EXPECT_EQ(r.status, 303) << login;
    EXPECT_EQ(r.header("location"), "/tableau-de-bord") << login;
    return b;
  }
  std::string first_dossier(const std::string& installation) {
    return sql()
        ->run(
            "SELECT d.ref FROM dossiers d JOIN organizations o ON o.id = d.organization_id WHERE "
            "o.number = $1 ORDER BY d.ref LIMIT 1",
            installation)
        .first()
        .str(0);
  }
};

TEST_F(Navigation, TheHeaderMenuHoldsExactlyWhatEachRoleMayOpen) {
  struct Case {
    std::string login, password;
    Links menu;
  };
  const std::vector<Case> cases = {
      {kAgent,
       kAgentPassword,
       {"/tableau-de-bord", "/ministere/inscriptions", "/ministere/organisations",
        "/ministere/occupation", "/ministere/places", "/ministere/admissions-hors-rang",
        "/ministere/mes", "/ministere/journal"}},
      {kRse,
       kRsePassword,
       {"/tableau-de-bord", "/installations/20000001/dossiers", "/installations/20000002/dossiers",
        "/messages", "/codes-acces", "/droits", "/journal"}},
      // Consult-only staff: their installation, no Codes d'accès, Droits or Journal.
      {kStaff, kStaffPassword, {"/tableau-de-bord", "/installations/20000001/dossiers"}},
      // A BC's RSE: the BC and its RSGE (an RSGE has no dossier list: her occupation).
      {kBcRse,
       kBcRsePassword,
       {"/tableau-de-bord", "/installations/30000001/dossiers",
        "/installations/40000001/occupation", "/installations/40000002/occupation", "/messages",
        "/codes-acces", "/adhesion-rsge", "/droits", "/journal"}},
      // An RSGE: her service, her authorization to her BC; no sync codes (her BC's cover her).
      {kRsge,
       kRsgePassword,
       {"/tableau-de-bord", "/installations/40000001/occupation", "/messages",
        "/rsge/40000001/mandat", "/droits", "/journal"}},
      {kParent,
       kParentPassword,
       {"/tableau-de-bord", "/famille", "/famille/propositions", "/messages",
        "/mes-enfants/consultations"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.login);
    auto b = as(c.login, c.password);
    auto dash = b.get("/tableau-de-bord");
    ASSERT_EQ(dash.status, 200);
    EXPECT_EQ(hrefs(main_menu(plain(dash.body))), c.menu) << main_menu(plain(dash.body));
    // "Mon compte" and sign-out beside the name, on every page.
    auto account =
        between(plain(dash.body), "<nav aria-label=\"Mon compte\" class=\"account\">", "</nav>");
    EXPECT_EQ(hrefs(account), Links{"/mon-compte"}) << account;
    EXPECT_TRUE(contains(account, "action=\"/deconnexion\""));
    // Every entry opens.
    for (const auto& href : c.menu) EXPECT_EQ(b.get(href).status, 200) << href;
  }
}

TEST_F(Navigation, RightsGrantedLaterShowInTheMenuAtTheNextPage) {
  auto b = as(kStaff, kStaffPassword);
  EXPECT_FALSE(contains(main_menu(b.get("/tableau-de-bord").body), "/codes-acces"));
  sql()->run(
      "INSERT INTO user_rights (user_id, organization_id, right_name, granted_at) SELECT u.id, "
      "o.id, 'manage_access_codes', '2026-01-01T00:00:00Z' FROM users u, organizations o WHERE "
      "u.user_code = $1 AND o.number = "
      "'20000001'",
      kStaff);
  auto page = b.get("/installations/20000001/dossiers");
  EXPECT_EQ(hrefs(main_menu(plain(page.body))),
            (Links{"/tableau-de-bord", "/installations/20000001/dossiers", "/codes-acces"}));
  EXPECT_FALSE(contains(main_menu(plain(page.body)), "/droits"));
}

TEST_F(Navigation, TheCurrentPageAndSectionAreMarked) {
  auto b = as(kRse, kRsePassword);
  auto codes = b.get("/codes-acces");
  EXPECT_TRUE(
      contains(main_menu(plain(codes.body)), "<a href=\"/codes-acces\" aria-current=\"page\">"))
      << main_menu(plain(codes.body));
  EXPECT_EQ(count_of(main_menu(plain(codes.body)), "aria-current"), 1);
  auto dash = b.get("/tableau-de-bord");
  EXPECT_TRUE(
      contains(main_menu(plain(dash.body)), "<a href=\"/tableau-de-bord\" aria-current=\"page\">"));
  // Within an installation: the installation's entry is the current section, its sub-menu marks
  // the page.
  auto list = b.get("/installations/20000001/dossiers");
  EXPECT_TRUE(contains(main_menu(plain(list.body)),
                       "<a href=\"/installations/20000001/dossiers\" aria-current=\"page\">"));
  auto ref = first_dossier("20000001");
  auto one = b.get("/installations/20000001/dossiers/" + ref);
  ASSERT_EQ(one.status, 200);
  EXPECT_TRUE(contains(main_menu(plain(one.body)),
                       "<a href=\"/installations/20000001/dossiers\" aria-current=\"true\">"));
  EXPECT_TRUE(contains(sub_menu(plain(one.body)),
                       "<a href=\"/installations/20000001/dossiers\" aria-current=\"true\">"));
  auto account = b.get("/mon-compte");
  EXPECT_TRUE(contains(plain(account.body), "<a href=\"/mon-compte\" aria-current=\"page\">"));
}

TEST_F(Navigation, AnInstallationsPagesShowItsSubMenuAsTheUserMay) {
  auto staff = as(kStaff, kStaffPassword);
  auto list = staff.get("/installations/20000001/dossiers");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(contains(sub_menu(plain(list.body)), html("CPE Les Petits Pas — Limoilou")));
  EXPECT_EQ(
      hrefs(sub_menu(plain(list.body))),
      (Links{"/installations/20000001/dossiers", "/installations/20000001/occupation",
             "/installations/20000001/fermetures", "/installations/20000001/reservations-cisss"}));
  EXPECT_TRUE(contains(sub_menu(plain(list.body)),
                       "<a href=\"/installations/20000001/dossiers\" aria-current=\"page\">"));
  // A BC has no closing days of its own (seed 004); it confirms its RSGE's admissions (POR-06).
  auto bc = as(kBcRse, kBcRsePassword);
  auto bc_list = bc.get("/installations/30000001/dossiers");
  ASSERT_EQ(bc_list.status, 200);
  EXPECT_EQ(hrefs(sub_menu(plain(bc_list.body))),
            (Links{"/installations/30000001/dossiers", "/installations/30000001/occupation",
                   "/installations/30000001/reservations-cisss", "/bc/30000001/admissions",
                   "/installations/30000001/mes"}));  // issue 16: MES for its RSGE
  // Pages outside an installation have none.
  EXPECT_EQ(sub_menu(bc.get("/codes-acces").body), "");
}

TEST_F(Navigation, MonCompteShowsWhoIAmAndMySecurity) {
  auto b = as(kRse, kRsePassword);
  auto page = b.get("/mon-compte");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(plain(page.body), "<h1>Mon compte</h1>"));
  EXPECT_TRUE(contains(plain(page.body), "Sophie Tremblay"));
  EXPECT_TRUE(contains(plain(page.body), "<code>E0000001</code>"));
  EXPECT_TRUE(contains(plain(page.body), html("CPE Les Petits Pas")));
  EXPECT_TRUE(contains(plain(page.body), html("Responsable des services électroniques (RSE)")));
  EXPECT_TRUE(contains(plain(page.body), html("Activée — Exigée pour votre rôle.")));
  EXPECT_TRUE(contains(plain(page.body), "href=\"/mot-de-passe\""));
  EXPECT_TRUE(contains(plain(page.body), "href=\"/securite/deux-etapes\""));
  auto english = b.get("/mon-compte?lang=en");
  EXPECT_TRUE(contains(plain(english.body), "<h1>My account</h1>"));
  EXPECT_TRUE(contains(plain(english.body), "Electronic services officer (RSE)"));
  // A parent: e-mail, no user code, no second factor to manage.
  auto parent = as(kParent, kParentPassword);
  auto mine = parent.get("/mon-compte");
  ASSERT_EQ(mine.status, 200);
  EXPECT_TRUE(contains(plain(mine.body), "parent@example.test"));
  EXPECT_FALSE(contains(plain(mine.body), html("Code d'utilisateur")));
  EXPECT_FALSE(contains(plain(mine.body), "/securite/deux-etapes"));
  // Anonymous: sign in first.
  Browser anonymous(port());
  auto r = anonymous.get("/mon-compte");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/connexion?next=%2Fmon-compte");
}

TEST_F(Navigation, NotFoundAndForbiddenPagesKeepTheSignedInHeader) {
  auto staff = as(kStaff, kStaffPassword);
  for (const std::string target :
       {"/nulle-part", "/installations/20000001/nulle-part", "/installations/99999999/dossiers"}) {
    SCOPED_TRACE(target);
    auto r = staff.get(target);
    EXPECT_EQ(r.status, 404);
    EXPECT_TRUE(contains(plain(r.body), "Marc Lavoie")) << plain(r.body);
    EXPECT_EQ(hrefs(main_menu(plain(r.body))),
              (Links{"/tableau-de-bord", "/installations/20000001/dossiers"}));
    EXPECT_TRUE(
        contains(plain(r.body), "<a href=\"/tableau-de-bord\">Retour au tableau de bord</a>"));
    EXPECT_TRUE(contains(plain(r.body), "action=\"/deconnexion\""));
  }
  // 403: a consult-only member on the rights page, on another provider's installation.
  for (const std::string target : {"/droits", "/installations/20000003/dossiers"}) {
    SCOPED_TRACE(target);
    auto r = staff.get(target);
    EXPECT_EQ(r.status, 403);
    EXPECT_TRUE(contains(plain(r.body), "Marc Lavoie"));
    EXPECT_FALSE(main_menu(plain(r.body)).empty());
    EXPECT_TRUE(
        contains(plain(r.body), "<a href=\"/tableau-de-bord\">Retour au tableau de bord</a>"));
  }
  // Anonymous: no menu, back to the home page.
  Browser anonymous(port());
  auto r = anonymous.get("/nulle-part");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(main_menu(plain(r.body)), "");
  EXPECT_TRUE(contains(plain(r.body), "<a href=\"/\">" + html("Retour à l'accueil") + "</a>"));
  // JSON clients still get JSON.
  auto json = staff.get("/nulle-part", {{"Accept", "application/json"}});
  EXPECT_EQ(json.status, 404);
  EXPECT_TRUE(contains(plain(json.body), "\"not_found\""));
}

TEST_F(Navigation, NestedPagesCarryTheirBreadcrumbs) {
  auto b = as(kStaff, kStaffPassword);
  auto r = sql()->run(
      "SELECT d.ref, d.child_given_name || ' ' || d.child_surname FROM dossiers d JOIN "
      "organizations o ON o.id = d.organization_id WHERE o.number = '20000001' ORDER BY d.ref "
      "LIMIT 1");
  std::string ref = r.first().str(0), child = r.first().str(1);
  auto one = b.get("/installations/20000001/dossiers/" + ref);
  auto crumbs = breadcrumbs(plain(one.body));
  ASSERT_FALSE(crumbs.empty()) << plain(one.body);
  EXPECT_TRUE(contains(crumbs, "<ol>"));
  EXPECT_EQ(hrefs(crumbs), (Links{"/tableau-de-bord", "/tableau-de-bord#org-20000001",
                                  "/installations/20000001/dossiers"}));
  EXPECT_TRUE(contains(crumbs, html("CPE Les Petits Pas — Limoilou")));
  EXPECT_TRUE(contains(crumbs, "<span aria-current=\"page\">" + html(child) + "</span>"));
  // The child's month: one step further.
  auto month = b.get("/installations/20000001/dossiers/" + ref + "/occupation");
  ASSERT_EQ(month.status, 200);
  EXPECT_EQ(hrefs(breadcrumbs(plain(month.body))),
            (Links{"/tableau-de-bord", "/tableau-de-bord#org-20000001",
                   "/installations/20000001/dossiers", "/installations/20000001/dossiers/" + ref}));
  // A user's rights, for the RSE; the ministry's organization.
  auto rse = as(kRse, kRsePassword);
  auto staff_id = sql()->run("SELECT id FROM users WHERE user_code = $1", kStaff).first().i64(0);
  auto rights = rse.get("/droits/" + std::to_string(staff_id));
  ASSERT_EQ(rights.status, 200);
  EXPECT_EQ(hrefs(breadcrumbs(plain(rights.body))), (Links{"/tableau-de-bord", "/droits"}));
  EXPECT_TRUE(
      contains(breadcrumbs(plain(rights.body)), "<span aria-current=\"page\">Marc Lavoie</span>"));
  auto agent = as(kAgent, kAgentPassword);
  auto org = agent.get("/ministere/organisations/20000001");
  EXPECT_EQ(hrefs(breadcrumbs(plain(org.body))),
            (Links{"/tableau-de-bord", "/ministere/organisations"}));
  // A top page has none.
  EXPECT_EQ(breadcrumbs(b.get("/tableau-de-bord").body), "");
  // The breadcrumbs are the way back: no "Retour à …" link repeats one of their steps.
  for (const auto& page : {one.body, month.body, rights.body, org.body}) {
    EXPECT_FALSE(contains(page, "Retour")) << page;
    EXPECT_FALSE(contains(page, "Back to")) << page;
  }
}

TEST_F(Navigation, EachRolesDashboardIsAStartingPoint) {
  auto rsge = as(kRsge, kRsgePassword);
  auto dash = rsge.get("/tableau-de-bord");
  EXPECT_TRUE(contains(plain(dash.body), html("Service de garde Marie Tremblay")));
  EXPECT_TRUE(contains(plain(dash.body), "href=\"/installations/40000001/occupation\""));
  EXPECT_TRUE(contains(plain(dash.body), "href=\"/rsge/40000001/mandat\""));
  EXPECT_TRUE(contains(plain(dash.body), html("Consultez l'occupation de votre service de garde")));
  EXPECT_TRUE(contains(plain(dash.body), "<h2>Mon service de garde</h2>")) << "her one service";
  EXPECT_FALSE(contains(plain(dash.body), "Mes installations"));
  auto parent = as(kParent, kParentPassword);
  auto home = parent.get("/tableau-de-bord");
  EXPECT_TRUE(contains(plain(home.body), "href=\"/mes-enfants/consultations\""));
  EXPECT_TRUE(contains(plain(home.body), "href=\"/mon-compte\""));
  EXPECT_FALSE(contains(plain(home.body), html("Aucun droit d'accès")))
      << "a parent holds no rights";
  EXPECT_FALSE(contains(plain(home.body), html("validation en deux étapes")))
      << "no promise of a second factor a parent does not have";
  auto staff = as(kStaff, kStaffPassword);
  auto mine = staff.get("/tableau-de-bord");
  EXPECT_TRUE(contains(plain(mine.body), "id=\"org-20000001\""));
  EXPECT_TRUE(contains(plain(mine.body), "href=\"/installations/20000001/dossiers\""));
  EXPECT_FALSE(contains(plain(mine.body), "href=\"/droits\""));
}

}  // namespace
}  // namespace sgee::test

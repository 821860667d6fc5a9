// The fiche descriptive through a real server on the demo data (issue 14, POR-02, POR-07, seed
// 001): a provider fills, saves, publishes and withdraws its fiche, each change versioned and
// audited; every refusal; the public page shows the core and the visible fields only, nothing
// before publishing, and never an RSGE's address; the BC follows its RSGE's adhesion. On SQLite
// and PostgreSQL.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "browser.hpp"
#include "geo/geo.hpp"
#include "privacy.hpp"

namespace sgee::test {
namespace {

using nlohmann::json;

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";  // 20000001, 20000002
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";  // consults 20000001
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";  // 20000003
const std::string kBcRse = "E0000004", kBcRsePassword = "Rse-bc-capitale-2026";
const std::string kRsge = "E0000005", kRsgePassword = "Rsge-marie-2026";  // 40000001
const std::string kParent = "parent@example.test", kParentPassword = "Parent-demo-2026";
const std::string kMinistry = "M0000001", kMinistryPassword = "Ministere-demo-2026";

// A fiche as the edit form posts it.
Fields fiche_form(const std::string& csrf, const std::string& operation,
                  const std::vector<std::string>& visible) {
  Fields f = {{"csrf", csrf},
              {"operation", operation},
              {"opens_at", "07:00"},
              {"closes_at", "18:00"},
              {"periods", "day"},
              {"periods", "evening"},
              {"group_composition", "Un groupe de poupons, quatre groupes de 18 à 59 mois."},
              {"languages", "fr"},
              {"languages", "en"},
              {"presentation", "Une installation lumineuse près du parc."},
              {"free_0_17", "1"},
              {"free_18_59", "2"}};
  for (const char* d : {"0", "1", "2", "3", "4"}) f.emplace_back("days", d);
  for (const auto& v : visible) f.emplace_back("visible", v);
  return f;
}

class FichePages : public DemoServer {
 protected:
  std::int64_t version_of(const std::string& number) {
    auto r = sql()->run(
        "SELECT f.version FROM fiches f JOIN organizations o ON o.id = f.organization_id WHERE "
        "o.number = $1",
        number);
    return r.empty() ? 0 : r.first().i64(0);
  }
  bool published(const std::string& number) {
    return count(
               "SELECT COUNT(*) FROM fiches f JOIN organizations o ON o.id = f.organization_id "
               "WHERE o.number = $1 AND f.published = 1",
               number) == 1;
  }
  std::int64_t versions(const std::string& number) {
    return count(
        "SELECT COUNT(*) FROM fiche_versions v JOIN organizations o ON o.id = v.organization_id "
        "WHERE o.number = $1",
        number);
  }
  std::int64_t audits(const std::string& number) {
    return count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'fiche' AND record_id = $1",
                 number);
  }
  void forget_fiche(const std::string& number) {
    auto c = sql();
    c->run(
        "DELETE FROM fiche_versions WHERE organization_id = (SELECT id FROM organizations WHERE "
        "number = $1)",
        number);
    c->run(
        "DELETE FROM fiches WHERE organization_id = (SELECT id FROM organizations WHERE number = "
        "$1)",
        number);
  }
};

TEST_F(FichePages, POR_02_AnRseFillsSavesPublishesAndWithdrawsItsFiche) {
  forget_fiche("20000002");
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  const std::string url = "/installations/20000002/fiche";
  auto page = b.get(url);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "id=\"total-places\">45<")) << "5 + 40, from the permit";
  EXPECT_TRUE(contains(page.body, "Publier ma fiche"));
  EXPECT_FALSE(contains(page.body, "name=\"daily_rate\"")) << "a CPE: the reduced contribution";
  EXPECT_FALSE(contains(page.body, "name=\"places")) << "the permit's places are not a field";
  // Saved, not published: nothing public yet.
  auto saved = b.post(url, fiche_form(hidden_csrf(page.body), "save", {"periods", "languages"}));
  ASSERT_EQ(saved.status, 303);
  EXPECT_EQ(saved.header("location"), url + "?enregistre=1");
  EXPECT_EQ(version_of("20000002"), 1);
  EXPECT_FALSE(published("20000002"));
  EXPECT_EQ(versions("20000002"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'fiche' AND record_id = $1 "
                  "AND action = 'create'",
                  "20000002"),
            1);
  Browser visitor(port());
  auto before = visitor.get("/milieux/20000002");
  ASSERT_EQ(before.status, 200);
  EXPECT_TRUE(contains(before.body, html("Ce milieu n'a pas encore publié sa fiche")));
  EXPECT_TRUE(contains(before.body, html("CPE Les Petits Pas — Charlesbourg")));
  EXPECT_FALSE(contains(before.body, "Une installation lumineuse"));
  EXPECT_FALSE(contains(before.body, "7 h 00"));
  // "Publier ma fiche" saves what is typed and publishes it; rates stay hidden.
  page = b.get(url + "?enregistre=1");
  EXPECT_TRUE(contains(page.body, html("Votre fiche est enregistrée.")));
  auto pub = b.post(url, fiche_form(hidden_csrf(page.body), "publish",
                                    {"periods", "languages", "presentation", "free_places"}));
  ASSERT_EQ(pub.status, 303);
  EXPECT_EQ(pub.header("location"), url + "?publiee=1");
  EXPECT_EQ(version_of("20000002"), 2);
  EXPECT_TRUE(published("20000002"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM fiches f JOIN organizations o ON o.id = "
                  "f.organization_id WHERE o.number = $1 AND f.map_latitude IS NOT NULL AND "
                  "f.published_at IS NOT NULL",
                  "20000002"),
            1)
      << "the map position is set in the same transaction";
  auto data = json::parse(sql()
                              ->run("SELECT v.data FROM fiche_versions v JOIN organizations o ON "
                                    "o.id = v.organization_id WHERE o.number = $1 AND "
                                    "v.version = 2",
                                    "20000002")
                              .first()
                              .str(0));
  EXPECT_EQ(data["published"], true);
  EXPECT_EQ(data["opening_days"], "1111100");
  EXPECT_EQ(data["periods"], json({"day", "evening"}));
  EXPECT_EQ(data["visible"], "periods,languages,presentation,free_places");
  EXPECT_EQ(data["free_18_59"], 2);
  EXPECT_EQ(audits("20000002"), 2);
  // The RSE's journal finds them under their own type.
  auto journal = b.get("/journal?type=fiche");
  ASSERT_EQ(journal.status, 200);
  EXPECT_TRUE(contains(journal.body, "<option value=\"fiche\" selected>Fiche descriptive</option>"))
      << journal.body;
  EXPECT_TRUE(contains(journal.body, html("Fiche publiée")));
  auto pub_page = visitor.get("/milieux/20000002");
  ASSERT_EQ(pub_page.status, 200);
  EXPECT_FALSE(contains(pub_page.body, html("n'a pas encore publié")));
  EXPECT_TRUE(contains(pub_page.body, "lundi, mardi, mercredi, jeudi, vendredi"));
  EXPECT_TRUE(contains(pub_page.body, "7 h 00 à 18 h 00"));
  EXPECT_TRUE(contains(pub_page.body, "id=\"fiche-places\">45"));
  EXPECT_TRUE(contains(pub_page.body, "Soir"));
  EXPECT_TRUE(contains(pub_page.body, "Anglais"));
  EXPECT_TRUE(contains(pub_page.body, "Une installation lumineuse près du parc."));
  EXPECT_TRUE(contains(pub_page.body, "id=\"fiche-free\""));
  EXPECT_FALSE(contains(pub_page.body, "id=\"fiche-rates\"")) << "rates hidden";
  EXPECT_FALSE(contains(pub_page.body, "Un groupe de poupons")) << "group composition hidden";
  EXPECT_TRUE(
      contains(pub_page.body, "href=\"" + html("/connexion?next=%2Fmilieux%2F20000002") + "\""));
  EXPECT_TRUE(contains(pub_page.body, "href=\"/carte\""));
  // A later save keeps it published; switching the presentation off hides it at once.
  page = b.get(url);
  EXPECT_TRUE(contains(page.body, "id=\"fiche-withdraw\""));
  ASSERT_EQ(b.post(url, fiche_form(hidden_csrf(page.body), "save", {"rates"})).status, 303);
  EXPECT_TRUE(published("20000002"));
  EXPECT_EQ(version_of("20000002"), 3);
  pub_page = visitor.get("/milieux/20000002");
  EXPECT_FALSE(contains(pub_page.body, "Une installation lumineuse"));
  EXPECT_TRUE(contains(pub_page.body, "id=\"fiche-rates\""));
  EXPECT_TRUE(contains(pub_page.body, html("la contribution réduite s'applique")));
  EXPECT_TRUE(contains(pub_page.body, "7 h 00 à 18 h 00")) << "the core is always shown";
  // "Retirer ma fiche" asks first, then hides it; a new version and an audit row.
  Fields withdraw = {{"csrf", hidden_csrf(page.body)}, {"operation", "withdraw"}};
  auto ask = b.post(url, withdraw);
  ASSERT_EQ(ask.status, 200);
  EXPECT_TRUE(contains(ask.body, "name=\"confirme\" value=\"1\""));
  EXPECT_TRUE(published("20000002")) << "nothing changes before the answer";
  withdraw.emplace_back("confirme", "1");
  auto done = b.post(url, withdraw);
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.header("location"), url + "?retiree=1");
  EXPECT_FALSE(published("20000002"));
  EXPECT_EQ(version_of("20000002"), 4);
  EXPECT_EQ(versions("20000002"), 4);
  EXPECT_EQ(audits("20000002"), 4);
  EXPECT_TRUE(contains(visitor.get("/milieux/20000002").body,
                       html("Ce milieu n'a pas encore publié sa fiche")));
}

TEST_F(FichePages, POR_02_BadValuesNameTheFieldAndNothingSavedIsLost) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  const std::string url = "/installations/20000001/fiche";
  auto page = b.get(url);
  ASSERT_EQ(page.status, 200);
  auto version = version_of("20000001");
  auto stored_before = sql()
                           ->run(
                               "SELECT presentation, opens_at FROM fiches f JOIN organizations "
                               "o ON o.id = f.organization_id WHERE o.number = '20000001'")
                           .first();
  auto form = fiche_form(hidden_csrf(page.body), "save", {"periods"});
  for (auto& [k, v] : form) {
    if (k == "opens_at") v = "7h";
    if (k == "free_0_17") v = "99";
    if (k == "presentation") v = "Mon nouveau texte";
  }
  form.emplace_back("daily_rate", "45");
  auto bad = b.post(url, form);
  ASSERT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, "role=\"alert\""));
  EXPECT_TRUE(contains(bad.body, html("Heure d'ouverture : écrivez l'heure sous la forme HH:MM")));
  EXPECT_TRUE(contains(bad.body, html("Places libres : pas plus que les places")));
  EXPECT_TRUE(contains(bad.body, html("Tarif quotidien : les places subventionnées")));
  EXPECT_TRUE(contains(bad.body, "href=\"#opens_at\""));
  EXPECT_TRUE(contains(bad.body, "value=\"7h\"")) << "what was typed stays in the form";
  EXPECT_TRUE(contains(bad.body, "Mon nouveau texte"));
  EXPECT_EQ(version_of("20000001"), version) << "nothing saved";
  auto stored_after = sql()
                          ->run(
                              "SELECT presentation, opens_at FROM fiches f JOIN organizations "
                              "o ON o.id = f.organization_id WHERE o.number = '20000001'")
                          .first();
  EXPECT_EQ(stored_after.str(0), stored_before.str(0));
  EXPECT_EQ(stored_after.str(1), stored_before.str(1));
  // A published fiche keeps its core: no day, no publishing.
  Fields no_days;
  for (const auto& [k, v] : fiche_form(hidden_csrf(page.body), "save", {}))
    if (k != "days") no_days.emplace_back(k, v);
  auto core = b.post(url, no_days);
  ASSERT_EQ(core.status, 422);
  EXPECT_TRUE(contains(core.body, html("Jours d'ouverture : cochez au moins un jour")));
  EXPECT_EQ(version_of("20000001"), version);
  // In English too.
  auto en = b.post(url + "?lang=en", form);
  ASSERT_EQ(en.status, 422);
  EXPECT_TRUE(contains(en.body, html("Opening time: write the time as HH:MM")));
  // An unknown operation is a bad request.
  auto odd = fiche_form(hidden_csrf(page.body), "erase", {});
  EXPECT_EQ(b.post(url, odd).status, 400);
  EXPECT_EQ(version_of("20000001"), version);
}

TEST_F(FichePages, POR_02_OnlyThoseWhoManageTheFicheMayOpenOrChangeIt) {
  const std::string url = "/installations/20000001/fiche";
  auto version = version_of("20000001");
  // Anonymous: asked to sign in, nothing changes.
  Browser anonymous(port());
  auto r = anonymous.get(url);
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(r.header("location").starts_with("/connexion"));
  anonymous.get("/connexion");
  auto p = anonymous.post(url, fiche_form(anonymous.jar.get("sgee_csrf"), "save", {}));
  EXPECT_TRUE(p.status == 303 || p.status == 401 || p.status == 403) << p.status;
  // A staff member who consults the dossiers but does not manage the fiche: 403.
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(staff.get(url).status, 403);
  auto dash = staff.get("/tableau-de-bord");
  EXPECT_FALSE(contains(dash.body, html(url))) << "no link to what they may not open";
  EXPECT_EQ(staff.post(url, fiche_form(hidden_csrf(dash.body), "save", {})).status, 403);
  // Another division's RSE: 403 on ours, 200 on its own.
  Browser other(port());
  ASSERT_EQ(sign_in(other, kOtherRse, kOtherRsePassword).status, 303);
  EXPECT_EQ(other.get(url).status, 403);
  auto own = other.get("/installations/20000003/fiche");
  EXPECT_EQ(own.status, 200);
  EXPECT_EQ(other.post(url, fiche_form(hidden_csrf(own.body), "publish", {})).status, 403);
  // A parent and a ministry agent: 403.
  Browser parent(port());
  ASSERT_EQ(sign_in(parent, kParent, kParentPassword).status, 303);
  EXPECT_EQ(parent.get(url).status, 403);
  Browser ministry(port());
  ASSERT_EQ(sign_in(ministry, kMinistry, kMinistryPassword).status, 303);
  EXPECT_EQ(ministry.get(url).status, 403);
  // A BC has no fiche: its number is not one this page serves.
  Browser bc(port());
  ASSERT_EQ(sign_in(bc, kBcRse, kBcRsePassword).status, 303);
  EXPECT_EQ(bc.get("/installations/30000001/fiche").status, 404);
  EXPECT_EQ(bc.get("/installations/10000003/fiche").status, 404);
  // POR-05: the BC manages the fiche of the RSGE who gave it her mandate, not the other's.
  auto rsge_page = bc.get("/installations/40000001/fiche");
  EXPECT_EQ(rsge_page.status, 200);
  EXPECT_EQ(bc.get("/installations/40000002/fiche").status, 403);
  EXPECT_EQ(bc.post("/installations/40000002/fiche",
                    fiche_form(hidden_csrf(rsge_page.body), "publish", {}))
                .status,
            403);
  EXPECT_EQ(versions("40000002"), 0);
  // The RSGE manages her own, not her neighbour's.
  Browser rsge(port());
  ASSERT_EQ(sign_in(rsge, kRsge, kRsgePassword).status, 303);
  auto hers = rsge.get("/installations/40000001/fiche");
  EXPECT_EQ(hers.status, 200);
  EXPECT_TRUE(contains(hers.body, "id=\"total-places\">6<")) << "her recognition's places";
  EXPECT_EQ(rsge.get("/installations/40000002/fiche").status, 403);
  EXPECT_TRUE(contains(rsge.get("/tableau-de-bord").body, html("/installations/40000001/fiche")));
  // A missing or wrong CSRF token: 403, nothing saved.
  Browser rse(port());
  ASSERT_EQ(sign_in(rse, kRse, kRsePassword).status, 303);
  auto mine = rse.get(url);
  ASSERT_EQ(mine.status, 200);
  auto no_token = fiche_form("", "save", {});
  EXPECT_EQ(rse.post(url, no_token).status, 403);
  EXPECT_EQ(
      rse.post(url, fiche_form(std::string(hidden_csrf(mine.body).size(), 'f'), "save", {})).status,
      403);
  EXPECT_EQ(version_of("20000001"), version);
  EXPECT_TRUE(contains(rse.get("/tableau-de-bord").body, html(url)))
      << "the RSE's dashboard links it";
  // Given "Gérer la fiche et les admissions", the staff member may.
  sql()->run(
      "INSERT INTO user_rights (user_id, organization_id, right_name, granted_by, granted_at) "
      "SELECT u.id, o.id, 'manage_admissions', u.id, '2026-01-01T00:00:00Z' FROM users u, "
      "organizations o WHERE u.user_code = $1 AND o.number = '20000001'",
      kStaff);
  auto now = staff.get(url);
  ASSERT_EQ(now.status, 200);
  EXPECT_EQ(staff.post(url, fiche_form(hidden_csrf(now.body), "save", {})).status, 303);
  EXPECT_EQ(version_of("20000001"), version + 1);
  EXPECT_EQ(staff.get("/installations/20000002/fiche").status, 403) << "on that installation only";
}

TEST_F(FichePages, POR_07_ThePublicPageServesInstallationsAndRsgeOnly) {
  Browser visitor(port());
  EXPECT_EQ(visitor.get("/milieux/99999999").status, 404);
  EXPECT_EQ(visitor.get("/milieux/30000001").status, 404) << "a BC";
  EXPECT_EQ(visitor.get("/milieux/10000001").status, 404) << "a division";
  EXPECT_EQ(visitor.get("/milieux/2000000").status, 404);
  EXPECT_EQ(visitor.get("/milieux/abc").status, 404);
  // An RSGE who never started her fiche: the notice, her name and kind, nothing else.
  auto notice = visitor.get("/milieux/40000002");
  ASSERT_EQ(notice.status, 200);
  EXPECT_TRUE(contains(notice.body, html("Ce milieu n'a pas encore publié sa fiche")));
  EXPECT_TRUE(contains(notice.body, "Service de garde Karine Roy"));
  EXPECT_TRUE(contains(notice.body, html("Service de garde en milieu familial (RSGE)")));
  EXPECT_FALSE(contains(notice.body, "fiche-choose"));
  // A signed-in parent: "Ajouter à mes choix", a plain GET form to the family file.
  Browser parent(port());
  ASSERT_EQ(sign_in(parent, kParent, kParentPassword).status, 303);
  auto page = parent.get("/milieux/40000001");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "<form method=\"get\" action=\"/famille/choix\">"));
  EXPECT_TRUE(contains(page.body, "name=\"milieu\" value=\"40000001\""));
  EXPECT_TRUE(contains(page.body, "Ajouter à mes choix"));
  EXPECT_FALSE(contains(page.body, "Connectez-vous pour ajouter"));
  auto anon = visitor.get("/milieux/40000001");
  EXPECT_TRUE(contains(anon.body, "Connectez-vous pour ajouter ce milieu à vos choix"));
  EXPECT_FALSE(contains(anon.body, "action=\"/famille/choix\""));
  EXPECT_TRUE(contains(anon.body, "Québec")) << "her municipality";
  auto en = visitor.get("/milieux/40000002?lang=en");
  EXPECT_TRUE(contains(en.body, "This provider has not published its description page yet."));
}

TEST_F(FichePages, POR_02_AGarderieNonSubventionneeShowsItsDailyRate) {
  auto added = run_sgee({"org", "add-installation", "--division", "10000001", "--number",
                         "20000009", "--name", "Garderie Les Bourgeons", "--kind", "GNS",
                         "--places-18-59", "30", "--db", db_->url()});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  const std::string url = "/installations/20000009/fiche";
  auto page = b.get(url);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "name=\"daily_rate\"")) << "a GNS types its rate";
  EXPECT_FALSE(contains(page.body, "id=\"free_0_17\"")) << "no infant places on its permit";
  auto form = fiche_form(hidden_csrf(page.body), "publish", {"rates"});
  for (auto& [k, v] : form)
    if (k == "free_0_17") v = "";
  form.emplace_back("daily_rate", "52,50");
  ASSERT_EQ(b.post(url, form).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM fiches f JOIN organizations o ON o.id = "
                  "f.organization_id WHERE o.number = $1 AND f.daily_rate_cents = 5250",
                  "20000009"),
            1);
  Browser visitor(port());
  auto pub = visitor.get("/milieux/20000009");
  ASSERT_EQ(pub.status, 200);
  EXPECT_TRUE(contains(pub.body, "52,50 $ par jour"));
  EXPECT_TRUE(contains(pub.body, html("Garderie non subventionnée (GNS)")));
  EXPECT_TRUE(contains(visitor.get("/milieux/20000009?lang=en").body, "$52.50 a day"));
  // Its rate over the limit is refused, naming the field.
  auto bad = fiche_form(hidden_csrf(page.body), "save", {"rates"});
  for (auto& [k, v] : bad)
    if (k == "free_0_17") v = "";
  bad.emplace_back("daily_rate", "250");
  auto refused = b.post(url, bad);
  ASSERT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, html("Tarif quotidien : écrivez un montant en dollars")));
}

TEST_F(FichePages, POR_02_RsgePrivacy_NoPublicFichePageShowsAnRsgesAddress) {
  // Her BC (under her mandate) publishes everything of 40000001, for the widest page.
  Browser bc(port());
  ASSERT_EQ(sign_in(bc, kBcRse, kBcRsePassword).status, 303);
  auto edit = bc.get("/installations/40000001/fiche");
  ASSERT_EQ(edit.status, 200);
  auto form = fiche_form(
      hidden_csrf(edit.body), "save",
      {"periods", "group_composition", "rates", "languages", "presentation", "free_places"});
  for (auto& [k, v] : form)
    if (k == "free_18_59") v = "1";
  ASSERT_EQ(bc.post("/installations/40000001/fiche", form).status, 303);
  auto c = sql();
  auto homes = test::rsge_homes(*c);
  ASSERT_GE(homes.size(), 2u) << "the demo RSGE have addresses";
  Browser visitor(port());
  Browser parent(port());
  ASSERT_EQ(sign_in(parent, kParent, kParentPassword).status, 303);
  int pages = 0;
  for (const auto& home : homes) {
    ASSERT_TRUE(home.at) << home.number << ": the demo RSGE have positions";
    auto municipality =
        c->run("SELECT municipality FROM organizations WHERE number = $1", home.number)
            .first()
            .str(0);
    for (Browser* who : {&visitor, &parent})
      for (const std::string lang : {"fr", "en"}) {
        auto page = who->get("/milieux/" + home.number + "?lang=" + lang);
        ASSERT_EQ(page.status, 200) << home.number;
        SCOPED_TRACE(home.number + " " + lang);
        EXPECT_EQ(test::leak(page.body, home, /*about_her=*/true), "");
        EXPECT_TRUE(contains(page.body, html(municipality))) << "her municipality is shown";
        ++pages;
      }
  }
  EXPECT_EQ(pages, static_cast<int>(homes.size()) * 4);
}

TEST_F(FichePages, Seed001_TheBcFiltersItsRsgeByAdhesion) {
  Browser bc(port());
  ASSERT_EQ(sign_in(bc, kBcRse, kBcRsePassword).status, 303);
  EXPECT_TRUE(contains(bc.get("/tableau-de-bord").body, "href=\"" + html("/adhesion-rsge") + "\""));
  auto all = bc.get("/adhesion-rsge");
  ASSERT_EQ(all.status, 200);
  EXPECT_TRUE(contains(all.body, "data-number=\"40000001\""));
  EXPECT_TRUE(contains(all.body, "data-number=\"40000002\""));
  EXPECT_TRUE(contains(all.body, "Toutes <span class=\"count\">(2)</span>"));
  EXPECT_TRUE(contains(all.body, html("Fiche publiée") + " <span class=\"count\">(1)</span>"));
  EXPECT_TRUE(contains(all.body, html("Fiche non publiée") + " <span class=\"count\">(0)</span>"));
  EXPECT_TRUE(
      contains(all.body, html("Fiche jamais commencée") + " <span class=\"count\">(1)</span>"));
  auto never = bc.get("/adhesion-rsge?etat=jamais");
  EXPECT_TRUE(contains(never.body, "data-number=\"40000002\""));
  EXPECT_FALSE(contains(never.body, "data-number=\"40000001\""));
  EXPECT_TRUE(contains(never.body, "Sans autorisation de la RSGE")) << "no mandate: no edit link";
  EXPECT_FALSE(contains(never.body, html("/installations/40000002/fiche")));
  EXPECT_TRUE(contains(never.body, html("/milieux/40000002")));
  auto pub = bc.get("/adhesion-rsge?etat=publiee");
  EXPECT_TRUE(contains(pub.body, "data-number=\"40000001\""));
  EXPECT_TRUE(contains(pub.body, html("/installations/40000001/fiche")));
  EXPECT_FALSE(contains(pub.body, "data-number=\"40000002\""));
  EXPECT_TRUE(
      contains(bc.get("/adhesion-rsge?etat=non-publiee").body, html("Aucune RSGE dans cet état.")));
  // Her fiche withdrawn, she moves to "not published".
  auto edit = bc.get("/installations/40000001/fiche");
  ASSERT_EQ(
      bc.post("/installations/40000001/fiche",
              {{"csrf", hidden_csrf(edit.body)}, {"operation", "withdraw"}, {"confirme", "1"}})
          .status,
      303);
  auto after = bc.get("/adhesion-rsge?etat=non-publiee");
  EXPECT_TRUE(contains(after.body, "data-number=\"40000001\""));
  // Someone without the right: 403; an RSE without a BC: an empty page.
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(staff.get("/adhesion-rsge").status, 403);
  Browser rse(port());
  ASSERT_EQ(sign_in(rse, kRse, kRsePassword).status, 303);
  auto none = rse.get("/adhesion-rsge");
  ASSERT_EQ(none.status, 200);
  EXPECT_TRUE(contains(none.body, "Vous ne suivez aucun bureau coordonnateur."));
  EXPECT_FALSE(contains(none.body, "data-number="));
  EXPECT_FALSE(contains(rse.get("/tableau-de-bord").body, html("/adhesion-rsge")));
  Browser anonymous(port());
  EXPECT_EQ(anonymous.get("/adhesion-rsge").status, 303);
}

TEST_F(FichePages, POR_02_TheDemoPublishesMostFichesAndLeavesSomeUnpublished) {
  EXPECT_EQ(count("SELECT COUNT(*) FROM fiches WHERE published = $1", "1"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM fiches WHERE published = $1", "0"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM organizations o WHERE o.kind = $1 AND NOT EXISTS (SELECT "
                  "1 FROM fiches f WHERE f.organization_id = o.id AND f.published = 1)",
                  "rsge"),
            1)
      << "an RSGE left unpublished, for the notice";
  EXPECT_EQ(count("SELECT COUNT(*) FROM fiches WHERE published = 1 AND map_latitude IS NULL AND "
                  "'x' = $1",
                  "x"),
            0);
  // Seeding again changes nothing.
  auto again = run_sgee({"seed", "--demo", "--db", db_->url()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(count("SELECT COUNT(*) FROM fiche_versions WHERE 'x' = $1", "x"), 4);
}

}  // namespace
}  // namespace sgee::test

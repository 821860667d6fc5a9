// The bureau coordonnateur in the Portail (issue 15, POR-06; seed 001) through the real `sgee`
// binary on the demo data, on the engine under test: the BC finds an admission of one of its RSGE
// by the child's name (accents and capitals aside) and confirms it (state, event for the RSGE and
// the BC, e-mail, audit row the parent sees); a second confirmation is refused; another BC's
// admission is never reached (404); the RSGE registry keeps contact details and suspensions
// (refusals name the field); a suspended RSGE leaves the public map and the parents' choice until
// the chosen number of days before her return; the sync API's confirmation route and its
// refusals; the dashboard's counts.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "access/store.hpp"
#include "browser.hpp"
#include "platform/date.hpp"
#include "portail/admission_store.hpp"
#include "portail/family_store.hpp"

namespace sgee::test {
namespace {

using nlohmann::json;

const std::string kBcRse = "E0000004", kBcRsePassword = "Rse-bc-capitale-2026";  // BC 30000001
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";   // 20000001
const std::string kBc = "30000001", kMarie = "40000001", kKarine = "40000002";
const std::string kOtherBc = "30000009", kOtherRsge = "40000009";

std::string day(int from_today) {
  return dates::format(dates::add_days(dates::today_in_quebec(), from_today));
}

class PortailBc : public DemoServer {
 protected:
  void SetUp() override {
    DemoServer::SetUp();
    auto c = sql();
    demo_admission_ = c->run(
                           "SELECT a.id FROM admissions a JOIN organizations o ON o.id = "
                           "a.organization_id WHERE o.number = $1 AND a.state = 'admitted'",
                           kMarie)
                          .first()
                          .i64(0);
  }
  std::string state_of(std::int64_t admission) {
    return sql()->run("SELECT state FROM admissions WHERE id = $1", admission).first().str(0);
  }
  std::int64_t count_of(const std::string& query, std::int64_t arg) {
    return sql()->run(query, arg).first().i64(0);
  }
  // Another BC (under another division: the demo BC's RSE holds no right on it), one RSGE of
  // hers, and the demo parent's second child admitted there. Returns the admission's id.
  std::int64_t other_bcs_admission() {
    auto c = sql();
    auto division = access::store::organization_by_number(*c, "10000001");
    access::Organization bc;
    bc.kind = access::OrgKind::bc;
    bc.number = kOtherBc;
    bc.name = "Bureau coordonnateur de l'Autre Rive";
    bc.parent_id = division->id;
    auto bc_id = access::store::add_organization(*c, bc);
    access::Organization r;
    r.kind = access::OrgKind::rsge;
    r.number = kOtherRsge;
    r.name = "Service de garde Julie Côté";
    r.parent_id = bc_id;
    r.places = 6;
    r.recognition_status = "recognized";
    auto rsge_id = access::store::add_organization(*c, r);
    auto child = c->run(
                      "SELECT ch.id FROM portail_children ch JOIN family_files f ON f.id = "
                      "ch.family_id JOIN users u ON u.id = f.user_id WHERE u.email = "
                      "'parent@example.test' ORDER BY ch.birth_date DESC LIMIT 1")
                     .first()
                     .i64(0);
    portail::admission_store::AdmitInput in;
    in.child_id = child;
    in.organization_id = rsge_id;
    in.planned_start = dates::add_days(dates::today_in_quebec(), 40);
    db::Transaction tx(*c);
    auto id = portail::admission_store::admit(*c, in);
    tx.commit();
    return id;
  }
  std::string code_of(const std::string& number) {
    auto c = sql();
    auto org = access::store::organization_by_number(*c, number);
    return access::store::issue_access_code(*c, org->id, "Logiciel du BC", std::nullopt).code;
  }
  Reply api_post(const std::string& target, const std::string& code) {
    Client client(port());
    std::map<std::string, std::string> headers{{"Accept", "application/json"},
                                               {"Content-Type", "application/json"}};
    if (!code.empty()) headers["Authorization"] = "Bearer " + code;
    return client.request("POST", target, headers, "{}");
  }
  // The providers the public map finds within 50 km of the reference address nearest to Marie.
  std::string map_near_marie() {
    auto c = sql();
    auto at = c->run(
                   "SELECT f.map_latitude, f.map_longitude FROM fiches f JOIN organizations o ON "
                   "o.id = f.organization_id WHERE o.number = $1",
                   kMarie)
                  .first();
    double lat = at.f64(0), lon = at.f64(1);
    auto postal = c->run(
                       "SELECT postal_code FROM addresses WHERE latitude IS NOT NULL ORDER BY "
                       "(latitude - $1) * (latitude - $1) + (longitude - $2) * (longitude - $2) "
                       "LIMIT 1",
                       lat, lon)
                      .first()
                      .str(0);
    Client client(port());
    auto r =
        client.get("/api/v1/providers?near=" + text::url_encode(postal) + "&radius_km=50&kind=rsge",
                   {{"Accept", "application/json"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.body;
  }
  std::int64_t demo_admission_ = 0;
};

TEST_F(PortailBc, POR_06_TheBcFindsAnAdmissionByTheChildsNameAndConfirmsIt) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  const std::string url = "/bc/" + kBc + "/admissions";
  auto page = b.get(url);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, html("Alice Morin"))) << page.body;
  EXPECT_TRUE(contains(page.body, "Service de garde Marie Tremblay"));
  // Accents and capitals do not matter; the RSGE's name finds it too; a stranger's name does not.
  for (const char* q : {"alice", "ÀLICE MÔRIN", "morin", "tremblay"})
    EXPECT_TRUE(contains(b.get(url + "?q=" + text::url_encode(q)).body, html("Alice Morin"))) << q;
  auto none = b.get(url + "?q=Zo%C3%A9");
  EXPECT_FALSE(contains(none.body, html("Alice Morin")));
  EXPECT_TRUE(contains(none.body, html("Aucune admission ne correspond à cette recherche.")));
  // Each list shown is a consultation of the child's file the parent sees.
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'admission' AND "
                  "record_id = $1 AND action = 'read' AND subject_user_id IS "
                  "NOT NULL",
                  std::to_string(demo_admission_)),
            1);

  const std::string confirm = url + "/" + std::to_string(demo_admission_) + "/confirmation";
  EXPECT_EQ(b.post(confirm, {}).status, 403) << "no CSRF token";
  EXPECT_EQ(state_of(demo_admission_), "admitted");
  auto done = b.post(confirm, {{"csrf", hidden_csrf(page.body)}});
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.header("location"), url + "?confirmee=" + std::to_string(demo_admission_));
  EXPECT_EQ(state_of(demo_admission_), "confirmed");
  EXPECT_EQ(count_of("SELECT COUNT(*) FROM admissions a JOIN users u ON u.id = a.confirmed_by "
                     "WHERE a.id = $1 AND u.user_code = 'E0000004' AND a.confirmed_at IS NOT NULL",
                     demo_admission_),
            1);
  // An event for the RSGE and one for the BC, an e-mail to the RSGE, an audit row.
  for (const auto& number : {kMarie, kBc})
    EXPECT_EQ(sql()
                  ->run("SELECT COUNT(*) FROM portail_events e JOIN organizations o ON o.id = "
                        "e.organization_id WHERE o.number = $1 AND e.kind = 'confirmation'",
                        number)
                  .first()
                  .i64(0),
              1)
        << number;
  EXPECT_EQ(sql()
                ->run("SELECT COUNT(*) FROM outbox WHERE to_address = "
                      "'marie.tremblay@example.test' AND subject LIKE '%confirm%'")
                .first()
                .i64(0),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'admission' AND "
                  "record_id = $1 AND action = 'confirm'",
                  std::to_string(demo_admission_)),
            1);
  auto after = b.get(url + "?confirmee=" + std::to_string(demo_admission_));
  EXPECT_TRUE(contains(after.body, html("L'admission est confirmée.")));
  EXPECT_FALSE(contains(after.body, html("Alice Morin"))) << "no longer to confirm";
  EXPECT_TRUE(contains(b.get(url + "?etat=confirmees").body, html("Alice Morin")));
  // Twice: refused, said in words, nothing changes.
  auto again = b.post(confirm, {{"csrf", hidden_csrf(page.body)}});
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(contains(again.body, html("Cette admission n'attend plus de confirmation")));
  EXPECT_EQ(count_of("SELECT COUNT(*) FROM portail_events e JOIN admissions a ON a.organization_id "
                     "= e.organization_id WHERE a.id = $1 AND e.kind = 'confirmation'",
                     demo_admission_),
            1);
  // The children admitted per RSGE: on her registry page, confirmed.
  auto rsge = b.get("/bc/" + kBc + "/rsge/" + kMarie);
  ASSERT_EQ(rsge.status, 200);
  EXPECT_TRUE(contains(rsge.body, html("Alice Morin")));
  EXPECT_TRUE(contains(rsge.body, html("Admission confirmée")));
}

TEST_F(PortailBc, POR_06_ABcNeverReachesAnotherBcsAdmissionOrRsge) {
  auto other = other_bcs_admission();
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  auto page = b.get("/bc/" + kBc + "/admissions");
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(contains(page.body, "Julie")) << "another BC's RSGE";
  EXPECT_FALSE(contains(page.body, "Noah"));
  auto csrf = hidden_csrf(page.body);
  for (const std::string& id :
       {std::to_string(other), std::string("999999"), std::string("abc"), std::string("-1")})
    EXPECT_EQ(b.post("/bc/" + kBc + "/admissions/" + id + "/confirmation", {{"csrf", csrf}}).status,
              404)
        << id;
  EXPECT_EQ(state_of(other), "admitted");
  // Her pages: 404 through this BC, 403 for the other BC's own.
  EXPECT_EQ(b.get("/bc/" + kBc + "/rsge/" + kOtherRsge).status, 404);
  EXPECT_EQ(b.get("/bc/" + kBc + "/rsge/20000001").status, 404) << "an installation";
  EXPECT_EQ(b.get("/bc/" + kOtherBc + "/admissions").status, 403);
  EXPECT_EQ(b.post("/bc/" + kOtherBc + "/admissions/" + std::to_string(other) + "/confirmation",
                   {{"csrf", csrf}})
                .status,
            403);
  EXPECT_EQ(b.get("/bc/20000001/admissions").status, 404) << "an installation is no BC";
  EXPECT_EQ(b.post("/bc/" + kBc + "/rsge/" + kOtherRsge + "/coordonnees",
                   {{"csrf", csrf}, {"phone", "4185551234"}})
                .status,
            404);
  // Staff of an installation, a parent, a stranger.
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(staff.get("/bc/" + kBc + "/admissions").status, 403);
  EXPECT_EQ(staff.get("/bc/" + kBc + "/rsge/" + kMarie).status, 403);
  Browser stranger(port());
  auto anonymous = stranger.get("/bc/" + kBc + "/admissions");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_TRUE(anonymous.header("location").starts_with("/connexion"));
}

TEST_F(PortailBc, POR_06_TheRegistryKeepsContactAndSuspensionsAndRefusalsNameTheField) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  const std::string base = "/bc/" + kBc + "/rsge/" + kKarine;
  auto page = b.get(base);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Service de garde Karine Roy"));
  EXPECT_TRUE(contains(page.body, html("Inspection en cours à la résidence"))) << "the demo's";
  EXPECT_FALSE(contains(page.body, "name=\"places\"")) << "the register's facts are not a field";
  auto csrf = hidden_csrf(page.body);
  auto bad = b.post(base + "/coordonnees", {{"csrf", csrf}, {"phone", "12"}, {"email", "roy@"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, html("Téléphone : entrez 10 chiffres")));
  EXPECT_TRUE(contains(bad.body, html("Courriel : entrez une adresse courriel complète")));
  EXPECT_TRUE(contains(bad.body, "value=\"roy@\"")) << "what was typed stays";
  auto rsge_id =
      sql()->run("SELECT id FROM organizations WHERE number = $1", kKarine).first().i64(0);
  EXPECT_EQ(count_of("SELECT COUNT(*) FROM rsge_contacts WHERE rsge_id = $1", rsge_id), 0);
  auto ok = b.post(base + "/coordonnees",
                   {{"csrf", csrf}, {"phone", "418 555-0123"}, {"email", "karine@example.test"}});
  ASSERT_EQ(ok.status, 303);
  EXPECT_EQ(count_of("SELECT COUNT(*) FROM rsge_contacts WHERE rsge_id = $1 AND phone = "
                     "'4185550123' AND email = 'karine@example.test'",
                     rsge_id),
            1);
  EXPECT_EQ(sql()
                ->run("SELECT COUNT(*) FROM audit_log WHERE record_type = 'rsge_registry' AND "
                      "record_id = $1 AND action = 'update'",
                      kKarine)
                .first()
                .i64(0),
            1);
  EXPECT_TRUE(contains(b.get(base).body, "418 555-0123"));

  struct Case {
    Fields fields;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{{"start", "2026-02-30"}, {"reason", "x"}}, "Début : entrez une date valide"},
      {{{"start", day(0)}, {"end", day(-1)}, {"reason", "x"}}, "Fin : la fin ne peut pas"},
      {{{"start", day(0)}, {"reason", " "}}, "Motif : indiquez le motif"},
      {{{"start", day(0)}, {"reason", "x"}, {"days_before", "61"}},
       "Jours avant son retour où elle revient sur la carte : entrez un nombre entier de 0 à 60"},
      {{{"start", day(0)}, {"reason", "x"}, {"days_before", "-1"}}, "entrez un nombre entier"},
      {{{"start", day(0)}, {"reason", std::string(501, 'a')}}, "Motif : 500 caractères au plus"}};
  auto before = count_of("SELECT COUNT(*) FROM rsge_suspensions WHERE rsge_id = $1", rsge_id);
  for (const auto& c : cases) {
    Fields f = c.fields;
    f.emplace_back("csrf", csrf);
    auto r = b.post(base + "/suspensions", f);
    EXPECT_EQ(r.status, 422) << c.message;
    EXPECT_TRUE(contains(r.body, html(c.message))) << c.message;
  }
  EXPECT_EQ(count_of("SELECT COUNT(*) FROM rsge_suspensions WHERE rsge_id = $1", rsge_id), before);
  // The registry lists her as suspended; the status filter finds her.
  auto list = b.get("/adhesion-rsge?statut=suspendue");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(contains(list.body, "data-number=\"40000002\""));
  EXPECT_FALSE(contains(list.body, "data-number=\"40000001\""));
  EXPECT_TRUE(contains(b.get("/adhesion-rsge?statut=reconnue").body, "data-number=\"40000001\""));
}

TEST_F(PortailBc, POR_06_ASuspendedRsgeLeavesTheMapUntilTheDaysBeforeHerReturn) {
  ASSERT_TRUE(contains(map_near_marie(), "\"" + kMarie + "\""));
  ASSERT_TRUE(portail::family_store::choosable_provider(*sql(), kMarie).has_value());
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  const std::string base = "/bc/" + kBc + "/rsge/" + kMarie;
  auto csrf = hidden_csrf(b.get(base).body);
  // Back in 11 days, on the map 5 days before: hidden now.
  auto added = b.post(base + "/suspensions", {{"csrf", csrf},
                                              {"start", day(-1)},
                                              {"end", day(10)},
                                              {"reason", "Absence pour raisons de santé"},
                                              {"days_before", "5"}});
  ASSERT_EQ(added.status, 303);
  EXPECT_FALSE(contains(map_near_marie(), "\"" + kMarie + "\""));
  EXPECT_FALSE(portail::family_store::choosable_provider(*sql(), kMarie).has_value());
  Browser visitor(port());
  auto fiche = visitor.get("/milieux/" + kMarie);
  EXPECT_TRUE(contains(fiche.body, html("Ce milieu n'accueille pas de nouvelles demandes")));
  EXPECT_TRUE(contains(fiche.body, "id=\"fiche-not-published\"")) << "her fiche is not shown";
  auto page = b.get(base);
  EXPECT_TRUE(contains(page.body, "id=\"suspended-notice\""));
  EXPECT_TRUE(contains(page.body, html("n'est pas sur la carte publique")));
  // Ended sooner: back in 4 days, so on the map again from yesterday.
  auto id = sql()
                ->run(
                    "SELECT s.id FROM rsge_suspensions s JOIN organizations o ON o.id = "
                    "s.rsge_id WHERE o.number = $1 ORDER BY s.id DESC LIMIT 1",
                    kMarie)
                .first()
                .i64(0);
  const std::string end = base + "/suspensions/" + std::to_string(id) + "/fin";
  auto refused = b.post(end, {{"csrf", csrf}, {"end", day(-5)}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, html("la fin ne peut pas précéder le début")));
  EXPECT_FALSE(contains(map_near_marie(), "\"" + kMarie + "\""));
  EXPECT_EQ(b.post(base + "/suspensions/999999/fin", {{"csrf", csrf}, {"end", day(3)}}).status,
            404);
  ASSERT_EQ(b.post(end, {{"csrf", csrf}, {"end", day(3)}}).status, 303);
  EXPECT_TRUE(contains(map_near_marie(), "\"" + kMarie + "\""));
  EXPECT_TRUE(portail::family_store::choosable_provider(*sql(), kMarie).has_value());
  EXPECT_FALSE(contains(visitor.get("/milieux/" + kMarie).body,
                        html("Ce milieu n'accueille pas de nouvelles demandes")));
  // Until further notice: hidden again.
  ASSERT_EQ(
      b.post(base + "/suspensions", {{"csrf", csrf}, {"start", day(0)}, {"reason", "Enquête"}})
          .status,
      303);
  EXPECT_FALSE(contains(map_near_marie(), "\"" + kMarie + "\""));
  EXPECT_EQ(sql()
                ->run("SELECT COUNT(*) FROM audit_log WHERE record_type = 'rsge_suspension' AND "
                      "record_id = $1",
                      kMarie)
                .first()
                .i64(0),
            3);
}

TEST_F(PortailBc, POR_06_TheBcsSoftwareConfirmsThroughTheSyncApi) {
  auto other = other_bcs_admission();
  const auto code = code_of(kBc);
  const std::string base = "/api/v1/installations/" + kBc + "/admissions/";
  auto url = base + std::to_string(demo_admission_) + "/confirmation";
  EXPECT_EQ(api_post(url, "").status, 401);
  EXPECT_EQ(api_post(url, "sgee_notacode").status, 401);
  EXPECT_EQ(state_of(demo_admission_), "admitted");
  auto ok = api_post(url, code);
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto j = json::parse(ok.body);
  EXPECT_EQ(j["state"], "confirmed");
  EXPECT_EQ(j["admission"], demo_admission_);
  EXPECT_EQ(j["rsge"], kMarie);
  EXPECT_TRUE(j["confirmed_at"].is_string());
  EXPECT_EQ(state_of(demo_admission_), "confirmed");
  EXPECT_EQ(count_of("SELECT COUNT(*) FROM admissions WHERE id = $1 AND confirmed_by IS NULL AND "
                     "confirmed_by_code IS NOT NULL",
                     demo_admission_),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'admission' AND "
                  "record_id = $1 AND action = 'confirm' AND access_code_id IS "
                  "NOT NULL",
                  std::to_string(demo_admission_)),
            1);
  // Twice: 409 with the sync API's error shape.
  auto again = api_post(url, code);
  EXPECT_EQ(again.status, 409);
  auto e = json::parse(again.body);
  EXPECT_EQ(e["error"]["code"], "not_admitted");
  EXPECT_TRUE(e["error"]["message"].is_string());
  // Another BC's admission, an unknown one, a number that is no id: 404, nothing changed.
  for (const std::string& id : {std::to_string(other), std::string("999999"), std::string("x")}) {
    auto r = api_post(base + id + "/confirmation", code);
    EXPECT_EQ(r.status, 404) << id;
    EXPECT_EQ(json::parse(r.body, nullptr, false)["error"]["code"], "not_found") << id;
  }
  EXPECT_EQ(state_of(other), "admitted");
  // The other BC's path with this code: 403; an installation's code or path: 404.
  EXPECT_EQ(api_post("/api/v1/installations/" + kOtherBc + "/admissions/" + std::to_string(other) +
                         "/confirmation",
                     code)
                .status,
            403);
  auto installation_code = code_of("20000001");
  EXPECT_EQ(api_post("/api/v1/installations/20000001/admissions/" + std::to_string(other) +
                         "/confirmation",
                     installation_code)
                .status,
            404);
  // A page's session is no access code.
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  EXPECT_EQ(b.post(base + std::to_string(other) + "/confirmation", {}).status, 401);
  // The OpenAPI document names the route.
  Client client(port());
  auto doc = json::parse(client.get("/api/openapi.json").body);
  EXPECT_TRUE(
      doc["paths"].contains("/api/v1/installations/{installation}/admissions/{id}/confirmation"));
}

TEST_F(PortailBc, POR_06_TheBcsDashboardCountsItsRsgeAndAdmissionsToConfirm) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  auto page = b.get("/tableau-de-bord");
  ASSERT_EQ(page.status, 200);
  auto has = [&](const std::string& href, const std::string& count) {
    return contains(page.body, "<a href=\"" + html(href) + "\"><span class=\"dashboard-count\">" +
                                   count + "</span>");
  };
  EXPECT_TRUE(has("/bc/" + kBc + "/admissions", "1")) << page.body;
  EXPECT_TRUE(has("/adhesion-rsge?etat=publiee", "1"));
  EXPECT_TRUE(has("/adhesion-rsge?etat=jamais", "1"));
  EXPECT_TRUE(has("/adhesion-rsge?etat=non-publiee", "0"));
  // Staff of an installation see no BC section.
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_FALSE(contains(staff.get("/tableau-de-bord").body, "dashboard-count"));
}

}  // namespace
}  // namespace sgee::test

// Admissions (issue 15, POR-04) through a real server on the demo data, on SQLite and
// PostgreSQL: the RSGE finds Noah by his confirmation number and birth date (typed loosely) and
// admits him, her admission waiting for her BC; a wrong pair says so and reveals nothing, and
// repeated misses are throttled; a guessed child id is 404; a CPE admitting out of rank must give
// the reason, which the ministry's page lists; "Créer le dossier" opens the registry's form filled
// from the family file; the end of services in the dossier ends the admission and frees the
// place; the sync API's admission and event routes with every refusal.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "browser.hpp"
#include "dossier_example.hpp"
#include "portail/admission_store.hpp"

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

// "7K3M9QX24B" as a person might type it: lower case, in groups with a hyphen and spaces.
std::string loosely(const std::string& n) {
  std::string lower = text::lower(n);
  return " " + lower.substr(0, 4) + "-" + lower.substr(4, 3) + " " + lower.substr(7) + " ";
}

class PortailAdmission : public DemoServer {
 protected:
  // These tests follow the demo parent's Léa and Noah: Léa admitted at the CPE (20000001), Noah in
  // its réserve and the RSGE's. The other demo families leave the réserves, and their admissions
  // (the demo's, at the CPE and the RSGE) go.
  void SetUp() override {
    DemoServer::SetUp();
    auto c = sql();
    c->run(
        "DELETE FROM portail_choices WHERE child_id NOT IN (SELECT ch.id FROM portail_children ch "
        "JOIN family_files f ON f.id = ch.family_id JOIN users u ON u.id = f.user_id "
        "WHERE u.email = 'parent@example.test')");
    c->run("DELETE FROM admissions");
    c->run("DELETE FROM portail_events");
    c->run("DELETE FROM portail_event_counters");
    portail::admission_store::AdmitInput in;
    in.child_id = child("Léa").id;
    in.organization_id = org("20000001");
    in.planned_start = dates::add_days(dates::today_in_quebec(), 14);
    portail::admission_store::admit(*c, in);
  }
  struct Child {
    std::int64_t id = 0;
    std::string number, birth;
  };
  Child child(const std::string& given_name) {
    auto r = sql()->run(
        "SELECT id, confirmation_number, birth_date FROM portail_children WHERE given_name = $1",
        given_name);
    return {r.first().i64(0), r.first().str(1), r.first().str(2)};
  }
  std::int64_t org(const std::string& number) {
    return sql()->run("SELECT id FROM organizations WHERE number = $1", number).first().i64(0);
  }
  std::string search(Browser& b, const std::string& number) {
    auto page = b.get("/installations/" + number + "/admissions/recherche");
    EXPECT_EQ(page.status, 200);
    return hidden_csrf(page.body);
  }
  Reply find(Browser& b, const std::string& org, const std::string& number,
             const std::string& birth) {
    auto csrf = search(b, org);
    return b.post("/installations/" + org + "/admissions/recherche",
                  {{"csrf", csrf}, {"confirmation_number", number}, {"birth_date", birth}});
  }
  Reply admit(Browser& b, const std::string& org, std::int64_t child_id, const std::string& start,
              const std::string& reason = "") {
    auto page =
        b.get("/installations/" + org + "/admissions/nouvelle?enfant=" + std::to_string(child_id));
    Fields f = {{"csrf", hidden_csrf(page.body)},
                {"enfant", std::to_string(child_id)},
                {"planned_start", start},
                {"reopen", "yes"}};
    if (!reason.empty()) f.emplace_back("reason", reason);
    return b.post("/installations/" + org + "/admissions", f);
  }
  std::string access_code(const std::string& installation) {
    auto out =
        run_sgee({"access-code", "issue", "--installation", installation, "--db", db_->url()});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    return out.out.substr(0, out.out.find('\n'));
  }
  struct Answer {
    int status;
    json body;
  };
  Answer api(const std::string& method, const std::string& target, const std::string& body,
             const std::string& code) {
    Client c(port());
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
    if (!code.empty()) headers["Authorization"] = "Bearer " + code;
    auto r = c.request(method, target, headers, body);
    return {r.status, json::parse(r.body, nullptr, false)};
  }
  std::string in_a_month() {
    auto r = sql()->run("SELECT 1");
    (void)r;
    auto t = std::time(nullptr) + 30 * 86400;
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
    return buf;
  }
};

TEST_F(PortailAdmission, POR_04_TheRsgeFindsNoahByNumberAndAdmitsHim) {
  auto noah = child("Noah");
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRsge, kRsgePassword).status, 303);
  // A wrong pair: the same words whether the number exists or not.
  auto wrong_birth = find(b, "40000001", noah.number, "2020-01-01");
  EXPECT_EQ(wrong_birth.status, 422);
  EXPECT_TRUE(contains(wrong_birth.body, html("Aucun enfant ne correspond")));
  EXPECT_FALSE(contains(wrong_birth.body, "Noah"));
  auto unknown = find(b, "40000001", "ZZZZZZZZZZ", noah.birth);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(contains(unknown.body, html("Aucun enfant ne correspond")));
  // Missing fields are named.
  auto empty = find(b, "40000001", "", "1er mai");
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(contains(empty.body, html("Numéro de confirmation d'inscription : ce champ")));
  EXPECT_TRUE(contains(empty.body, html("Date de naissance de l'enfant : inscrivez une date")));
  // Found, typed loosely: the whole record and the form.
  auto found = find(b, "40000001", loosely(noah.number), noah.birth);
  ASSERT_EQ(found.status, 303);
  EXPECT_EQ(found.header("location"),
            "/installations/40000001/admissions/nouvelle?enfant=" + std::to_string(noah.id));
  auto page = b.get(found.header("location"));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Noah Bégin"));
  EXPECT_TRUE(contains(page.body, "Sophie Lavoie"));
  EXPECT_TRUE(contains(page.body, "418 555-0142"));
  EXPECT_TRUE(contains(page.body, html("Allergie sévère aux arachides"))) << "shared with her";
  EXPECT_TRUE(contains(page.body, html("Votre bureau coordonnateur doit confirmer")));
  EXPECT_FALSE(contains(page.body, "name=\"reason\"")) << "an RSGE chooses freely";
  // Bad planned start, then admitted.
  auto bad = admit(b, "40000001", noah.id, "2020-13-01");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, html("Date d'entrée prévue : inscrivez une date valide")));
  EXPECT_EQ(count("SELECT COUNT(*) FROM admissions WHERE child_id = $1", std::to_string(noah.id)),
            0);
  auto ok = admit(b, "40000001", noah.id, in_a_month());
  ASSERT_EQ(ok.status, 303);
  EXPECT_TRUE(ok.header("location").starts_with("/installations/40000001/admissions?admise="));
  auto row = sql()->run(
      "SELECT state, out_of_rank_reason, planned_start FROM admissions WHERE child_id = $1 AND "
      "organization_id = $2",
      noah.id, org("40000001"));
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row.first().str(0), "admitted");
  EXPECT_FALSE(row.first().opt_str(1).has_value());
  EXPECT_EQ(row.first().str(2), in_a_month());
  EXPECT_EQ(count("SELECT COUNT(*) FROM portail_events WHERE kind = 'admission' AND "
                  "organization_id = (SELECT id FROM organizations WHERE number = $1)",
                  "40000001"),
            1);
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'portail_child' AND "
                  "record_id = $1 AND action = 'read'",
                  std::to_string(noah.id)),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'admission' AND "
                  "action = 'create' AND detail = $1",
                  "admitted"),
            1);
  // The list: the state in words, waiting for the BC.
  auto list = b.get(ok.header("location"));
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(contains(list.body, "Noah Bégin"));
  EXPECT_TRUE(contains(list.body, html("Admise, en attente de la confirmation du bureau")));
  EXPECT_FALSE(contains(list.body, ">admitted<"));
  // Admitted twice: refused, clearly.
  auto again = admit(b, "40000001", noah.id, in_a_month());
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(contains(again.body, html("Cet enfant est déjà admis chez vous.")));
  EXPECT_EQ(count("SELECT COUNT(*) FROM admissions WHERE child_id = $1", std::to_string(noah.id)),
            1);
}

TEST_F(PortailAdmission, POR_04_TheBcAdmitsUnderTheRsgesMandate) {
  auto noah = child("Noah");
  Browser b(port());
  ASSERT_EQ(sign_in(b, kBcRse, kBcRsePassword).status, 303);
  auto found = find(b, "40000001", noah.number, noah.birth);
  ASSERT_EQ(found.status, 303);
  EXPECT_EQ(b.get(found.header("location")).status, 200);
}

TEST_F(PortailAdmission, POR_04_RepeatedMissesAreThrottled) {
  auto noah = child("Noah");
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRsge, kRsgePassword).status, 303);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(find(b, "40000001", "ZZZZZZZZZZ", "2024-01-01").status, 422);
  // Now even the right pair waits: nothing is revealed.
  auto throttled = find(b, "40000001", noah.number, noah.birth);
  EXPECT_EQ(throttled.status, 429);
  EXPECT_TRUE(contains(throttled.body, html("Trop de recherches sans résultat")));
  EXPECT_FALSE(contains(throttled.body, "Noah"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM admission_lookups WHERE found = $1", "0"), 5);
  // The rows outlive the server: a restart does not forget them.
  restart();
  b.use_server(port());
  EXPECT_EQ(find(b, "40000001", noah.number, noah.birth).status, 429);
}

TEST_F(PortailAdmission, POR_04_GuessedIdsAndOtherProvidersAreRefused) {
  auto noah = child("Noah");
  auto id = std::to_string(noah.id);
  // 20000002: Noah did not choose it and nobody found him there.
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  EXPECT_EQ(b.get("/installations/20000002/admissions/nouvelle?enfant=" + id).status, 404);
  EXPECT_EQ(b.get("/installations/20000002/admissions/nouvelle?enfant=999999").status, 404);
  EXPECT_EQ(b.get("/installations/20000002/admissions/nouvelle?enfant=abc").status, 404);
  auto csrf = search(b, "20000002");
  EXPECT_EQ(b.post("/installations/20000002/admissions",
                   {{"csrf", csrf}, {"enfant", id}, {"planned_start", in_a_month()}})
                .status,
            404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM admissions WHERE child_id = $1", id), 0);
  EXPECT_EQ(b.get("/installations/20000001/admissions/999999/dossier").status, 404);
  // Another provider's RSE, staff without the right, a parent, nobody.
  Browser other(port());
  ASSERT_EQ(sign_in(other, kOtherRse, kOtherRsePassword).status, 303);
  EXPECT_EQ(other.get("/installations/20000001/admissions").status, 403);
  EXPECT_EQ(other.get("/installations/20000001/admissions/nouvelle?enfant=" + id).status, 403);
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(staff.get("/installations/20000001/admissions/recherche").status, 403);
  Browser parent(port());
  ASSERT_EQ(sign_in(parent, kParent, kParentPassword).status, 303);
  EXPECT_EQ(parent.get("/installations/20000001/admissions").status, 403);
  Browser nobody(port());
  auto anon = nobody.get("/installations/20000001/admissions");
  EXPECT_TRUE(anon.status == 303 || anon.status == 401) << anon.status;
  // No CSRF token: refused, nothing recorded.
  EXPECT_EQ(b.post("/installations/20000002/admissions/recherche",
                   {{"confirmation_number", noah.number}, {"birth_date", noah.birth}})
                .status,
            403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM admission_lookups WHERE found = $1", "1"), 0);
  // Found by number there: now reachable, not in its réserve, so a CPE gives a reason.
  ASSERT_EQ(find(b, "20000002", noah.number, noah.birth).status, 303);
  auto page = b.get("/installations/20000002/admissions/nouvelle?enfant=" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, html("Cet enfant ne vous a pas choisi")));
  EXPECT_FALSE(contains(page.body, "Allergie")) << "special needs not shared with this provider";
  EXPECT_TRUE(contains(page.body, "name=\"reason\""));
}

TEST_F(PortailAdmission, POR_04_ACpeAdmittingOutOfRankGivesTheReasonTheMinistrySees) {
  auto noah = child("Noah");
  // An open toddler place at the CPE: Noah (an infant) is not the one who fits it.
  sql()->run(
      "INSERT INTO free_places (organization_id, age_group, available_from, schedule, "
      "declared_at) VALUES ($1, '18-59', '2026-01-05', '3,3,3,3,3,0,0', '2026-01-01T00:00:00Z')",
      org("20000001"));
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  auto missing = admit(b, "20000001", noah.id, in_a_month());
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(contains(missing.body, html("Raison de l'admission hors rang : donnez la raison")));
  EXPECT_EQ(count("SELECT COUNT(*) FROM admissions WHERE child_id = $1", std::to_string(noah.id)),
            0);
  auto ok = admit(b, "20000001", noah.id, in_a_month(), "Frère d'un enfant déjà inscrit.");
  ASSERT_EQ(ok.status, 303);
  EXPECT_EQ(sql()
                ->run("SELECT out_of_rank_reason FROM admissions WHERE child_id = $1 AND "
                      "organization_id = $2",
                      noah.id, org("20000001"))
                .first()
                .str(0),
            "Frère d'un enfant déjà inscrit.");
  Browser m(port());
  ASSERT_EQ(sign_in(m, kMinistry, kMinistryPassword).status, 303);
  auto oor = m.get("/ministere/admissions-hors-rang");
  ASSERT_EQ(oor.status, 200);
  EXPECT_TRUE(contains(oor.body, html("CPE Les Petits Pas — Limoilou")));
  EXPECT_TRUE(contains(oor.body, html("Frère d'un enfant déjà inscrit.")));
  EXPECT_EQ(b.get("/ministere/admissions-hors-rang").status, 403);
}

TEST_F(PortailAdmission, GES_TheCpesAdmissionOpensTheDossierFormFromTheFamilyFile) {
  auto lea = child("Léa");
  auto admission =
      sql()->run("SELECT id FROM admissions WHERE child_id = $1", lea.id).first().i64(0);
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  auto list = b.get("/installations/20000001/admissions");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(contains(list.body, html("Léa Bégin")));
  EXPECT_TRUE(contains(list.body, "Admise"));
  auto href = "/installations/20000001/admissions/" + std::to_string(admission) + "/dossier";
  EXPECT_TRUE(contains(list.body, "href=\"" + html(href) + "\""));
  auto form = b.get(href);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "action=\"" + html(href) + "\""));
  EXPECT_TRUE(contains(form.body, "value=\"" + html("Léa") + "\""));
  EXPECT_TRUE(contains(form.body, "value=\"" + lea.birth + "\""));
  EXPECT_TRUE(contains(form.body, "value=\"Lavoie\"")) << "the second parent";
  // Staff who may not enter dossiers, another CPE's admission id: refused.
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(staff.get(href).status, 403);
  EXPECT_EQ(
      b.get("/installations/20000002/admissions/" + std::to_string(admission) + "/dossier").status,
      404);
}

TEST_F(PortailAdmission, GES_AnRsgesConfirmedAdmissionOpensTheDossierFormAtHerBc) {
  auto noah = child("Noah");
  Browser rsge(port());
  ASSERT_EQ(sign_in(rsge, kRsge, kRsgePassword).status, 303);
  ASSERT_EQ(admit(rsge, "40000001", noah.id, in_a_month()).status, 303);
  auto id = std::to_string(
      sql()
          ->run("SELECT id FROM admissions WHERE child_id = $1 AND organization_id = $2", noah.id,
                org("40000001"))
          .first()
          .i64(0));
  const std::string href = "/installations/30000001/admissions/" + id + "/dossier";
  Browser bc(port());
  ASSERT_EQ(sign_in(bc, kBcRse, kBcRsePassword).status, 303);
  // Not confirmed yet: nothing to open.
  EXPECT_FALSE(contains(rsge.get("/installations/40000001/admissions").body, html(href)));
  EXPECT_EQ(bc.get(href).status, 404);
  // Confirmed by the BC (POR-06, its own pages): "Créer le dossier" leads to the BC's form.
  sql()->run("UPDATE admissions SET state = 'confirmed' WHERE id = $1", std::stoll(id));
  EXPECT_TRUE(contains(rsge.get("/installations/40000001/admissions").body, html(href)));
  auto form = bc.get(href);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "value=\"Noah\""));
  EXPECT_TRUE(contains(form.body, "40000001"));
  // Another BC's number, or an installation's admission through the BC: 404.
  EXPECT_EQ(bc.get("/installations/30000001/admissions/" +
                   std::to_string(sql()
                                      ->run("SELECT id FROM admissions WHERE organization_id = $1",
                                            org("20000001"))
                                      .first()
                                      .i64(0)) +
                   "/dossier")
                .status,
            404);
}

TEST_F(PortailAdmission, GES_TheEndOfServicesEndsTheAdmissionAndFreesThePlace) {
  auto lea = child("Léa");
  auto code = access_code("20000001");
  restart();  // the access code's cache
  auto d = example_dossier("PORTAIL-1");
  d["child"]["born_outside_quebec"] = true;  // no NIREC to look up in the demo's civil registry
  d["child"]["nirec"] = nullptr;
  // An address of the demo's reference: the demo family's.
  auto home = sql()->run(
      "SELECT civic_number, street, municipality, postal_code FROM family_files LIMIT 1");
  d["guardian"]["address"] = {
      {"civic_number", home.first().str(0)}, {"civic_suffix", nullptr},
      {"street", home.first().str(1)},       {"apartment", nullptr},
      {"municipality", home.first().str(2)}, {"postal_code", home.first().str(3)}};
  auto saved = api("POST", "/api/v1/installations/20000001/dossiers/sync",
                   json{{"dossiers", json::array({d})}}.dump(), code);
  ASSERT_EQ(saved.status, 200) << saved.body.dump();
  ASSERT_NE(saved.body["results"][0]["status"], "rejected") << saved.body.dump();
  auto dossier = sql()
                     ->run(
                         "SELECT id FROM dossiers WHERE ref = 'PORTAIL-1' AND organization_id "
                         "= $1",
                         org("20000001"))
                     .first()
                     .i64(0);
  sql()->run("UPDATE admissions SET dossier_id = $1 WHERE child_id = $2", dossier, lea.id);
  d["agreements"][0]["termination"] = "2025-06-30";
  auto ended = api("POST", "/api/v1/installations/20000001/dossiers/sync",
                   json{{"dossiers", json::array({d})}}.dump(), code);
  ASSERT_EQ(ended.status, 200) << ended.body.dump();
  auto row = sql()->run("SELECT state, ended_at FROM admissions WHERE child_id = $1", lea.id);
  EXPECT_EQ(row.first().str(0), "ended");
  EXPECT_TRUE(row.first().opt_str(1).has_value());
  EXPECT_EQ(count("SELECT COUNT(*) FROM free_places WHERE state = 'open' AND organization_id = "
                  "(SELECT id FROM organizations WHERE number = $1)",
                  "20000001"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM portail_events WHERE kind = $1", "admission_ended"), 1);
}

TEST_F(PortailAdmission, API_AdmissionsAndEventsWithEveryRefusal) {
  auto noah = child("Noah");
  auto code = access_code("20000001");
  auto other = access_code("20000003");
  restart();
  const std::string url = "/api/v1/installations/20000001/admissions";
  json good = {{"confirmation_number", loosely(noah.number)},
               {"birth_date", noah.birth},
               {"planned_start", in_a_month()}};
  EXPECT_EQ(api("POST", url, good.dump(), "").status, 401);
  EXPECT_EQ(api("POST", url, good.dump(), other).status, 403);
  EXPECT_EQ(api("POST", "/api/v1/installations/29999999/admissions", good.dump(), code).status,
            404);
  auto bad_json = api("POST", url, "{\"confirmation_number\": ", code);
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(bad_json.body["error"]["code"], "bad_json");
  EXPECT_EQ(api("POST", url, "[]", code).body["error"]["code"], "not_an_object");
  for (const char* field : {"confirmation_number", "birth_date", "planned_start"}) {
    auto missing = good;
    missing.erase(field);
    auto a = api("POST", url, missing.dump(), code);
    EXPECT_EQ(a.status, 400);
    EXPECT_EQ(a.body["error"]["field"], field);
    auto typed = good;
    typed[field] = 20250101;
    a = api("POST", url, typed.dump(), code);
    EXPECT_EQ(a.status, 400);
    EXPECT_EQ(a.body["error"]["code"], "wrong_type");
    EXPECT_EQ(a.body["error"]["field"], field);
  }
  EXPECT_EQ(api("POST", url, std::string(20000, ' ') + good.dump(), code).status, 413);
  auto wrong = good;
  wrong["birth_date"] = "2019-01-01";
  auto not_found = api("POST", url, wrong.dump(), code);
  EXPECT_EQ(not_found.status, 404);
  auto unknown = good;
  unknown["confirmation_number"] = "ZZZZZZZZZZ";
  EXPECT_EQ(api("POST", url, unknown.dump(), code).body, not_found.body) << "reveals nothing";
  auto early = good;
  early["planned_start"] = "2001-01-01";
  auto e = api("POST", url, early.dump(), code);
  EXPECT_EQ(e.status, 422);
  EXPECT_EQ(e.body["error"]["field"], "planned_start");
  // Admitted: Noah is the one of the CPE's réserve (Léa is admitted there already).
  auto ok = api("POST", url, good.dump(), code);
  ASSERT_EQ(ok.status, 201) << ok.body.dump();
  EXPECT_EQ(ok.body["state"], "admitted");
  EXPECT_EQ(ok.body["confirmation_number"], noah.number);
  EXPECT_EQ(api("POST", url, good.dump(), code).status, 409);
  // The list, paged.
  auto list = api("GET", url, "", code);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body["total"], 2);
  EXPECT_EQ(list.body["admissions"].size(), 2u);
  EXPECT_EQ(api("GET", url + "?page=0", "", code).status, 400);
  EXPECT_EQ(api("GET", url + "?page=x", "", code).status, 400);
  EXPECT_EQ(api("GET", url + "?page=2", "", code).body["admissions"].size(), 0u);
  EXPECT_EQ(api("GET", url, "", other).status, 403);
  // The events: Léa's (demo) and Noah's admissions, in order, with a cursor.
  const std::string events = "/api/v1/installations/20000001/events";
  auto all = api("GET", events, "", code);
  ASSERT_EQ(all.status, 200);
  ASSERT_EQ(all.body["events"].size(), 2u);
  EXPECT_EQ(all.body["events"][0]["seq"], 1);
  EXPECT_EQ(all.body["events"][1]["kind"], "admission");
  EXPECT_EQ(all.body["events"][1]["data"]["confirmation_number"], noah.number);
  EXPECT_EQ(all.body["next_after"], 2);
  auto rest = api("GET", events + "?after=1&limit=1", "", code);
  ASSERT_EQ(rest.body["events"].size(), 1u);
  EXPECT_EQ(rest.body["events"][0]["seq"], 2);
  EXPECT_EQ(api("GET", events + "?after=2", "", code).body["events"].size(), 0u);
  for (const char* q : {"?after=-1", "?after=x", "?limit=0", "?limit=501", "?limit=a"})
    EXPECT_EQ(api("GET", events + q, "", code).status, 400) << q;
  EXPECT_EQ(api("GET", events, "", "").status, 401);
  EXPECT_EQ(api("GET", events, "", other).status, 403);
  // Misses through the API are throttled like the page's.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(api("POST", url, unknown.dump(), code).status, 404);
  EXPECT_EQ(api("POST", url, unknown.dump(), code).status, 429);
}

}  // namespace
}  // namespace sgee::test

// Issue 15, the ranking's side through the real `sgee` binary, on the engine under test: a CPE
// declares its admission priorities (at most 6 from the ministry's list, at most 50 % of its
// places), every refusal naming the field, nothing lost; who may open the page (403 for another
// provider, a staff member without the right, a parent; 404 for an unknown installation; an RSGE
// reads that priorities do not apply); the parent's side: a child's priority criteria, "a parent
// works here", and per chosen provider the rank as a band with its category, the priority that
// applies, how it moved, and the request's state, never another child's name.
#include <gtest/gtest.h>

#include <string>

#include "access/store.hpp"
#include "browser.hpp"
#include "platform/db/db.hpp"
#include "platform/log.hpp"
#include "shared.hpp"

namespace sgee::test {
namespace {

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";  // 20000001, 20000002
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";  // consults 20000001
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";  // 20000003
const std::string kRsge = "E0000005", kRsgePassword = "Rsge-marie-2026";          // 40000001
const std::string kParent = "parent@example.test", kParentPassword = "Parent-demo-2026";
const std::string kCpe = "20000001";
const std::string kUrl = "/installations/20000001/priorites";

class RankingPages : public DemoServer {
 protected:
  // The declaration as stored: "criteria|share".
  std::string declared(const std::string& number) {
    auto r = sql()->run(
        "SELECT p.criteria, p.share_percent FROM provider_priorities p JOIN organizations o ON "
        "o.id = p.organization_id WHERE o.number = $1",
        number);
    return r.empty() ? "" : r.first().str(0) + "|" + r.first().str(1);
  }
  Fields declaration(const std::string& csrf, const std::vector<std::string>& criteria,
                     const std::string& share) {
    Fields f{{"csrf", csrf}, {"share", share}};
    for (const auto& c : criteria) f.emplace_back("criteria", c);
    return f;
  }
  Browser rse() {
    Browser b(port());
    EXPECT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
    return b;
  }
  std::int64_t org_id(const std::string& number) {
    return sql()->run("SELECT id FROM organizations WHERE number = $1", number).first().i64(0);
  }
};

const std::vector<std::string> kSeven{"special_needs",  "precarious",       "parent_studies",
                                      "cisss_referral", "partner_employer", "age_group",
                                      "neighbourhood"};

TEST_F(RankingPages, POR_03_ACpeDeclaresItsPrioritiesAndEveryRefusalNamesTheField) {
  // The demo CPE's declaration: two priorities, 30 %.
  EXPECT_EQ(declared(kCpe), "special_needs,parent_studies|30");
  auto b = rse();
  auto page = b.get(kUrl);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, html("Priorités d'admission")));
  EXPECT_TRUE(
      contains(page.body, html("Enfant dont un parent est inscrit à un programme d'études")));
  EXPECT_TRUE(contains(page.body, "value=\"special_needs\" checked"));
  EXPECT_TRUE(contains(page.body, "value=\"precarious\">"));
  EXPECT_TRUE(contains(page.body,
                       "name=\"share\" type=\"text\" inputmode=\"numeric\" maxlength=\"5\" "
                       "class=\"short\" value=\"30\""));
  auto csrf = hidden_csrf(page.body);
  auto audits = [&] {
    return count(
        "SELECT COUNT(*) FROM audit_log WHERE record_type = 'provider_priorities' AND "
        "record_id = $1",
        kCpe);
  };
  auto before = audits();

  struct Refusal {
    std::vector<std::string> criteria;
    std::string share, message;
  };
  for (const auto& r : std::vector<Refusal>{
           {kSeven, "30", "Priorités d'admission : cochez au plus 6 priorités."},
           {{"precarious"}, "51", "Part des places réservée aux priorités : au plus 50 %"},
           {{"precarious"},
            "12.5",
            "Part des places réservée aux priorités : inscrivez un nombre entier"},
           {{"precarious"}, "-1", "inscrivez un nombre entier de 0 à 50"},
           {{"precarious"}, "trente", "inscrivez un nombre entier de 0 à 50"},
           {{"precarious"}, "100000000000000000000", "au plus 50 %"},
           {{"vip"}, "10", "Priorités d'admission : une priorité cochée n'est pas dans la liste"},
       }) {
    auto refused = b.post(kUrl, declaration(csrf, r.criteria, r.share));
    ASSERT_EQ(refused.status, 422) << r.share;
    EXPECT_TRUE(contains(refused.body, html(r.message))) << r.message << "\n" << refused.body;
    EXPECT_TRUE(contains(refused.body, "role=\"alert\""));
    // What was typed is still there.
    EXPECT_TRUE(contains(refused.body, "value=\"" + html(r.share) + "\"")) << r.share;
    EXPECT_EQ(declared(kCpe), "special_needs,parent_studies|30") << "nothing lost";
  }
  EXPECT_EQ(audits(), before);
  // In English too.
  auto en = b.post(kUrl + "?lang=en", declaration(csrf, kSeven, "51"));
  ASSERT_EQ(en.status, 422);
  EXPECT_TRUE(contains(en.body, html("Admission priorities: tick at most 6 priorities.")));
  EXPECT_TRUE(contains(en.body, html("Share of places reserved for priorities: at most 50 %")));

  // Six, at 50 %, in the list's order whatever the order posted; "%" typed is fine.
  auto six = kSeven;
  six.pop_back();
  std::reverse(six.begin(), six.end());
  auto saved = b.post(kUrl, declaration(csrf, six, "50 %"));
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.header("location"), kUrl + "?enregistre=1");
  EXPECT_EQ(declared(kCpe),
            "special_needs,precarious,parent_studies,cisss_referral,partner_employer,age_group|50");
  EXPECT_EQ(audits(), before + 1);
  auto shown = b.get(kUrl + "?enregistre=1&lang=fr");  // back to French after the English page
  EXPECT_TRUE(contains(shown.body, html("Vos priorités d'admission sont enregistrées.")));
  EXPECT_TRUE(contains(shown.body, "value=\"50\""));
  // None at all, share empty: 0.
  ASSERT_EQ(b.post(kUrl, declaration(csrf, {}, "")).status, 303);
  EXPECT_EQ(declared(kCpe), "|0");
  // The installation's menu links the page.
  EXPECT_TRUE(contains(b.get("/tableau-de-bord").body, html(kUrl)));
}

TEST_F(RankingPages, POR_03_OnlyThoseWhoManageAdmissionsOpenTheDeclaration) {
  auto stored = declared(kCpe);
  // Anonymous: asked to sign in.
  Browser anonymous(port());
  auto r = anonymous.get(kUrl);
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(r.header("location").starts_with("/connexion"));
  // A staff member without the right, another division's RSE, a parent: 403, nothing changes.
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(staff.get(kUrl).status, 403);
  auto dash = staff.get("/tableau-de-bord");
  EXPECT_FALSE(contains(dash.body, html(kUrl)));
  EXPECT_EQ(staff.post(kUrl, declaration(hidden_csrf(dash.body), {}, "0")).status, 403);
  Browser other(port());
  ASSERT_EQ(sign_in(other, kOtherRse, kOtherRsePassword).status, 303);
  EXPECT_EQ(other.get(kUrl).status, 403);
  auto own = other.get("/installations/20000003/priorites");
  EXPECT_EQ(own.status, 200) << "a subsidized garderie declares its own";
  EXPECT_TRUE(contains(own.body, "name=\"criteria\""));
  EXPECT_EQ(other.post(kUrl, declaration(hidden_csrf(own.body), {}, "0")).status, 403);
  Browser parent(port());
  ASSERT_EQ(sign_in(parent, kParent, kParentPassword).status, 303);
  EXPECT_EQ(parent.get(kUrl).status, 403);
  EXPECT_EQ(
      parent.post(kUrl, declaration(hidden_csrf(parent.get("/famille").body), {}, "0")).status,
      403);
  // An unknown installation, a number that is not one: 404.
  auto b = rse();
  EXPECT_EQ(b.get("/installations/29999999/priorites").status, 404);
  EXPECT_EQ(b.get("/installations/abc/priorites").status, 404);
  // Without the CSRF token: refused, nothing saved.
  EXPECT_EQ(b.post(kUrl, declaration("", {"precarious"}, "10")).status, 403);
  // An oversized body: 413.
  EXPECT_EQ(b.post(kUrl, declaration(hidden_csrf(b.get(kUrl).body), {std::string(20000, 'x')}, "1"))
                .status,
            413);
  EXPECT_EQ(declared(kCpe), stored);
  // An RSGE chooses her children: the page says priorities do not apply; she cannot save any.
  Browser rsge(port());
  ASSERT_EQ(sign_in(rsge, kRsge, kRsgePassword).status, 303);
  auto hers = rsge.get("/installations/40000001/priorites");
  ASSERT_EQ(hers.status, 200);
  EXPECT_TRUE(contains(hers.body, "id=\"not-applicable\""));
  EXPECT_FALSE(contains(hers.body, "name=\"criteria\""));
  EXPECT_EQ(rsge.post("/installations/40000001/priorites",
                      declaration(hidden_csrf(hers.body), {"precarious"}, "10"))
                .status,
            403);
  EXPECT_EQ(declared("40000001"), "");
}

class ParentRank : public RankingPages {
 protected:
  void SetUp() override {
    RankingPages::SetUp();
    auto c = sql();
    // These tests follow the demo parent's children and Alice's: the other demo families leave
    // the réserves.
    c->run(
        "DELETE FROM portail_choices WHERE child_id NOT IN (SELECT ch.id FROM portail_children ch "
        "JOIN family_files f ON f.id = ch.family_id JOIN users u ON u.id = f.user_id "
        "WHERE u.email = 'parent@example.test')");
    c->run(
        "INSERT INTO fiches (organization_id, published, published_at, updated_at) VALUES ($1, 1, "
        "$2, $2) ON CONFLICT (organization_id) DO UPDATE SET published = 1",
        org_id(kCpe), log::utc_now_iso());
    access::store::User u;
    u.kind = access::UserKind::parent;
    u.email = "alice.roy@example.test";
    u.email_verified = true;
    u.surname = "Roy";
    u.given_name = "Alice";
    access::store::add_user(*c, u, "Parent-famille-2026");
  }
  std::string lea_id() {
    return sql()
        ->run(
            "SELECT c.id FROM portail_children c JOIN family_files f ON f.id = c.family_id JOIN "
            "users u ON u.id = f.user_id WHERE u.email = 'parent@example.test' AND c.given_name "
            "= 'Léa'")
        .first()
        .str(0);
  }
  // Léa chooses the demo CPE (the demo may have chosen it already).
  void lea_chooses_cpe(Browser& b) {
    auto page = b.get("/famille/choix?milieu=" + kCpe);
    ASSERT_EQ(page.status, 200);
    Fields f{{"csrf", hidden_csrf(page.body)}, {"milieu", kCpe}, {"enfant", lea_id()}};
    ASSERT_EQ(b.post("/famille/choix", f).status, 303);
    // Her other choices go: the page shows this one only.
    sql()->run("DELETE FROM portail_choices WHERE child_id = $1 AND organization_id <> $2",
               std::stoll(lea_id()), org_id(kCpe));
  }
  // `n` children of another family (Alice's), named "Zoé Roy", who chose the CPE, with desired
  // dates long past and special needs (a priority the CPE declared): they come before Léa.
  void others_ahead(int n, int first) {
    auto c = sql();
    auto family = c->run(
        "SELECT f.id FROM family_files f JOIN users u ON u.id = f.user_id WHERE "
        "u.email = 'alice.roy@example.test'");
    std::int64_t fid;
    auto now = log::utc_now_iso();
    if (family.empty()) {
      auto user =
          c->run("SELECT id FROM users WHERE email = 'alice.roy@example.test'").first().i64(0);
      fid = c->run(
                 "INSERT INTO family_files (user_id, parent1_surname, parent1_given_name, "
                 "civic_number, street, municipality, postal_code, phone, language, created_at, "
                 "updated_at) VALUES ($1, 'Roy', 'Alice', '9', 'rue Autre', 'Lévis', 'G6V 1A1', "
                 "'4185550100', 'fr', $2, $2) RETURNING id",
                 user, now)
                .first()
                .i64(0);
    } else {
      fid = family.first().i64(0);
    }
    for (int i = first; i < first + n; ++i) {
      auto id = c->run(
                     "INSERT INTO portail_children (family_id, confirmation_number, surname, "
                     "given_name, birth_date, sex, special_needs, desired_start, schedule, "
                     "accept_partial, accept_replacement, created_at, updated_at) VALUES ($1, "
                     "$2, 'Roy', 'Zoé', '2024-01-01', 'F', 1, '2025-01-01', '3,3,3,3,3,0,0', 0, "
                     "0, $3, $3) RETURNING id",
                     fid, "TEST" + std::to_string(100000 + i), now)
                    .first()
                    .i64(0);
      c->run(
          "INSERT INTO portail_choices (child_id, organization_id, share_special_needs, "
          "chosen_at) VALUES ($1, $2, 0, $3)",
          id, org_id(kCpe), now);
    }
  }
};

TEST_F(ParentRank, POR_03_TheParentSeesABandItsCategoryAndHowItMovedNeverAnotherChild) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kParent, kParentPassword).status, 303);
  lea_chooses_cpe(b);
  others_ahead(3, 0);
  auto url = "/famille/enfants/" + lea_id();
  auto page = b.get(url);
  ASSERT_EQ(page.status, 200);
  // Three children ahead: the 4th rank, in the first band.
  EXPECT_TRUE(contains(page.body, html("Entre le 1er et le 5e rang pour une place"))) << page.body;
  EXPECT_TRUE(
      contains(page.body, html("Enfant n'ayant pas de place en CPE ou garderie subventionnée")));
  EXPECT_TRUE(contains(page.body, html("Ce rang peut varier.")));
  EXPECT_TRUE(contains(page.body, html("Dans la réserve de ce milieu")));
  // Léa's criterion (a parent in school) is one the demo CPE declared.
  EXPECT_TRUE(contains(page.body, html("Priorité d'admission qui s'applique : Enfant dont un "
                                       "parent est inscrit à un programme d'études")));
  EXPECT_FALSE(contains(page.body, html("Depuis votre dernière visite"))) << "a first look";
  // Nothing of the other children: not their names, not their rank.
  EXPECT_FALSE(contains(page.body, "Zoé"));
  EXPECT_FALSE(contains(page.body, "TEST1000"));
  EXPECT_FALSE(contains(page.body, html("4e rang"))) << "a band, never the exact rank";
  // Ten more ahead: she moves back a band, and the page says so once.
  others_ahead(10, 3);
  page = b.get(url);
  EXPECT_TRUE(contains(page.body, html("Entre le 11e et le 20e rang pour une place")));
  EXPECT_TRUE(contains(page.body, html("Depuis votre dernière visite : a reculé")));
  EXPECT_FALSE(contains(page.body, "Zoé"));
  page = b.get(url);
  EXPECT_TRUE(contains(page.body, html("Depuis votre dernière visite : inchangé")));
  // In English.
  auto en = b.get(url + "?lang=en");
  EXPECT_TRUE(contains(en.body, html("Between 11th and 20th place in line for a place")));
  EXPECT_TRUE(contains(en.body, html("This rank may vary.")));
  // Another parent cannot open Léa's page.
  Browser alice(port());
  ASSERT_EQ(alice.sign_in("alice.roy@example.test", "Parent-famille-2026").status, 303);
  EXPECT_EQ(alice.get(url).status, 404);
}

TEST_F(ParentRank, POR_03_TheStateOfTheRequestInWordsWithItsDate) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kParent, kParentPassword).status, 303);
  lea_chooses_cpe(b);
  auto c = sql();
  auto lea = std::stoll(lea_id());
  auto place = c->run(
                    "INSERT INTO free_places (organization_id, age_group, available_from, "
                    "schedule, declared_at) VALUES ($1, '18-59', '2027-09-01', "
                    "'3,3,3,3,3,0,0', '2026-11-30T12:00:00Z') RETURNING id",
                    org_id(kCpe))
                   .first()
                   .i64(0);
  auto referral = c->run(
                       "INSERT INTO referrals (place_id, child_id, organization_id, state, "
                       "referred_at, respond_by) VALUES ($1, $2, $3, 'referred', "
                       "'2026-11-30T12:00:00Z', '2026-12-07') RETURNING id",
                       place, lea, org_id(kCpe))
                      .first()
                      .i64(0);
  auto url = "/famille/enfants/" + std::to_string(lea);
  auto page = b.get(url);
  EXPECT_TRUE(contains(page.body, html("Une place vous est proposée depuis le 2026-11-30")));
  EXPECT_TRUE(
      contains(page.body, "href=\"/famille/propositions/" + std::to_string(referral) + "\""));
  EXPECT_FALSE(contains(page.body, html("rang pour une place"))) << "no rank while referred";
  c->run(
      "UPDATE referrals SET state = 'declined_parent', parent_answer_at = "
      "'2026-12-01T09:00:00Z' WHERE id = $1",
      referral);
  page = b.get(url);
  EXPECT_TRUE(contains(page.body, html("Vous avez refusé la place proposée le 2026-12-01")));
  EXPECT_TRUE(contains(page.body, html("rang pour une place"))) << "back in the réserve";
  c->run(
      "INSERT INTO admissions (child_id, organization_id, planned_start, admitted_at) VALUES "
      "($1, $2, '2027-09-01', '2026-12-02T10:00:00Z')",
      lea, org_id(kCpe));
  page = b.get(url);
  EXPECT_TRUE(contains(page.body, html("Admis le 2026-12-02")));
  EXPECT_FALSE(contains(page.body, html("rang pour une place")));
  c->run(
      "UPDATE admissions SET state = 'confirmed', confirmed_at = '2026-12-03T10:00:00Z' WHERE "
      "child_id = $1",
      lea);
  EXPECT_TRUE(contains(b.get(url).body, html("Admission confirmée le 2026-12-03")));
}

TEST_F(ParentRank, POR_03_TheParentSaysWhichPrioritiesApplyAndThatAParentWorksThere) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kParent, kParentPassword).status, 303);
  auto lea = lea_id();
  auto form = b.get("/famille/enfants/" + lea + "/modifier");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "name=\"priority_criteria\" value=\"parent_studies\" checked"));
  EXPECT_FALSE(contains(form.body, "name=\"priority_criteria\" value=\"special_needs\""))
      << "asked once, as the child's special needs";
  // The form as it is, with other criteria.
  auto stored = sql()
                    ->run(
                        "SELECT surname, birth_date, desired_start FROM portail_children WHERE "
                        "id = $1",
                        std::stoll(lea))
                    .first();
  Fields f{{"csrf", hidden_csrf(form.body)},
           {"surname", stored.str(0)},
           {"given_name", "Léa"},
           {"birth_date", stored.str(1)},
           {"sex", "F"},
           {"special_needs", "no"},
           {"desired_start", stored.str(2)},
           {"accept_partial", "yes"}};
  for (int d = 0; d < 5; ++d) {
    f.emplace_back("schedule_" + std::to_string(d), "AM");
    f.emplace_back("schedule_" + std::to_string(d), "PM");
  }
  auto criteria = [&] {
    return sql()
        ->run("SELECT priority_criteria FROM portail_children WHERE id = $1", std::stoll(lea))
        .first()
        .str(0);
  };
  for (const char* bad : {"vip", "special_needs"}) {
    auto g = f;
    g.emplace_back("priority_criteria", "precarious");
    g.emplace_back("priority_criteria", bad);
    auto refused = b.post("/famille/enfants/" + lea, g);
    ASSERT_EQ(refused.status, 422) << bad;
    EXPECT_TRUE(contains(refused.body,
                         html("Priorités d'admission qui s'appliquent à l'enfant : une priorité "
                              "cochée n'est pas dans la liste du Ministère.")));
    EXPECT_TRUE(contains(refused.body, "value=\"precarious\" checked")) << "nothing lost";
    EXPECT_EQ(criteria(), "parent_studies");
  }
  f.emplace_back("priority_criteria", "neighbourhood");
  f.emplace_back("priority_criteria", "precarious");
  ASSERT_EQ(b.post("/famille/enfants/" + lea, f).status, 303);
  EXPECT_EQ(criteria(), "precarious,neighbourhood");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'portail_child' AND "
                  "record_id = $1 AND detail LIKE '%priority_criteria%'",
                  lea),
            1);
  auto page = b.get("/famille/enfants/" + lea);
  EXPECT_TRUE(contains(page.body, html("Enfant qui habite le quartier du milieu")));

  // "A parent works here": saved on the choice, waiting for the provider's confirmation.
  auto choose = b.get("/famille/choix?milieu=" + kCpe);
  ASSERT_EQ(choose.status, 200);
  EXPECT_TRUE(contains(choose.body, "name=\"staff_" + lea + "\""));
  ASSERT_EQ(b.post("/famille/choix", {{"csrf", hidden_csrf(choose.body)},
                                      {"milieu", kCpe},
                                      {"enfant", lea},
                                      {"staff_" + lea, "yes"}})
                .status,
            303);
  auto staff = [&] {
    auto r = sql()->run(
        "SELECT staff_parent, COALESCE(staff_confirmed_at, '') FROM "
        "portail_choices WHERE child_id = $1 AND organization_id = $2",
        std::stoll(lea), org_id(kCpe));
    return r.first().str(0) + "|" + r.first().str(1);
  };
  EXPECT_EQ(staff(), "1|");
  page = b.get("/famille/enfants/" + lea);
  EXPECT_TRUE(contains(
      page.body,
      html("Un parent travaille dans ce milieu : en attente de la confirmation du milieu")));
  // Confirmed by the provider (the réserve's detail): category 2, and the page says so.
  sql()->run(
      "UPDATE portail_choices SET staff_confirmed_at = '2026-12-01T00:00:00Z' WHERE "
      "child_id = $1",
      std::stoll(lea));
  page = b.get("/famille/enfants/" + lea);
  EXPECT_TRUE(contains(page.body, html("confirmé par le milieu")));
  EXPECT_TRUE(contains(page.body, html("Enfant du personnel du milieu")));
  // Unticked: the confirmation goes with it.
  choose = b.get("/famille/choix?milieu=" + kCpe);
  ASSERT_EQ(b.post("/famille/choix",
                   {{"csrf", hidden_csrf(choose.body)}, {"milieu", kCpe}, {"enfant", lea}})
                .status,
            303);
  EXPECT_EQ(staff(), "0|");
}

}  // namespace
}  // namespace sgee::test

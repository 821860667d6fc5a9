// The parents' family file (issue 14, POR-01) through the real `sgee` binary, on the engine under
// test: a parent fills the file, adds children and gets their confirmation numbers, changes a
// request, chooses providers, removes a choice, withdraws a child and deletes the whole file (an
// audit row without personal data remains); every refusal: anonymous visitors, enterprise users,
// another parent with guessed ids and confirmation numbers (404, nothing changed), bad values
// (messages naming the field), CSRF, oversized bodies, providers that cannot be chosen.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "access/store.hpp"
#include "browser.hpp"
#include "platform/db/db.hpp"
#include "platform/log.hpp"
#include "portail/family_rules.hpp"
#include "shared.hpp"

namespace sgee::test {
namespace {

const std::string kAlice = "alice.roy@example.test", kBruno = "bruno.cote@example.test";
const std::string kPassword = "Parent-famille-2026";
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";
const std::string kCpe = "20000001";   // CPE Les Petits Pas — Limoilou: fiche published here
const std::string kRsge = "40000001";  // Service de garde Marie Tremblay: fiche published here
const std::string kUnpublished = "20000002";  // CPE Les Petits Pas — Charlesbourg: no fiche
const std::string kBc = "30000001";           // a BC: never chosen, even with a fiche

// Alice's rows only (the demo parent has a family file of his own, with choices once demo fiches
// are published).
const std::string kAliceFile =
    "(SELECT f.id FROM family_files f JOIN users u ON u.id = f.user_id WHERE u.email = "
    "'alice.roy@example.test')";
const std::string kAliceChildren =
    "(SELECT id FROM portail_children WHERE family_id IN " + kAliceFile + ")";
const std::string kAliceChoices =
    "SELECT COUNT(*) FROM portail_choices WHERE child_id IN " + kAliceChildren;

// The value of the id in a "/famille/enfants/{id}…" location.
std::string child_id_of(const std::string& location) {
  static const std::regex id("/famille/enfants/([0-9]+)");
  std::smatch m;
  return std::regex_search(location, m, id) ? m[1].str() : "";
}

class PortailFamilyPages : public DemoServer {
 protected:
  void SetUp() override {
    DemoServer::SetUp();
    auto c = sql();
    for (const auto& [email, surname, given] :
         {std::tuple{kAlice, "Roy", "Alice"}, std::tuple{kBruno, "Côté", "Bruno"}}) {
      access::store::User u;
      u.kind = access::UserKind::parent;
      u.email = email;
      u.email_verified = true;
      u.surname = surname;
      u.given_name = given;
      access::store::add_user(*c, u, kPassword);
    }
    for (const auto& number : {kCpe, kRsge, kBc}) publish(number);
    auto a = c->run(
                  "SELECT civic_number, street, municipality, postal_code, latitude, longitude "
                  "FROM addresses WHERE latitude IS NOT NULL ORDER BY search_key LIMIT 1")
                 .first();
    civic_ = a.str(0);
    street_ = a.str(1);
    municipality_ = a.str(2);
    postal_ = a.str(3);
    latitude_ = a.f64(4);
    longitude_ = a.f64(5);
  }
  // Publishes the provider's fiche (the demo publishes some already) as its pages would.
  void publish(const std::string& number) {
    auto c = sql();
    auto org = access::store::organization_by_number(*c, number);
    c->run(
        "INSERT INTO fiches (organization_id, published, published_at, updated_at) VALUES "
        "($1, 1, $2, $2) ON CONFLICT (organization_id) DO UPDATE SET published = 1, "
        "published_at = excluded.published_at",
        org->id, log::utc_now_iso());
  }
  Browser parent(const std::string& login) {
    Browser b(port());
    auto r = b.sign_in(login, kPassword);
    EXPECT_EQ(r.status, 303) << r.body;
    return b;
  }
  std::string csrf(Browser& b) { return hidden_csrf(b.get("/famille").body); }
  Fields family_fields(Browser& b) {
    return {{"csrf", csrf(b)},
            {"parent1_surname", "Roy"},
            {"parent1_given_name", "Alice"},
            {"parent2_surname", "Gagné"},
            {"parent2_given_name", "Marc"},
            {"parent2_email", "marc.gagne@example.test"},
            {"civic_number", civic_},
            {"street", street_},
            {"municipality", municipality_},
            {"postal_code", postal_},
            {"phone", "(418) 555-0199"},
            {"language", "fr"}};
  }
  Fields child_fields(Browser& b, const std::string& given, const std::string& born,
                      bool needs = false) {
    Fields f{{"csrf", csrf(b)},
             {"surname", "Roy"},
             {"given_name", given},
             {"birth_date", born},
             {"sex", "F"},
             {"special_needs", needs ? "yes" : "no"},
             {"special_needs_text", needs ? "Allergie aux arachides" : ""},
             {"desired_start", "2027-09-01"},
             {"accept_partial", "yes"}};
    for (int d = 0; d < 5; ++d) {
      f.emplace_back("schedule_" + std::to_string(d), "AM");
      f.emplace_back("schedule_" + std::to_string(d), "PM");
    }
    return f;
  }
  // Alice's file with two children (Léa with special needs, Zoé); their ids.
  std::pair<std::string, std::string> alice_family(Browser& b) {
    auto saved = b.post("/famille", family_fields(b));
    EXPECT_EQ(saved.status, 303) << saved.body;
    auto lea = b.post("/famille/enfants", child_fields(b, "Léa", "2025-03-14", true));
    EXPECT_EQ(lea.status, 303) << lea.body;
    auto zoe = b.post("/famille/enfants", child_fields(b, "Zoé", "2026-06-01"));
    EXPECT_EQ(zoe.status, 303) << zoe.body;
    return {child_id_of(lea.header("location")), child_id_of(zoe.header("location"))};
  }
  std::int64_t rows(const std::string& query) { return sql()->run(query).first().i64(0); }
  std::string number_of(const std::string& child) {
    return sql()
        ->run("SELECT confirmation_number FROM portail_children WHERE id = $1", std::stoll(child))
        .first()
        .str(0);
  }
  // Everything a family's rows hold, to tell that nothing changed.
  std::string snapshot() {
    auto c = sql();
    std::string out;
    for (const auto* q :
         {"SELECT id, parent1_surname, phone, street, updated_at FROM family_files ORDER BY id",
          "SELECT id, family_id, confirmation_number, given_name, desired_start, updated_at FROM "
          "portail_children ORDER BY id",
          "SELECT child_id, organization_id, share_special_needs FROM portail_choices ORDER BY "
          "child_id, organization_id"}) {
      auto r = c->run(q);
      for (size_t i = 0; i < r.size(); ++i) {
        for (size_t k = 0; k < r.row(i).size(); ++k) out += r.row(i).str(k) + "|";
        out += "\n";
      }
    }
    return out;
  }

  std::string civic_, street_, municipality_, postal_;
  double latitude_ = 0, longitude_ = 0;
};

TEST_F(PortailFamilyPages, POR_01_AParentFillsTheFileAddsChildrenChoosesAndChangesTheRequest) {
  auto b = parent(kAlice);
  auto start = b.get("/famille");
  ASSERT_EQ(start.status, 200);
  EXPECT_TRUE(contains(start.body, html("Créer mon dossier familial")));
  EXPECT_TRUE(contains(start.body, "id=\"address-search\""));

  auto saved = b.post("/famille", family_fields(b));
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.header("location"), "/famille?enregistre=1");
  // The address and its position come from the reference; the phone is kept as its digits.
  auto file = sql()
                  ->run(
                      "SELECT street, postal_code, latitude, longitude, phone, language, "
                      "parent2_email FROM family_files WHERE id IN " +
                      kAliceFile)
                  .first();
  EXPECT_EQ(file.str(0), street_);
  EXPECT_EQ(file.str(1), postal_);
  EXPECT_DOUBLE_EQ(file.f64(2), latitude_);
  EXPECT_DOUBLE_EQ(file.f64(3), longitude_);
  EXPECT_EQ(file.str(4), "4185550199");
  EXPECT_EQ(file.str(5), "fr");
  EXPECT_EQ(file.str(6), "marc.gagne@example.test");

  auto [lea, zoe] = alice_family(b);  // saves the file again (unchanged) and adds two children
  ASSERT_FALSE(lea.empty());
  ASSERT_FALSE(zoe.empty());
  auto lea_page = b.get("/famille/enfants/" + lea + "?ajoute=1");
  ASSERT_EQ(lea_page.status, 200);
  auto lea_number = number_of(lea), zoe_number = number_of(zoe);
  EXPECT_TRUE(portail::valid_confirmation_number(lea_number)) << lea_number;
  EXPECT_TRUE(portail::valid_confirmation_number(zoe_number)) << zoe_number;
  EXPECT_NE(lea_number, zoe_number);
  EXPECT_TRUE(contains(lea_page.body, lea_number));
  EXPECT_TRUE(contains(lea_page.body, html("Numéro de confirmation d'inscription")));
  // The file lists both siblings with their numbers and the parents by name.
  auto home = b.get("/famille");
  ASSERT_EQ(home.status, 200);
  EXPECT_TRUE(contains(home.body, lea_number));
  EXPECT_TRUE(contains(home.body, zoe_number));
  EXPECT_TRUE(contains(home.body, html("Léa Roy")));
  EXPECT_TRUE(contains(home.body, html("Marc Gagné")));
  EXPECT_TRUE(contains(home.body, "418 555-0199"));
  EXPECT_EQ(sql()
                ->run("SELECT schedule FROM portail_children WHERE id = $1", std::stoll(lea))
                .first()
                .str(0),
            "3,3,3,3,3,0,0");

  // The request changes: a new desired date.
  auto edit = child_fields(b, "Léa", "2025-03-14", true);
  for (auto& [k, v] : edit)
    if (k == "desired_start") v = "2027-01-04";
  auto changed = b.post("/famille/enfants/" + lea, edit);
  ASSERT_EQ(changed.status, 303) << changed.body;
  auto after = b.get("/famille/enfants/" + lea);
  EXPECT_TRUE(contains(after.body, "4 janvier 2027"));
  EXPECT_EQ(rows("SELECT COUNT(*) FROM audit_log WHERE record_type = 'portail_child' AND action "
                 "= 'update' AND detail = 'desired_start'"),
            1);

  // Choices: the CPE for both, its special needs shared for Léa; the RSGE for Léa.
  auto choose = b.get("/famille/choix?milieu=" + kCpe);
  ASSERT_EQ(choose.status, 200);
  EXPECT_TRUE(contains(choose.body, html("CPE Les Petits Pas — Limoilou")));
  EXPECT_TRUE(contains(choose.body, "name=\"partage_" + lea + "\""));
  EXPECT_FALSE(contains(choose.body, "name=\"partage_" + zoe + "\""));  // no needs to share
  auto chosen = b.post("/famille/choix", {{"csrf", hidden_csrf(choose.body)},
                                          {"milieu", kCpe},
                                          {"enfant", lea},
                                          {"enfant", zoe},
                                          {"partage_" + lea, "yes"}});
  ASSERT_EQ(chosen.status, 303) << chosen.body;
  auto rsge = b.post("/famille/choix", {{"csrf", csrf(b)}, {"milieu", kRsge}, {"enfant", lea}});
  ASSERT_EQ(rsge.status, 303) << rsge.body;
  EXPECT_EQ(rows(kAliceChoices), 3);
  EXPECT_EQ(rows(kAliceChoices + " AND share_special_needs = 1"), 1);
  auto with_choices = b.get("/famille/enfants/" + lea);
  EXPECT_TRUE(contains(with_choices.body, html("CPE Les Petits Pas — Limoilou")));
  EXPECT_TRUE(contains(with_choices.body, html("Service de garde Marie Tremblay")));
  EXPECT_TRUE(contains(with_choices.body, html("Retirer ce choix")));
  // The choice page shows what is chosen.
  auto again = b.get("/famille/choix?milieu=" + kCpe);
  EXPECT_TRUE(contains(again.body, "value=\"" + lea + "\" checked"));

  // Removing a choice asks first (without JavaScript, a page), then removes only that one.
  std::string remove = "/famille/enfants/" + lea + "/choix/" + kRsge + "/retirer";
  auto ask = b.post(remove, {{"csrf", csrf(b)}});
  ASSERT_EQ(ask.status, 200);
  EXPECT_TRUE(contains(ask.body, html("Voulez-vous vraiment retirer ce choix ?")));
  EXPECT_EQ(rows(kAliceChoices), 3);
  auto removed = b.post(remove, {{"csrf", csrf(b)}, {"confirme", "1"}});
  ASSERT_EQ(removed.status, 303);
  EXPECT_EQ(rows(kAliceChoices), 2);
  EXPECT_FALSE(
      contains(b.get("/famille/enfants/" + lea).body, html("Service de garde Marie Tremblay")));
  // Unchecking a child on the provider's page removes its choice too.
  auto only_lea = b.post("/famille/choix", {{"csrf", csrf(b)}, {"milieu", kCpe}, {"enfant", lea}});
  ASSERT_EQ(only_lea.status, 303);
  EXPECT_EQ(rows(kAliceChoices), 1);

  // Withdrawing a child: its choices go with it.
  auto withdrawn =
      b.post("/famille/enfants/" + lea + "/retirer", {{"csrf", csrf(b)}, {"confirme", "1"}});
  ASSERT_EQ(withdrawn.status, 303);
  EXPECT_EQ(b.get("/famille/enfants/" + lea).status, 404);
  EXPECT_EQ(rows(kAliceChoices), 0);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM portail_children WHERE id IN " + kAliceChildren), 1);

  // Every change of personal data left an audit row.
  EXPECT_GE(rows("SELECT COUNT(*) FROM audit_log WHERE record_type = 'family_file'"), 1);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM audit_log WHERE record_type = 'portail_child' AND action "
                 "IN ('create', 'delete')"),
            3);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM audit_log WHERE record_type = 'portail_choice'"), 6);
}

TEST_F(PortailFamilyPages, POR_01_DeletingTheFileLeavesOnlyAnAuditRowWithoutPersonalData) {
  auto b = parent(kAlice);
  auto [lea, zoe] = alice_family(b);
  ASSERT_EQ(b.post("/famille/choix", {{"csrf", csrf(b)}, {"milieu", kCpe}, {"enfant", lea}}).status,
            303);
  auto numbers = std::vector<std::string>{number_of(lea), number_of(zoe)};
  // The provider referred Léa for a place and admitted her: the file still goes, with them.
  {
    auto c = sql();
    auto org = c->run("SELECT id FROM organizations WHERE number = $1", kCpe).first().i64(0);
    auto place = c->run(
                      "INSERT INTO free_places (organization_id, age_group, available_from, "
                      "schedule, declared_at) VALUES ($1, '18-59', '2027-01-04', "
                      "'3,3,3,3,3,0,0', '2026-12-01T12:00:00Z') RETURNING id",
                      org)
                     .first()
                     .i64(0);
    c->run(
        "INSERT INTO referrals (place_id, child_id, organization_id, referred_at, respond_by) "
        "VALUES ($1, $2, $3, '2026-12-01T12:00:00Z', '2026-12-08')",
        place, std::stoll(lea), org);
    c->run(
        "INSERT INTO admissions (child_id, organization_id, planned_start, admitted_at) VALUES "
        "($1, $2, '2027-01-04', '2026-12-02T12:00:00Z')",
        std::stoll(lea), org);
    c->run(
        "INSERT INTO child_consultations (child_id, organization_id, day, what, views, first_at, "
        "last_at) VALUES ($1, $2, '2026-12-01', 'reserve_list', 3, '2026-12-01T12:00:00Z', "
        "'2026-12-01T13:00:00Z')",
        std::stoll(lea), org);
  }
  // Without confirmation: the question, nothing deleted.
  auto ask = b.post("/famille/supprimer", {{"csrf", csrf(b)}});
  ASSERT_EQ(ask.status, 200);
  EXPECT_TRUE(contains(ask.body, html("Voulez-vous vraiment supprimer votre dossier familial ?")));
  EXPECT_EQ(rows("SELECT COUNT(*) FROM family_files WHERE id IN " + kAliceFile), 1);
  auto gone = b.post("/famille/supprimer", {{"csrf", csrf(b)}, {"confirme", "1"}});
  ASSERT_EQ(gone.status, 303);
  EXPECT_EQ(gone.header("location"), "/famille?supprime=1");
  auto c = sql();
  auto alice = access::store::user_by_login(*c, kAlice)->id;
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM family_files WHERE user_id = $1", alice).first().i64(0),
            0);
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM portail_children WHERE confirmation_number IN ($1, $2)",
                   numbers[0], numbers[1])
                .first()
                .i64(0),
            0);
  EXPECT_EQ(
      rows("SELECT COUNT(*) FROM portail_choices WHERE child_id IN (" + lea + ", " + zoe + ")"), 0);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM admissions WHERE child_id = " + lea), 0);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM referrals WHERE child_id = " + lea), 0);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM child_consultations WHERE child_id = " + lea), 0);
  auto audit = c->run(
      "SELECT detail FROM audit_log WHERE record_type = 'family_file' AND action = "
      "'delete' AND user_id = $1",
      alice);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit.first().str(0), "children=2,choices=1");
  // No row of the log holds the family's personal data.
  auto all = c->run(
      "SELECT COALESCE(detail, '') || ' ' || record_id FROM audit_log WHERE user_id = $1", alice);
  EXPECT_GE(all.size(), 4u);
  for (size_t i = 0; i < all.size(); ++i) {
    auto row = all.row(i).str(0);
    for (const auto& personal : {std::string("Roy"), std::string("Léa"), std::string("Gagné"),
                                 std::string("4185550199"), street_, numbers[0], numbers[1]})
      EXPECT_FALSE(contains(row, personal)) << row;
  }
  // The page is the empty form again, saying so.
  auto page = b.get("/famille?supprime=1");
  EXPECT_TRUE(contains(page.body, html("Votre dossier familial est supprimé.")));
  EXPECT_FALSE(contains(page.body, numbers[0]));
}

TEST_F(PortailFamilyPages, POR_01_OnlyParentsAndEachOnlyTheirOwnFile) {
  // Anonymous: the sign-in, for pages and forms alike.
  Browser anon(port());
  auto page = anon.get("/famille");
  EXPECT_EQ(page.status, 303);
  EXPECT_TRUE(page.header("location").starts_with("/connexion")) << page.header("location");
  EXPECT_NE(anon.get("/famille/choix?milieu=" + kCpe).status, 200);
  EXPECT_NE(anon.get("/adresses?q=" + text::url_encode(civic_ + " " + street_)).status, 200);
  // An enterprise account: 403.
  Browser staff(port());
  ASSERT_EQ(staff.sign_in(kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(staff.get("/famille").status, 403);
  EXPECT_EQ(staff.get("/famille/choix?milieu=" + kCpe).status, 403);
  // Nor can it write one (with its own valid CSRF token).
  auto staff_token = hidden_csrf(staff.get("/tableau-de-bord").body);
  ASSERT_FALSE(staff_token.empty());
  Fields as_staff{
      {"csrf", staff_token},     {"parent1_surname", "Roy"}, {"parent1_given_name", "Alice"},
      {"civic_number", civic_},  {"street", street_},        {"municipality", municipality_},
      {"phone", "418 555-0199"}, {"language", "fr"}};
  EXPECT_EQ(staff.post("/famille", as_staff).status, 403);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM family_files f JOIN users u ON u.id = f.user_id WHERE "
                 "u.kind <> 'parent'"),
            0);
  // Parents may use the address autocomplete.
  auto alice = parent(kAlice);
  auto found = alice.get("/adresses?q=" + text::url_encode(civic_ + " " + street_));
  EXPECT_EQ(found.status, 200);
  EXPECT_TRUE(contains(found.body, street_.substr(0, 5)));

  auto [lea, zoe] = alice_family(alice);
  ASSERT_EQ(alice.post("/famille/choix", {{"csrf", csrf(alice)}, {"milieu", kCpe}, {"enfant", lea}})
                .status,
            303);
  auto lea_number = number_of(lea);
  auto before = snapshot();

  // Bruno, another parent, with his own file and child, tries Alice's.
  auto bruno = parent(kBruno);
  // Before he has a file, a provider's page says to start one.
  auto no_file = bruno.get("/famille/choix?milieu=" + kCpe);
  EXPECT_EQ(no_file.status, 200);
  EXPECT_TRUE(contains(no_file.body, html("créez d'abord votre dossier familial")));
  EXPECT_FALSE(contains(no_file.body, html("Léa")));
  auto mine = family_fields(bruno);
  for (auto& [k, v] : mine) {
    if (k == "parent1_surname") v = "Côté";
    if (k == "parent1_given_name") v = "Bruno";
  }
  ASSERT_EQ(bruno.post("/famille", mine).status, 303);
  auto his = bruno.post("/famille/enfants", child_fields(bruno, "Émile", "2025-05-05"));
  ASSERT_EQ(his.status, 303);
  before = snapshot();
  std::string token = csrf(bruno);
  for (const auto& guess : {lea, zoe, lea_number, std::string("0"), std::string("-1"),
                            std::string("999999"), std::string("1e3")}) {
    SCOPED_TRACE(guess);
    std::string base = "/famille/enfants/" + guess;
    auto read = bruno.get(base);
    EXPECT_EQ(read.status, 404);
    EXPECT_FALSE(contains(read.body, html("Léa")));
    EXPECT_FALSE(contains(read.body, html("Zoé")));
    EXPECT_EQ(bruno.get(base + "/modifier").status, 404);
    EXPECT_EQ(bruno.post(base, child_fields(bruno, "Pirate", "2025-01-01")).status, 404);
    EXPECT_EQ(bruno.post(base + "/retirer", {{"csrf", token}, {"confirme", "1"}}).status, 404);
    EXPECT_EQ(bruno.post(base + "/choix/" + kCpe + "/retirer", {{"csrf", token}, {"confirme", "1"}})
                  .status,
              404);
  }
  // Choosing with Alice's child ids changes nothing of hers.
  auto smuggled = bruno.post("/famille/choix", {{"csrf", token},
                                                {"milieu", kRsge},
                                                {"enfant", lea},
                                                {"enfant", zoe},
                                                {"partage_" + lea, "yes"}});
  EXPECT_EQ(smuggled.status, 303);
  // Bruno's own file shows nothing of Alice's.
  auto his_file = bruno.get("/famille");
  EXPECT_FALSE(contains(his_file.body, lea_number));
  EXPECT_FALSE(contains(his_file.body, html("Léa")));
  auto his_choice = bruno.get("/famille/choix?milieu=" + kCpe);
  EXPECT_FALSE(contains(his_choice.body, html("Léa")));
  EXPECT_EQ(snapshot(), before);
}

TEST_F(PortailFamilyPages, POR_01_BadValuesAreRefusedNamingTheField) {
  auto b = parent(kAlice);
  struct Case {
    std::string field, value, message;
  };
  // The family file.
  const std::vector<Case> family_cases{
      {"parent1_surname", "", "Nom de famille du parent 1 : ce champ est obligatoire."},
      {"parent1_given_name", std::string(51, 'a'), "Prénom du parent 1 : 50 caractères au plus."},
      {"street", "Rue qui n'existe pas", "Adresse du domicile : cette adresse est introuvable"},
      {"civic_number", "", "Adresse du domicile : inscrivez le numéro, la rue et la municipalité."},
      {"phone", "555-1234", "Téléphone : inscrivez un numéro de 10 chiffres"},
      {"parent2_email", "marc.example", "Courriel du deuxième parent : inscrivez une adresse"},
      {"language", "es", "Langue de correspondance : choisissez le français ou l'anglais."},
  };
  for (const auto& c : family_cases) {
    SCOPED_TRACE(c.field);
    auto f = family_fields(b);
    for (auto& [k, v] : f)
      if (k == c.field) v = c.value;
    auto r = b.post("/famille", f);
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, html(c.message))) << r.body;
    EXPECT_TRUE(contains(r.body, "aria-invalid=\"true\""));
    EXPECT_EQ(rows("SELECT COUNT(*) FROM family_files WHERE id IN " + kAliceFile), 0);
  }
  ASSERT_EQ(b.post("/famille", family_fields(b)).status, 303);
  // A child.
  const std::vector<Case> child_cases{
      {"birth_date", "2099-01-01", "Date de naissance : la date ne peut pas être dans le futur"},
      {"birth_date", "2025-02-30",
       "Date de naissance : inscrivez une date valide, au format "
       "AAAA-MM-JJ"},
      {"birth_date", "14/03/2025", "Date de naissance : inscrivez une date valide"},
      {"given_name", "", "Prénom de l'enfant : ce champ est obligatoire."},
      {"surname", "", "Nom de famille de l'enfant : ce champ est obligatoire."},
      {"surname", std::string(51, 'x'), "Nom de famille de l'enfant : 50 caractères au plus."},
      {"special_needs_text", std::string(501, 'x'),
       "Besoins particuliers, en quelques mots : 500 caractères au plus."},
      {"desired_start", "2027-02-29", "Date d'entrée souhaitée : inscrivez une date valide"},
      {"sex", "Q", "Sexe : choisissez le sexe de l'enfant."},
  };
  for (const auto& c : child_cases) {
    SCOPED_TRACE(c.field + "=" + c.value);
    auto f = child_fields(b, "Léa", "2025-03-14", true);
    for (auto& [k, v] : f)
      if (k == c.field) v = c.value;
    auto r = b.post("/famille/enfants", f);
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, html(c.message))) << r.body;
    EXPECT_EQ(rows("SELECT COUNT(*) FROM portail_children WHERE id IN " + kAliceChildren), 0);
  }
  // No half-period ticked.
  Fields no_schedule;
  for (const auto& kv : child_fields(b, "Léa", "2025-03-14"))
    if (!kv.first.starts_with("schedule_")) no_schedule.push_back(kv);
  auto r = b.post("/famille/enfants", no_schedule);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, html("Horaire souhaité : cochez au moins une demi-période.")));
  // What was typed stays in the form.
  EXPECT_TRUE(contains(r.body, "value=\"2025-03-14\""));
  // In English too.
  auto en =
      b.post("/famille/enfants", child_fields(b, "Léa", "2099-01-01"), {{"Accept-Language", "en"}});
  EXPECT_EQ(en.status, 422);
  EXPECT_TRUE(contains(en.body, "Birth date: the date cannot be in the future"));
}

TEST_F(PortailFamilyPages, POR_01_CsrfAndOversizedBodiesAreRefused) {
  auto b = parent(kAlice);
  auto f = family_fields(b);
  Fields no_token;
  for (const auto& kv : f)
    if (kv.first != "csrf") no_token.push_back(kv);
  EXPECT_EQ(b.post("/famille", no_token).status, 403);
  auto wrong = no_token;
  wrong.emplace_back("csrf", std::string(32, 'a'));
  EXPECT_EQ(b.post("/famille", wrong).status, 403);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM family_files WHERE id IN " + kAliceFile), 0);
  // A body far larger than any family form.
  auto big = f;
  big.emplace_back("padding", std::string(100 * 1024, 'x'));
  EXPECT_EQ(b.post("/famille", big).status, 413);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM family_files WHERE id IN " + kAliceFile), 0);
  ASSERT_EQ(b.post("/famille", f).status, 303);
  auto child = child_fields(b, "Léa", "2025-03-14");
  child.emplace_back("padding", std::string(100 * 1024, 'x'));
  EXPECT_EQ(b.post("/famille/enfants", child).status, 413);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM portail_children WHERE id IN " + kAliceChildren), 0);
}

TEST_F(PortailFamilyPages, POR_01_OnlyPublishedInstallationsAndRsgeCanBeChosen) {
  auto b = parent(kAlice);
  auto [lea, zoe] = alice_family(b);
  EXPECT_EQ(b.get("/famille/choix?milieu=" + kCpe).status, 200);
  EXPECT_EQ(b.get("/famille/choix?milieu=" + kRsge).status, 200);
  for (const auto& number : {kUnpublished, kBc, std::string("99999999"), std::string("")}) {
    SCOPED_TRACE(number);
    EXPECT_EQ(b.get("/famille/choix?milieu=" + number).status, 404);
    EXPECT_EQ(
        b.post("/famille/choix", {{"csrf", csrf(b)}, {"milieu", number}, {"enfant", lea}}).status,
        404);
  }
  // A fiche withdrawn: no longer offered.
  sql()->run(
      "UPDATE fiches SET published = 0 WHERE organization_id = (SELECT id FROM "
      "organizations WHERE number = $1)",
      kRsge);
  EXPECT_EQ(b.get("/famille/choix?milieu=" + kRsge).status, 404);
  EXPECT_EQ(rows(kAliceChoices), 0);
}

TEST_F(PortailFamilyPages, POR_01_TheDemoParentHasAFamilyWithTwoChildren) {
  auto c = sql();
  auto demo = access::store::user_by_login(*c, "parent@example.test")->id;
  auto kids = c->run(
      "SELECT k.confirmation_number FROM portail_children k JOIN family_files f ON f.id = "
      "k.family_id WHERE f.user_id = $1",
      demo);
  ASSERT_EQ(kids.size(), 2u);
  for (size_t i = 0; i < kids.size(); ++i)
    EXPECT_TRUE(portail::valid_confirmation_number(kids.row(i).str(0)));
  Browser b(port());
  ASSERT_EQ(b.sign_in("parent@example.test", "Parent-demo-2026").status, 303);
  auto page = b.get("/famille");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, kids.row(0).str(0)));
  EXPECT_TRUE(contains(page.body, html("Noah Bégin")));
  // The dashboard leads there.
  auto dash = b.get("/tableau-de-bord");
  EXPECT_TRUE(contains(dash.body, "href=\"" + html("/famille") + "\""));
}

}  // namespace
}  // namespace sgee::test

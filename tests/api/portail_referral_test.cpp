// Free places and the automatic referral through a real server on the demo data (issue 15): a
// CPE declares a free place and the Portail refers the best-ranked child who fits it (never one
// outside the place's age group or refusing a replacement place), several at once for an urgent
// place; a decline or a deadline passing refers the next child; the parent accepts and the CPE
// admits; refusals (401/403/404/413/422); and two servers on one database refer each place once.
// The job is driven by the pages (a declaration or an answer refers at once) and by `sgee refer`,
// never by waiting: the servers here run with --refer-every 0 except in the two-server test. On
// SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "browser.hpp"
#include "platform/date.hpp"

namespace sgee::test {
namespace {

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";  // 20000001, 20000002
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";  // 20000003
const std::string kParent = "parent@example.test", kParentPassword = "Parent-demo-2026";
const std::string kMinistry = "M0000001", kMinistryPassword = "Ministere-demo-2026";
const std::string kPlaces = "/installations/20000001/places";
// The demo's Garderie Soleil has free places of its own (referral_demo.cpp): ours are the CPE's.
const std::string kCpe = "(SELECT id FROM organizations WHERE number = '20000001')";

// Léa (14 months, Monday to Friday, accepts a partial match) and Noah (3 months, Monday to
// Thursday, accepts a replacement place) chose 20000001 (family_demo.cpp). Léa's desired date
// comes first: she ranks ahead of Noah.
Fields place_form(const std::string& csrf, const std::string& age, const std::string& from,
                  bool replacement, const std::string& at_once) {
  Fields f = {{"csrf", csrf}, {"age_group", age}, {"from", from}, {"at_once", at_once}};
  for (const char* d : {"0", "1", "2", "3", "4"}) {
    f.emplace_back(std::string("schedule_") + d, "AM");
    f.emplace_back(std::string("schedule_") + d, "PM");
  }
  if (replacement) f.emplace_back("replacement", "yes");
  return f;
}

std::string in_days(int n) {
  return dates::format(dates::add_days(dates::today_in_quebec(), n));
}

class ReferralPages : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    db_ = demo_database();
    server_ = std::make_unique<Server>(db_->url(), std::vector<std::string>{"--refer-every", "0"});
    auto c = sql();
    // These tests follow the demo parent's Léa and Noah alone: the other demo families (the
    // réserves' demo) leave the réserves.
    c->run(
        "DELETE FROM portail_choices WHERE child_id NOT IN (SELECT ch.id FROM portail_children ch "
        "JOIN family_files f ON f.id = ch.family_id JOIN users u ON u.id = f.user_id "
        "WHERE u.email = 'parent@example.test')");
    lea_ = c->run("SELECT id FROM portail_children WHERE given_name = 'Léa'").first().i64(0);
    noah_ = c->run("SELECT id FROM portail_children WHERE given_name = 'Noah'").first().i64(0);
  }
  int port() const { return server_->port(); }
  std::unique_ptr<db::Connection> sql() { return db::connect(db_->url()); }
  std::int64_t count(const std::string& q) { return sql()->run(q).first().i64(0); }
  std::string current_code(const std::string& login) {
    auto c = sql();
    c->run("UPDATE users SET totp_last_step = 0 WHERE lower(user_code) = lower($1)", login);
    auto secret = c->run("SELECT totp_secret FROM users WHERE lower(user_code) = lower($1)", login)
                      .first()
                      .str(0);
    return access::totp::code_at(secret, std::time(nullptr));
  }
  void sign_in(Browser& b, const std::string& login, const std::string& password) {
    auto r = b.sign_in(login, password);
    if (r.status == 303 && r.header("location").starts_with("/connexion/code")) {
      auto page = b.get(r.header("location"));
      r = b.post("/connexion/code",
                 {{"csrf", hidden_csrf(page.body)}, {"next", ""}, {"code", current_code(login)}});
    }
    ASSERT_EQ(r.status, 303) << login;
  }
  // Declares a place as the CPE's RSE; returns the reply.
  Reply declare(Browser& b, const std::string& age, const std::string& from, bool replacement,
                const std::string& at_once = "1") {
    auto page = b.get(kPlaces);
    EXPECT_EQ(page.status, 200);
    return b.post(kPlaces, place_form(hidden_csrf(page.body), age, from, replacement, at_once));
  }
  // The live referrals' children of the CPE, in referral order.
  std::vector<std::int64_t> live() {
    auto r = sql()->run(
        "SELECT child_id FROM referrals WHERE state IN ('referred', 'accepted') AND "
        "organization_id = " +
        kCpe + " ORDER BY id");
    std::vector<std::int64_t> out;
    for (size_t i = 0; i < r.size(); ++i) out.push_back(r.row(i).i64(0));
    return out;
  }
  std::int64_t referral_of(std::int64_t child) {
    return sql()
        ->run("SELECT id FROM referrals WHERE child_id = $1 ORDER BY id DESC LIMIT 1", child)
        .first()
        .i64(0);
  }
  std::string state_of(std::int64_t referral) {
    return sql()->run("SELECT state FROM referrals WHERE id = $1", referral).first().str(0);
  }
  std::int64_t mails(const std::string& to, const std::string& subject_part) {
    return sql()
        ->run("SELECT COUNT(*) FROM outbox WHERE to_address = $1 AND subject LIKE $2", to,
              "%" + subject_part + "%")
        .first()
        .i64(0);
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Server> server_;
  std::int64_t lea_ = 0, noah_ = 0;
};

TEST_F(ReferralPages, REF_ADeclaredPlaceRefersOnlyAChildWhoFitsIt) {
  Browser cpe(port());
  sign_in(cpe, kRse, kRsePassword);
  // 18 to 59 months from next week: Léa (14 months) and Noah (3 months) are too young on that
  // day; nobody is referred (the subsidy of a child outside the group would be lost).
  auto r = declare(cpe, "18-59", in_days(7), false);
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(r.header("location").starts_with(kPlaces + "?declaree="));
  EXPECT_EQ(count("SELECT COUNT(*) FROM free_places WHERE state = 'open' AND age_group = '18-59' "
                  "AND refer_at_once = 1 AND schedule = '3,3,3,3,3,0,0' AND organization_id = " +
                  kCpe),
            1);
  EXPECT_TRUE(live().empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'free_place' AND action = "
                  "'create'"),
            1);
  auto page = cpe.get(kPlaces);
  EXPECT_TRUE(contains(page.body, html("18 à 59 mois")));
  EXPECT_TRUE(contains(page.body, html("Aucun enfant de votre réserve ne correspond")));
  EXPECT_FALSE(contains(page.body, "18-59<")) << "no internal code on the page";

  // A replacement place for 0–17 months: Léa ranks first but does not accept a replacement
  // place; Noah does and is referred.
  r = declare(cpe, "0-17", in_days(7), true);
  ASSERT_EQ(r.status, 303);
  ASSERT_EQ(live(), std::vector<std::int64_t>{noah_});
  auto id = referral_of(noah_);
  EXPECT_EQ(count("SELECT COUNT(*) FROM portail_events WHERE kind = 'referral' AND data LIKE "
                  "'%\"referral\":" +
                  std::to_string(id) + "%'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'referral' AND action = "
                  "'create' AND subject_user_id IS NOT NULL"),
            1);
  // The parent's e-mail: the first name and a link, nothing else of the child.
  ASSERT_EQ(mails(kParent, "Noah"), 1);
  auto mail = sql()
                  ->run(
                      "SELECT subject, body FROM outbox WHERE to_address = $1 AND subject LIKE "
                      "'%Noah%'",
                      kParent)
                  .first();
  EXPECT_TRUE(contains(mail.str(1), "/famille/propositions/" + std::to_string(id)));
  EXPECT_FALSE(contains(mail.str(0) + mail.str(1), "Bégin"));
  EXPECT_FALSE(contains(mail.str(1), "arachides"));
  auto respond_by = sql()->run("SELECT respond_by FROM referrals WHERE id = $1", id).first().str(0);
  EXPECT_TRUE(contains(mail.str(1), respond_by));
  // The CPE sees the referred child by name, and only him.
  page = cpe.get(kPlaces);
  EXPECT_TRUE(contains(page.body, html("Noah Bégin")));
  EXPECT_FALSE(contains(page.body, html("Léa")));
  EXPECT_TRUE(contains(page.body, html("Proposé — en attente de la réponse de la famille")));
  EXPECT_GE(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'referral' AND action = "
                  "'read'"),
            1);
}

TEST_F(ReferralPages, REF_AnUrgentPlaceRefersSeveralChildrenAtOnceAndAnAdmissionClosesTheRest) {
  Browser cpe(port());
  sign_in(cpe, kRse, kRsePassword);
  ASSERT_EQ(declare(cpe, "0-17", in_days(3), false, "3").status, 303);
  ASSERT_EQ(live(), (std::vector<std::int64_t>{lea_, noah_})) << "both fit, in rank order";
  auto lea_ref = referral_of(lea_), noah_ref = referral_of(noah_);

  // The parent accepts Léa's place.
  Browser parent(port());
  sign_in(parent, kParent, kParentPassword);
  auto url = "/famille/propositions/" + std::to_string(lea_ref);
  auto offer = parent.get(url);
  ASSERT_EQ(offer.status, 200);
  EXPECT_TRUE(contains(offer.body, html("Une place est proposée pour Léa")));
  EXPECT_TRUE(contains(offer.body, html("CPE Les Petits Pas — Limoilou")));
  EXPECT_FALSE(contains(offer.body, "Noah")) << "one referral, one child";
  auto accepted = parent.post(url, {{"csrf", hidden_csrf(offer.body)}, {"operation", "accept"}});
  ASSERT_EQ(accepted.status, 303);
  EXPECT_EQ(state_of(lea_ref), "accepted");
  EXPECT_TRUE(contains(parent.get(url + "?reponse=1").body, html("Vous avez accepté")));
  // Answering twice: 409, nothing changes.
  EXPECT_EQ(parent
                .post(url, {{"csrf", hidden_csrf(offer.body)},
                            {"operation", "decline"},
                            {"reason", "Finalement non."}})
                .status,
            409);
  EXPECT_EQ(state_of(lea_ref), "accepted");

  // The CPE admits Léa: the admission, the place filled, Noah's referral closed with an e-mail.
  auto page = cpe.get(kPlaces);
  EXPECT_TRUE(contains(page.body, html("Accepté par la famille — en attente de votre décision")));
  auto start = in_days(10);
  auto admitted = cpe.post(
      "/installations/20000001/propositions/" + std::to_string(lea_ref),
      {{"csrf", hidden_csrf(page.body)}, {"operation", "admit"}, {"planned_start", start}});
  ASSERT_EQ(admitted.status, 303);
  EXPECT_EQ(admitted.header("location"), kPlaces + "?admis=1");
  EXPECT_EQ(state_of(lea_ref), "admitted");
  EXPECT_EQ(state_of(noah_ref), "closed");
  auto a = sql()->run(
      "SELECT a.child_id, a.planned_start, a.state, a.place_id, a.referral_id, p.state, "
      "p.admission_id FROM admissions a JOIN free_places p ON p.id = a.place_id");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a.first().i64(0), lea_);
  EXPECT_EQ(a.first().str(1), start);
  EXPECT_EQ(a.first().str(2), "admitted");
  EXPECT_EQ(a.first().i64(4), lea_ref);
  EXPECT_EQ(a.first().str(5), "filled");
  EXPECT_EQ(mails(kParent, "Noah n'est plus disponible"), 1);
  // The admission by referral at the CPE (the demo's other admissions are not by referral).
  EXPECT_EQ(count("SELECT COUNT(*) FROM portail_events WHERE kind = 'admission' AND "
                  "organization_id = " +
                  kCpe + " AND data LIKE '%\"referral\"%'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM portail_events WHERE kind = 'referral_closed'"), 1);
  // The provider's time to fill (same day: 0 days), and the ministry's per region.
  page = cpe.get(kPlaces + "?admis=1");
  EXPECT_TRUE(contains(page.body, html("Délai médian pour combler une place :")));
  EXPECT_TRUE(contains(
      page.body, "<strong>0 " + html("jours") + "</strong> (" + html("places comblées : 1") + ")"));
  Browser agent(port());
  sign_in(agent, kMinistry, kMinistryPassword);
  auto ministry = agent.get("/ministere/places");
  ASSERT_EQ(ministry.status, 200);
  EXPECT_TRUE(contains(ministry.body, html("03 Capitale-Nationale")));
  // Admitting again: the referral is no longer live.
  EXPECT_EQ(
      cpe.post("/installations/20000001/propositions/" + std::to_string(noah_ref),
               {{"csrf", hidden_csrf(page.body)}, {"operation", "admit"}, {"planned_start", start}})
          .status,
      409);
}

TEST_F(ReferralPages, REF_ADeclineReferTheNextChild) {
  Browser cpe(port());
  sign_in(cpe, kRse, kRsePassword);
  ASSERT_EQ(declare(cpe, "0-17", in_days(3), false).status, 303);
  ASSERT_EQ(live(), std::vector<std::int64_t>{lea_});
  auto lea_ref = referral_of(lea_);
  Browser parent(port());
  sign_in(parent, kParent, kParentPassword);
  auto url = "/famille/propositions/" + std::to_string(lea_ref);
  auto offer = parent.get(url);
  // A decline needs a reason: 422 naming the field, nothing changes.
  auto bad = parent.post(
      url, {{"csrf", hidden_csrf(offer.body)}, {"operation", "decline"}, {"reason", "  "}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, html("Motif du refus : indiquez le motif du refus.")));
  EXPECT_EQ(state_of(lea_ref), "referred");
  auto declined = parent.post(url, {{"csrf", hidden_csrf(offer.body)},
                                    {"operation", "decline"},
                                    {"reason", "Nous déménageons."}});
  ASSERT_EQ(declined.status, 303);
  EXPECT_EQ(state_of(lea_ref), "declined_parent");
  ASSERT_EQ(live(), std::vector<std::int64_t>{noah_}) << "the next child, at once";
  // The provider declines Noah with a reason: nobody is left who was not referred.
  auto noah_ref = referral_of(noah_);
  auto page = cpe.get(kPlaces);
  auto action = "/installations/20000001/propositions/" + std::to_string(noah_ref);
  bad = cpe.post(action, {{"csrf", hidden_csrf(page.body)}, {"operation", "decline"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, html("Motif du refus")));
  ASSERT_EQ(cpe.post(action, {{"csrf", hidden_csrf(page.body)},
                              {"operation", "decline"},
                              {"reason", "Horaire incompatible avec nos groupes."}})
                .status,
            303);
  EXPECT_EQ(state_of(noah_ref), "declined_provider");
  EXPECT_TRUE(live().empty()) << "never the same child twice for a place";
  EXPECT_EQ(count("SELECT COUNT(*) FROM portail_events WHERE kind = 'referral_declined'"), 2);
  EXPECT_EQ(mails(kParent, "Proposition de place pour Noah"), 1);
}

TEST_F(ReferralPages, REF_TheDeadlinePassingRefersTheNextChildAfterAReminder) {
  Browser cpe(port());
  sign_in(cpe, kRse, kRsePassword);
  ASSERT_EQ(declare(cpe, "0-17", in_days(3), false).status, 303);
  auto lea_ref = referral_of(lea_);
  auto today = dates::today_in_quebec();
  // The reminder day comes: one reminder, once.
  sql()->run("UPDATE referrals SET remind_on = $2 WHERE id = $1", lea_ref, dates::format(today));
  auto pass = run_sgee({"refer", "--db", db_->url()});
  ASSERT_EQ(pass.exit_code, 0) << pass.err;
  EXPECT_EQ(mails(kParent, "Rappel"), 1);
  ASSERT_EQ(run_sgee({"refer", "--db", db_->url()}).exit_code, 0);
  EXPECT_EQ(mails(kParent, "Rappel"), 1) << "a reminder is sent once";
  EXPECT_EQ(state_of(lea_ref), "referred");
  // The deadline passes (the pass runs the day after it): Léa's referral expires, Noah is next.
  auto due = sql()->run("SELECT respond_by FROM referrals WHERE id = $1", lea_ref).first().str(0);
  auto after = dates::format(dates::add_days(*dates::parse(due), 1));
  pass = run_sgee({"refer", "--db", db_->url(), "--today", after});
  ASSERT_EQ(pass.exit_code, 0) << pass.err;
  EXPECT_TRUE(contains(pass.out, "1 children referred, 1 referrals expired")) << pass.out;
  EXPECT_EQ(state_of(lea_ref), "expired");
  EXPECT_EQ(live(), std::vector<std::int64_t>{noah_});
  EXPECT_EQ(mails(kParent, "Léa n'est plus réservée"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM portail_events WHERE kind = 'referral_expired'"), 1);
  // The parent can no longer answer the expired one.
  Browser parent(port());
  sign_in(parent, kParent, kParentPassword);
  auto url = "/famille/propositions/" + std::to_string(lea_ref);
  auto offer = parent.get(url);
  EXPECT_TRUE(contains(offer.body, html("Le délai de réponse est dépassé")));
  EXPECT_FALSE(contains(offer.body, "name=\"operation\""));
  EXPECT_EQ(parent.post(url, {{"csrf", hidden_csrf(offer.body)}, {"operation", "accept"}}).status,
            409);
}

TEST_F(ReferralPages, REF_RefusalsAndBadInput) {
  Browser cpe(port());
  sign_in(cpe, kRse, kRsePassword);
  ASSERT_EQ(declare(cpe, "0-17", in_days(3), false).status, 303);
  auto lea_ref = referral_of(lea_);
  auto place =
      sql()->run("SELECT id FROM free_places WHERE organization_id = " + kCpe).first().i64(0);
  auto page = cpe.get(kPlaces);
  auto csrf = hidden_csrf(page.body);

  // Bad forms: 422, the field and the rule named, nothing saved.
  auto bad = cpe.post(kPlaces, place_form(csrf, "12-59", "2020-01-01", false, "11"));
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, html("Groupe d'âge : choisissez un des trois groupes d'âge.")));
  EXPECT_TRUE(contains(bad.body, html("Libre à compter du : la date ne peut pas être passée.")));
  EXPECT_TRUE(contains(bad.body, html("Nombre d'enfants proposés à la fois : entrez un nombre")));
  EXPECT_TRUE(contains(bad.body, "value=\"11\"")) << "what was typed stays";
  bad = cpe.post(kPlaces, {{"csrf", csrf}, {"age_group", "0-17"}, {"from", in_days(1)}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, html("Demi-périodes couvertes : cochez au moins une")));
  EXPECT_EQ(count("SELECT COUNT(*) FROM free_places WHERE organization_id = " + kCpe), 1);
  EXPECT_EQ(cpe.post(kPlaces, {{"csrf", csrf}, {"from", std::string(70000, 'x')}}).status, 413);
  auto action = "/installations/20000001/propositions/" + std::to_string(lea_ref);
  EXPECT_EQ(cpe.post(action, {{"csrf", csrf}, {"operation", "maybe"}}).status, 400);
  EXPECT_EQ(cpe.post(action, {{"csrf", csrf}, {"operation", "admit"}, {"planned_start", "demain"}})
                .status,
            422);
  EXPECT_EQ(cpe.post("/installations/20000001/propositions/abc", {{"csrf", csrf}}).status, 404);
  EXPECT_EQ(cpe.post("/installations/20000001/propositions/999999",
                     {{"csrf", csrf}, {"operation", "decline"}, {"reason", "x"}})
                .status,
            404);
  EXPECT_EQ(cpe.post(kPlaces + "/999999/retirer", {{"csrf", csrf}, {"confirme", "1"}}).status, 404);
  // Without the CSRF token: refused.
  EXPECT_EQ(cpe.post(kPlaces, place_form("", "0-17", in_days(3), false, "1")).status, 403);

  // Anonymous: to the sign-in. Staff without manage_admissions, another provider: 403.
  Browser anonymous(port());
  auto r = anonymous.get(kPlaces);
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(r.header("location").starts_with("/connexion"));
  Browser staff(port());
  sign_in(staff, kStaff, kStaffPassword);
  EXPECT_EQ(staff.get(kPlaces).status, 403);
  Browser other(port());
  sign_in(other, kOtherRse, kOtherRsePassword);
  EXPECT_EQ(other.get(kPlaces).status, 403);
  // Its own places page works, and our ids through its URLs find nothing: 404.
  auto own = other.get("/installations/20000003/places");
  ASSERT_EQ(own.status, 200);
  auto other_csrf = hidden_csrf(own.body);
  EXPECT_EQ(other
                .post("/installations/20000003/propositions/" + std::to_string(lea_ref),
                      {{"csrf", other_csrf}, {"operation", "decline"}, {"reason", "x"}})
                .status,
            404);
  EXPECT_EQ(other
                .post("/installations/20000003/places/" + std::to_string(place) + "/retirer",
                      {{"csrf", other_csrf}, {"confirme", "1"}})
                .status,
            404);
  EXPECT_FALSE(contains(own.body, "Léa"));
  EXPECT_EQ(state_of(lea_ref), "referred");
  // The ministry's page: agents only.
  EXPECT_EQ(other.get("/ministere/places").status, 403);
  // The parent: only their own referrals.
  Browser parent(port());
  sign_in(parent, kParent, kParentPassword);
  EXPECT_EQ(parent.get("/famille/propositions/999999").status, 404);
  EXPECT_EQ(parent.get("/famille/propositions/abc").status, 404);
  EXPECT_EQ(parent.get(kPlaces).status, 403);
  auto list = parent.get("/famille/propositions");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(contains(list.body, html("Léa — CPE Les Petits Pas — Limoilou")));
  EXPECT_EQ(other.get("/famille/propositions/" + std::to_string(lea_ref)).status, 403);

  // Withdrawing the place closes Léa's referral; she is told.
  page = cpe.get(kPlaces);
  auto withdraw = kPlaces + "/" + std::to_string(place) + "/retirer";
  auto ask = cpe.post(withdraw, {{"csrf", hidden_csrf(page.body)}});
  EXPECT_EQ(ask.status, 200) << "asks first";
  EXPECT_EQ(state_of(lea_ref), "referred");
  ASSERT_EQ(cpe.post(withdraw, {{"csrf", hidden_csrf(page.body)}, {"confirme", "1"}}).status, 303);
  EXPECT_EQ(state_of(lea_ref), "closed");
  EXPECT_EQ(count("SELECT COUNT(*) FROM free_places WHERE state = 'withdrawn'"), 1);
  EXPECT_EQ(mails(kParent, "Léa n'est plus disponible"), 1);
}

// Two servers on one database, each running the job every 20 ms, while places of three providers
// are declared together: every place gets exactly the one referral it asks for.
TEST(ReferralJob, REF_TwoServersReferEachPlaceExactlyOnce) {
  ASSERT_GE(sodium_init(), 0);
  auto db = migrated_database();
  ASSERT_EQ(run_sgee({"seed", "--demo", "--db", db->url()}).exit_code, 0);
  auto c = db::connect(db->url());
  // The test's places alone: the demo's (Garderie Soleil's) go.
  c->run("DELETE FROM referrals");
  c->run("DELETE FROM free_places");
  auto family = c->run("SELECT id FROM family_files").first().i64(0);
  const std::vector<std::string> providers{"20000001", "20000003", "40000001"};
  constexpr int kChildren = 40, kPlacesEach = 15;
  auto today = dates::today_in_quebec();
  {
    db::Transaction tx(*c);
    for (int i = 0; i < kChildren; ++i) {
      auto id = c->run(
                     "INSERT INTO portail_children (family_id, confirmation_number, surname, "
                     "given_name, birth_date, sex, desired_start, schedule, created_at, "
                     "updated_at) VALUES ($1, $2, 'Essai', $3, $4, 'F', $5, '3,3,3,3,3,0,0', "
                     "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id",
                     family, "T" + std::to_string(900000 + i), "Enfant" + std::to_string(i),
                     dates::format(dates::add_months(today, -8)),
                     dates::format(dates::add_days(today, -i)))
                    .first()
                    .i64(0);
      for (const auto& p : providers)
        c->run(
            "INSERT INTO portail_choices (child_id, organization_id, chosen_at) SELECT $1, id, "
            "'2026-01-01T00:00:00Z' FROM organizations WHERE number = $2",
            id, p);
    }
    tx.commit();
  }
  Server a(db->url(), {"--refer-every", "0.02"}), b(db->url(), {"--refer-every", "0.02"});
  {
    db::Transaction tx(*c);
    for (const auto& p : providers)
      for (int i = 0; i < kPlacesEach; ++i)
        c->run(
            "INSERT INTO free_places (organization_id, age_group, available_from, schedule, "
            "replacement, refer_at_once, state, declared_at) SELECT id, '0-17', $2, "
            "'3,3,3,3,3,0,0', 0, 1, 'open', '2026-01-01T00:00:00Z' FROM organizations WHERE "
            "number = $1",
            p, dates::format(today));
    tx.commit();
  }
  const std::int64_t places = static_cast<std::int64_t>(providers.size()) * kPlacesEach;
  auto referred = [&] {
    return c->run("SELECT COUNT(DISTINCT place_id) FROM referrals").first().i64(0);
  };
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (referred() < places && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  ASSERT_EQ(referred(), places);
  // One more pass from the command line finds nothing left to do.
  auto pass = run_sgee({"refer", "--db", db->url()});
  ASSERT_EQ(pass.exit_code, 0) << pass.err;
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM referrals").first().i64(0), places);
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM (SELECT place_id FROM referrals GROUP BY place_id "
                   "HAVING COUNT(*) > 1) t")
                .first()
                .i64(0),
            0);
  // A child is referred once per provider (never for two of its places at a time).
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM (SELECT organization_id, child_id FROM referrals GROUP "
                   "BY organization_id, child_id HAVING COUNT(*) > 1) t")
                .first()
                .i64(0),
            0);
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM portail_events WHERE kind = 'referral'").first().i64(0),
            places);
}

}  // namespace
}  // namespace sgee::test

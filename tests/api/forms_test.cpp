// Forms (issue 13) through the real `sgee` binary, on the engine under test: buttons that delete
// or revoke ask first (a confirmation page without JavaScript, WebApp::confirm_first), staff
// accounts deactivated, reactivated and given a new temporary password, the confirmation e-mail
// sent again to an unconfirmed parent (throttled, no account enumeration), and date fields typed
// as AAAA-MM-JJ whatever the browser's language.
#include <gtest/gtest.h>

#include <ctime>
#include <string>

#include "browser.hpp"

namespace sgee::test {
namespace {

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";
const std::string kParent = "parent@example.test", kParentPassword = "Parent-demo-2026";
const std::string kDashboard = "/tableau-de-bord";

class Forms : public DemoServer {
 protected:
  std::int64_t staff_id() {
    return sql()->run("SELECT id FROM users WHERE user_code = $1", kStaff).first().i64(0);
  }
  std::string staff_url() { return "/droits/" + std::to_string(staff_id()); }
  // The confirmation page: the question, the same fields again with confirme=1, a Cancel link.
  static void expect_confirmation_page(const Reply& r, const std::string& question,
                                       const std::string& back) {
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(contains(r.body, html("Veuillez confirmer"))) << r.body;
    EXPECT_TRUE(contains(r.body, html(question))) << r.body;
    EXPECT_TRUE(contains(r.body, "name=\"confirme\" value=\"1\"")) << r.body;
    EXPECT_TRUE(contains(r.body, "class=\"danger\"")) << r.body;
    EXPECT_TRUE(contains(r.body, "href=\"" + html(back) + "\" class=\"button secondary\">" +
                                     html("Annuler") + "</a>"))
        << r.body;
  }
};

// ---------------------------------------------------------------------------------------------
// Danger buttons ask first

TEST_F(Forms, RevokingAnAccessCodeAsksFirstThenRevokes) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  auto page = b.get("/codes-acces");
  std::string csrf = hidden_csrf(page.body);
  auto issued = b.post(
      "/codes-acces", {{"csrf", csrf}, {"organization", "20000001"}, {"label", "Logiciel Bambin"}});
  ASSERT_EQ(issued.status, 201) << issued.body;
  // The new code: a copy button (shown by the script), and a hint for selecting it by hand.
  EXPECT_TRUE(contains(issued.body, "data-copy=\"new-access-code\"")) << issued.body;
  EXPECT_TRUE(contains(issued.body, html("Un clic sur le code le sélectionne en entier")));
  EXPECT_TRUE(contains(issued.body, "data-confirm=\"" + html("Voulez-vous vraiment révoquer")))
      << "the revoke form asks in a dialog with JavaScript";
  auto id =
      sql()->run("SELECT id FROM access_codes WHERE label = 'Logiciel Bambin'").first().i64(0);
  const std::string url = "/codes-acces/" + std::to_string(id) + "/revoquer";
  auto revoked = [&] {
    return count("SELECT COUNT(*) FROM access_codes WHERE revoked_at IS NOT NULL AND id = $1",
                 std::to_string(id));
  };
  auto asked = b.post(url, {{"csrf", csrf}});
  expect_confirmation_page(asked, "Voulez-vous vraiment révoquer ce code d'accès ?",
                           "/codes-acces");
  EXPECT_TRUE(contains(asked.body, "action=\"" + html(url) + "\"")) << asked.body;
  EXPECT_TRUE(contains(asked.body, "name=\"csrf\" value=\"" + csrf + "\"")) << "same fields again";
  EXPECT_TRUE(contains(asked.body, html("Logiciel Bambin"))) << "names what it revokes";
  EXPECT_EQ(revoked(), 0) << "nothing changes before the answer";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'revoke' AND record_id = $1",
                  std::to_string(id)),
            0);
  auto english = b.post(url + "?lang=en", {{"csrf", csrf}});
  EXPECT_TRUE(contains(english.body, "Please confirm")) << english.body;
  EXPECT_TRUE(contains(english.body, "Do you really want to revoke this access code?"));
  EXPECT_TRUE(contains(english.body, ">Cancel</a>"));
  EXPECT_TRUE(contains(english.body, "action=\"" + html(url + "?lang=en") + "\""))
      << "the question posts back where it was asked";
  EXPECT_EQ(revoked(), 0);
  EXPECT_EQ(b.post(url, {{"confirme", "1"}}).status, 403) << "still needs the CSRF token";
  auto done = b.post(url, {{"csrf", csrf}, {"confirme", "1"}});
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(revoked(), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'revoke' AND record_id = $1",
                  std::to_string(id)),
            1);
}

TEST_F(Forms, RemovingAClosingDayOrAReservationAsksFirst) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  const std::string url = "/installations/20000001/fermetures";
  std::string csrf = hidden_csrf(b.get(url + "?annee=2026").body);
  ASSERT_EQ(b.post(url, {{"csrf", csrf}, {"annee", "2026"}, {"operation", "holidays"}}).status,
            303);
  auto days = [&] {
    return count(
        "SELECT COUNT(*) FROM closing_days WHERE organization_id = (SELECT id FROM "
        "organizations WHERE number = $1)",
        "20000001");
  };
  Fields remove = {
      {"csrf", csrf}, {"annee", "2026"}, {"operation", "delete"}, {"date", "2026-04-03"}};
  auto asked = b.post(url, remove);
  expect_confirmation_page(asked, "Voulez-vous vraiment retirer ce jour de fermeture ?",
                           url + "?annee=2026");
  EXPECT_TRUE(contains(asked.body, "name=\"date\" value=\"2026-04-03\"")) << asked.body;
  EXPECT_EQ(days(), 9);
  remove.emplace_back("confirme", "1");
  EXPECT_EQ(b.post(url, remove).status, 303);
  EXPECT_EQ(days(), 8);

  const std::string cisss = "/installations/20000001/reservations-cisss";
  ASSERT_EQ(b.post(cisss, {{"csrf", csrf},
                           {"operation", "add"},
                           {"start", "2026-09-01"},
                           {"end", "2027-06-30"},
                           {"days_per_week", "5"},
                           {"places", "2"},
                           {"age", "18-59"}})
                .status,
            303);
  auto stored = [&] {
    return count(
        "SELECT COUNT(*) FROM cisss_reservations WHERE organization_id = (SELECT id FROM "
        "organizations WHERE number = $1)",
        "20000001");
  };
  auto before = stored();
  auto ask_cisss = b.post(cisss, {{"csrf", csrf}, {"operation", "delete"}, {"index", "0"}});
  expect_confirmation_page(ask_cisss, "Voulez-vous vraiment supprimer cette réservation du CISSS ?",
                           cisss);
  EXPECT_EQ(stored(), before);
  EXPECT_EQ(
      b.post(cisss, {{"csrf", csrf}, {"operation", "delete"}, {"index", "0"}, {"confirme", "1"}})
          .status,
      303);
  EXPECT_EQ(stored(), before - 1);
}

TEST_F(Forms, WithdrawingTheMandateAsksFirstGrantingDoesNot) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, "E0000005", "Rsge-marie-2026").status, 303);
  const std::string url = "/rsge/40000001/mandat";
  std::string csrf = hidden_csrf(b.get(url).body);
  auto rows = [&] {
    return count(
        "SELECT COUNT(*) FROM bc_admission_mandates WHERE rsge_id = (SELECT id FROM "
        "organizations WHERE number = $1)",
        "40000001");
  };
  auto asked = b.post(url, {{"csrf", csrf}, {"mandate", "withdraw"}});
  expect_confirmation_page(asked,
                           "Voulez-vous vraiment retirer l'autorisation donnée au bureau "
                           "coordonnateur ?",
                           url);
  EXPECT_EQ(rows(), 1);
  EXPECT_EQ(b.post(url, {{"csrf", csrf}, {"mandate", "withdraw"}, {"confirme", "1"}}).status, 303);
  EXPECT_EQ(rows(), 0);
  EXPECT_EQ(b.post(url, {{"csrf", csrf}, {"mandate", "grant"}}).status, 303) << "no question";
  EXPECT_EQ(rows(), 1);
}

TEST_F(Forms, ResettingASecondFactorAsksFirst) {
  {
    auto c = sql();
    c->run("UPDATE users SET totp_enabled = 1, totp_secret = $1 WHERE user_code = $2",
           std::string("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), kStaff);
  }
  Browser rse(port());
  ASSERT_EQ(sign_in(rse, kRse, kRsePassword).status, 303);
  auto page = rse.get(staff_url());
  EXPECT_TRUE(contains(page.body, "data-confirm=\"" + html("Voulez-vous vraiment réinitialiser la "
                                                           "validation en deux étapes")))
      << page.body;
  auto asked = rse.post(staff_url() + "/deux-etapes", {{"csrf", hidden_csrf(page.body)}});
  expect_confirmation_page(asked, "Voulez-vous vraiment réinitialiser la validation en deux étapes",
                           staff_url());
  EXPECT_TRUE(contains(asked.body, html("Marc Lavoie"))) << "names the person";
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE user_code = $1 AND totp_enabled = 1", kStaff),
            1);
}

TEST_F(Forms, TakingRightsAwayAsksFirstNamingThemAddingDoesNot) {
  Browser rse(port());
  ASSERT_EQ(sign_in(rse, kRse, kRsePassword).status, 303);
  auto page = rse.get(staff_url());
  ASSERT_EQ(page.status, 200);
  // Checkboxes beside their labels, grouped per installation.
  EXPECT_TRUE(contains(page.body, "<fieldset class=\"rights-group\">")) << page.body;
  EXPECT_TRUE(
      contains(page.body, "value=\"1\" checked><label for=\"r-20000001-consult_dossiers\">"))
      << page.body;
  std::string csrf = hidden_csrf(page.body);
  auto rights = [&] {
    return count("SELECT COUNT(*) FROM user_rights WHERE user_id = $1", std::to_string(staff_id()));
  };
  ASSERT_EQ(rights(), 1);
  auto added = rse.post(
      staff_url(),
      {{"csrf", csrf}, {"20000001:consult_dossiers", "1"}, {"20000001:enter_dossiers", "1"}});
  EXPECT_EQ(added.status, 303) << "adding a right asks nothing";
  EXPECT_EQ(rights(), 2);
  auto asked = rse.post(staff_url(), {{"csrf", csrf}, {"20000001:consult_dossiers", "1"}});
  expect_confirmation_page(asked, "Voulez-vous vraiment retirer des droits à cette personne ?",
                           staff_url());
  EXPECT_TRUE(contains(asked.body, html("Saisir les dossiers")) ||
              contains(asked.body, html("Saisir")))
      << "names the right taken away: " << asked.body;
  EXPECT_TRUE(contains(asked.body, "name=\"20000001:consult_dossiers\" value=\"1\""))
      << "the boxes ticked are posted again";
  EXPECT_EQ(rights(), 2);
  EXPECT_EQ(
      rse.post(staff_url(), {{"csrf", csrf}, {"20000001:consult_dossiers", "1"}, {"confirme", "1"}})
          .status,
      303);
  EXPECT_EQ(rights(), 1);
}

// ---------------------------------------------------------------------------------------------
// Staff accounts: deactivate, reactivate, reset the password

TEST_F(Forms, TheRseDeactivatesAStaffAccountWhoIsSignedOutAndCannotSignInUntilReactivated) {
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  ASSERT_EQ(staff.get(kDashboard).status, 200);
  Browser rse(port());
  ASSERT_EQ(sign_in(rse, kRse, kRsePassword).status, 303);
  auto page = rse.get(staff_url());
  EXPECT_TRUE(contains(page.body, html("Désactiver le compte"))) << page.body;
  EXPECT_TRUE(contains(page.body, html("Réinitialiser le mot de passe")));
  std::string csrf = hidden_csrf(page.body);
  auto disabled = [&] {
    return count("SELECT COUNT(*) FROM users WHERE disabled_at IS NOT NULL AND user_code = $1",
                 kStaff);
  };
  EXPECT_EQ(rse.post(staff_url() + "/desactiver", {{"confirme", "1"}}).status, 403) << "CSRF";
  auto asked = rse.post(staff_url() + "/desactiver", {{"csrf", csrf}});
  expect_confirmation_page(asked, "Voulez-vous vraiment désactiver le compte de cette personne ?",
                           staff_url());
  EXPECT_EQ(disabled(), 0);
  EXPECT_EQ(staff.get(kDashboard).status, 200) << "still signed in before the answer";
  auto done = rse.post(staff_url() + "/desactiver", {{"csrf", csrf}, {"confirme", "1"}});
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.header("location"), staff_url() + "?desactive=1");
  EXPECT_EQ(disabled(), 1);
  EXPECT_EQ(staff.get(kDashboard).status, 303) << "signed out everywhere";
  Browser again(port());
  EXPECT_EQ(again.sign_in(kStaff, kStaffPassword).status, 401) << "cannot sign in";
  auto shown = rse.get(done.header("location"));
  EXPECT_TRUE(
      contains(shown.body, html("Le compte est désactivé et la personne a été déconnectée")));
  EXPECT_TRUE(contains(shown.body, html("Réactiver le compte")));
  EXPECT_TRUE(contains(rse.get("/droits").body,
                       "<span class=\"badge badge-off\">" + html("Désactivé") + "</span>"))
      << "the staff list says so";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'disable' AND record_type = "
                  "'user' AND record_id = $1",
                  std::to_string(staff_id())),
            1);
  // Reactivated: signs in again, rights as they were.
  ASSERT_EQ(rse.post(staff_url() + "/reactiver", {{"csrf", csrf}}).status, 303);
  EXPECT_EQ(disabled(), 0);
  Browser back(port());
  EXPECT_EQ(back.sign_in(kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM user_rights WHERE user_id = $1", std::to_string(staff_id())), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'enable' AND record_id = $1",
                  std::to_string(staff_id())),
            1);
}

TEST_F(Forms, TheRseResetsAStaffPasswordShownOnceOldOneRefusedSessionsRevoked) {
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  Browser rse(port());
  ASSERT_EQ(sign_in(rse, kRse, kRsePassword).status, 303);
  std::string csrf = hidden_csrf(rse.get(staff_url()).body);
  auto hash = [&] {
    return sql()
        ->run("SELECT password_hash FROM users WHERE user_code = $1", kStaff)
        .first()
        .str(0);
  };
  auto before = hash();
  auto asked = rse.post(staff_url() + "/mot-de-passe", {{"csrf", csrf}});
  expect_confirmation_page(asked, "Voulez-vous vraiment réinitialiser le mot de passe",
                           staff_url());
  EXPECT_EQ(hash(), before) << "nothing changes before the answer";
  auto done = rse.post(staff_url() + "/mot-de-passe", {{"csrf", csrf}, {"confirme", "1"}});
  ASSERT_EQ(done.status, 200) << done.body;
  auto at = done.body.find("id=\"new-password\">");
  ASSERT_NE(at, std::string::npos) << done.body;
  std::string fresh = done.body.substr(at + 18, done.body.find('<', at + 18) - at - 18);
  EXPECT_EQ(fresh.size(), 19u) << "as at creation";
  EXPECT_TRUE(contains(done.body, kStaff)) << "the user code beside it";
  EXPECT_NE(hash(), before);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM users WHERE must_change_password = 1 AND user_code = $1", kStaff),
      1);
  EXPECT_EQ(staff.get(kDashboard).status, 303) << "signed out everywhere";
  Browser old(port());
  EXPECT_EQ(old.sign_in(kStaff, kStaffPassword).status, 401) << "the old password is refused";
  Browser next(port());
  auto r = next.sign_in(kStaff, fresh);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/mot-de-passe") << "to be changed at once";
  EXPECT_FALSE(contains(server_->log_text(), fresh)) << "never logged";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'reset_password' AND record_id = "
                  "$1",
                  std::to_string(staff_id())),
            1);
  EXPECT_EQ(rse.get(staff_url()).body.find(fresh), std::string::npos) << "shown once";
}

TEST_F(Forms, OnlyTheRseOrAManagerOfTheDivisionTouchesAStaffAccountNeverTheRseOrOneself) {
  auto rse_id = sql()->run("SELECT id FROM users WHERE user_code = $1", kRse).first().i64(0);
  const std::string rse_url = "/droits/" + std::to_string(rse_id);
  // Staff without manage_rights: refused by the guard.
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  std::string s_csrf = hidden_csrf(staff.get(kDashboard).body);
  EXPECT_EQ(staff.post(rse_url + "/desactiver", {{"csrf", s_csrf}, {"confirme", "1"}}).status, 403);
  // Another division's RSE: as if the person did not exist.
  Browser other(port());
  ASSERT_EQ(sign_in(other, kOtherRse, kOtherRsePassword).status, 303);
  std::string o_csrf = hidden_csrf(other.get(kDashboard).body);
  for (const char* what : {"/desactiver", "/reactiver", "/mot-de-passe"})
    EXPECT_EQ(other.post(staff_url() + what, {{"csrf", o_csrf}, {"confirme", "1"}}).status, 404)
        << what;
  // The RSE: not their own account (the ministry replaces an RSE).
  Browser rse(port());
  ASSERT_EQ(sign_in(rse, kRse, kRsePassword).status, 303);
  std::string csrf = hidden_csrf(rse.get(kDashboard).body);
  EXPECT_EQ(rse.post(rse_url + "/desactiver", {{"csrf", csrf}, {"confirme", "1"}}).status, 403);
  EXPECT_EQ(rse.post(rse_url + "/mot-de-passe", {{"csrf", csrf}, {"confirme", "1"}}).status, 403);
  // A staff member given manage_rights: may act on another member, never on the RSE or oneself.
  sql()->run(
      "INSERT INTO user_rights (user_id, organization_id, right_name, granted_by, granted_at) "
      "SELECT $1, id, 'manage_rights', $1, '2026-01-01T00:00:00Z' FROM organizations WHERE number "
      "= '20000001'",
      staff_id());
  Browser manager(port());
  ASSERT_EQ(sign_in(manager, kStaff, kStaffPassword).status, 303);
  std::string m_csrf = hidden_csrf(manager.get(kDashboard).body);
  EXPECT_EQ(manager.post(rse_url + "/desactiver", {{"csrf", m_csrf}, {"confirme", "1"}}).status,
            404);
  EXPECT_EQ(manager.post(staff_url() + "/desactiver", {{"csrf", m_csrf}, {"confirme", "1"}}).status,
            403);
  auto made = rse.post("/droits/personnel",
                       {{"csrf", csrf}, {"given_name", "Julie"}, {"surname", "Essai-Formulaires"}});
  ASSERT_EQ(made.status, 201);
  auto julie =
      sql()->run("SELECT id FROM users WHERE surname = 'Essai-Formulaires'").first().i64(0);
  EXPECT_EQ(manager
                .post("/droits/" + std::to_string(julie) + "/desactiver",
                      {{"csrf", m_csrf}, {"confirme", "1"}})
                .status,
            303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE disabled_at IS NOT NULL AND id = $1",
                  std::to_string(julie)),
            1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM users WHERE disabled_at IS NOT NULL AND user_code = $1", kRse),
      0);
  // Someone who holds a right where the manager does not manage them (Charlesbourg): out of
  // reach, since a new password would open more than the manager holds.
  sql()->run(
      "INSERT INTO user_rights (user_id, organization_id, right_name, granted_by, granted_at) "
      "SELECT $1, id, 'consult_dossiers', $1, '2026-01-01T00:00:00Z' FROM organizations WHERE "
      "number = '20000002'",
      julie);
  const std::string julie_url = "/droits/" + std::to_string(julie);
  EXPECT_EQ(manager.post(julie_url + "/mot-de-passe", {{"csrf", m_csrf}, {"confirme", "1"}}).status,
            403);
  EXPECT_EQ(manager.post(julie_url + "/reactiver", {{"csrf", m_csrf}}).status, 403);
  EXPECT_EQ(rse.post(julie_url + "/mot-de-passe", {{"csrf", csrf}, {"confirme", "1"}}).status, 200)
      << "the RSE reaches everyone of the division";
}

// ---------------------------------------------------------------------------------------------
// The confirmation e-mail again

TEST_F(Forms, AnUnconfirmedParentGetsTheConfirmationAgainThrottledSameAnswerForAnyAddress) {
  Browser b(port());
  std::string csrf = hidden_csrf(b.get("/inscription").body);
  ASSERT_EQ(b.post("/inscription", {{"csrf", csrf},
                                    {"given_name", "Léa"},
                                    {"surname", "Bélanger"},
                                    {"email", "lea.belanger@example.test"},
                                    {"password", "Une-phrase-bien-longue-2026"},
                                    {"confirm", "Une-phrase-bien-longue-2026"}})
                .status,
            201);
  auto mails = [&] {
    return count("SELECT COUNT(*) FROM outbox WHERE to_address = $1", "lea.belanger@example.test");
  };
  ASSERT_EQ(mails(), 1);
  // The sign-in refusal leads to the page, the address filled in.
  auto refused = b.sign_in("lea.belanger@example.test", "Une-phrase-bien-longue-2026");
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(
      contains(refused.body, html("/inscription/renvoyer?courriel=lea.belanger%40example.test")))
      << refused.body;
  auto form = b.get("/inscription/renvoyer?courriel=lea.belanger%40example.test");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "value=\"lea.belanger@example.test\"")) << form.body;
  const std::string sent = html("Si un compte non confirmé existe pour cette adresse");
  auto ask = [&](const std::string& email) {
    return b.post("/inscription/renvoyer", {{"csrf", csrf}, {"email", email}});
  };
  // Within a minute of the last e-mail: the same answer, no e-mail.
  auto too_soon = ask("lea.belanger@example.test");
  EXPECT_EQ(too_soon.status, 200);
  EXPECT_TRUE(contains(too_soon.body, sent));
  EXPECT_EQ(mails(), 1);
  // A minute later: a new link, which confirms the address.
  sql()->run("UPDATE one_time_tokens SET created_at = '2020-01-01T00:00:00.000Z'");
  auto again = ask("  Lea.Belanger@Example.test ");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(mails(), 2);
  auto body = sql()
                  ->run("SELECT body FROM outbox WHERE to_address = $1 ORDER BY id DESC",
                        std::string("lea.belanger@example.test"))
                  .first()
                  .str(0);
  auto at = body.find("/inscription/confirmer?jeton=");
  ASSERT_NE(at, std::string::npos) << body;
  auto confirmed = b.get(body.substr(body.find("/inscription", at)));
  EXPECT_EQ(confirmed.status, 200);
  // Five a day at most (counting the one at registration): five in the last hours, none in the
  // last minute.
  sql()->run("UPDATE users SET email_verified_at = NULL WHERE email = $1",
             std::string("lea.belanger@example.test"));
  auto hour_ago = [] {
    auto t = std::time(nullptr) - 3600;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
    return std::string(buf);
  }();
  for (int i = 0; i < 3; ++i)
    sql()->run(
        "INSERT INTO one_time_tokens (token_hash, user_id, purpose, created_at, expires_at) "
        "SELECT $1, id, 'verify_email', $2, $2 FROM users WHERE email = "
        "'lea.belanger@example.test'",
        "earlier-" + std::to_string(i), hour_ago);
  sql()->run("UPDATE one_time_tokens SET created_at = $1", hour_ago);
  auto before = mails();
  ASSERT_EQ(count("SELECT COUNT(*) FROM one_time_tokens WHERE purpose = $1", "verify_email"), 5);
  auto limited = ask("lea.belanger@example.test");
  EXPECT_EQ(limited.status, 200);
  EXPECT_TRUE(contains(limited.body, sent));
  EXPECT_EQ(mails(), before) << "five in a day: no sixth";
  // An unknown address and a confirmed account: the same answer, no e-mail.
  auto unknown = ask("personne@example.test");
  EXPECT_EQ(unknown.status, 200);
  EXPECT_TRUE(contains(unknown.body, sent));
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE to_address = $1", "personne@example.test"), 0);
  // (The demo parent may already have mail waiting: a message notice.)
  auto parent_mails = count("SELECT COUNT(*) FROM outbox WHERE to_address = $1", kParent);
  auto verified = ask(kParent);
  EXPECT_TRUE(contains(verified.body, sent));
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE to_address = $1", kParent), parent_mails);
  // Audited: who asked (an address), for which account, sent or not.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'resend_confirmation' AND "
                  "detail = $1",
                  "sent"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'resend_confirmation' AND "
                  "detail = $1",
                  "throttled"),
            2);
  // Not an address: a message naming the field.
  auto bad = ask("pas-un-courriel");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, html("Adresse courriel : écrivez l'adresse de votre compte.")));
  EXPECT_TRUE(contains(bad.body, "aria-invalid=\"true\""));
}

// ---------------------------------------------------------------------------------------------
// Dates

TEST_F(Forms, DateFieldsAreTextAaaaMmJjWithTheirHintAndABadDateIsNamed) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRse, kRsePassword).status, 303);
  for (const std::string url :
       {"/installations/20000001/dossiers/nouveau", "/installations/20000001/fermetures",
        "/installations/20000001/reservations-cisss", "/installations/20000001/occupation"}) {
    auto page = b.get(url);
    ASSERT_EQ(page.status, 200) << url;
    EXPECT_FALSE(contains(page.body, "type=\"date\"")) << url;
    EXPECT_TRUE(contains(page.body,
                         "class=\"date\" inputmode=\"numeric\" "
                         "pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\" maxlength=\"10\" "
                         "placeholder=\"AAAA-MM-JJ\""))
        << url << page.body;
    EXPECT_TRUE(contains(page.body, html("Format : AAAA-MM-JJ"))) << url;
    EXPECT_TRUE(contains(page.body, "-format\"")) << url;
  }
  const std::string url = "/installations/20000001/fermetures";
  std::string csrf = hidden_csrf(b.get(url).body);
  auto bad = b.post(url, {{"csrf", csrf},
                          {"annee", "2026"},
                          {"operation", "add"},
                          {"date", "2026-3-2"},
                          {"closed", "AM"},
                          {"reason", "planned"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, "CSG150E")) << bad.body;
  EXPECT_TRUE(contains(bad.body, html("Inscrivez une date valide, au format AAAA-MM-JJ")))
      << bad.body;
}

}  // namespace
}  // namespace sgee::test

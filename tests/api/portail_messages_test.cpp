// Messaging (issue 15; seed 001) through the real `sgee` binary on the demo data, on the engine
// under test: a parent writes to a CPE only once it may know the child (admitted there), each
// staff account of the CPE counts its own unread messages (kept as they change, reset when the
// thread is opened), one e-mail notice per thread and reader while messages wait (no message in
// it), every message and reading is an audit row the parent sees; the refusals (sign-in, CSRF,
// empty and too long, another family's, installation's or BC's thread: 404, a right missing: 403);
// the BC and its RSGE write to each other; the demo's threads.
#include <gtest/gtest.h>

#include <regex>

#include "browser.hpp"
#include "platform/date.hpp"
#include "portail/admission_store.hpp"

namespace sgee::test {
namespace {

const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";        // 20000001
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";    // 20000001
const std::string kOtherRse = "E0000003", kOtherRsePassword = "Rse-soleil-2026";  // 20000003
const std::string kBcRse = "E0000004", kBcRsePassword = "Rse-bc-capitale-2026";   // 30000001
const std::string kRsge = "E0000005", kRsgePassword = "Rsge-marie-2026";          // 40000001
const std::string kParent = "parent@example.test", kParentPassword = "Parent-demo-2026";
const std::string kMinistry = "M0000001", kMinistryPassword = "Ministere-demo-2026";

class PortailMessages : public DemoServer {
 protected:
  std::int64_t id_of(const std::string& query, const std::string& arg) {
    auto r = sql()->run(query, arg);
    return r.empty() ? 0 : r.first().i64(0);
  }
  std::int64_t child(const std::string& given_name) {
    return id_of("SELECT id FROM portail_children WHERE given_name = $1", given_name);
  }
  std::int64_t org(const std::string& number) {
    return id_of("SELECT id FROM organizations WHERE number = $1", number);
  }
  std::int64_t user(const std::string& login) {
    return id_of("SELECT id FROM users WHERE user_code = $1 OR email = $1", login);
  }
  void admit(const std::string& given_name, const std::string& number) {
    auto c = sql();
    portail::admission_store::AdmitInput in;
    in.child_id = child(given_name);
    in.organization_id = org(number);
    in.planned_start = dates::add_days(dates::today_in_quebec(), 14);
    portail::admission_store::admit(*c, in);
  }
  // The CPE's educator manages its admissions too, and both staff accounts have an e-mail.
  void staff_manage_the_cpe() {
    auto c = sql();
    c->run(
        "INSERT INTO user_rights (user_id, organization_id, right_name, granted_at) VALUES "
        "($1, $2, 'manage_admissions', '2026-01-01T00:00:00Z')",
        user(kStaff), org("20000001"));
    c->run("UPDATE users SET email = 'marc.lavoie@example.test' WHERE user_code = $1", kStaff);
    c->run("UPDATE users SET email = 'sophie.tremblay@example.test' WHERE user_code = $1", kRse);
    c->run("UPDATE users SET email = 'louise.bouchard@example.test' WHERE user_code = $1", kBcRse);
  }
  std::int64_t unread(const std::string& login, std::int64_t thread) {
    auto r = sql()->run("SELECT unread FROM message_unread WHERE user_id = $1 AND thread_id = $2",
                        user(login), thread);
    return r.empty() ? 0 : r.first().i64(0);
  }
  std::int64_t mails_to(const std::string& address, std::int64_t thread) {
    return sql()
        ->run("SELECT COUNT(*) FROM outbox WHERE to_address = $1 AND body LIKE $2", address,
              "%/messages/" + std::to_string(thread) + "\n%")
        .first()
        .i64(0);
  }
  // The dashboard's count of unread messages ("<span class="dashboard-count">3</span> messages
  // non lus").
  std::string dashboard_unread(Browser& b) {
    auto page = b.get("/tableau-de-bord");
    EXPECT_EQ(page.status, 200);
    std::smatch m;
    std::regex re("<span class=\"dashboard-count\">([^<]*)</span> messages non lus");
    if (!std::regex_search(page.body, m, re)) return "none";
    return m[1];
  }
  Reply write(Browser& b, const std::string& url, const std::string& body,
              const std::string& subject = "") {
    auto page = b.get(url);
    Fields f = {{"csrf", hidden_csrf(page.body)}, {"body", body}};
    if (!subject.empty()) f.emplace_back("subject", subject);
    return b.post(url, f);
  }
  std::int64_t thread_in(const Reply& r) {
    std::smatch m;
    std::string location = r.header("location");
    if (!std::regex_search(location, m, std::regex("^/messages/([0-9]+)"))) return 0;
    return std::stoll(m[1]);
  }
};

TEST_F(PortailMessages, ACpeIsWrittenToOnceTheChildIsAdmittedAndEachStaffAccountCountsItsOwn) {
  staff_manage_the_cpe();
  auto lea = std::to_string(child("Léa"));
  const std::string write_url = "/famille/enfants/" + lea + "/messages/20000001";
  Browser parent(port());
  ASSERT_EQ(sign_in(parent, kParent, kParentPassword).status, 303);
  // POR-03: before the CPE may know who Léa is, no "Écrire au service" and the form is a 404.
  auto page = parent.get("/famille/enfants/" + lea);
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(contains(page.body, write_url));
  EXPECT_TRUE(contains(page.body, html("Vous pourrez écrire à ce service quand votre enfant")));
  EXPECT_EQ(parent.get(write_url).status, 404);
  EXPECT_EQ(parent.post(write_url, {{"csrf", hidden_csrf(page.body)}, {"body", "Bonjour"}}).status,
            404);

  admit("Léa", "20000001");
  page = parent.get("/famille/enfants/" + lea);
  EXPECT_TRUE(contains(page.body, "href=\"" + html(write_url) + "\"")) << page.body;
  auto form = parent.get(write_url);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, html("Écrire au service : CPE Les Petits Pas — Limoilou")));
  // Refusals: no CSRF token, empty, too long (the text typed is kept), subject too long.
  EXPECT_EQ(parent.post(write_url, {{"body", "Bonjour"}}).status, 403);
  auto empty = parent.post(write_url, {{"csrf", hidden_csrf(form.body)}, {"body", " \r\n "}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(contains(empty.body, html("Message : écrivez votre message : il est vide.")));
  std::string long_text = "Début " + std::string(5000, 'x');
  auto too_long = parent.post(
      write_url, {{"csrf", hidden_csrf(form.body)}, {"subject", "Visite"}, {"body", long_text}});
  EXPECT_EQ(too_long.status, 422);
  EXPECT_TRUE(contains(too_long.body, html("Message : 5\u202f000 caractères au plus.")))
      << too_long.body;
  EXPECT_TRUE(contains(too_long.body, ">" + html(long_text) + "</textarea>"));
  EXPECT_TRUE(contains(too_long.body, "value=\"Visite\""));
  auto long_subject = parent.post(
      write_url,
      {{"csrf", hidden_csrf(form.body)}, {"subject", std::string(151, 's')}, {"body", "Bonjour"}});
  EXPECT_EQ(long_subject.status, 422);
  EXPECT_TRUE(contains(long_subject.body, html("Sujet : 150 caractères au plus.")));
  EXPECT_EQ(count("SELECT COUNT(*) FROM message_threads WHERE child_id = $1", lea), 0);

  // Sent: a thread with the default subject, the message as typed (line breaks kept).
  auto sent = parent.post(write_url, {{"csrf", hidden_csrf(form.body)},
                                      {"body", "Bonjour,\r\n<b>Léa</b> & sa sœur\r\n\r\nMerci"}});
  ASSERT_EQ(sent.status, 303);
  auto thread = thread_in(sent);
  ASSERT_GT(thread, 0);
  EXPECT_EQ(sent.header("location"), "/messages/" + std::to_string(thread) + "?envoye=1#dernier");
  EXPECT_EQ(sql()->run("SELECT subject FROM message_threads WHERE id = $1", thread).first().str(0),
            "Demande de Léa Bégin");
  EXPECT_EQ(sql()->run("SELECT body FROM messages WHERE thread_id = $1", thread).first().str(0),
            "Bonjour,\n<b>Léa</b> & sa sœur\n\nMerci");
  // Each staff account of the CPE: one unread, one notice (no message in it); the parent none.
  EXPECT_EQ(unread(kRse, thread), 1);
  EXPECT_EQ(unread(kStaff, thread), 1);
  EXPECT_EQ(unread(kParent, thread), 0);
  EXPECT_EQ(mails_to("marc.lavoie@example.test", thread), 1);
  EXPECT_EQ(mails_to("sophie.tremblay@example.test", thread), 1);
  EXPECT_EQ(mails_to(kParent, thread), 0);
  auto mail = sql()
                  ->run("SELECT body FROM outbox WHERE to_address = 'marc.lavoie@example.test'")
                  .first()
                  .str(0);
  EXPECT_TRUE(contains(mail,
                       "André Bégin (parent) vous a écrit au sujet de la demande de Léa "
                       "Bégin."))
      << mail;
  EXPECT_FALSE(contains(mail, "sœur")) << "no message content in the e-mail";
  // A second message: two unread each, no second notice.
  ASSERT_EQ(write(parent, "/messages/" + std::to_string(thread), "Une autre question").status, 303);
  EXPECT_EQ(unread(kRse, thread), 2);
  EXPECT_EQ(unread(kStaff, thread), 2);
  EXPECT_EQ(mails_to("marc.lavoie@example.test", thread), 1);
  // The thread opened by "Écrire au service" from now on.
  EXPECT_TRUE(contains(parent.get("/famille/enfants/" + lea).body,
                       "href=\"" + html("/messages/" + std::to_string(thread)) + "\""));
  EXPECT_EQ(parent.get(write_url).header("location"), "/messages/" + std::to_string(thread));

  // The educator: 2 on the dashboard, the thread marked unread; opened, his count is 0, the RSE's
  // stays 2; the reading is an audit row about the parent's child.
  Browser marc(port());
  ASSERT_EQ(sign_in(marc, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(dashboard_unread(marc), "2");
  auto inbox = marc.get("/messages");
  ASSERT_EQ(inbox.status, 200);
  EXPECT_TRUE(contains(inbox.body, html("Demande de Léa Bégin")));
  EXPECT_TRUE(contains(inbox.body, html("2 messages non lus")));
  EXPECT_TRUE(contains(marc.get("/messages?non-lus=1").body, html("Demande de Léa Bégin")));
  auto opened = marc.get("/messages/" + std::to_string(thread));
  ASSERT_EQ(opened.status, 200);
  EXPECT_TRUE(contains(opened.body, html("André Bégin (parent)")));
  EXPECT_TRUE(contains(opened.body, html("Bonjour,\n<b>Léa</b> & sa sœur\n\nMerci")))
      << opened.body;
  EXPECT_EQ(unread(kStaff, thread), 0);
  EXPECT_EQ(unread(kRse, thread), 2);
  EXPECT_EQ(dashboard_unread(marc), "0");
  EXPECT_FALSE(contains(marc.get("/messages?non-lus=1").body, html("Demande de Léa Bégin")));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE "
                  "a.record_type = 'message_thread' AND a.record_id = $1 AND a.action = "
                  "'message_read' AND u.user_code = 'E0000002' AND a.subject_user_id IS NOT NULL",
                  std::to_string(thread)),
            1);
  // He answers: the parent has one unread and one notice; the RSE is not counted for it.
  auto reply = write(marc, "/messages/" + std::to_string(thread), "Bonjour, bienvenue à Léa.");
  ASSERT_EQ(reply.status, 303);
  EXPECT_EQ(unread(kParent, thread), 1);
  EXPECT_EQ(unread(kRse, thread), 2);
  EXPECT_EQ(mails_to(kParent, thread), 1);
  EXPECT_EQ(dashboard_unread(parent), "2") << "Léa's answer and the demo's answer about Noah";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'message_thread' AND "
                  "record_id = $1 AND action = 'message_write'",
                  std::to_string(thread)),
            3);
  // The parent writes again: Marc, who opened the thread, gets a new notice; Sophie, who did not,
  // none.
  ASSERT_EQ(write(parent, "/messages/" + std::to_string(thread), "Merci !").status, 303);
  EXPECT_EQ(unread(kStaff, thread), 1);
  EXPECT_EQ(unread(kRse, thread), 3);
  EXPECT_EQ(mails_to("marc.lavoie@example.test", thread), 2);
  EXPECT_EQ(mails_to("sophie.tremblay@example.test", thread), 1);
  // The parent sees the answer and who read and wrote about Léa.
  EXPECT_EQ(dashboard_unread(parent), "1") << "his own message: Léa's thread read";
  auto theirs = parent.get("/messages/" + std::to_string(thread));
  EXPECT_TRUE(contains(theirs.body, html("Marc Lavoie (CPE Les Petits Pas — Limoilou)")));
  EXPECT_EQ(unread(kParent, thread), 0);
  auto consulted = parent.get("/mes-enfants/consultations");
  EXPECT_TRUE(contains(consulted.body, html("a lu les messages au sujet de la demande de votre "
                                            "enfant.")))
      << consulted.body;
  EXPECT_TRUE(contains(consulted.body, html("a écrit au sujet de la demande de votre enfant.")));
}

TEST_F(PortailMessages, AThreadOfAnotherFamilyInstallationOrBcIsA404) {
  // Jacob Fortin (another family, admitted at the CPE) and his thread with the CPE.
  auto jacob = child("Jacob");
  ASSERT_GT(jacob, 0);
  auto c = sql();
  c->run(
      "INSERT INTO message_threads (kind, organization_id, child_id, subject, created_at, "
      "last_message_at) VALUES ('family', $1, $2, 'Demande de Jacob Fortin', "
      "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
      org("20000001"), jacob);
  auto jacobs = id_of("SELECT id FROM message_threads WHERE child_id = $1", std::to_string(jacob));
  auto noahs =
      id_of("SELECT id FROM message_threads WHERE child_id = $1", std::to_string(child("Noah")));
  auto bcs = id_of("SELECT id FROM message_threads WHERE kind = $1", "bc");
  ASSERT_GT(noahs, 0);
  ASSERT_GT(bcs, 0);

  // Not signed in: the sign-in page (401 for JSON).
  Browser stranger(port());
  auto anon = stranger.get("/messages");
  EXPECT_EQ(anon.status, 303);
  EXPECT_TRUE(anon.header("location").starts_with("/connexion"));
  EXPECT_EQ(
      stranger.get("/messages/" + std::to_string(noahs), {{"Accept", "application/json"}}).status,
      401);

  Browser parent(port());
  ASSERT_EQ(sign_in(parent, kParent, kParentPassword).status, 303);
  auto csrf = hidden_csrf(parent.get("/messages/" + std::to_string(noahs)).body);
  for (auto id : {jacobs, bcs}) {
    EXPECT_EQ(parent.get("/messages/" + std::to_string(id)).status, 404) << id;
    EXPECT_EQ(
        parent.post("/messages/" + std::to_string(id), {{"csrf", csrf}, {"body", "x"}}).status, 404)
        << id;
  }
  for (const std::string id : {"0", "-1", "abc", "99999999"})
    EXPECT_EQ(parent.get("/messages/" + id).status, 404) << id;
  EXPECT_FALSE(contains(parent.get("/messages").body, "Jacob"));
  // Another family's child, a provider the child did not choose.
  EXPECT_EQ(parent.get("/famille/enfants/" + std::to_string(jacob) + "/messages/20000001").status,
            404);
  EXPECT_EQ(
      parent.get("/famille/enfants/" + std::to_string(child("Noah")) + "/messages/20000004").status,
      404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM messages WHERE thread_id = $1", std::to_string(jacobs)), 0);

  // The CPE's RSE: Jacob's thread; neither the RSGE's nor the BC's; Noah (in its réserve, not
  // referred) cannot be written about; another installation's staff see none of it.
  Browser sophie(port());
  ASSERT_EQ(sign_in(sophie, kRse, kRsePassword).status, 303);
  EXPECT_EQ(sophie.get("/messages/" + std::to_string(jacobs)).status, 200);
  EXPECT_EQ(sophie.get("/messages/" + std::to_string(noahs)).status, 404);
  EXPECT_EQ(sophie.get("/messages/" + std::to_string(bcs)).status, 404);
  EXPECT_EQ(
      sophie.get("/installations/20000001/enfants/" + std::to_string(child("Noah")) + "/message")
          .status,
      404);
  Browser nathalie(port());
  ASSERT_EQ(sign_in(nathalie, kOtherRse, kOtherRsePassword).status, 303);
  EXPECT_EQ(nathalie.get("/messages/" + std::to_string(jacobs)).status, 404);
  EXPECT_EQ(
      nathalie.get("/installations/20000001/enfants/" + std::to_string(jacob) + "/message").status,
      403);
  // The educator without "Gérer la fiche et les admissions": no thread, no form.
  Browser marc(port());
  ASSERT_EQ(sign_in(marc, kStaff, kStaffPassword).status, 303);
  EXPECT_EQ(marc.get("/messages/" + std::to_string(jacobs)).status, 404);
  EXPECT_EQ(
      marc.get("/installations/20000001/enfants/" + std::to_string(jacob) + "/message").status,
      403);
  EXPECT_TRUE(contains(marc.get("/messages").body, html("Aucune conversation pour le moment.")));
  // The BC under the RSGE's mandate reaches her pages, but does not write as her.
  Browser louise(port());
  ASSERT_EQ(sign_in(louise, kBcRse, kBcRsePassword).status, 303);
  EXPECT_EQ(louise.get("/messages/" + std::to_string(noahs)).status, 404);
  EXPECT_EQ(
      louise.get("/installations/40000001/enfants/" + std::to_string(child("Noah")) + "/message")
          .status,
      403);
  EXPECT_EQ(louise.get("/installations/40000001/message-bc").status, 403);
  EXPECT_EQ(louise.get("/bc/30000001/rsge/40000009/message").status, 404);
  EXPECT_EQ(louise.get("/bc/30000001/rsge/20000001/message").status, 404);
  // A ministry agent has no threads.
  Browser agent(port());
  ASSERT_EQ(sign_in(agent, kMinistry, kMinistryPassword).status, 303);
  EXPECT_EQ(agent.get("/messages/" + std::to_string(jacobs)).status, 404);
}

TEST_F(PortailMessages, TheDemoParentHasAnAnswerAndTheBcAndItsRsgeWriteToEachOther) {
  auto noahs =
      id_of("SELECT id FROM message_threads WHERE child_id = $1", std::to_string(child("Noah")));
  auto bcs = id_of("SELECT id FROM message_threads WHERE kind = $1", "bc");
  // The demo: the parent's question and Marie's answer, unread for him; the BC's message, unread
  // for her.
  EXPECT_EQ(unread(kParent, noahs), 1);
  EXPECT_EQ(unread(kRsge, noahs), 0);
  EXPECT_EQ(unread(kRsge, bcs), 1);
  Browser parent(port());
  ASSERT_EQ(sign_in(parent, kParent, kParentPassword).status, 303);
  EXPECT_EQ(dashboard_unread(parent), "1");
  auto inbox = parent.get("/messages");
  EXPECT_TRUE(contains(inbox.body, html("Demande de Noah Bégin")));
  EXPECT_TRUE(contains(inbox.body, html("1 message non lu")));
  auto noah = parent.get("/famille/enfants/" + std::to_string(child("Noah")));
  EXPECT_TRUE(contains(noah.body, "href=\"" + html("/messages/" + std::to_string(noahs)) + "\""));

  // A second seed changes nothing.
  auto seed = run_sgee({"seed", "--demo", "--db", db_->url()});
  ASSERT_EQ(seed.exit_code, 0) << seed.err;
  EXPECT_EQ(count("SELECT COUNT(*) FROM messages WHERE thread_id IN (SELECT id FROM "
                  "message_threads WHERE kind = $1)",
                  "family"),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM message_threads WHERE kind = $1", "bc"), 1);

  staff_manage_the_cpe();
  Browser marie(port());
  ASSERT_EQ(sign_in(marie, kRsge, kRsgePassword).status, 303);
  EXPECT_EQ(dashboard_unread(marie), "1");
  auto from_bc = marie.get("/messages/" + std::to_string(bcs));
  ASSERT_EQ(from_bc.status, 200);
  EXPECT_TRUE(
      contains(from_bc.body, html("Louise Bouchard (Bureau coordonnateur de la Capitale)")));
  EXPECT_EQ(dashboard_unread(marie), "0");
  EXPECT_EQ(marie.get("/installations/40000001/message-bc").header("location"),
            "/messages/" + std::to_string(bcs));
  ASSERT_EQ(
      write(marie, "/messages/" + std::to_string(bcs), "Le 12 ou le 19, en après-midi.").status,
      303);
  EXPECT_EQ(unread(kBcRse, bcs), 1);
  EXPECT_EQ(mails_to("louise.bouchard@example.test", bcs), 1);
  // No child: the BC's thread is no consultation of a child's file.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'message_thread' AND "
                  "record_id = $1 AND subject_user_id IS NOT NULL",
                  std::to_string(bcs)),
            0);

  Browser louise(port());
  ASSERT_EQ(sign_in(louise, kBcRse, kBcRsePassword).status, 303);
  EXPECT_EQ(dashboard_unread(louise), "1");
  auto rsge_page = louise.get("/bc/30000001/rsge/40000001");
  EXPECT_TRUE(
      contains(rsge_page.body, "href=\"" + html("/bc/30000001/rsge/40000001/message") + "\""));
  EXPECT_EQ(louise.get("/bc/30000001/rsge/40000001/message").header("location"),
            "/messages/" + std::to_string(bcs));
  EXPECT_TRUE(contains(louise.get("/messages/" + std::to_string(bcs)).body,
                       html("Marie Tremblay (Service de garde Marie Tremblay)")));
  EXPECT_EQ(unread(kBcRse, bcs), 0);
  // A new thread with her other RSGE, from its page.
  auto started = write(louise, "/bc/30000001/rsge/40000002/message", "Bonjour Karine,\nÀ bientôt.",
                       "Votre retour");
  ASSERT_EQ(started.status, 303);
  auto karines = thread_in(started);
  EXPECT_EQ(sql()->run("SELECT subject FROM message_threads WHERE id = $1", karines).first().str(0),
            "Votre retour");
  EXPECT_EQ(marie.get("/messages/" + std::to_string(karines)).status, 404) << "another RSGE's";
  // The RSGE writes about Noah (an RSGE sees her réserve): the thread is the demo's.
  EXPECT_EQ(
      marie.get("/installations/40000001/enfants/" + std::to_string(child("Noah")) + "/message")
          .header("location"),
      "/messages/" + std::to_string(noahs));
}

}  // namespace
}  // namespace sgee::test

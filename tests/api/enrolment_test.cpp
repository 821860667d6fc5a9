// Enterprise enrolment through the real `sgee` binary, on the engine under test (issue 11 item 1,
// ACC-02 as amended): the secrets that prove control of an entity come from the enterprise
// register (`sgee import enterprises`, stored hashed); public register data alone never activates;
// an entity that has an RSE is never enrolled immediately again (its RSE is told at once and an
// agent decides, replacing the RSE only when asked to); attempts are throttled and audited.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "access/demo.hpp"
#include "browser.hpp"

namespace sgee::test {
namespace {

namespace fs = std::filesystem;

// CPE Les Petits Pas (division 10000001): enrolled, its RSE is E0000001 (Sophie Tremblay, who is
// also listed in the register as its directrice générale).
const std::string kEnrolledNeq = "1160000001";
const std::string kRseEmail = "sophie.tremblay@petitspas.example";
// The secrets the ministry holds for it (imported by the tests below).
const std::string kEnrolledAssessment = "110000001", kEnrolledInvitation = "PETI2026";
// CPE Les Lucioles (division 10000004): in the register, no RSE yet (demo secrets).
const std::string kNewNeq = "1160000004";

class Enrol : public DemoServer {
 protected:
  void SetUp() override {
    DemoServer::SetUp();
    auto c = sql();
    c->run("UPDATE users SET email = $1 WHERE user_code = 'E0000001'", kRseEmail);
  }

  // `sgee import enterprises FILE` with these CSV lines after the header.
  CommandResult import(const std::string& header, const std::vector<std::string>& lines) {
    fs::path file = fs::temp_directory_path() / ("sgee-enterprises-" + std::to_string(::getpid()) +
                                                 "-" + std::to_string(++files_) + ".csv");
    {
      std::ofstream out(file, std::ios::binary);
      out << header << "\n";
      for (const auto& l : lines) out << l << "\n";
    }
    auto r = run_sgee({"import", "enterprises", file.string(), "--db", db_->url()});
    fs::remove(file);
    return r;
  }
  // The demo register, with secrets for CPE Les Petits Pas and CPE Les Lucioles.
  void import_register_with_secrets() {
    auto r = import(kHeader, {kEnrolledNeq +
                                  ",CPE Les Petits Pas,nonprofit,Tremblay,Sophie,directrice "
                                  "générale," +
                                  kEnrolledAssessment + "," + kEnrolledInvitation,
                              kNewNeq + ",CPE Les Lucioles,nonprofit,Bégin,Andrée,présidente," +
                                  access::kLuciolesAssessment + "," + access::kLuciolesInvitation,
                              kNewNeq + ",CPE Les Lucioles,nonprofit,Roy,Paul,trésorier,,"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // The enrolment form as an officer listed in the register would fill it.
  static Fields officer_form(const std::string& neq, const std::string& surname,
                             const std::string& given, const std::string& role,
                             const std::string& assessment, const std::string& invitation) {
    return {{"legal_form", "nonprofit"},
            {"neq", neq},
            {"assessment_number", assessment},
            {"invitation_code", invitation},
            {"entity_name", "Une entité"},
            {"representative_surname", surname},
            {"representative_given_name", given},
            {"representative_role", role},
            {"representative_email", "quelquun@ailleurs.example"},
            {"rse_surname", "Nouveau"},
            {"rse_given_name", "Responsable"},
            {"rse_email", "nouveau.rse@ailleurs.example"}};
  }
  Reply enrol(Browser& b, Fields f) {
    if (b.jar.get("sgee_csrf").empty()) b.get("/inscription-entreprise");
    f.emplace_back("csrf", b.jar.get("sgee_csrf"));
    return b.post("/inscription-entreprise", f);
  }
  Reply takeover(Browser& b, const std::string& assessment, const std::string& invitation) {
    return enrol(b, officer_form(kEnrolledNeq, "Tremblay", "Sophie", "directrice générale",
                                 assessment, invitation));
  }
  std::int64_t users() { return sql()->run("SELECT COUNT(*) FROM users").first().i64(0); }
  std::int64_t rse_flag(const std::string& code) {
    return count("SELECT is_rse FROM users WHERE user_code = $1", code);
  }
  std::int64_t mails_to(const std::string& to) {
    return count("SELECT COUNT(*) FROM outbox WHERE to_address = $1", to);
  }
  std::int64_t audited(const std::string& neq, const std::string& detail_like) {
    return sql()
        ->run(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'enrol_attempt' AND record_type = "
            "'enrolment' AND record_id = $1 AND detail LIKE $2",
            neq, detail_like)
        .first()
        .i64(0);
  }

  static inline const std::string kHeader =
      "neq,name,legal_form,officer_surname,officer_given_name,officer_role,assessment_number,"
      "invitation_code";
  int files_ = 0;
};

const std::string kWaiting = html(
    "L'inscription est en attente de vérification par un agent du "
    "Ministère.");

// The exact attack: an officer's name and position from the public register, well-formed
// but wrong identifiers, for a division that has an RSE.
TEST_F(Enrol, ACC_02_TakeoverWithPublicRegisterDataIsQueuedAndTheRseIsTold) {
  // The demo register as it is: Sophie Tremblay is listed as directrice générale.
  auto before = users();
  Browser attacker(port());
  auto r = takeover(attacker, "123456789", "AB12CD34");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(contains(r.body, kWaiting)) << r.body;
  EXPECT_TRUE(contains(r.body, html("Cette entité a déjà une personne responsable"))) << r.body;
  EXPECT_FALSE(contains(r.body, "new-password")) << "no credentials";
  EXPECT_FALSE(contains(r.body, "new-user-code"));
  EXPECT_EQ(users(), before) << "no new user";
  EXPECT_EQ(rse_flag("E0000001"), 1) << "the RSE is still the RSE";
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM enrolments WHERE neq = $1 AND status = 'pending'", kEnrolledNeq),
      1);
  // The identifiers typed are not kept in clear; the reasons are.
  auto row = sql()->run(
      "SELECT assessment_number, invitation_code, deferred_reasons FROM enrolments WHERE neq = $1",
      kEnrolledNeq);
  EXPECT_TRUE(row.first().is_null(0));
  EXPECT_TRUE(row.first().is_null(1));
  EXPECT_EQ(row.first().str(2), "acc.deferred.has_rse,acc.deferred.no_secret_on_file");
  // The current RSE is e-mailed at once, in French and English.
  ASSERT_EQ(mails_to(kRseEmail), 1);
  auto mail = sql()->run("SELECT subject, body FROM outbox WHERE to_address = $1", kRseEmail);
  EXPECT_TRUE(contains(mail.first().str(0), "demande d'inscription")) << mail.first().str(0);
  EXPECT_TRUE(contains(mail.first().str(1), "rien ne change")) << mail.first().str(1);
  EXPECT_TRUE(contains(mail.first().str(1), "nothing changes")) << mail.first().str(1);
  EXPECT_TRUE(contains(mail.first().str(1), "nouveau.rse@ailleurs.example"));
  EXPECT_FALSE(contains(mail.first().str(1), "123456789")) << "no identifier in the mail";
  // Audited, with the address.
  EXPECT_EQ(audited(kEnrolledNeq, "deferred, enrolment %"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'enrol_attempt' AND address = $1",
                  "127.0.0.1"),
            1);

  // The ministry's queue says why it waits and who the current RSE is.
  Browser agent(port());
  ASSERT_EQ(sign_in(agent, "M0000001", "Ministere-demo-2026").status, 303);
  auto queue = agent.get("/ministere/inscriptions");
  ASSERT_EQ(queue.status, 200);
  EXPECT_TRUE(contains(queue.body, html("L'entreprise a déjà un RSE"))) << queue.body;
  EXPECT_TRUE(contains(queue.body, html("Aucun identifiant secret n'est au registre")));
  EXPECT_TRUE(contains(queue.body, "Sophie Tremblay (E0000001)")) << queue.body;
  EXPECT_TRUE(contains(queue.body, "name=\"replace_rse\""));
}

// With the right secrets too: an entity that has an RSE waits for an agent all the same, and
// the page tells the requester nothing about the secrets.
TEST_F(Enrol, ACC_02_EvenTheRightSecretsDoNotReplaceAnRseAtOnce) {
  import_register_with_secrets();
  auto before = users();
  Browser b(port());
  auto right = takeover(b, kEnrolledAssessment, kEnrolledInvitation);
  Browser c(port());
  auto wrong = takeover(c, "999999999", "ZZ99ZZ99");
  ASSERT_EQ(right.status, 201);
  ASSERT_EQ(wrong.status, 201);
  EXPECT_FALSE(contains(right.body, "new-password"));
  EXPECT_EQ(users(), before);
  auto strip_number = [](std::string body) {
    auto p = body.find("enrolment-number");
    return body.substr(0, p) + body.substr(body.find("</strong>", p));
  };
  EXPECT_EQ(strip_number(right.body), strip_number(wrong.body)) << "the same answer";
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM enrolments WHERE deferred_reasons = $1", "acc.deferred.has_rse"),
      1)
      << "the agent sees that these secrets matched";
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolments WHERE deferred_reasons = $1",
                  "acc.deferred.has_rse,acc.deferred.identifiers_mismatch"),
            1)
      << "and that those did not";
  EXPECT_EQ(mails_to(kRseEmail), 2);
  Browser agent(port());
  ASSERT_EQ(sign_in(agent, "M0000001", "Ministere-demo-2026").status, 303);
  auto queue = agent.get("/ministere/inscriptions");
  EXPECT_TRUE(contains(queue.body, html("Les identifiants donnés ne correspondent pas")))
      << queue.body;
}

TEST_F(Enrol, ACC_02_RightSecretsForAnEntityWithoutAnRseActivateAtOnce) {
  Browser b(port());
  // The demo register holds the secrets of CPE Les Lucioles.
  auto wrong = enrol(b, officer_form(kNewNeq, "Bégin", "Andrée", "présidente", "400000005",
                                     access::kLuciolesInvitation));
  ASSERT_EQ(wrong.status, 201) << wrong.body;
  EXPECT_TRUE(contains(wrong.body, html("ne correspond pas à ceux que détient le Ministère")))
      << wrong.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE organization_id = (SELECT id FROM "
                  "organizations WHERE number = $1)",
                  "10000004"),
            0);
  // Not an officer, right secrets: waits too.
  auto stranger = enrol(b, officer_form(kNewNeq, "Roy", "Paul", "président",
                                        access::kLuciolesAssessment, access::kLuciolesInvitation));
  EXPECT_TRUE(contains(stranger.body, kWaiting));
  EXPECT_FALSE(contains(stranger.body, "new-password"));

  auto ok =
      enrol(b, officer_form(kNewNeq, "BEGIN", "andree", "Présidente", access::kLuciolesAssessment,
                            text::lower(access::kLuciolesInvitation)));
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_TRUE(contains(ok.body, "id=\"new-user-code\"")) << ok.body;
  EXPECT_TRUE(contains(ok.body, "id=\"new-password\""));
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE is_rse = 1 AND organization_id = (SELECT id "
                  "FROM organizations WHERE number = $1)",
                  "10000004"),
            1);
  EXPECT_EQ(audited(kNewNeq, "immediate, enrolment %"), 1);
  EXPECT_EQ(audited(kNewNeq, "deferred, enrolment %: acc.deferred.identifiers_mismatch"), 1);
  EXPECT_EQ(audited(kNewNeq, "deferred, enrolment %: acc.deferred.not_an_officer"), 1);

  // Now it has an RSE: the same right request again waits, and the new RSE is told.
  auto again = enrol(b, officer_form(kNewNeq, "Bégin", "Andrée", "présidente",
                                     access::kLuciolesAssessment, access::kLuciolesInvitation));
  EXPECT_TRUE(contains(again.body, kWaiting));
  EXPECT_EQ(mails_to("nouveau.rse@ailleurs.example"), 2) << "the activation, then the warning";
}

TEST_F(Enrol, ACC_02_AnEntityWithNoSecretOnFileIsNeverActivatedAtOnce) {
  // A register file from before the secrets is still read: it holds none.
  auto r = import("neq,name,legal_form,officer_surname,officer_given_name,officer_role",
                  {kNewNeq + ",CPE Les Lucioles,nonprofit,Bégin,Andrée,présidente"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sql()->run("SELECT COUNT(*) FROM enterprise_secrets").first().i64(0), 0);
  Browser b(port());
  auto page = enrol(b, officer_form(kNewNeq, "Bégin", "Andrée", "présidente",
                                    access::kLuciolesAssessment, access::kLuciolesInvitation));
  ASSERT_EQ(page.status, 201);
  EXPECT_TRUE(contains(page.body, kWaiting));
  EXPECT_TRUE(contains(page.body, html("ne détient pas encore d'identifiant"))) << page.body;
  EXPECT_FALSE(contains(page.body, "new-password"));
}

TEST_F(Enrol, ImportStoresTheSecretsHashedAndRefusesConflictingOnes) {
  import_register_with_secrets();
  auto rows = sql()->run(
      "SELECT neq, assessment_hash, invitation_hash FROM enterprise_secrets ORDER BY neq");
  ASSERT_EQ(rows.size(), 2u);
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t col = 1; col < 3; ++col) {
      auto v = rows.row(i).str(col);
      EXPECT_TRUE(v.starts_with("$argon2id$")) << v;
      for (const std::string& secret :
           {kEnrolledAssessment, kEnrolledInvitation, std::string(access::kLuciolesAssessment),
            std::string(access::kLuciolesInvitation)})
        EXPECT_FALSE(contains(v, secret));
    }
  }
  auto conflict = import(kHeader, {kNewNeq + ",CPE Les Lucioles,nonprofit,Bégin,Andrée,"
                                             "présidente,400000004,",
                                   kNewNeq + ",CPE Les Lucioles,nonprofit,Roy,Paul,trésorier,"
                                             "400000005,"});
  EXPECT_NE(conflict.exit_code, 0);
  EXPECT_TRUE(contains(conflict.err, "assessment_number: two different values for NEQ 1160000004"))
      << conflict.err;
  auto malformed = import(kHeader, {kNewNeq + ",CPE Les Lucioles,nonprofit,Bégin,Andrée,"
                                              "présidente,12,"});
  EXPECT_NE(malformed.exit_code, 0);
  EXPECT_TRUE(contains(malformed.err, ":2: assessment_number: expected 6 to 12 digits"))
      << malformed.err;
  EXPECT_EQ(sql()->run("SELECT COUNT(*) FROM enterprise_secrets").first().i64(0), 2)
      << "a refused file changes nothing";
}

TEST_F(Enrol, ACC_02_AttemptsAreThrottledPerNeqAndAudited) {
  Browser b(port());
  for (int i = 0; i < 5; ++i) {
    auto r = enrol(b, officer_form(kNewNeq, "Bégin", "Andrée", "présidente",
                                   "50000000" + std::to_string(i), access::kLuciolesInvitation));
    ASSERT_EQ(r.status, 201) << i;
  }
  // The sixth, even with the right secrets and from another browser, is refused.
  Browser other(port());
  auto r = enrol(other, officer_form(kNewNeq, "Bégin", "Andrée", "présidente",
                                     access::kLuciolesAssessment, access::kLuciolesInvitation));
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.header("retry-after"), "3600");
  EXPECT_TRUE(contains(r.body, html("Trop de demandes d'inscription"))) << r.body;
  EXPECT_FALSE(contains(r.body, "new-password"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE organization_id = (SELECT id FROM "
                  "organizations WHERE number = $1)",
                  "10000004"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enrolments WHERE neq = $1", kNewNeq), 5);
  EXPECT_EQ(audited(kNewNeq, "deferred%"), 5);
  EXPECT_EQ(audited(kNewNeq, "throttled"), 1);
  // Another entity is not held up by this one.
  auto elsewhere = enrol(other, officer_form("1170000001", "Roy", "Paul", "président", "", ""));
  EXPECT_EQ(elsewhere.status, 201);
  // Attempts older than an hour no longer count.
  sql()->run("UPDATE enrolment_attempts SET at = '2000-01-01T00:00:00Z'");
  auto later = enrol(other, officer_form(kNewNeq, "Bégin", "Andrée", "présidente",
                                         access::kLuciolesAssessment, access::kLuciolesInvitation));
  EXPECT_EQ(later.status, 201);
  EXPECT_TRUE(contains(later.body, "id=\"new-password\"")) << later.body;
}

TEST_F(Enrol, ACC_02_AttemptsAreThrottledPerAddress) {
  Browser b(port());
  for (int i = 0; i < 20; ++i) {
    auto neq = "11700000" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    ASSERT_EQ(enrol(b, officer_form(neq, "Roy", "Paul", "président", "", "")).status, 201) << i;
  }
  auto r = enrol(b, officer_form("1170000099", "Roy", "Paul", "président", "", ""));
  EXPECT_EQ(r.status, 429);
  EXPECT_TRUE(contains(r.body, html("depuis votre réseau"))) << r.body;
  // A form with errors is not held against anyone, but is audited.
  sql()->run("UPDATE enrolment_attempts SET at = '2000-01-01T00:00:00Z'");
  auto bad = enrol(b, officer_form("12345", "Roy", "Paul", "président", "", ""));
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(audited("12345", "invalid: acc.neq_format"), 1);
}

// Replacing an entity's RSE is an agent's explicit decision; the former RSE loses the role, is
// signed out and told.
TEST_F(Enrol, ACC_02_TheAgentReplacesTheRseOnlyWhenAskedTo) {
  Browser old_rse(port());
  ASSERT_EQ(sign_in(old_rse, "E0000001", "Rse-petits-pas-2026").status, 303);
  ASSERT_EQ(old_rse.get("/droits").status, 200);
  Browser b(port());
  ASSERT_EQ(takeover(b, "123456789", "AB12CD34").status, 201);
  auto id = sql()->run("SELECT id FROM enrolments WHERE neq = $1", kEnrolledNeq).first().i64(0);

  Browser agent(port());
  ASSERT_EQ(sign_in(agent, "M0000001", "Ministere-demo-2026").status, 303);
  auto queue = agent.get("/ministere/inscriptions");
  std::string csrf = hidden_csrf(queue.body);
  std::string url = "/ministere/inscriptions/" + std::to_string(id) + "/activer";
  auto refused = agent.post(url, {{"csrf", csrf}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_TRUE(contains(refused.body, html("cochez «\u00a0Remplacer le RSE actuel\u00a0»")))
      << refused.body;
  EXPECT_EQ(rse_flag("E0000001"), 1);
  EXPECT_EQ(sql()
                ->run("SELECT COUNT(*) FROM enrolments WHERE id = $1 AND status = 'pending'", id)
                .first()
                .i64(0),
            1);

  auto done = agent.post(url, {{"csrf", csrf}, {"replace_rse", "1"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_TRUE(contains(done.body, "id=\"new-user-code\""));
  EXPECT_EQ(rse_flag("E0000001"), 0) << "the former RSE lost the role";
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE is_rse = 1 AND organization_id = (SELECT id "
                  "FROM organizations WHERE number = $1)",
                  "10000001"),
            1);
  EXPECT_EQ(old_rse.get("/droits").status, 303) << "signed out everywhere";
  auto mail = sql()->run("SELECT subject FROM outbox WHERE to_address = $1 ORDER BY id", kRseEmail);
  ASSERT_EQ(mail.size(), 2u);
  EXPECT_TRUE(contains(mail.row(1).str(0), "vous n'êtes plus RSE")) << mail.row(1).str(0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'rse_replaced' AND record_id = "
                  "(SELECT CAST(id AS TEXT) FROM users WHERE user_code = $1)",
                  "E0000001"),
            1);
}

}  // namespace
}  // namespace sgee::test

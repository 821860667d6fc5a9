// `sgee mail send`: the outbox delivered to a real (fake) SMTP server on loopback, each message
// marked as it goes, refusals recorded and retried up to a limit, an unreachable server reported
// on one line with nothing marked.
#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

#include "access/store.hpp"
#include "fake_smtp.hpp"
#include "platform/db/db.hpp"
#include "shared.hpp"

namespace sgee::test {
namespace {

class MailSend : public testing::Test {
 protected:
  void SetUp() override {
    db_ = migrated_database();
    auto c = db::connect(db_->url());
    access::store::queue_mail(*c, "parent@example.test", "Confirmez votre adresse",
                              "Bonjour,\nVoici le lien : http://127.0.0.1:8080/x?jeton=1\n");
    access::store::queue_mail(*c, "nobody@example.test", "Réinitialisation", "Lien");
    access::store::queue_mail(*c, "rse@example.test", "Votre compte sgee — accès activé",
                              "Code d'utilisateur E0000009\n");
  }
  CommandResult send(const std::string& smtp, std::vector<std::string> more = {}) {
    std::vector<std::string> args = {"mail", "send", "--smtp", smtp, "--db", db_->url()};
    args.insert(args.end(), more.begin(), more.end());
    return run_sgee(args);
  }
  std::int64_t count(const std::string& where) {
    return db::connect(db_->url())
        ->run("SELECT COUNT(*) FROM outbox WHERE " + where)
        .first()
        .i64(0);
  }
  std::unique_ptr<TestDatabase> db_;
};

std::string decoded_body(const std::string& data) {
  auto blank = data.find("\r\n\r\n");
  std::string b64 = data.substr(blank + 4);
  std::string out(b64.size(), '\0');
  size_t len = 0;
  sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(),
                    b64.size(), "\r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL);
  out.resize(len);
  return out;
}

TEST_F(MailSend, DeliversEachMessageOnceAndRecordsRefusals) {
  FakeSmtp smtp({"nobody@example.test"});
  std::string url = "smtp://127.0.0.1:" + std::to_string(smtp.port());
  auto r = send(url, {"--from", "sgee <no-reply@sgee.example>"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "sent 2, refused 1\n");
  EXPECT_NE(r.err.find("nobody@example.test refused"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("550"), std::string::npos) << r.err;
  auto got = smtp.received();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].from, "no-reply@sgee.example");
  EXPECT_EQ(got[0].to, "parent@example.test");
  EXPECT_NE(got[0].data.find("Subject: Confirmez votre adresse\r\n"), std::string::npos);
  EXPECT_NE(got[0].data.find("From: sgee <no-reply@sgee.example>\r\n"), std::string::npos);
  EXPECT_EQ(decoded_body(got[0].data),
            "Bonjour,\nVoici le lien : http://127.0.0.1:8080/x?jeton=1\n");
  EXPECT_EQ(got[1].to, "rse@example.test");
  EXPECT_NE(got[1].data.find("Subject: =?UTF-8?B?"), std::string::npos) << "accented subject";
  // The connection is reused (libcurl starts a new one after a refused message).
  EXPECT_LE(smtp.connections(), 2);
  EXPECT_EQ(count("sent_at IS NOT NULL AND attempts = 1"), 2);
  EXPECT_EQ(count("sent_at IS NULL AND attempts = 1 AND last_error LIKE '%550%'"), 1);

  // A second run retries only the refused message, until --max-attempts.
  auto again = send(url, {"--max-attempts", "2"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(again.out, "sent 0, refused 1\n");
  EXPECT_EQ(smtp.received().size(), 2u);
  auto done = send(url, {"--max-attempts", "2"});
  EXPECT_EQ(done.exit_code, 0) << done.err;
  EXPECT_EQ(done.out, "sent 0, refused 0\n");
  EXPECT_EQ(count("sent_at IS NULL AND attempts = 2"), 1);
}

TEST_F(MailSend, UnreachableServerFailsOnOneLineAndMarksNothing) {
  int port;
  {
    FakeSmtp gone;  // a loopback port nothing listens on any more
    port = gone.port();
  }
  auto r = send("smtp://127.0.0.1:" + std::to_string(port));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("127.0.0.1"), std::string::npos) << r.err;
  EXPECT_EQ(count("attempts = 0 AND sent_at IS NULL"), 3);
}

TEST_F(MailSend, BadArgumentsAreUsageErrors) {
  auto bad_url = send("http://127.0.0.1:25");
  EXPECT_EQ(bad_url.exit_code, 2);
  EXPECT_NE(bad_url.err.find("--smtp"), std::string::npos) << bad_url.err;
  auto missing = run_sgee({"mail", "send", "--db", db_->url()});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("--smtp"), std::string::npos) << missing.err;
  auto limit = send("smtp://127.0.0.1:25", {"--limit", "0"});
  EXPECT_NE(limit.exit_code, 0);
  EXPECT_EQ(count("attempts = 0"), 3);
}

TEST_F(MailSend, PasswordsInTheSmtpUrlAreNeverPrinted) {
  int port;
  {
    FakeSmtp gone;
    port = gone.port();
  }
  auto r = send("smtp://mailer:Tres-Secret-99@127.0.0.1:" + std::to_string(port));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.find("Tres-Secret-99"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sgee::test

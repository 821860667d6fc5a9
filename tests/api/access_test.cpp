// The access module through the real `sgee` binary, on the engine under test: the org and
// access-code commands, sign-in (CSRF, throttling, safe redirects), sessions stored in the
// database, temporary passwords, and logs that never hold a secret.
#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "access/model.hpp"
#include "access/store.hpp"
#include "access/totp.hpp"
#include "browser.hpp"
#include "platform/db/db.hpp"
#include "platform/text.hpp"
#include "shared.hpp"

namespace sgee::test {
namespace {

std::string iso_from_now(std::chrono::seconds offset) {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + offset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Demo sign-ins (src/access/demo.cpp).
const std::string kRse = "E0000001", kRsePassword = "Rse-petits-pas-2026";
const std::string kStaff = "E0000002", kStaffPassword = "Educateur-demo-2026";
const std::string kAgent = "M0000001", kAgentPassword = "Ministere-demo-2026";
const std::string kParent = "parent@example.test", kParentPassword = "Parent-demo-2026";

const std::string kFailed = html("Le code d'utilisateur ou le mot de passe est incorrect.");
const std::string kDashboard = "/tableau-de-bord";
const std::string kSignInForDashboard = "/connexion?next=%2Ftableau-de-bord";

// A user of division 10000001 with a temporary password (must change it at first sign-in).
std::int64_t add_temporary_user(const std::string& db_url, const std::string& code,
                                const std::string& password, bool is_rse = false) {
  if (sodium_init() < 0) throw std::runtime_error("sodium_init");
  auto c = db::connect(db_url);
  auto division = access::store::organization_by_number(*c, "10000001");
  if (!division) throw std::runtime_error("seed the demo first");
  access::store::User u;
  u.kind = access::UserKind::enterprise;
  u.user_code = code;
  u.surname = "Nouveau";
  u.given_name = "Employé";
  u.organization_id = division->id;
  u.must_change_password = true;
  u.is_rse = is_rse;
  return access::store::add_user(*c, u, password);
}

// ---------------------------------------------------------------------------------------------
// Fixtures

// A migrated database for the commands.
class OrgDb : public testing::Test {
 protected:
  void SetUp() override { db_ = migrated_database(); }
  CommandResult sgee(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(db_->url());
    return run_sgee(args);
  }
  std::string list() {
    auto r = sgee({"org", "list"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  // One division (10000001) with an installation (20000001), a BC (30000001) and its RSGE.
  void add_tree() {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"org", "add-division", "--number", "10000001", "--name", "CPE Les Petits Pas",
              "--legal-form", "nonprofit"},
             {"org", "add-installation", "--division", "10000001", "--number", "20000001", "--name",
              "Limoilou", "--kind", "CPE", "--places-0-17", "10", "--places-18-59", "50"},
             {"org", "add-bc", "--division", "10000001", "--number", "30000001", "--name",
              "BC de la Capitale"},
             {"org", "add-rsge", "--bc", "30000001", "--number", "40000001", "--name",
              "Service de garde Marie Tremblay", "--places", "6"}}) {
      auto r = sgee(args);
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  std::unique_ptr<TestDatabase> db_;
};
class Org : public OrgDb {};
class AccessCode : public OrgDb {};

class SignIn : public DemoServer {};
class Csrf : public DemoServer {};
class Session : public DemoServer {};
class Password : public DemoServer {};
class Access : public DemoServer {};
class SecondFactor : public DemoServer {};
class Register : public DemoServer {};
class Mandate : public DemoServer {};
class SecondFactorReset : public DemoServer {};

// ---------------------------------------------------------------------------------------------
// sgee org

TEST_F(Org, AddCommandsSayWhatTheyAddedAndListShowsParents) {
  auto div = sgee({"org", "add-division", "--number", "10000001", "--name", "CPE Les Petits Pas",
                   "--legal-form", "nonprofit", "--neq", "1160000001"});
  EXPECT_EQ(div.exit_code, 0) << div.err;
  EXPECT_EQ(div.out, "division 10000001 added\n");
  auto inst =
      sgee({"org", "add-installation", "--division", "10000001", "--number", "20000001", "--name",
            "Limoilou", "--kind", "CPE", "--places-0-17", "10", "--places-18-59", "50"});
  EXPECT_EQ(inst.exit_code, 0) << inst.err;
  EXPECT_EQ(inst.out, "installation 20000001 added\n");
  auto bc = sgee(
      {"org", "add-bc", "--division", "10000001", "--number", "30000001", "--name", "BC Capitale"});
  EXPECT_EQ(bc.exit_code, 0) << bc.err;
  EXPECT_EQ(bc.out, "bc 30000001 added\n");
  auto rsge = sgee({"org", "add-rsge", "--bc", "30000001", "--number", "40000001", "--name",
                    "Marie Tremblay", "--places", "6"});
  EXPECT_EQ(rsge.exit_code, 0) << rsge.err;
  EXPECT_EQ(rsge.out, "rsge 40000001 added\n");
  for (const auto* r : {&div, &inst, &bc, &rsge}) EXPECT_EQ(r->err, "");

  auto out = list();
  auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 4u) << out;
  auto line_of = [&](const std::string& number) -> std::string {
    for (const auto& l : lines)
      if (contains(l, "\t" + number + "\t")) return l;
    return "";
  };
  EXPECT_TRUE(line_of("10000001").starts_with("division\t10000001\tCPE Les Petits Pas")) << out;
  EXPECT_FALSE(contains(line_of("10000001"), "parent=")) << out;
  EXPECT_TRUE(line_of("20000001").starts_with("installation\t20000001\tLimoilou")) << out;
  EXPECT_TRUE(contains(line_of("20000001"), "\tparent=10000001")) << out;
  EXPECT_TRUE(contains(line_of("20000001"), "\tkind=CPE")) << out;
  EXPECT_TRUE(contains(line_of("20000001"), "\tplaces=10/50/0")) << out;
  EXPECT_TRUE(line_of("30000001").starts_with("bc\t30000001\tBC Capitale")) << out;
  EXPECT_TRUE(contains(line_of("30000001"), "\tparent=10000001")) << out;
  EXPECT_TRUE(line_of("40000001").starts_with("rsge\t40000001\tMarie Tremblay")) << out;
  EXPECT_TRUE(contains(line_of("40000001"), "\tparent=30000001")) << out;
  EXPECT_TRUE(contains(line_of("40000001"), "\tplaces=6")) << out;
}

TEST_F(Org, DuplicateNumberFailsOnOneLine) {
  add_tree();
  auto before = list();
  // The same kind, and another kind: numbers are unique across all organizations.
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"org", "add-division", "--number", "10000001", "--name", "Autre", "--legal-form",
            "corporation"},
           {"org", "add-installation", "--division", "10000001", "--number", "20000001", "--name",
            "Doublon", "--kind", "GS"},
           {"org", "add-installation", "--division", "10000001", "--number", "30000001", "--name",
            "Même numéro que le BC", "--kind", "GNS"},
           {"org", "add-rsge", "--bc", "30000001", "--number", "10000001", "--name", "Doublon"}}) {
    auto r = sgee(args);
    EXPECT_EQ(r.exit_code, 1) << args[1] << " " << args[3];
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_TRUE(contains(r.err, "already used")) << r.err;
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(list(), before) << "nothing was added";
}

TEST_F(Org, UnknownParentFails) {
  add_tree();
  auto before = list();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"org", "add-installation", "--division", "19999999", "--number", "20000009", "--name",
            "Orpheline", "--kind", "CPE"},
           {"org", "add-bc", "--division", "19999999", "--number", "30000009", "--name", "BC"},
           {"org", "add-rsge", "--bc", "39999999", "--number", "40000009", "--name", "RSGE"},
           // A parent of the wrong kind is not found either.
           {"org", "add-installation", "--division", "20000001", "--number", "20000009", "--name",
            "Sous une installation", "--kind", "CPE"}}) {
    auto r = sgee(args);
    EXPECT_EQ(r.exit_code, 1) << args[1] << " " << args[3];
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_TRUE(contains(r.err, "not found")) << r.err;
    EXPECT_TRUE(contains(r.err, args[3])) << "names the parent: " << r.err;
  }
  EXPECT_EQ(list(), before);
}

TEST_F(Org, RsgeUnderADivisionIsRefused) {
  add_tree();
  auto r = sgee({"org", "add-rsge", "--bc", "10000001", "--number", "40000009", "--name", "RSGE"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_FALSE(contains(list(), "40000009"));
}

TEST_F(Org, BadArgumentsAreUsageErrors) {
  add_tree();
  auto before = list();
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"org", "add-division", "--number", "1234567", "--name", "Sept chiffres", "--legal-form",
            "sole"},
           {"org", "add-division", "--number", "1000000A", "--name", "Lettre", "--legal-form",
            "sole"},
           {"org", "add-division", "--number", "10000009", "--name", "Forme", "--legal-form",
            "cooperative"},
           {"org", "add-division", "--number", "10000009", "--name", "NEQ", "--legal-form", "sole",
            "--neq", "123"},
           {"org", "add-installation", "--division", "10000001", "--number", "20000009", "--name",
            "Genre", "--kind", "CPEX"},
           {"org", "add-installation", "--division", "1000001", "--number", "20000009", "--name",
            "Parent mal formé", "--kind", "GS"},
           {"org", "add-installation", "--division", "10000001", "--number", "200000090", "--name",
            "Neuf chiffres", "--kind", "GS"},
           {"org", "add-bc", "--division", "10000001", "--number", "3000000", "--name", "BC"},
           {"org", "add-rsge", "--bc", "30000001", "--number", "4000000x", "--name", "RSGE"},
           {"org", "add-rsge", "--bc", "30000001", "--number", "40000009", "--name", "RSGE",
            "--places", "12"}}) {
    auto r = sgee(args);
    std::string what;
    for (const auto& a : args) what += a + " ";
    EXPECT_EQ(r.exit_code, 2) << what << "\n" << r.err;
    EXPECT_EQ(count_lines(r.err), 1) << what << "\n" << r.err;
  }
  EXPECT_EQ(list(), before);
}

// ---------------------------------------------------------------------------------------------
// sgee access-code issue

TEST_F(AccessCode, IssuePrintsTheCodeAloneOnOneLine) {
  add_tree();
  for (const std::string number : {"20000001", "30000001"}) {  // an installation, a BC
    auto r = sgee({"access-code", "issue", "--installation", number});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    ASSERT_EQ(count_lines(r.out), 1) << r.out;
    std::string code = r.out.substr(0, r.out.size() - 1);
    EXPECT_GE(code.size(), 24u) << code;
    EXPECT_EQ(code.find_first_of(" \t\r"), std::string::npos) << "the code alone: " << r.out;
  }
}

TEST_F(AccessCode, RefusedForAnRsgeOrAnUnknownNumber) {
  add_tree();
  for (const std::string number : {"40000001", "29999999", "10000001"}) {  // rsge, none, division
    auto r = sgee({"access-code", "issue", "--installation", number});
    EXPECT_EQ(r.exit_code, 1) << number;
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_TRUE(contains(r.err, number)) << r.err;
    EXPECT_EQ(r.out, "") << "no code printed";
  }
  auto bad = sgee({"access-code", "issue", "--installation", "2000"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(count_lines(bad.err), 1) << bad.err;
  auto c = db::connect(db_->url());
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM access_codes").first().i64(0), 0);
}

TEST_F(AccessCode, CodesDifferAndOnlyTheirHashIsStored) {
  add_tree();
  auto a = sgee({"access-code", "issue", "--installation", "20000001"});
  auto b = sgee({"access-code", "issue", "--installation", "20000001", "--label", "logiciel X"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  std::string code_a = a.out.substr(0, a.out.find('\n'));
  std::string code_b = b.out.substr(0, b.out.find('\n'));
  EXPECT_NE(code_a, code_b);

  auto c = db::connect(db_->url());
  auto rows = c->run(
      "SELECT code_hash, label, created_at, last_used_at, revoked_at, organization_id, id "
      "FROM access_codes ORDER BY id");
  ASSERT_EQ(rows.size(), 2u);
  std::set<std::string> hashes;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto row = rows.row(i);
    hashes.insert(row.str(0));
    for (size_t col = 0; col < row.size(); ++col) {
      std::string v = row.str(col);
      for (const auto& code : {code_a, code_b}) {
        EXPECT_NE(v, code) << "column " << col;
        // Not the code, nor its random part, anywhere in the row.
        std::string secret_part = code.substr(code.size() - 16);
        EXPECT_FALSE(contains(v, secret_part)) << "column " << col << ": " << v;
      }
    }
  }
  EXPECT_EQ(hashes, (std::set<std::string>{access::store::hash_secret(code_a),
                                           access::store::hash_secret(code_b)}));
  auto org = c->run("SELECT id FROM organizations WHERE number = $1", std::string("20000001"));
  EXPECT_EQ(rows.row(0).i64(5), org.first().i64(0));
  EXPECT_EQ(rows.row(1).str(1), "logiciel X");
}

// ---------------------------------------------------------------------------------------------
// Sign-in

TEST_F(SignIn, FormSetsAStrictHttpOnlyCsrfCookie) {
  Browser b(port());
  auto r = b.get("/connexion");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "action=\"&#x2F;connexion\"") ||
              contains(r.body, "action=\"/connexion\""))
      << r.body;
  EXPECT_TRUE(contains(r.body, "name=\"login\""));
  EXPECT_TRUE(contains(r.body, "name=\"password\""));
  auto cookie = set_cookie_line(r, "sgee_csrf");
  ASSERT_FALSE(cookie.empty()) << r.header("set-cookie");
  EXPECT_TRUE(contains(cookie, "; HttpOnly")) << cookie;
  EXPECT_TRUE(contains(cookie, "; SameSite=Strict")) << cookie;
  EXPECT_TRUE(contains(cookie, "; Path=/")) << cookie;
  std::string token = b.jar.get("sgee_csrf");
  EXPECT_EQ(token.size(), 32u) << token;
  EXPECT_EQ(hidden_csrf(r.body), token) << "the form carries the cookie's token";
  EXPECT_TRUE(set_cookie_line(r, "sgee_session").empty());

  // A visitor who has the cookie keeps it.
  auto again = b.get("/connexion");
  EXPECT_TRUE(set_cookie_line(again, "sgee_csrf").empty()) << again.header("set-cookie");
  EXPECT_EQ(hidden_csrf(again.body), token);
  // Another visitor gets another token.
  Browser other(port());
  other.get("/connexion");
  EXPECT_NE(other.jar.get("sgee_csrf"), token);
}

TEST_F(Csrf, SignInWithoutOrWithAWrongTokenIs403) {
  Browser b(port());
  b.get("/connexion");
  std::string token = b.jar.get("sgee_csrf");
  ASSERT_EQ(token.size(), 32u);
  const Fields creds = {{"login", kStaff}, {"password", kStaffPassword}};

  auto none = b.post("/connexion", creds);
  EXPECT_EQ(none.status, 403) << "no csrf field";
  Fields wrong = creds;
  wrong.emplace_back("csrf", std::string(32, 'a'));
  EXPECT_EQ(b.post("/connexion", wrong).status, 403) << "a wrong token";
  Fields shorter = creds;
  shorter.emplace_back("csrf", token.substr(0, 31));
  EXPECT_EQ(b.post("/connexion", shorter).status, 403) << "a prefix of the token";
  EXPECT_EQ(b.post("/connexion", creds, {{"X-CSRF-Token", "nope"}}).status, 403);

  // The right token without the cookie (a forged cross-site post): refused.
  Browser forger(port());
  Fields forged = creds;
  forged.emplace_back("csrf", token);
  auto r = forger.post("/connexion", forged);
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(set_cookie_line(r, "sgee_session").empty());
  // Another visitor's cookie with this visitor's token: refused.
  Browser mixed(port());
  mixed.get("/connexion");
  EXPECT_EQ(mixed.post("/connexion", forged).status, 403);

  for (const auto* reply : {&none, &r})
    EXPECT_TRUE(set_cookie_line(*reply, "sgee_session").empty());
  EXPECT_EQ(sql()->run("SELECT COUNT(*) FROM sessions").first().i64(0), 0);
  EXPECT_EQ(sql()->run("SELECT COUNT(*) FROM sign_in_attempts").first().i64(0), 0)
      << "refused before the password was looked at";

  // And the real form goes through.
  Fields good = creds;
  good.emplace_back("csrf", token);
  EXPECT_EQ(b.post("/connexion", good).status, 303);
}

TEST_F(Csrf, TheHeaderIsAcceptedInsteadOfTheField) {
  Browser b(port());
  b.get("/connexion");
  auto r = b.post("/connexion", {{"login", kStaff}, {"password", kStaffPassword}},
                  {{"X-CSRF-Token", b.jar.get("sgee_csrf")}});
  EXPECT_EQ(r.status, 303);
  EXPECT_FALSE(b.session().empty());
}

TEST_F(SignIn, WrongPasswordIs401WithTheGenericMessage) {
  Browser b(port());
  auto r = b.sign_in(kStaff, "Educateur-demo-2025");
  EXPECT_EQ(r.status, 401);
  EXPECT_TRUE(contains(r.header("content-type"), "text/html"));
  EXPECT_TRUE(contains(r.body, kFailed)) << r.body;
  EXPECT_TRUE(set_cookie_line(r, "sgee_session").empty()) << r.header("set-cookie");
  EXPECT_TRUE(b.session().empty());
  EXPECT_FALSE(contains(r.body, "Educateur-demo-2025")) << "the password is not sent back";
  EXPECT_EQ(hidden_csrf(r.body), b.jar.get("sgee_csrf")) << "the form can be sent again";
  // Case matters in passwords.
  EXPECT_EQ(b.sign_in(kStaff, "educateur-demo-2026").status, 401);
  EXPECT_EQ(b.sign_in(kStaff, "").status, 401);
  EXPECT_EQ(b.get(kDashboard).status, 303) << "still anonymous";
}

TEST_F(SignIn, UnknownUserGetsTheSameAnswer) {
  Browser b(port());
  auto wrong = b.sign_in(kStaff, "Pas-le-bon-2026");
  auto unknown = b.sign_in("E9999999", "Pas-le-bon-2026");
  auto unknown_parent = b.sign_in("personne@example.test", "Pas-le-bon-2026");
  for (const auto* r : {&unknown, &unknown_parent}) {
    EXPECT_EQ(r->status, wrong.status);
    EXPECT_TRUE(contains(r->body, kFailed)) << r->body;
    EXPECT_TRUE(set_cookie_line(*r, "sgee_session").empty());
  }
  // Apart from the login typed (sent back in the field), the pages are the same.
  auto without_login = [](std::string body, const std::string& login) {
    for (auto pos = body.find(html(login)); pos != std::string::npos; pos = body.find(html(login)))
      body.replace(pos, html(login).size(), "LOGIN");
    return body;
  };
  EXPECT_EQ(without_login(unknown.body, "E9999999"), without_login(wrong.body, kStaff));
}

TEST_F(SignIn, RightPasswordOpensASessionAndTheDashboard) {
  Browser b(port());
  auto r = b.sign_in(kStaff, kStaffPassword);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), kDashboard);
  auto cookie = set_cookie_line(r, "sgee_session");
  ASSERT_FALSE(cookie.empty());
  EXPECT_TRUE(contains(cookie, "; HttpOnly")) << cookie;
  EXPECT_TRUE(contains(cookie, "; SameSite=Lax")) << cookie;
  EXPECT_TRUE(contains(cookie, "; Path=/")) << cookie;
  EXPECT_FALSE(contains(cookie, "Secure")) << "not without --secure-cookies";
  EXPECT_EQ(b.session().size(), 64u);

  auto dash = b.get(kDashboard);
  ASSERT_EQ(dash.status, 200);
  EXPECT_TRUE(contains(dash.body, "Consulter les dossiers")) << dash.body;
  EXPECT_TRUE(contains(dash.body, "20000001")) << dash.body;
  EXPECT_TRUE(contains(dash.body, "Marc Lavoie")) << "signed in as";
  EXPECT_FALSE(contains(dash.body, html("Gestion des droits d'accès"))) << "not an RSE";
  // A signed-in visitor going to the sign-in page is sent on.
  auto form = b.get("/connexion");
  EXPECT_EQ(form.status, 303);
  EXPECT_EQ(form.header("location"), kDashboard);

  // Logins are case-insensitive; parents sign in with their e-mail.
  Browser rse(port());
  EXPECT_EQ(sign_in(rse, "e0000001", kRsePassword).status, 303);
  auto rse_dash = rse.get(kDashboard);
  EXPECT_EQ(rse_dash.status, 200);
  EXPECT_TRUE(contains(rse_dash.body, html("Gestion des droits d'accès"))) << rse_dash.body;
  Browser parent(port());
  EXPECT_EQ(parent.sign_in("Parent@Example.test", kParentPassword).status, 303);
  EXPECT_EQ(parent.get(kDashboard).status, 200);
  Browser agent(port());
  EXPECT_EQ(sign_in(agent, kAgent, kAgentPassword).status, 303);
  EXPECT_EQ(agent.get(kDashboard).status, 200);

  EXPECT_EQ(sql()->run("SELECT COUNT(*) FROM sessions WHERE revoked_at IS NULL").first().i64(0), 4);
}

TEST_F(SignIn, NextIsHonouredOnlyForLocalPaths) {
  struct Case {
    std::string next, location;
  };
  const std::vector<Case> cases = {
      {"/mot-de-passe", "/mot-de-passe"},
      {"/tableau-de-bord?x=1", "/tableau-de-bord?x=1"},
      {"https://evil.example", kDashboard},
      {"https://evil.example/tableau-de-bord", kDashboard},
      {"//evil.example", kDashboard},
      {"//evil.example/connexion", kDashboard},
      {"/\\evil.example", kDashboard},
      {"\\\\evil.example", kDashboard},
      {"javascript:alert(1)", kDashboard},
      {"evil.example", kDashboard},
      {"", kDashboard},
  };
  for (const auto& c : cases) {
    Browser b(port());
    auto r = b.sign_in(kStaff, kStaffPassword, c.next);
    EXPECT_EQ(r.status, 303) << c.next;
    EXPECT_EQ(r.header("location"), c.location) << "next=" << c.next;
  }
  // The sign-in page keeps `next` in its form.
  Browser b(port());
  auto form = b.get("/connexion?next=%2Fmot-de-passe");
  EXPECT_TRUE(contains(form.body, "name=\"next\" value=\"" + html("/mot-de-passe") + "\""))
      << form.body;
}

// A `next` with a line break or a tab must not reach the Location header: CR LF splits the
// response (header injection), and browsers drop tabs and line breaks from URLs, which turns
// "/\t/evil.example" into "//evil.example".
TEST_F(SignIn, NextWithControlCharactersIsNotHonoured) {
  for (const std::string& next :
       {std::string("/\t/evil.example"), std::string("/\n/evil.example"),
        std::string("/x\r\nSet-Cookie: planted=1"), std::string("/x\r\nX-Injected: 1")}) {
    Browser b(port());
    Reply r;
    try {
      r = b.sign_in(kStaff, kStaffPassword, next);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "the reply could not be read: " << e.what();
      continue;
    }
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("location"), kDashboard) << "next=" << testing::PrintToString(next);
    EXPECT_EQ(r.header("x-injected"), "");
    EXPECT_TRUE(set_cookie_line(r, "planted").empty());
  }
}

TEST_F(SignIn, ThrottledAfterFiveFailuresForOneAccount) {
  Browser b(port());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(b.sign_in(kStaff, "Mauvais-" + std::to_string(i)).status, 401);
  auto r = b.sign_in(kStaff, kStaffPassword);  // right, but too late
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.header("retry-after"), "900");
  EXPECT_TRUE(contains(r.body, "Trop de tentatives")) << r.body;
  EXPECT_TRUE(set_cookie_line(r, "sgee_session").empty());
  EXPECT_TRUE(b.session().empty());
  EXPECT_EQ(b.sign_in("e0000002", kStaffPassword).status, 429) << "whatever the case of the login";

  // Another account from the same address still signs in.
  Browser other(port());
  auto ok = sign_in(other, kRse, kRsePassword);
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(other.get(kDashboard).status, 200);

  auto c = sql();
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM sign_in_attempts WHERE account = $1 AND succeeded = 0",
                   std::string("e0000002"))
                .first()
                .i64(0),
            5);
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM sign_in_attempts WHERE account = $1 AND succeeded = 1",
                   std::string("e0000001"))
                .first()
                .i64(0),
            2)
      << "the password and the second factor";
  EXPECT_GE(
      c->run("SELECT COUNT(*) FROM sign_in_attempts WHERE address = $1", std::string("127.0.0.1"))
          .first()
          .i64(0),
      6);
  // Failures older than the window no longer count.
  c->run("UPDATE sign_in_attempts SET at = $1", iso_from_now(-std::chrono::minutes(16)));
  EXPECT_EQ(b.sign_in(kStaff, kStaffPassword).status, 303);
}

TEST_F(SignIn, ThrottlingIsStoredAndSurvivesARestart) {
  {
    Browser b(port());
    for (int i = 0; i < 3; ++i)
      EXPECT_EQ(b.sign_in(kStaff, "Mauvais-" + std::to_string(i)).status, 401);
  }
  restart();
  Browser b(port());
  for (int i = 3; i < 5; ++i)
    EXPECT_EQ(b.sign_in(kStaff, "Mauvais-" + std::to_string(i)).status, 401);
  restart();
  b.use_server(port());
  auto r = b.sign_in(kStaff, kStaffPassword);
  EXPECT_EQ(r.status, 429) << "five failures across two servers";
  EXPECT_FALSE(r.header("retry-after").empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM sign_in_attempts WHERE account = $1 AND succeeded = 0",
                  "e0000002"),
            5);
}

// The account is throttled whatever the spelling of its login: the login is trimmed when looking
// up the user (store::user_by_login) and must be the same key when counting failures.
TEST_F(SignIn, ThrottlingCannotBeDodgedWithSpacesAroundTheLogin) {
  Browser b(port());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(b.sign_in(kStaff, "Mauvais-" + std::to_string(i)).status, 401);
  for (const std::string& login : {" " + kStaff, kStaff + " ", "\t" + kStaff}) {
    Browser fresh(port());
    auto r = fresh.sign_in(login, kStaffPassword);
    EXPECT_EQ(r.status, 429) << "login '" << login << "'";
    EXPECT_TRUE(set_cookie_line(r, "sgee_session").empty()) << "login '" << login << "'";
  }
}

// Issue 11 item 4: behind a proxy or a NAT everybody shares one address. An attacker's failures
// from it (even on accounts that do not exist) must not lock out the others: a right password for
// an account that is not under attack still signs in; the attacked login waits.
TEST_F(SignIn, FailuresFromOneAddressDoNotLockOutTheOthersBehindIt) {
  Browser attacker(port());
  for (int i = 0; i < 29; ++i)
    ASSERT_EQ(attacker.sign_in("E99000" + std::to_string(10 + i), "Mauvais").status, 401) << i;
  // From the 30th failure on, a wrong password is told to wait, with a growing delay.
  auto slowed = attacker.sign_in("E9900099", "Mauvais");
  EXPECT_EQ(slowed.status, 429);
  EXPECT_EQ(slowed.header("retry-after"), "30");
  EXPECT_TRUE(contains(slowed.body, html("depuis votre réseau"))) << slowed.body;
  for (int i = 0; i < 31; ++i) attacker.sign_in("E98000" + std::to_string(10 + i), "Mauvais");
  EXPECT_EQ(attacker.sign_in("E9700001", "Mauvais").header("retry-after"), "60");
  EXPECT_EQ(count("SELECT COUNT(*) FROM sign_in_attempts WHERE address = $1 AND succeeded = 0",
                  "127.0.0.1"),
            62);

  // Someone else behind the same address, right password: signed in.
  Browser colleague(port());
  auto ok = colleague.sign_in(kStaff, kStaffPassword);
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(colleague.get(kDashboard).status, 200);
  Browser parent(port());
  EXPECT_EQ(parent.sign_in(kParent, kParentPassword).status, 303);

  // A login that has just failed from that busy address waits, right password or not.
  Browser victim(port());
  EXPECT_EQ(victim.sign_in(kRse, "Mauvais").status, 429);
  auto locked = victim.sign_in(kRse, kRsePassword);
  EXPECT_EQ(locked.status, 429);
  EXPECT_FALSE(locked.header("retry-after").empty());
  EXPECT_TRUE(set_cookie_line(locked, "sgee_session").empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM sign_in_attempts WHERE account = $1", "e0000001"), 1)
      << "the refused attempt did not check the password";
  // Once the delay has passed (the failure moved a minute back), it signs in.
  sql()->run("UPDATE sign_in_attempts SET at = $1 WHERE account = 'e0000001'",
             iso_from_now(-std::chrono::seconds(121)));
  EXPECT_EQ(victim.sign_in(kRse, kRsePassword).status, 303);
}

// X-Forwarded-For names the client only through a trusted proxy (serve --trusted-proxy).
TEST_F(SignIn, ForwardedForIsIgnoredWithoutATrustedProxy) {
  Browser b(port());
  b.get("/connexion");
  for (int i = 0; i < 3; ++i) {
    auto r = b.post("/connexion",
                    {{"csrf", b.jar.get("sgee_csrf")}, {"login", kStaff}, {"password", "Mauvais"}},
                    {{"X-Forwarded-For", "203.0.113." + std::to_string(i)}});
    EXPECT_EQ(r.status, 401);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM sign_in_attempts WHERE address = $1", "127.0.0.1"), 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sign_in_attempts WHERE address LIKE $1", "203.%"), 0);
}

TEST_F(SignIn, ForwardedForIsHonouredFromATrustedProxy) {
  Server proxied(db_->url(), {"--trusted-proxy", "10.9.9.9, 127.0.0.1"});
  Browser b(proxied.port());
  b.get("/connexion");
  auto attempt = [&](const std::string& login, const std::string& password,
                     const std::string& xff) {
    return b.post("/connexion",
                  {{"csrf", b.jar.get("sgee_csrf")}, {"login", login}, {"password", password}},
                  {{"X-Forwarded-For", xff}});
  };
  // The client's own claim (left) is not believed: the address the proxy saw is.
  for (int i = 0; i < 30; ++i)
    attempt("E99000" + std::to_string(10 + i), "Mauvais", "1.2.3.4, 203.0.113.7");
  EXPECT_EQ(count("SELECT COUNT(*) FROM sign_in_attempts WHERE address = $1", "203.0.113.7"), 30);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sign_in_attempts WHERE address = $1", "1.2.3.4"), 0);
  EXPECT_EQ(attempt("E9900099", "Mauvais", "203.0.113.7").status, 429) << "a busy client";
  // Another client behind the same proxy is not slowed by that one.
  EXPECT_EQ(attempt("E9900098", "Mauvais", "203.0.113.8").status, 401);
  EXPECT_EQ(attempt(kStaff, kStaffPassword, "203.0.113.7").status, 303);
  auto sessions = sql()->run("SELECT address FROM sessions ORDER BY created_at DESC, address");
  ASSERT_GE(sessions.size(), 1u);
  EXPECT_EQ(sessions.first().str(0), "203.0.113.7");
}

// With --secure-cookies, every cookie is Secure: the session, the CSRF token and the language.
TEST_F(SignIn, SecureCookiesMakesEveryCookieSecure) {
  Server secure(db_->url(), {"--secure-cookies"});
  Browser b(secure.port());
  auto form = b.get("/connexion?lang=en");
  auto csrf = set_cookie_line(form, "sgee_csrf");
  auto lang = set_cookie_line(form, "lang");
  ASSERT_FALSE(csrf.empty()) << form.header("set-cookie");
  ASSERT_FALSE(lang.empty()) << form.header("set-cookie");
  EXPECT_TRUE(contains(csrf, "; Secure")) << csrf;
  EXPECT_TRUE(contains(lang, "; Secure")) << lang;
  auto r = b.sign_in(kStaff, kStaffPassword);
  auto session = set_cookie_line(r, "sgee_session");
  EXPECT_TRUE(contains(session, "; Secure")) << session;
  EXPECT_EQ(session.find("; Secure"), session.rfind("; Secure")) << "once";
  auto out = b.post("/deconnexion", {{"csrf", hidden_csrf(b.get(kDashboard).body)}});
  EXPECT_TRUE(contains(set_cookie_line(out, "sgee_session"), "; Secure"));
  // Without the option, none is.
  Browser plain(port());
  auto p = plain.get("/connexion?lang=en");
  EXPECT_FALSE(contains(p.header("set-cookie"), "Secure")) << p.header("set-cookie");
}

// ---------------------------------------------------------------------------------------------
// Sessions

TEST_F(Session, DashboardWithoutCookieRedirectsToSignIn) {
  Browser b(port());
  auto r = b.get(kDashboard);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), kSignInForDashboard);
  // A made-up cookie is no better.
  auto fake = b.get(kDashboard, {{"Cookie", "sgee_session=" + std::string(64, 'a')}});
  EXPECT_EQ(fake.status, 303);
  EXPECT_EQ(fake.header("location"), kSignInForDashboard);
  EXPECT_EQ(b.get(kDashboard, {{"Cookie", "sgee_session=abc"}}).header("location"),
            kSignInForDashboard);
  // JSON clients get 401 instead of a redirect.
  EXPECT_EQ(b.get(kDashboard, {{"Accept", "application/json"}}).status, 401);
}

TEST_F(Session, TokenIsStoredHashed) {
  Browser b(port());
  ASSERT_EQ(b.sign_in(kStaff, kStaffPassword).status, 303);
  std::string token = b.session();
  auto c = sql();
  auto rows = c->run("SELECT token_hash, csrf_token, address FROM sessions");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.row(0).str(0), access::store::hash_secret(token));
  for (size_t col = 0; col < 3; ++col) EXPECT_FALSE(contains(rows.row(0).str(col), token));
  EXPECT_EQ(rows.row(0).str(2), "127.0.0.1");
}

TEST_F(Session, SignOutEndsTheSession) {
  Browser b(port());
  ASSERT_EQ(b.sign_in(kStaff, kStaffPassword).status, 303);
  std::string token = b.session();
  auto dash = b.get(kDashboard);
  ASSERT_EQ(dash.status, 200);
  std::string csrf = hidden_csrf(dash.body);
  ASSERT_EQ(csrf.size(), 32u) << dash.body;
  EXPECT_NE(csrf, b.jar.get("sgee_csrf")) << "a signed-in user's token is the session's";

  // Without the session's token (or with the anonymous one), sign-out is refused.
  EXPECT_EQ(b.post("/deconnexion", {}).status, 403);
  EXPECT_EQ(b.post("/deconnexion", {{"csrf", b.jar.get("sgee_csrf")}}).status, 403);
  EXPECT_EQ(b.get(kDashboard).status, 200) << "still signed in";

  auto out = b.post("/deconnexion", {{"csrf", csrf}});
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.header("location"), "/");
  auto cleared = set_cookie_line(out, "sgee_session");
  EXPECT_TRUE(cleared.starts_with("sgee_session=;")) << cleared;
  EXPECT_TRUE(contains(cleared, "Max-Age=0")) << cleared;
  EXPECT_TRUE(b.session().empty());

  // The old cookie, sent again, is anonymous.
  Browser replay(port());
  auto r = replay.get(kDashboard, {{"Cookie", "sgee_session=" + token}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), kSignInForDashboard);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE revoked_at IS NOT NULL AND token_hash = $1",
                  access::store::hash_secret(token)),
            1);
}

TEST_F(Session, SignOutAcceptsTheHeaderToken) {
  Browser b(port());
  ASSERT_EQ(b.sign_in(kStaff, kStaffPassword).status, 303);
  std::string token = b.session();
  std::string csrf = hidden_csrf(b.get(kDashboard).body);
  auto out = b.post("/deconnexion", {}, {{"X-CSRF-Token", csrf}});
  EXPECT_EQ(out.status, 303);
  Browser replay(port());
  EXPECT_EQ(replay.get(kDashboard, {{"Cookie", "sgee_session=" + token}}).status, 303);
}

TEST_F(Session, RevokedSessionIsRefused) {
  Browser b(port()), other(port());
  ASSERT_EQ(b.sign_in(kStaff, kStaffPassword).status, 303);
  ASSERT_EQ(other.sign_in(kStaff, kStaffPassword).status, 303);
  ASSERT_EQ(b.get(kDashboard).status, 200);
  sql()->run("UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2", iso_from_now({}),
             access::store::hash_secret(b.session()));
  auto r = b.get(kDashboard);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), kSignInForDashboard);
  EXPECT_EQ(other.get(kDashboard).status, 200) << "only that session";
}

TEST_F(Session, ExpiredSessionIsRefused) {
  Browser b(port());
  ASSERT_EQ(b.sign_in(kStaff, kStaffPassword).status, 303);
  ASSERT_EQ(b.get(kDashboard).status, 200);
  // Past its maximum life, although seen a moment ago.
  sql()->run("UPDATE sessions SET expires_at = $1, last_seen_at = $2",
             iso_from_now(-std::chrono::seconds(5)), iso_from_now({}));
  auto r = b.get(kDashboard);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), kSignInForDashboard);
}

TEST_F(Session, IdleSessionIsRefused) {
  Browser b(port()), recent(port());
  ASSERT_EQ(b.sign_in(kStaff, kStaffPassword).status, 303);
  ASSERT_EQ(recent.sign_in(kStaff, kStaffPassword).status, 303);
  auto c = sql();
  // Not seen for 61 minutes (idle limit: 60), though not expired.
  c->run("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
         iso_from_now(-std::chrono::minutes(61)), access::store::hash_secret(b.session()));
  // Seen 30 minutes ago: still good, and seen again now.
  c->run("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
         iso_from_now(-std::chrono::minutes(30)), access::store::hash_secret(recent.session()));
  auto r = b.get(kDashboard);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), kSignInForDashboard);
  EXPECT_EQ(recent.get(kDashboard).status, 200);
  auto seen = c->run("SELECT last_seen_at FROM sessions WHERE token_hash = $1",
                     access::store::hash_secret(recent.session()))
                  .first()
                  .str(0);
  EXPECT_GT(seen, iso_from_now(-std::chrono::minutes(2))) << "activity keeps a session alive";
}

TEST_F(Session, SurvivesAServerRestart) {
  Browser b(port());
  ASSERT_EQ(b.sign_in(kStaff, kStaffPassword).status, 303);
  ASSERT_EQ(b.get(kDashboard).status, 200);
  restart();
  b.use_server(port());
  auto r = b.get(kDashboard);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "Consulter les dossiers"));
  // Its CSRF token is the same after the restart: forms opened before still work.
  std::string csrf = hidden_csrf(r.body);
  EXPECT_EQ(b.post("/deconnexion", {{"csrf", csrf}}).status, 303);
}

// PostgreSQL only: two servers at once on one database share sessions.
void session_is_shared_by_two_servers() {
  auto tdb = migrated_database();
  auto seed = run_sgee({"seed", "--demo", "--db", tdb->url()});
  ASSERT_EQ(seed.exit_code, 0) << seed.err;
  Server one(tdb->url()), two(tdb->url());
  Browser b(one.port());
  ASSERT_EQ(b.sign_in(kStaff, kStaffPassword).status, 303);
  std::string token = b.session();
  Browser on_two(two.port());
  on_two.jar.cookies["sgee_session"] = token;
  auto r = on_two.get(kDashboard);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "Consulter les dossiers"));
  // Signing out on one signs out on both.
  EXPECT_EQ(on_two.post("/deconnexion", {{"csrf", hidden_csrf(r.body)}}).status, 303);
  EXPECT_EQ(b.get(kDashboard).status, 303);
  // And throttling counts failures on both.
  Browser x(one.port()), y(two.port());
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(x.sign_in(kRse, "Mauvais-" + std::to_string(i)).status, 401);
  for (int i = 3; i < 5; ++i)
    EXPECT_EQ(y.sign_in(kRse, "Mauvais-" + std::to_string(i)).status, 401);
  EXPECT_EQ(x.sign_in(kRse, kRsePassword).status, 429);
  EXPECT_EQ(y.sign_in(kRse, kRsePassword).status, 429);
}

// ---------------------------------------------------------------------------------------------
// Temporary passwords

const std::string kNewUser = "E7654321";
const std::string kTemporary = "Tmp9-Kq4z-Hh7w-Pp2x";
const std::string kChosen = "Une phrase facile pour moi";

TEST_F(Password, TemporaryPasswordLeadsToTheChangePage) {
  add_temporary_user(db_->url(), kNewUser, kTemporary);
  Browser b(port());
  auto r = b.sign_in(kNewUser, kTemporary, "/tableau-de-bord?x=1");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/mot-de-passe") << "before anything else";
  EXPECT_FALSE(b.session().empty());
  auto dash = b.get(kDashboard);
  EXPECT_EQ(dash.status, 303);
  EXPECT_EQ(dash.header("location"), "/mot-de-passe");
  auto page = b.get("/mot-de-passe");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Votre mot de passe est temporaire")) << page.body;
  EXPECT_TRUE(contains(page.body, "name=\"current\""));
  EXPECT_TRUE(contains(page.body, "name=\"new\""));
  EXPECT_TRUE(contains(page.body, "name=\"confirm\""));
  EXPECT_EQ(hidden_csrf(page.body).size(), 32u);
  // The change page needs a session.
  Browser anonymous(port());
  auto anon = anonymous.get("/mot-de-passe");
  EXPECT_EQ(anon.status, 303);
  EXPECT_EQ(anon.header("location"), "/connexion?next=%2Fmot-de-passe");
}

TEST_F(Password, ChangeRefusesWrongCurrentMismatchAndShort) {
  add_temporary_user(db_->url(), kNewUser, kTemporary);
  Browser b(port());
  ASSERT_EQ(b.sign_in(kNewUser, kTemporary).status, 303);
  std::string csrf = hidden_csrf(b.get("/mot-de-passe").body);
  auto change = [&](const std::string& current, const std::string& fresh,
                    const std::string& confirm) {
    return b.post("/mot-de-passe",
                  {{"csrf", csrf}, {"current", current}, {"new", fresh}, {"confirm", confirm}});
  };
  auto wrong = change("Pas-le-bon-123", kChosen, kChosen);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(contains(wrong.body, "Le mot de passe actuel est incorrect.")) << wrong.body;
  auto mismatch = change(kTemporary, kChosen, kChosen + "!");
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_TRUE(contains(mismatch.body, "La confirmation ne correspond pas au nouveau mot de passe."))
      << mismatch.body;
  auto short_one = change(kTemporary, "Court-2026", "Court-2026");
  EXPECT_EQ(short_one.status, 422);
  EXPECT_TRUE(contains(short_one.body, "Le mot de passe doit compter au moins 12 caractères."))
      << short_one.body;
  auto same = change(kTemporary, kTemporary, kTemporary);
  EXPECT_EQ(same.status, 422);
  auto personal = change(kTemporary, "Mon code " + kNewUser, "Mon code " + kNewUser);
  EXPECT_EQ(personal.status, 422);
  EXPECT_TRUE(contains(personal.body, "trop facile")) << personal.body;
  for (const auto* r : {&wrong, &mismatch, &short_one, &same, &personal}) {
    EXPECT_FALSE(contains(r->body, kChosen)) << "passwords are not sent back";
    EXPECT_FALSE(contains(r->body, kTemporary));
    EXPECT_TRUE(contains(r->body, "Votre mot de passe est temporaire"));
  }
  // Nothing changed: the temporary password still signs in, and still must be changed.
  EXPECT_EQ(b.get(kDashboard).header("location"), "/mot-de-passe");
  Browser again(port());
  auto r = again.sign_in(kNewUser, kTemporary);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/mot-de-passe");
}

TEST_F(Password, ChangeNeedsTheSessionCsrf) {
  add_temporary_user(db_->url(), kNewUser, kTemporary);
  Browser b(port());
  ASSERT_EQ(b.sign_in(kNewUser, kTemporary).status, 303);
  Fields f = {{"current", kTemporary}, {"new", kChosen}, {"confirm", kChosen}};
  EXPECT_EQ(b.post("/mot-de-passe", f).status, 403);
  Fields anon = f;
  anon.emplace_back("csrf", b.jar.get("sgee_csrf"));
  EXPECT_EQ(b.post("/mot-de-passe", anon).status, 403)
      << "the anonymous token is not the session's";
  EXPECT_EQ(count("SELECT must_change_password FROM users WHERE user_code = $1", kNewUser), 1);
}

TEST_F(Password, GoodChangeOpensTheDashboardAndRevokesOtherSessions) {
  add_temporary_user(db_->url(), kNewUser, kTemporary);
  Browser b(port()), elsewhere(port());
  ASSERT_EQ(b.sign_in(kNewUser, kTemporary).status, 303);
  ASSERT_EQ(elsewhere.sign_in(kNewUser, kTemporary).status, 303);
  ASSERT_EQ(elsewhere.get("/mot-de-passe").status, 200);
  // Someone else's session is not touched.
  Browser staff(port());
  ASSERT_EQ(staff.sign_in(kStaff, kStaffPassword).status, 303);

  std::string csrf = hidden_csrf(b.get("/mot-de-passe").body);
  auto r =
      b.post("/mot-de-passe",
             {{"csrf", csrf}, {"current", kTemporary}, {"new", kChosen}, {"confirm", kChosen}});
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/tableau-de-bord?changed=1");
  auto dash = b.get("/tableau-de-bord?changed=1");
  EXPECT_EQ(dash.status, 200);
  EXPECT_TRUE(contains(dash.body, html("Votre mot de passe a été changé."))) << dash.body;
  EXPECT_EQ(b.get(kDashboard).status, 200);

  auto gone = elsewhere.get(kDashboard);
  EXPECT_EQ(gone.status, 303);
  EXPECT_EQ(gone.header("location"), kSignInForDashboard) << "the other session was closed";
  EXPECT_EQ(staff.get(kDashboard).status, 200);
  EXPECT_EQ(count("SELECT must_change_password FROM users WHERE user_code = $1", kNewUser), 0);

  // The new password signs in straight to the dashboard; the temporary one no longer does.
  Browser later(port());
  EXPECT_EQ(later.sign_in(kNewUser, kTemporary).status, 401);
  auto in = later.sign_in(kNewUser, kChosen);
  EXPECT_EQ(in.status, 303);
  EXPECT_EQ(in.header("location"), kDashboard);
}

// ---------------------------------------------------------------------------------------------
// Logs

// A parent sees who consulted their own children's records, and nobody else's.
TEST_F(Access, ParentSeesWhoConsultedTheirChildrenOnly) {
  auto c = sql();
  auto parent = access::store::user_by_login(*c, kParent)->id;
  auto staff = access::store::user_by_login(*c, kStaff)->id;
  auto inst = access::store::organization_by_number(*c, "20000001")->id;
  access::store::User someone;
  someone.kind = access::UserKind::parent;
  someone.email = "autre.parent@example.test";
  someone.surname = "Autre";
  someone.given_name = "Parent";
  auto other_parent = access::store::add_user(*c, someone, "another long password");
  access::store::audit(*c, {.user_id = staff,
                            .organization_id = inst,
                            .subject_user_id = parent,
                            .action = "read",
                            .record_type = "dossier",
                            .record_id = "00000013",
                            .address = "192.0.2.7"});
  access::store::audit(*c, {.user_id = staff,
                            .organization_id = inst,
                            .subject_user_id = other_parent,
                            .action = "read",
                            .record_type = "dossier",
                            .record_id = "00000099"});
  Browser b(port());
  ASSERT_EQ(sign_in(b, kParent, kParentPassword).status, 303);
  auto page = b.get("/mes-enfants/consultations");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "00000013")) << page.body;
  EXPECT_TRUE(contains(page.body, html("Marc Lavoie"))) << page.body;
  EXPECT_TRUE(contains(page.body, html("CPE Les Petits Pas — Limoilou"))) << page.body;
  EXPECT_FALSE(contains(page.body, "00000099")) << "another parent's child";
  // A record number typed in the search does not reach another parent's rows either.
  auto searched = b.get("/mes-enfants/consultations?type=dossier&record=00000099");
  EXPECT_EQ(searched.status, 200);
  EXPECT_FALSE(contains(searched.body, html("n° 00000099"))) << searched.body;
  EXPECT_EQ(b.get("/ministere/journal").status, 403);
  EXPECT_EQ(b.get("/journal").status, 403);
}

TEST_F(Access, LogsNeverHoldPasswordsTokensOrCodes) {
  std::vector<std::string> secrets = {kRsePassword,    kStaffPassword, kAgentPassword,
                                      kParentPassword, kTemporary,     kChosen};
  auto code_run =
      run_sgee({"access-code", "issue", "--installation", "20000001", "--db", db_->url()});
  ASSERT_EQ(code_run.exit_code, 0) << code_run.err;
  std::string code = code_run.out.substr(0, code_run.out.find('\n'));
  secrets.push_back(code);

  // Sign-ins that succeed and fail, sign-out, a password change, the code as a bearer token.
  std::vector<std::string> tokens;
  for (const auto& [login, password] :
       std::vector<std::pair<std::string, std::string>>{{kStaff, kStaffPassword},
                                                        {kRse, kRsePassword},
                                                        {kParent, kParentPassword},
                                                        {kAgent, kAgentPassword}}) {
    Browser b(port());
    EXPECT_EQ(b.sign_in(login, password + "-faux").status, 401);
    secrets.push_back(password + "-faux");
    EXPECT_EQ(sign_in(b, login, password, "/tableau-de-bord?secret=" + password).status, 303);
    tokens.push_back(b.session());
    auto dash = b.get(kDashboard);
    EXPECT_EQ(dash.status, 200);
    EXPECT_EQ(b.post("/deconnexion", {{"csrf", hidden_csrf(dash.body)}}).status, 303);
  }
  {
    Browser b(port());
    EXPECT_EQ(b.sign_in("E9999999", "Inconnu-secret-2026").status, 401);
    secrets.push_back("Inconnu-secret-2026");
    add_temporary_user(db_->url(), kNewUser, kTemporary);
    EXPECT_EQ(b.sign_in(kNewUser, kTemporary).status, 303);
    tokens.push_back(b.session());
    std::string csrf = hidden_csrf(b.get("/mot-de-passe").body);
    EXPECT_EQ(b.post("/mot-de-passe", {{"csrf", csrf},
                                       {"current", "Faux-actuel-2026"},
                                       {"new", kChosen},
                                       {"confirm", kChosen}})
                  .status,
              422);
    secrets.push_back("Faux-actuel-2026");
    EXPECT_EQ(b.post("/mot-de-passe", {{"csrf", csrf},
                                       {"current", kTemporary},
                                       {"new", "Court-2026"},
                                       {"confirm", "Court-2026"}})
                  .status,
              422);
    secrets.push_back("Court-2026");
    EXPECT_EQ(
        b.post("/mot-de-passe",
               {{"csrf", csrf}, {"current", kTemporary}, {"new", kChosen}, {"confirm", kChosen}})
            .status,
        303);
    EXPECT_EQ(b.get(kDashboard).status, 200);
    // The session token also in a query string and a header the server does not know.
    EXPECT_EQ(b.get("/?t=" + b.session(), {{"X-Debug", b.session()}}).status, 200);
  }
  {
    Browser b(port());
    EXPECT_EQ(b.get("/", {{"Authorization", "Bearer " + code}}).status, 200);
    EXPECT_EQ(b.get(kDashboard, {{"Authorization", "Bearer " + code}}).status, 403)
        << "a code is not a sign-in";
    EXPECT_EQ(b.get(kDashboard, {{"Authorization", "Bearer sgee_0000"}}).status, 303);
  }
  EXPECT_FALSE(sql()->run("SELECT last_used_at FROM access_codes").first().is_null(0))
      << "the server did see the code";
  for (const auto& t : tokens) {
    EXPECT_EQ(t.size(), 64u);
    secrets.push_back(t);
  }

  std::string path = server_->log_path();
  server_.reset();  // every line written
  std::string log = slurp(path);
  ASSERT_TRUE(contains(log, "/connexion")) << "the requests were logged:\n" << log;
  ASSERT_TRUE(contains(log, "/mot-de-passe")) << log;
  for (const auto& s : secrets) {
    EXPECT_FALSE(contains(log, s)) << "the log holds '" << s << "'";
    EXPECT_FALSE(contains(log, text::url_encode(s))) << "the log holds '" << s << "' (encoded)";
  }
  EXPECT_FALSE(contains(log, code.substr(5))) << "not even the random part of the code";
}

template <void (*F)()>
class FunctionTest : public testing::Test {
 public:
  void TestBody() override { F(); }
};

// PostgreSQL-only tests, registered at start-up (not skipped) like db_test.cpp's: a static
// initializer does it, so main.cpp needs no change.
const bool kRegistered = [] {
  if (engine() == "postgresql")
    testing::RegisterTest(
        "SessionPostgres", "SharedByTwoServersAtOnce", nullptr, nullptr, __FILE__, __LINE__,
        []() -> testing::Test* { return new FunctionTest<session_is_shared_by_two_servers>; });
  return true;
}();

}  // namespace
}  // namespace sgee::test

namespace sgee::test {
namespace {

TEST(AccessCodeLifecycle, SYN_03_IssuedCodeWorksUntilRevokedAndRecordsItsUse) {
  auto db = migrated_database();
  ASSERT_EQ(run_sgee({"seed", "--demo", "--db", db->url()}).exit_code, 0);
  auto c = db::connect(db->url());
  auto org = access::store::organization_by_number(*c, "20000001");
  ASSERT_TRUE(org);
  auto issued = access::store::issue_access_code(*c, org->id, "test", std::nullopt);
  EXPECT_FALSE(access::store::access_code(*c, issued.id)->last_used_at.has_value());
  auto owner = access::store::use_access_code(*c, issued.code);
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->organization_id, org->id);
  EXPECT_TRUE(access::store::access_code(*c, issued.id)->last_used_at.has_value());
  EXPECT_FALSE(access::store::use_access_code(*c, issued.code + "0")) << "a near miss is no code";
  access::store::revoke_access_code(*c, issued.id);
  EXPECT_FALSE(access::store::use_access_code(*c, issued.code)) << "a revoked code is refused";
}

}  // namespace
}  // namespace sgee::test

namespace sgee::test {
namespace {

TEST(AuditSearch, EachDivisionSeesOnlyItsOwnRowsAndTheMinistrySeesAll) {
  auto db = migrated_database();
  ASSERT_EQ(run_sgee({"seed", "--demo", "--db", db->url()}).exit_code,
            0);  // grants a right at 20000001
  auto c = db::connect(db->url());
  auto soleil = access::store::organization_by_number(*c, "20000003");
  access::store::audit(*c, {.organization_id = soleil->id,
                            .action = "read",
                            .record_type = "dossier",
                            .record_id = "00000042"});
  auto div_a = access::store::organization_by_number(*c, "10000001")->id;
  auto div_b = access::store::organization_by_number(*c, "10000002")->id;
  auto of = [&](std::int64_t division, const std::string& type, const std::string& record = "") {
    access::store::AuditFilter f;
    f.division_id = division;
    f.record_type = type;
    f.record_id = record;
    return access::store::search_audit(*c, f);
  };
  // The demo's rights grants at 20000001 (division A: its educator, its MES staff), the read at
  // 20000003 (division B).
  auto grants_a = of(div_a, "user_rights"), grants_b = of(div_b, "user_rights");
  ASSERT_FALSE(grants_a.empty());
  for (const auto& g : grants_a) EXPECT_EQ(g.action, "grant");
  EXPECT_EQ(grants_b.size(), 0u);
  auto read_a = of(div_a, "dossier", "00000042"), read_b = of(div_b, "dossier", "00000042");
  EXPECT_EQ(read_a.size(), 0u);
  ASSERT_EQ(read_b.size(), 1u);
  EXPECT_EQ(read_b[0].action, "read");
  EXPECT_EQ(of(0, "dossier", "00000042").size(), 1u) << "the ministry sees every division's";
  // Every row a division sees is about one of its organizations.
  for (const auto& row : of(div_a, ""))
    EXPECT_EQ(row.organization.find("Garderie Soleil"), std::string::npos) << row.organization;
}

TEST(OneTimeTokens, ResetLinkWorksOnceAndNotForAnotherPurposeOrAfterExpiry) {
  auto db = migrated_database();
  ASSERT_EQ(run_sgee({"seed", "--demo", "--db", db->url()}).exit_code, 0);
  auto c = db::connect(db->url());
  auto parent = access::store::user_by_login(*c, "parent@example.test");
  auto token =
      access::store::create_token(*c, parent->id, "reset_password", std::chrono::minutes(60));
  EXPECT_FALSE(access::store::use_token(*c, token, "verify_email")) << "another purpose";
  EXPECT_EQ(access::store::peek_token(*c, token, "reset_password"), parent->id);
  EXPECT_EQ(access::store::use_token(*c, token, "reset_password"), parent->id);
  EXPECT_FALSE(access::store::use_token(*c, token, "reset_password")) << "a link works once";
  auto expired =
      access::store::create_token(*c, parent->id, "reset_password", std::chrono::minutes(-1));
  EXPECT_FALSE(access::store::use_token(*c, expired, "reset_password")) << "an expired link";
  auto stored =
      c->run("SELECT COUNT(*) FROM one_time_tokens WHERE token_hash = $1", token).first().i64(0);
  EXPECT_EQ(stored, 0) << "only hashes are stored";
}

// ---------------------------------------------------------------------------------------------
// The TOTP second factor

namespace {
// The secret shown on the set-up page (grouped by four), without its spaces.
std::string shown_secret(const std::string& body) {
  const std::string marker = "id=\"secret\" class=\"secret\">";
  auto pos = body.find(marker);
  if (pos == std::string::npos) return "";
  pos += marker.size();
  std::string out;
  for (char ch : body.substr(pos, body.find('<', pos) - pos))
    if (ch != ' ') out.push_back(ch);
  return out;
}
std::string code_now(const std::string& secret) {
  return access::totp::code_at(secret, std::time(nullptr));
}
}  // namespace

TEST_F(SecondFactor, RseGivesTheCodeAfterThePasswordAndNothingIsReachableBefore) {
  Browser b(port());
  auto r = b.sign_in(kRse, kRsePassword, "/droits");
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/connexion/code?next=%2Fdroits");
  // Half signed in: every protected page, even the dashboard, leads back to the code page.
  for (const char* page : {"/tableau-de-bord", "/droits", "/codes-acces", "/mot-de-passe"}) {
    auto p = b.get(page);
    EXPECT_EQ(p.status, 303) << page;
    EXPECT_TRUE(p.header("location").starts_with("/connexion/code")) << page;
  }
  auto page = b.get("/connexion/code?next=%2Fdroits");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "autocomplete=\"one-time-code\"")) << page.body;
  EXPECT_FALSE(contains(page.body, html("Mode démonstration"))) << "only with serve --demo";
  std::string csrf = hidden_csrf(page.body);
  // A wrong code, a malformed one, none: refused with the message, still half signed in.
  for (const char* bad : {"000000", "12345", "abcdef", ""}) {
    auto w = b.post("/connexion/code", {{"csrf", csrf}, {"next", "/droits"}, {"code", bad}});
    EXPECT_EQ(w.status, 401) << bad;
    EXPECT_TRUE(contains(w.body, html("Le code est incorrect, expiré ou déjà utilisé."))) << bad;
  }
  EXPECT_EQ(b.get("/droits").status, 303);
  // Without the CSRF token the right code is refused too.
  EXPECT_EQ(b.post("/connexion/code", {{"code", current_code(kRse)}}).status, 403);
  auto ok = b.post("/connexion/code",
                   {{"csrf", csrf}, {"next", "/droits"}, {"code", current_code(kRse)}});
  ASSERT_EQ(ok.status, 303);
  EXPECT_EQ(ok.header("location"), "/droits");
  EXPECT_EQ(b.get("/droits").status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE user_id = (SELECT id FROM users WHERE "
                  "user_code = $1) AND second_factor_done = 1",
                  kRse),
            1);
  // Once done, the code page sends on.
  EXPECT_EQ(b.get("/connexion/code").header("location"), kDashboard);
}

// The session id changes after the second factor too, not only after the password: a token seen
// while half signed in no longer works.
TEST_F(SecondFactor, SessionIdChangesAfterTheCode) {
  Browser b(port());
  ASSERT_EQ(b.sign_in(kRse, kRsePassword).status, 303);
  std::string half = b.session();
  ASSERT_EQ(half.size(), 64u);
  auto page = b.get("/connexion/code");
  auto ok =
      b.post("/connexion/code", {{"csrf", hidden_csrf(page.body)}, {"code", current_code(kRse)}});
  ASSERT_EQ(ok.status, 303);
  auto cookie = set_cookie_line(ok, "sgee_session");
  ASSERT_FALSE(cookie.empty()) << ok.header("set-cookie");
  EXPECT_TRUE(contains(cookie, "; HttpOnly"));
  EXPECT_NE(b.session(), half);
  EXPECT_EQ(b.session().size(), 64u);
  EXPECT_EQ(b.get("/droits").status, 200);
  Browser stale(port());
  stale.jar.cookies["sgee_session"] = half;
  auto r = stale.get("/droits");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/connexion?next=%2Fdroits") << "signed out, not half signed in";
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE user_id = (SELECT id FROM users WHERE "
                  "user_code = $1) AND revoked_at IS NULL",
                  kRse),
            1);
}

TEST_F(SecondFactor, EachCodeWorksOnceEvenFromAnotherBrowser) {
  Browser first(port()), second(port());
  ASSERT_EQ(first.sign_in(kAgent, kAgentPassword).status, 303);
  ASSERT_EQ(second.sign_in(kAgent, kAgentPassword).status, 303);
  std::string code = current_code(kAgent);
  auto csrf1 = hidden_csrf(first.get("/connexion/code").body);
  auto csrf2 = hidden_csrf(second.get("/connexion/code").body);
  EXPECT_EQ(first.post("/connexion/code", {{"csrf", csrf1}, {"code", code}}).status, 303);
  auto replay = second.post("/connexion/code", {{"csrf", csrf2}, {"code", code}});
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(second.get("/ministere/inscriptions").status, 303) << "still half signed in";
  EXPECT_EQ(first.get("/ministere/inscriptions").status, 200);
}

TEST_F(SecondFactor, WrongCodesAreThrottledLikeWrongPasswords) {
  Browser b(port());
  ASSERT_EQ(b.sign_in(kRse, kRsePassword).status, 303);
  auto csrf = hidden_csrf(b.get("/connexion/code").body);
  for (int i = 0; i < 4; ++i)  // the successful password counted nothing; 5 failures block
    EXPECT_EQ(
        b.post("/connexion/code", {{"csrf", csrf}, {"code", "00000" + std::to_string(i)}}).status,
        401);
  EXPECT_EQ(b.post("/connexion/code", {{"csrf", csrf}, {"code", "999999"}}).status, 401);
  auto blocked = b.post("/connexion/code", {{"csrf", csrf}, {"code", current_code(kRse)}});
  EXPECT_EQ(blocked.status, 429);
  EXPECT_EQ(blocked.header("retry-after"), "900");
  EXPECT_EQ(b.get(kDashboard).status, 303);
}

TEST_F(SecondFactor, NewRseSetsItUpAfterTheTemporaryPasswordAndThenNeedsIt) {
  add_temporary_user(db_->url(), kNewUser, kTemporary, true);
  Browser b(port());
  ASSERT_EQ(b.sign_in(kNewUser, kTemporary).header("location"), "/mot-de-passe");
  auto form = b.get("/mot-de-passe");
  ASSERT_EQ(b.post("/mot-de-passe", {{"csrf", hidden_csrf(form.body)},
                                     {"current", kTemporary},
                                     {"new", kChosen},
                                     {"confirm", kChosen}})
                .status,
            303);
  // The role requires the second factor: the dashboard and the RSE's pages send to its set-up.
  for (const char* page : {"/tableau-de-bord", "/droits", "/codes-acces"}) {
    auto p = b.get(page);
    EXPECT_EQ(p.status, 303) << page;
    EXPECT_EQ(p.header("location"), "/securite/deux-etapes") << page;
  }
  auto setup = b.get("/securite/deux-etapes");
  ASSERT_EQ(setup.status, 200);
  EXPECT_TRUE(contains(setup.body, "<svg")) << "the QR code";
  EXPECT_TRUE(contains(setup.body, html("exige la validation en deux étapes")));
  std::string secret = shown_secret(setup.body);
  ASSERT_EQ(secret.size(), 32u) << setup.body;
  // Reloading shows the same key: what the app scanned stays valid.
  EXPECT_EQ(shown_secret(b.get("/securite/deux-etapes").body), secret);
  std::string csrf = hidden_csrf(setup.body);
  auto wrong = b.post("/securite/deux-etapes", {{"csrf", csrf}, {"action", "on"}, {"code", "123"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(b.get("/droits").status, 303);
  auto on = b.post("/securite/deux-etapes",
                   {{"csrf", csrf}, {"action", "on"}, {"code", code_now(secret)}});
  ASSERT_EQ(on.status, 303);
  EXPECT_EQ(on.header("location"), "/tableau-de-bord?second_factor=on");
  EXPECT_EQ(b.get("/droits").status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'second_factor_on' AND "
                  "record_id = (SELECT CAST(id AS TEXT) FROM users WHERE user_code = $1)",
                  kNewUser),
            1);
  // The RSE cannot turn it off.
  auto off = b.post("/securite/deux-etapes",
                    {{"csrf", csrf}, {"action", "off"}, {"code", current_code(kNewUser)}});
  EXPECT_EQ(off.status, 422);
  EXPECT_TRUE(contains(off.body, html("elle ne peut pas être désactivée")));
  // The next sign-in asks for the code.
  Browser later(port());
  EXPECT_TRUE(later.sign_in(kNewUser, kChosen).header("location").starts_with("/connexion/code"));
  EXPECT_EQ(later.get("/droits").status, 303);
  Browser full(port());
  EXPECT_EQ(sign_in(full, kNewUser, kChosen).status, 303);
  EXPECT_EQ(full.get("/droits").status, 200);
}

TEST_F(SecondFactor, StaffMayTurnItOnAndOffWithACode) {
  Browser b(port());
  ASSERT_EQ(b.sign_in(kStaff, kStaffPassword).header("location"), kDashboard);
  auto dash = b.get(kDashboard);
  EXPECT_TRUE(contains(dash.body, html("/securite/deux-etapes"))) << "offered on the dashboard";
  auto setup = b.get("/securite/deux-etapes");
  ASSERT_EQ(setup.status, 200);
  EXPECT_FALSE(contains(setup.body, html("exige la validation en deux étapes")));
  std::string secret = shown_secret(setup.body), csrf = hidden_csrf(setup.body);
  ASSERT_EQ(b.post("/securite/deux-etapes",
                   {{"csrf", csrf}, {"action", "on"}, {"code", code_now(secret)}})
                .status,
            303);
  Browser later(port());
  EXPECT_TRUE(
      later.sign_in(kStaff, kStaffPassword).header("location").starts_with("/connexion/code"));
  auto off = b.post("/securite/deux-etapes",
                    {{"csrf", csrf}, {"action", "off"}, {"code", current_code(kStaff)}});
  ASSERT_EQ(off.status, 303);
  EXPECT_EQ(off.header("location"), "/securite/deux-etapes?ok=off");
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE user_code = $1 AND totp_enabled = 0 AND "
                  "totp_secret IS NULL",
                  kStaff),
            1);
  Browser again(port());
  EXPECT_EQ(again.sign_in(kStaff, kStaffPassword).header("location"), kDashboard);
}

TEST_F(SecondFactor, DemoModeShowsTheCurrentCode) {
  server_.reset();
  server_ = std::make_unique<Server>(db_->url(), std::vector<std::string>{"--demo"});
  Browser b(port());
  ASSERT_EQ(b.sign_in(kRse, kRsePassword).status, 303);
  auto page = b.get("/connexion/code");
  auto secret =
      sql()->run("SELECT totp_secret FROM users WHERE user_code = $1", kRse).first().str(0);
  // The code may turn over between the page and this line: either is the one shown.
  auto now = std::time(nullptr);
  bool shown = contains(page.body, access::totp::code_at(secret, now)) ||
               contains(page.body, access::totp::code_at(secret, now - 30));
  EXPECT_TRUE(contains(page.body, html("Mode démonstration")));
  EXPECT_TRUE(shown) << page.body;
}

// Demo mode (issue 13): the code on the page is the current one, accepted even when another demo
// sign-in just used it, and wrong codes do not lock the shared demo accounts.
TEST_F(SecondFactor, DemoModeCodeIsAcceptedTwiceInARowAndWrongCodesDoNotLock) {
  server_.reset();
  server_ = std::make_unique<Server>(db_->url(), std::vector<std::string>{"--demo"});
  auto shown_code = [](const std::string& body) {
    const std::string mark = "<strong class=\"code\">";
    auto at = body.find(mark);
    return at == std::string::npos ? std::string() : body.substr(at + mark.size(), 6);
  };
  for (int round = 0; round < 3; ++round) {  // the later rounds' code was already used
    SCOPED_TRACE(round);
    Browser b(port());
    ASSERT_EQ(b.sign_in(kRse, kRsePassword).status, 303);
    auto page = b.get("/connexion/code");
    std::string code = shown_code(page.body);
    ASSERT_EQ(code.size(), 6u) << page.body;
    auto ok = b.post("/connexion/code", {{"csrf", hidden_csrf(page.body)}, {"code", code}});
    EXPECT_EQ(ok.status, 303) << ok.body;
  }
  Browser b(port());
  ASSERT_EQ(b.sign_in(kRse, kRsePassword).status, 303);
  auto page = b.get("/connexion/code");
  for (int i = 0; i < access::kMaxFailuresPerAccount + 2; ++i)
    EXPECT_EQ(
        b.post("/connexion/code", {{"csrf", hidden_csrf(page.body)}, {"code", "000000"}}).status,
        401);
  Browser again(port());
  ASSERT_EQ(again.sign_in(kRse, kRsePassword).status, 303) << "not locked";
  auto fresh = again.get("/connexion/code");
  EXPECT_EQ(again
                .post("/connexion/code",
                      {{"csrf", hidden_csrf(fresh.body)}, {"code", shown_code(fresh.body)}})
                .status,
            303);
}

// ---------------------------------------------------------------------------------------------
// The ministry's register of organizations

TEST_F(Register, AgentAddsAnInstallationFixingWhatTheFormRefuses) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kAgent, kAgentPassword).status, 303);
  auto form = b.get("/ministere/organisations/nouvelle?type=installation&parent=10000004");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "value=\"10000004\"")) << "the parent is filled in";
  std::string csrf = hidden_csrf(form.body);
  Fields bad = {{"csrf", csrf},        {"kind", "installation"},   {"parent_number", "10000001"},
                {"number", "2000009"}, {"name", "Saint-Sauveur"},  {"installation_kind", "CPE"},
                {"places_0_17", "-3"}, {"postal_code", "D1K 1K2"}, {"latitude", "46.8"}};
  auto refused = b.post("/ministere/organisations/nouvelle", bad);
  EXPECT_EQ(refused.status, 422);
  for (const char* code : {"ORG002E", "ORG008E", "ORG009E", "ORG010E"})
    EXPECT_TRUE(contains(refused.body, code)) << code;
  EXPECT_TRUE(contains(refused.body, "value=\"Saint-Sauveur\"")) << "what was typed is kept";
  EXPECT_EQ(count("SELECT COUNT(*) FROM organizations WHERE name = $1", "Saint-Sauveur"), 0);

  // A number already used and a parent that is not a division: refused by the store's checks.
  Fields taken = {{"csrf", csrf},         {"kind", "installation"},  {"parent_number", "30000001"},
                  {"number", "20000001"}, {"name", "Saint-Sauveur"}, {"installation_kind", "CPE"}};
  auto again = b.post("/ministere/organisations/nouvelle", taken);
  EXPECT_EQ(again.status, 422);
  EXPECT_TRUE(contains(again.body, "ORG014E"));
  EXPECT_TRUE(contains(again.body, "ORG015E"));

  Fields good = {{"csrf", csrf},
                 {"kind", "installation"},
                 {"parent_number", "10000004"},
                 {"number", "20000009"},
                 {"name", "CPE Les Lucioles — Saint-Sauveur"},
                 {"installation_kind", "CPE"},
                 {"places_0_17", "10"},
                 {"places_18_59", "70"},
                 {"civic_number", "215"},
                 {"street", "rue Saint-Vallier Ouest"},
                 {"municipality", "Québec"},
                 {"postal_code", "g1k1k2"},
                 {"latitude", "46.81228"},
                 {"longitude", "-71.22454"}};
  auto added = b.post("/ministere/organisations/nouvelle", good);
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(added.header("location"), "/ministere/organisations/20000009?ajout=1");
  auto row = sql()->run(
      "SELECT o.installation_kind, o.places_0_17, o.places_18_59, o.places_school, o.postal_code, "
      "o.latitude, p.number FROM organizations o JOIN organizations p ON p.id = o.parent_id WHERE "
      "o.number = '20000009'");
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row.row(0).str(0), "CPE");
  EXPECT_EQ(row.row(0).i64(1), 10);
  EXPECT_EQ(row.row(0).i64(2), 70);
  EXPECT_EQ(row.row(0).i64(3), 0);
  EXPECT_EQ(row.row(0).str(4), "G1K 1K2");
  EXPECT_NEAR(row.row(0).f64(5), 46.81228, 1e-9);
  EXPECT_EQ(row.row(0).str(6), "10000004");
  // The detail page and the division's page show it; `sgee org list` too.
  auto detail = b.get("/ministere/organisations/20000009?ajout=1");
  EXPECT_EQ(detail.status, 200);
  EXPECT_TRUE(contains(detail.body, html("215, rue Saint-Vallier Ouest, Québec, G1K 1K2")));
  EXPECT_TRUE(contains(b.get("/ministere/organisations/10000004").body, "20000009"));
  auto list = run_sgee({"org", "list", "--db", db_->url()});
  EXPECT_TRUE(contains(list.out, "installation\t20000009\t")) << list.out;
}

TEST_F(Register, ListSearchesByAccentlessNameOrNumberAndKind) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kAgent, kAgentPassword).status, 303);
  auto all = b.get("/ministere/organisations");
  ASSERT_EQ(all.status, 200);
  for (const char* n : {"10000001", "20000001", "30000001", "40000002"})
    EXPECT_TRUE(contains(all.body, n)) << n;
  auto rsge = b.get("/ministere/organisations?type=rsge");
  EXPECT_TRUE(contains(rsge.body, "40000001"));
  EXPECT_FALSE(contains(rsge.body, ">20000001<"));
  auto by_name = b.get("/ministere/organisations?q=sainte-foy");  // "Sainte-Foy"
  EXPECT_TRUE(contains(by_name.body, "20000003"));
  EXPECT_FALSE(contains(by_name.body, ">20000001<"));
  auto by_number = b.get("/ministere/organisations?q=2000000");
  EXPECT_TRUE(contains(by_number.body, ">20000004<"));
  EXPECT_FALSE(contains(by_number.body, ">40000001<"));
  EXPECT_EQ(b.get("/ministere/organisations/99999999").status, 404);
  EXPECT_EQ(b.get("/ministere/organisations/nouvelle?type=ministry").status, 404);
}

TEST_F(Register, RsgeSuspensionPeriodsAreCheckedAndListed) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kAgent, kAgentPassword).status, 303);
  auto page = b.get("/ministere/organisations/40000001");
  ASSERT_EQ(page.status, 200);
  std::string csrf = hidden_csrf(page.body);
  const std::string url = "/ministere/organisations/40000001/suspensions";
  EXPECT_EQ(b.post(url, {{"csrf", csrf}, {"start", "2026-02-30"}, {"reason", "x"}}).status, 422);
  EXPECT_EQ(b.post(url, {{"csrf", csrf},
                         {"start", "2026-03-10"},
                         {"end", "2026-03-01"},
                         {"reason", "Inspection"}})
                .status,
            422);
  EXPECT_EQ(b.post(url, {{"csrf", csrf}, {"start", "2026-03-01"}, {"reason", " "}}).status, 422);
  EXPECT_EQ(b.post(url, {{"csrf", csrf},
                         {"start", "2026-03-01"},
                         {"end", "2026-03-31"},
                         {"reason", "Enquête du bureau coordonnateur"}})
                .status,
            303);
  EXPECT_EQ(
      b.post(url, {{"csrf", csrf}, {"start", "2026-11-01"}, {"reason", "Non-conformité"}}).status,
      303);
  auto after = b.get("/ministere/organisations/40000001");
  EXPECT_TRUE(contains(after.body, html("Enquête du bureau coordonnateur")));
  EXPECT_TRUE(contains(after.body, html("jusqu'à nouvel ordre")));
  EXPECT_LT(after.body.find("2026-11-01"), after.body.find("2026-03-01")) << "latest first";
  EXPECT_EQ(count("SELECT COUNT(*) FROM rsge_suspensions WHERE rsge_id = (SELECT id FROM "
                  "organizations WHERE number = $1)",
                  "40000001"),
            2);
  // Only an RSGE has suspension periods.
  EXPECT_EQ(b.post("/ministere/organisations/20000001/suspensions",
                   {{"csrf", csrf}, {"start", "2026-03-01"}, {"reason", "x"}})
                .status,
            404);
}

// ---------------------------------------------------------------------------------------------
// POR-05: an RSGE authorizes her BC to admit on her behalf

const std::string kRsge = "E0000005", kRsgePassword = "Rsge-marie-2026";  // RSGE 40000001
const std::string kBcRse = "E0000004", kBcRsePassword = "Rse-bc-capitale-2026";

TEST_F(Mandate, POR_05_TheRsgeWithdrawsAndGrantsItAndEachChangeIsAudited) {
  Browser b(port());
  ASSERT_EQ(sign_in(b, kRsge, kRsgePassword).status, 303);
  auto dash = b.get(kDashboard);
  ASSERT_EQ(dash.status, 200);
  EXPECT_TRUE(contains(dash.body, "href=\"" + html("/rsge/40000001/mandat") + "\"")) << dash.body;
  EXPECT_FALSE(contains(dash.body, html("/codes-acces"))) << "her BC's code covers her";
  auto page = b.get("/rsge/40000001/mandat");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, html("Bureau coordonnateur de la Capitale")));
  EXPECT_TRUE(contains(page.body, html("Vous avez autorisé votre bureau coordonnateur")));
  std::string csrf = hidden_csrf(page.body);
  const std::string url = "/rsge/40000001/mandat";
  auto rows = [&] {
    return count(
        "SELECT COUNT(*) FROM bc_admission_mandates WHERE rsge_id = (SELECT id FROM "
        "organizations WHERE number = $1)",
        "40000001");
  };
  EXPECT_EQ(b.post(url, {{"mandate", "withdraw"}}).status, 403) << "no CSRF token";
  EXPECT_EQ(b.post(url, {{"csrf", csrf}, {"mandate", "maybe"}}).status, 400);
  EXPECT_EQ(rows(), 1);
  auto withdrawn = b.post(url, {{"csrf", csrf}, {"mandate", "withdraw"}, {"confirme", "1"}});
  ASSERT_EQ(withdrawn.status, 303);
  EXPECT_EQ(rows(), 0);
  auto after = b.get(withdrawn.header("location"));
  EXPECT_TRUE(contains(after.body, html("n'est pas autorisé à admettre en votre nom")));
  EXPECT_EQ(b.post(url, {{"csrf", csrf}, {"mandate", "withdraw"}, {"confirme", "1"}}).status, 303)
      << "idempotent";
  EXPECT_EQ(b.post(url, {{"csrf", csrf}, {"mandate", "grant"}}).status, 303);
  EXPECT_EQ(rows(), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE record_type = 'bc_mandate' AND record_id "
                  "= $1 AND user_id = (SELECT id FROM users WHERE user_code = 'E0000005')",
                  "40000001"),
            2)
      << "one row per change, none for the repeated withdrawal";
  // The ministry sees the state on the RSGE's page.
  Browser agent(port());
  ASSERT_EQ(sign_in(agent, kAgent, kAgentPassword).status, 303);
  auto detail = agent.get("/ministere/organisations/40000001");
  EXPECT_TRUE(contains(detail.body, html("La RSGE a autorisé son bureau coordonnateur")));
  EXPECT_TRUE(contains(agent.get("/ministere/organisations/40000002").body,
                       html("La RSGE n'a pas autorisé son bureau coordonnateur")));
}

TEST_F(Mandate, POR_05_OnlyTheRsgeHerselfDecidesIt) {
  // Her BC's RSE, another RSGE's page, a provider's RSE, a parent: none may read or change it.
  Browser bc(port());
  ASSERT_EQ(sign_in(bc, kBcRse, kBcRsePassword).status, 303);
  EXPECT_EQ(bc.get("/rsge/40000001/mandat").status, 403);
  auto csrf = hidden_csrf(bc.get(kDashboard).body);
  EXPECT_EQ(bc.post("/rsge/40000001/mandat", {{"csrf", csrf}, {"mandate", "grant"}}).status, 403);
  Browser rsge(port());
  ASSERT_EQ(sign_in(rsge, kRsge, kRsgePassword).status, 303);
  EXPECT_EQ(rsge.get("/rsge/40000002/mandat").status, 403) << "another RSGE of the same BC";
  EXPECT_EQ(rsge.get("/rsge/99999999/mandat").status, 404);
  // A number of another kind is answered as an unknown one (issue 11).
  EXPECT_EQ(rsge.get("/rsge/20000001/mandat").status, 404) << "an installation number";
  Browser provider(port());
  ASSERT_EQ(sign_in(provider, kRse, kRsePassword).status, 303);
  EXPECT_EQ(provider.get("/rsge/40000001/mandat").status, 403);
  Browser parent(port());
  ASSERT_EQ(sign_in(parent, kParent, kParentPassword).status, 303);
  EXPECT_EQ(parent.get("/rsge/40000001/mandat").status, 403);
  Browser anonymous(port());
  EXPECT_EQ(anonymous.get("/rsge/40000001/mandat").status, 303);
  // Her own rights page lists only her RSGE; she cannot reach her BC's pages.
  EXPECT_EQ(rsge.get("/droits").status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM bc_admission_mandates WHERE rsge_id = (SELECT id FROM "
                  "organizations WHERE number = $1)",
                  "40000001"),
            1)
      << "nothing changed";
}

TEST_F(Mandate, POR_05_TheBcsRseGrantsOnItsRsgeOnlyWhatTheBcCanHold) {
  Browser bc(port());
  ASSERT_EQ(sign_in(bc, kBcRse, kBcRsePassword).status, 303);
  auto list = bc.get("/droits");
  auto made = bc.post(
      "/droits/personnel",
      {{"csrf", hidden_csrf(list.body)}, {"given_name", "Agente"}, {"surname", "Conformité"}});
  ASSERT_EQ(made.status, 201);
  auto id = sql()->run("SELECT id FROM users WHERE surname = 'Conformité'").first().i64(0);
  const std::string url = "/droits/" + std::to_string(id);
  auto page = bc.get(url);
  ASSERT_EQ(page.status, 200);
  // The fiche and admissions right: offered since the fiche's screen exists (POR-02), on the
  // RSGE under her mandate (POR-05: the demo RSGE 40000001 gave it).
  EXPECT_TRUE(contains(page.body, "name=\"40000001:manage_admissions\"")) << page.body;
  EXPECT_TRUE(contains(page.body, "name=\"40000001:consult_dossiers\""));
  EXPECT_FALSE(contains(page.body, "name=\"40000001:manage_rights\""));
  EXPECT_FALSE(contains(page.body, "name=\"40000001:manage_access_codes\""));
  EXPECT_TRUE(contains(page.body, "name=\"30000001:manage_access_codes\"")) << "the BC's own";
  // Forged fields are ignored: a right the BC cannot hold on its RSGE.
  ASSERT_EQ(bc.post(url, {{"csrf", hidden_csrf(page.body)},
                          {"40000001:manage_rights", "1"},
                          {"40000001:manage_admissions", "1"},
                          {"40000001:consult_dossiers", "1"}})
                .status,
            303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM user_rights WHERE user_id = $1", std::to_string(id)), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM user_rights WHERE right_name = 'manage_rights' AND "
                  "user_id = $1",
                  std::to_string(id)),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM user_rights WHERE right_name = 'consult_dossiers' AND "
                  "user_id = $1",
                  std::to_string(id)),
            1);
  // The MES rights have their screens (issue 16): offered on the page, one held and unticked is
  // taken away like any other.
  sql()->run(
      "INSERT INTO user_rights (user_id, organization_id, right_name, granted_by, granted_at) "
      "SELECT $1, id, 'consult_mes', $1, '2026-01-01T00:00:00Z' FROM organizations WHERE number = "
      "'40000001'",
      id);
  ASSERT_EQ(bc.post(url, {{"csrf", hidden_csrf(page.body)}, {"confirme", "1"}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM user_rights WHERE user_id = $1", std::to_string(id)), 0)
      << "consult_dossiers and consult_mes taken away";
}

TEST_F(Mandate, POR_05_TheMinistryOpensAnRsgesOwnAccountOnce) {
  Browser agent(port());
  ASSERT_EQ(sign_in(agent, kAgent, kAgentPassword).status, 303);
  auto page = agent.get("/ministere/organisations/40000002");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, html("Ouvrir le compte de la RSGE")));
  std::string csrf = hidden_csrf(page.body);
  const std::string url = "/ministere/organisations/40000002/comptes";
  auto bad = agent.post(
      url,
      {{"csrf", csrf}, {"given_name", "Karine"}, {"surname", ""}, {"email", "pas-un-courriel"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, "id=\"surname-error\"")) << bad.body;
  EXPECT_TRUE(contains(bad.body, "id=\"email-error\"")) << bad.body;
  EXPECT_TRUE(contains(bad.body, "value=\"Karine\"")) << "what was typed stays";
  auto made = agent.post(url, {{"csrf", csrf},
                               {"given_name", "Karine"},
                               {"surname", "Roy"},
                               {"email", "karine.roy@example.test"}});
  ASSERT_EQ(made.status, 201) << made.body;
  auto code_at = made.body.find("id=\"new-user-code\">");
  ASSERT_NE(code_at, std::string::npos);
  std::string code = made.body.substr(code_at + 19, 8);
  auto pw_at = made.body.find("id=\"new-password\">");
  std::string password = made.body.substr(pw_at + 18, made.body.find('<', pw_at + 18) - pw_at - 18);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE user_code = $1 AND is_rse = 1 AND "
                  "must_change_password = 1 AND organization_id = (SELECT id FROM organizations "
                  "WHERE number = '40000002')",
                  code),
            1);
  // A second account is refused; divisions get theirs through enrolment.
  auto again = agent.post(url, {{"csrf", csrf}, {"given_name", "K"}, {"surname", "R"}});
  EXPECT_EQ(again.status, 422);
  EXPECT_TRUE(contains(again.body, html("Cette RSGE a déjà son compte.")));
  EXPECT_EQ(agent
                .post("/ministere/organisations/10000001/comptes",
                      {{"csrf", csrf}, {"given_name", "K"}, {"surname", "R"}})
                .status,
            404);
  // She signs in, changes the password, must set up her second factor, then decides alone.
  Browser karine(port());
  auto first = karine.sign_in(code, password);
  ASSERT_EQ(first.status, 303);
  EXPECT_EQ(first.header("location"), "/mot-de-passe");
  auto change = karine.get("/mot-de-passe");
  auto changed = karine.post("/mot-de-passe", {{"csrf", hidden_csrf(change.body)},
                                               {"current", password},
                                               {"new", "Karine-nouveau-2026!"},
                                               {"confirm", "Karine-nouveau-2026!"}});
  ASSERT_EQ(changed.status, 303) << changed.body;
  EXPECT_EQ(karine.get("/rsge/40000002/mandat").header("location"), "/securite/deux-etapes");
}

// ---------------------------------------------------------------------------------------------
// A lost second factor

TEST_F(SecondFactorReset, TheRseResetsAStaffMembersAndSignsThemOutEverywhere) {
  auto staff_id = sql()->run("SELECT id FROM users WHERE user_code = $1", kStaff).first().i64(0);
  {
    auto c = sql();
    access::store::set_totp_secret(*c, staff_id, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    access::store::enable_totp(*c, staff_id, true);
  }
  Browser staff(port());
  ASSERT_EQ(sign_in(staff, kStaff, kStaffPassword).status, 303);
  ASSERT_EQ(staff.get(kDashboard).status, 200);
  Browser rse(port());
  ASSERT_EQ(sign_in(rse, kRse, kRsePassword).status, 303);
  const std::string page_url = "/droits/" + std::to_string(staff_id);
  auto page = rse.get(page_url);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, html("Réinitialiser la validation en deux étapes")));
  std::string csrf = hidden_csrf(page.body);
  EXPECT_EQ(rse.post(page_url + "/deux-etapes", {}).status, 403) << "no CSRF token";
  auto done = rse.post(page_url + "/deux-etapes", {{"csrf", csrf}, {"confirme", "1"}});
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.header("location"), page_url + "?reinitialise=1");
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE user_code = $1 AND totp_enabled = 0 AND "
                  "totp_secret IS NULL",
                  kStaff),
            1);
  EXPECT_EQ(staff.get(kDashboard).status, 303) << "signed out everywhere";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'reset_second_factor' AND "
                  "record_id = $1",
                  std::to_string(staff_id)),
            1);
  // Staff may sign in with the password alone again (the second factor is optional for them).
  Browser again(port());
  auto r = again.sign_in(kStaff, kStaffPassword);
  EXPECT_EQ(r.header("location"), kDashboard);
  // Another division's RSE cannot reach this member; an RSE's own factor is the ministry's to
  // reset.
  Browser other(port());
  ASSERT_EQ(sign_in(other, "E0000003", "Rse-soleil-2026").status, 303);
  auto other_csrf = hidden_csrf(other.get(kDashboard).body);
  EXPECT_EQ(other.post(page_url + "/deux-etapes", {{"csrf", other_csrf}}).status, 404);
  auto rse_id = sql()->run("SELECT id FROM users WHERE user_code = $1", kRse).first().i64(0);
  EXPECT_EQ(rse.post("/droits/" + std::to_string(rse_id) + "/deux-etapes", {{"csrf", csrf}}).status,
            404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE user_code = $1 AND totp_enabled = 1", kRse), 1);
  // Staff holding manage_rights, without being the RSE, cannot reset it.
  Browser staff2(port());
  ASSERT_EQ(sign_in(staff2, kStaff, kStaffPassword).status, 303);
  auto s_csrf = hidden_csrf(staff2.get(kDashboard).body);
  EXPECT_EQ(staff2.post(page_url + "/deux-etapes", {{"csrf", s_csrf}}).status, 403);
}

TEST_F(SecondFactorReset, TheMinistryResetsAnRseWhoMustSetItUpAgain) {
  Browser rse(port());
  ASSERT_EQ(sign_in(rse, "E0000003", "Rse-soleil-2026").status, 303);
  Browser agent(port());
  ASSERT_EQ(sign_in(agent, kAgent, kAgentPassword).status, 303);
  auto page = agent.get("/ministere/organisations/10000002");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "E0000003"));
  std::string csrf = hidden_csrf(page.body);
  auto rse_id = sql()->run("SELECT id FROM users WHERE user_code = 'E0000003'").first().i64(0);
  auto url = [&](const std::string& org, std::int64_t id) {
    return "/ministere/organisations/" + org + "/comptes/" + std::to_string(id) + "/deux-etapes";
  };
  EXPECT_EQ(agent.post(url("10000001", rse_id), {{"csrf", csrf}}).status, 404) << "wrong division";
  EXPECT_EQ(agent.post(url("10000002", 999999), {{"csrf", csrf}}).status, 404);
  auto done = agent.post(url("10000002", rse_id), {{"csrf", csrf}, {"confirme", "1"}});
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.header("location"), "/ministere/organisations/10000002?reinitialise=1");
  EXPECT_EQ(rse.get(kDashboard).status, 303) << "signed out everywhere";
  Browser back(port());
  auto r = back.sign_in("E0000003", "Rse-soleil-2026");
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), kDashboard) << "no code to give: it is off";
  EXPECT_EQ(back.get(kDashboard).header("location"), "/securite/deux-etapes")
      << "the RSE must set it up again before anything else";
  EXPECT_EQ(back.get("/droits").header("location"), "/securite/deux-etapes");
  // Only the ministry resets an RSE's.
  Browser bc(port());
  ASSERT_EQ(sign_in(bc, kBcRse, kBcRsePassword).status, 303);
  EXPECT_EQ(
      bc.post(url("10000002", rse_id), {{"csrf", hidden_csrf(bc.get(kDashboard).body)}}).status,
      403);
}

}  // namespace
}  // namespace sgee::test

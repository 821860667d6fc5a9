// The authorization matrix: every route of the router, with every kind of caller, against the
// route's declared requirement. The guard is what every request goes through; here it is called
// directly so that handlers (sign-out, saves…) do not run. A route open to anyone that is not in
// the public list below fails the test: every other route must declare who may use it.
#include <gtest/gtest.h>

#include <algorithm>

#include <map>
#include <set>

#include "access/store.hpp"
#include "access/web.hpp"
#include "app/routes.hpp"
#include "platform/db/pool.hpp"
#include "shared.hpp"

namespace sgee::test {
namespace {

using access::Right;
using http::Access;

// Routes anyone may use without signing in. Adding one here is a security decision.
const std::set<std::string> kPublic = {
    "GET /",
    "GET /connexion",
    "POST /connexion",
    "GET /connexion/code",  // the handler wants a half-signed-in session (tested in access_test)
    "POST /connexion/code",
    "POST /deconnexion",
    "GET /healthz",
    "GET /milieux/{number}",  // POR-07: the public fiche page
    "GET /metrics",
    "GET /static/{path*}",
    "GET /inscription-entreprise",
    "POST /inscription-entreprise",
    "GET /inscription",
    "POST /inscription",
    "GET /inscription/confirmer",
    "GET /inscription/renvoyer",
    "POST /inscription/renvoyer",
    "GET /mot-de-passe-oublie",
    "POST /mot-de-passe-oublie",
    "GET /mot-de-passe-oublie/nouveau",
    "POST /mot-de-passe-oublie/nouveau",
    "GET /api/v1/validation-codes",  // the catalog, as published in docs/validation-codes.md
    "GET /api/openapi.json",
    "GET /api/v1/providers",  // the Portail's map search: published fiches only (POR-07)
    "GET /carte",             // the public map
    "GET /aide/mes",          // issue 16: the MES online help (the guide, in our words)
    "GET /aide/mes/{page}",
};

const std::string kInstallationA = "20000001";  // CPE Les Petits Pas — Limoilou (division 10000001)
const std::string kInstallationB = "20000003";  // Garderie Soleil (division 10000002)

struct Caller {
  std::string name;
  enum Kind { anonymous, user, api } kind = anonymous;
  std::int64_t user_id = 0;
  std::string code;
  // What this caller is, for the expectations (written independently of the guard's code).
  bool parent = false, enterprise = false, rse = false, ministry = false, must_change = false;
  std::set<Right> rights_anywhere;  // rights held on some organization
  std::set<Right> rights_on_a;      // rights reaching installation A (directly or as its RSE)
  std::set<Right> rights_on_rsge;   // rights reaching RSGE 40000001 (her BC holds her mandate)
  std::set<Right> rights_on_bc;     // rights reaching BC 30000001 (POR-06: its own pages)
  bool code_of_a = false;
};

class AuthorizationMatrix : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = demo_database().release();
    pool_ = new db::Pool(db_->url(), 2);
    auto c = pool_->acquire();
    auto org = [&](const std::string& n) {
      return access::store::organization_by_number(*c, n)->id;
    };
    auto id_of = [&](const std::string& login) {
      return access::store::user_by_login(*c, login)->id;
    };
    std::int64_t a = org(kInstallationA), b = org(kInstallationB), bc = org("30000001");
    std::int64_t div_a = org("10000001"), div_b = org("10000002"), div_bc = org("10000003");

    callers_.push_back({"anonymous"});
    Caller parent{"parent", Caller::user, id_of("parent@example.test")};
    parent.parent = true;
    callers_.push_back(parent);
    Caller ministry{"ministry agent", Caller::user, id_of("M0000001")};
    ministry.ministry = true;
    callers_.push_back(ministry);
    Caller rse_a{"RSE of A's division", Caller::user, id_of("E0000001")};
    rse_a.enterprise = rse_a.rse = true;
    for (auto right : access::all_rights())
      rse_a.rights_anywhere.insert(right), rse_a.rights_on_a.insert(right);
    callers_.push_back(rse_a);
    // POR-05: the BC's side consults and enters for its RSGE, admits under her mandate (the demo
    // RSGE 40000001 gave it), never manages her rights or codes.
    const std::set<Right> bc_on_rsge = {Right::consult_dossiers,  Right::enter_dossiers,
                                        Right::manage_admissions, Right::consult_mes,
                                        Right::enter_mes,         Right::sign_mes};
    Caller rse_bc{"RSE of the BC's division", Caller::user, id_of("E0000004")};
    rse_bc.enterprise = rse_bc.rse = true;
    for (auto right : access::all_rights())
      rse_bc.rights_anywhere.insert(right), rse_bc.rights_on_bc.insert(right);
    rse_bc.rights_on_rsge = bc_on_rsge;
    callers_.push_back(rse_bc);
    Caller rsge{"RSGE 40000001, her own RSE", Caller::user, id_of("E0000005")};
    rsge.enterprise = rsge.rse = true;
    for (auto right : access::all_rights())
      rsge.rights_anywhere.insert(right), rsge.rights_on_rsge.insert(right);
    callers_.push_back(rsge);

    auto staff = [&](const std::string& name, std::int64_t division, bool must_change) {
      access::store::User u;
      u.kind = access::UserKind::enterprise;
      u.user_code = access::store::new_user_code(*c, access::UserKind::enterprise);
      u.surname = name;
      u.given_name = "Test";
      u.organization_id = division;
      u.must_change_password = must_change;
      return access::store::add_user(*c, u, "a long enough test password");
    };
    for (auto right : access::all_rights()) {
      Caller s{"staff of A with " + std::string(access::to_string(right)), Caller::user,
               staff("A-" + std::string(access::to_string(right)), div_a, false)};
      s.enterprise = true;
      s.rights_anywhere = s.rights_on_a = {right};
      access::store::set_rights(*c, s.user_id, {a}, {{a, right}}, s.user_id);
      callers_.push_back(s);
    }
    Caller staff_b{"staff of B with every right", Caller::user, staff("B", div_b, false)};
    staff_b.enterprise = true;
    std::vector<std::pair<std::int64_t, Right>> all_b, all_bc;
    for (auto right : access::all_rights()) {
      all_b.emplace_back(b, right);
      all_bc.emplace_back(bc, right);
      staff_b.rights_anywhere.insert(right);
    }
    access::store::set_rights(*c, staff_b.user_id, {b}, all_b, staff_b.user_id);
    callers_.push_back(staff_b);
    Caller bc_staff{"BC staff with every right on the BC", Caller::user,
                    staff("BC", div_bc, false)};
    bc_staff.enterprise = true;
    bc_staff.rights_anywhere = staff_b.rights_anywhere;
    bc_staff.rights_on_rsge = bc_on_rsge;
    bc_staff.rights_on_bc = bc_staff.rights_anywhere;
    access::store::set_rights(*c, bc_staff.user_id, {bc}, all_bc, bc_staff.user_id);
    callers_.push_back(bc_staff);
    Caller temp{"staff of A with a temporary password", Caller::user, staff("Temp", div_a, true)};
    temp.enterprise = true;
    temp.must_change = true;
    callers_.push_back(temp);

    Caller code_a{"API code of A", Caller::api};
    code_a.code = access::store::issue_access_code(*c, a, "matrix", std::nullopt).code;
    code_a.code_of_a = true;
    callers_.push_back(code_a);
    Caller code_b{"API code of B", Caller::api};
    code_b.code = access::store::issue_access_code(*c, b, "matrix", std::nullopt).code;
    callers_.push_back(code_b);
    for (const auto& who : callers_)
      if (who.name.starts_with("staff of A with") && !staff_of_a_) staff_of_a_ = who.user_id;
  }

  static void TearDownTestSuite() {
    delete pool_;
    delete db_;
  }

  // Whether a route's organization may be an installation (else a BC-only route: its number is
  // filled with the demo BC's, 30000001).
  static bool serves_installations(const Access& need) {
    return need.kinds.empty() ||
           std::find(need.kinds.begin(), need.kinds.end(), "installation") != need.kinds.end();
  }

  // Expected outcome, from the declared requirement and what the caller is.
  static bool expected_allowed(const Access& need, const Caller& who,
                               const std::string& method = "GET") {
    using K = Access::Kind;
    // An API code is not a browser: it has no CSRF token, so it cannot post a page's form.
    if (need.kind == K::anyone && method != "GET" && who.kind == Caller::api) return false;
    if (need.kind == K::open || need.kind == K::anyone) return true;
    if (need.kind == K::api_code)
      return who.kind == Caller::api && who.code_of_a && serves_installations(need);
    if (who.kind != Caller::user) return false;
    if (need.kind == K::signed_in) return true;
    if (who.must_change) return false;
    switch (need.kind) {
      case K::account: return true;
      case K::parent: return who.parent;
      case K::enterprise: return who.enterprise;
      case K::rse: return who.rse;
      case K::ministry: return who.ministry;
      case K::right: {
        auto right = access::right_from(need.right);
        if (!right) return false;
        if (need.org_param.empty()) return who.rights_anywhere.count(*right) > 0;
        if (need.org_param == "rsge") return who.rights_on_rsge.count(*right) > 0;
        if (need.org_param == "bc") return who.rights_on_bc.count(*right) > 0;
        return who.rights_on_a.count(*right) > 0;
      }
      default: return false;
    }
  }

  static http::Request request_for(const http::Route& route, const Caller& who, db::Connection& c,
                                   std::string* csrf) {
    http::Request req;
    req.method = route.method;
    req.path = route.pattern;
    auto fill = [&](const std::string& param, const std::string& value) {
      auto pos = req.path.find(param);
      if (pos != std::string::npos) req.path.replace(pos, param.size(), value);
    };
    fill("{installation}", serves_installations(route.access) ? kInstallationA : "30000001");
    fill("{bc}", "30000001");
    fill("{rsge}", "40000001");
    fill("{user}", std::to_string(staff_of_a_));
    fill("{path*}", "css/site.css");
    req.target = req.path;
    req.remote = "127.0.0.1";
    req.request_id = "matrix";
    if (who.kind == Caller::user) {
      auto [token, session] = access::store::create_session(c, who.user_id, "127.0.0.1", true);
      req.headers.emplace_back("cookie", "sgee_session=" + token);
      *csrf = session.csrf_token;
    } else if (who.kind == Caller::api) {
      req.headers.emplace_back("authorization", "Bearer " + who.code);
    } else {
      *csrf = std::string(32, 'a');
      req.headers.emplace_back("cookie", "sgee_csrf=" + *csrf);
    }
    return req;
  }

  static TestDatabase* db_;
  static db::Pool* pool_;
  static std::vector<Caller> callers_;
  static std::int64_t staff_of_a_;
};

TestDatabase* AuthorizationMatrix::db_ = nullptr;
db::Pool* AuthorizationMatrix::pool_ = nullptr;
std::vector<Caller> AuthorizationMatrix::callers_;
std::int64_t AuthorizationMatrix::staff_of_a_ = 0;

TEST_F(AuthorizationMatrix, EveryRouteDeclaresWhoMayUseIt) {
  web::WebApp web(*pool_);
  app::wire(web);
  ASSERT_GT(web.router().routes().size(), kPublic.size());
  for (const auto& route : web.router().routes()) {
    std::string key = route.method + " " + route.pattern;
    bool open =
        route.access.kind == Access::Kind::open || route.access.kind == Access::Kind::anyone;
    EXPECT_EQ(open, kPublic.count(key) > 0)
        << key << " is " << route.access.describe()
        << ": public routes must be listed in kPublic, others declare a requirement";
    if (route.access.kind == Access::Kind::right) {
      EXPECT_TRUE(access::right_from(route.access.right).has_value())
          << key << ": unknown right " << route.access.right;
    }
    if (!route.access.org_param.empty()) {
      EXPECT_NE(route.pattern.find("{" + route.access.org_param + "}"), std::string::npos)
          << key << ": the requirement names a path parameter the route does not have";
      EXPECT_FALSE(route.access.kinds.empty())
          << key << ": a route with an organization number names the kinds it serves";
    }
  }
}

TEST_F(AuthorizationMatrix, EveryRouteWithEveryCaller) {
  web::WebApp web(*pool_);
  app::wire(web);
  auto c = pool_->acquire();
  int checked = 0;
  for (const auto& route : web.router().routes()) {
    if (route.access.kind == Access::Kind::open) continue;  // the guard does not run for these
    for (const auto& who : callers_) {
      std::string csrf;
      auto req = request_for(route, who, *c, &csrf);
      if (!csrf.empty()) req.headers.emplace_back("x-csrf-token", csrf);
      auto m = web.router().match(req);
      ASSERT_EQ(m.route, &route);
      auto refusal = web.guard(req, route);
      bool allowed = !refusal.has_value();
      SCOPED_TRACE(route.method + " " + route.pattern + " (" + route.access.describe() + ") as " +
                   who.name);
      EXPECT_EQ(allowed, expected_allowed(route.access, who, route.method));
      if (refusal) {
        // Strangers are asked to sign in; signed-in callers without the right get 403.
        bool sign_in = refusal->status == 401 || refusal->get("Location").starts_with("/connexion");
        bool change = refusal->get("Location") == "/mot-de-passe";
        if (route.access.kind == Access::Kind::api_code && who.kind != Caller::api) {
          EXPECT_EQ(refusal->status, 401) << "the sync API wants a code, not a session";
        } else if (who.kind == Caller::anonymous) {
          EXPECT_TRUE(sign_in) << refusal->status;
        } else if (who.must_change) {
          EXPECT_TRUE(change || refusal->status == 403) << refusal->status;
        } else if (who.kind == Caller::user) {
          EXPECT_EQ(refusal->status, 403);
        } else {  // an API code: 403 everywhere it does not belong
          EXPECT_EQ(refusal->status, 403);
        }
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

TEST_F(AuthorizationMatrix, StateChangingRoutesRefuseAMissingOrWrongCsrfToken) {
  web::WebApp web(*pool_);
  app::wire(web);
  auto c = pool_->acquire();
  int checked = 0;
  for (const auto& route : web.router().routes()) {
    if (route.method == "GET" || route.access.kind == Access::Kind::open ||
        route.access.kind == Access::Kind::api_code)
      continue;
    for (const auto& who : callers_) {
      if (!expected_allowed(route.access, who, route.method) || who.kind == Caller::api) continue;
      SCOPED_TRACE(route.method + " " + route.pattern + " as " + who.name);
      std::string csrf;
      auto without = request_for(route, who, *c, &csrf);
      web.router().match(without);
      auto refused = web.guard(without, route);
      ASSERT_TRUE(refused.has_value());
      EXPECT_EQ(refused->status, 403);
      auto wrong = request_for(route, who, *c, &csrf);
      wrong.headers.emplace_back("x-csrf-token", std::string(csrf.size(), 'f'));
      web.router().match(wrong);
      EXPECT_TRUE(web.guard(wrong, route).has_value());
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
}

}  // namespace
}  // namespace sgee::test

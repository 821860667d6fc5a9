#pragma once
// The access module on the web: who is asking (session cookie or API access code), the guard
// every route goes through, CSRF, and the sign-in, password and dashboard pages.
#include <optional>

#include "access/model.hpp"
#include "access/rules.hpp"
#include "access/store.hpp"
#include "platform/http/form.hpp"
#include "platform/web.hpp"

namespace sgee::access {

struct RequestAuth {
  Principal who;
  std::optional<store::User> user;
  std::optional<store::Session> session;
  std::optional<Organization> target;  // the organization the route's org_param named
  std::optional<Target> scope;         // the same with its parents, for may()
  std::string csrf;                    // the token forms must send back
  bool new_csrf = false;               // an anonymous visitor's new token: set as a cookie
};

// What the guard established for this request (anonymous when the guard did not run).
const RequestAuth& auth_of(const http::Request& req);
// Whether the signed-in user also holds `right` on the route's organization (to show a page's
// editing parts only to those who may use them; the editing routes check it again).
bool may(const http::Request& req, Right right);

struct WebOptions {
  bool secure_cookies = false;                       // add Secure to cookies (behind TLS)
  std::string public_url = "http://127.0.0.1:8080";  // the start of links sent by e-mail
  // Demo mode: /demo/courriels lists the outbox; the second-factor page shows the current code.
  bool demo = false;
};

// The sign-in session's cookie: its name and attributes (HttpOnly, SameSite=Lax, Secure with
// --secure-cookies).
inline constexpr const char* kSessionCookie = "sgee_session";
http::CookieOptions session_cookie_options(const WebOptions& options);

// Installs the guard, the layout decoration and the access pages on `web`.
void install(web::WebApp& web, WebOptions options = {});
// "Gestion des droits d'accès" (rights_pages.cpp); install() calls it.
void add_rights_pages(web::WebApp& web);
// Enterprise enrolment and the ministry's queue (enrolment_pages.cpp); install() calls it.
void add_enrolment_pages(web::WebApp& web);
// Sync API access codes (code_pages.cpp); install() calls it.
void add_code_pages(web::WebApp& web);
// The ministry's register of organizations (org_pages.cpp); install() calls it.
void add_org_pages(web::WebApp& web);
// The audit log search (audit_pages.cpp); install() calls it.
void add_audit_pages(web::WebApp& web);
// The TOTP second factor: /connexion/code and /securite/deux-etapes (second_factor_pages.cpp).
void add_second_factor_pages(web::WebApp& web, const WebOptions& options);
// A new enterprise account as typed in a form (the RSE's staff form, the ministry's RSGE
// account): names of at most 50 characters, an optional unused e-mail address.
struct AccountForm {
  std::string surname, given_name, email;
};
AccountForm account_form(const http::Form& form);
std::vector<std::string> account_errors(db::Connection& c, const AccountForm& f);  // field keys
struct NewAccount {
  std::int64_t id = 0;
  std::string user_code, password;  // the temporary password, shown once
};
// Creates the account (temporary password to change at first sign-in) and its audit row, in the
// caller's transaction. `home_org`: a division, or the RSGE for an RSGE's own account.
NewAccount create_account(db::Connection& c, const http::Request& req, const AccountForm& f,
                          std::int64_t home_org, bool is_rse);
// The page that shows the new account's user code and temporary password once.
http::Response account_created_page(const web::WebApp& web, const http::Request& req,
                                    const AccountForm& f, const NewAccount& made,
                                    const std::string& next);
// A lost second factor: turns it off (to be set up again at the next sign-in when the role
// requires it), signs the user out everywhere, writes the audit row.
void reset_second_factor(db::Connection& c, const http::Request& req, const store::User& u);
// An RSGE's authorization for its BC to admit on its behalf, POR-05 (rsge_pages.cpp).
void add_rsge_pages(web::WebApp& web);
// Where to go after signing in: `next` when it is a local path, else the dashboard.
std::string safe_next(const std::optional<std::string>& next);
// Parents' registration, e-mail verification, password reset (account_pages.cpp).
void add_account_pages(web::WebApp& web, const WebOptions& options);

}  // namespace sgee::access

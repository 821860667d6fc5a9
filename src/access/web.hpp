#pragma once
// The access module on the web: who is asking (session cookie or API access code), the guard
// every route goes through, CSRF, and the sign-in, password and dashboard pages.
#include <optional>

#include "access/model.hpp"
#include "access/store.hpp"
#include "platform/web.hpp"

namespace sgee::access {

struct RequestAuth {
  Principal who;
  std::optional<store::User> user;
  std::optional<store::Session> session;
  std::string csrf;       // the token forms must send back
  bool new_csrf = false;  // an anonymous visitor's new token: set as a cookie
};

// What the guard established for this request (anonymous when the guard did not run).
const RequestAuth& auth_of(const http::Request& req);

struct WebOptions {
  bool secure_cookies = false;                       // add Secure to cookies (behind TLS)
  std::string public_url = "http://127.0.0.1:8080";  // the start of links sent by e-mail
  // Demo mode: /demo/courriels lists the outbox; the second-factor page shows the current code.
  bool demo = false;
};

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
// Where to go after signing in: `next` when it is a local path, else the dashboard.
std::string safe_next(const std::optional<std::string>& next);
// Parents' registration, e-mail verification, password reset (account_pages.cpp).
void add_account_pages(web::WebApp& web, const WebOptions& options);

}  // namespace sgee::access

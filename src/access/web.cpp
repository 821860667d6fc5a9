#include "access/web.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>

#include "access/dashboard.hpp"
#include "access/nav.hpp"
#include "access/rules.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"

namespace sgee::access {

using http::Access;
using http::Request;
using http::Response;

namespace {

const char* kCsrfCookie = "sgee_csrf";

// With --secure-cookies, every cookie this server sets (the session, the CSRF token, the
// language) is Secure: one place, after every handler and the platform have set theirs.
void make_cookies_secure(Response& res) {
  for (auto& [name, value] : res.headers)
    if (text::lower(name) == "set-cookie" && !text::lower(value).ends_with("; secure") &&
        text::lower(value).find("; secure;") == std::string::npos)
      value += "; Secure";
}

bool unsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// The code's or the session's owner; nullopt when neither is valid.
std::optional<RequestAuth> identified(db::Connection& c, const Request& req) {
  RequestAuth a;
  auto authz = req.header("authorization");
  if (authz.starts_with("Bearer ")) {
    if (auto owner = store::use_access_code(c, std::string(text::trim(authz.substr(7))))) {
      a.who.kind = Principal::Kind::access_code;
      a.who.access_code_id = owner->code_id;
      a.who.access_code_org = owner->organization_id;
      return a;
    }
    return std::nullopt;
  }
  if (auto token = req.cookie(kSessionCookie)) {
    if (auto s = store::find_signed_in(c, *token); s && !s->user.disabled) {
      a.who.kind = Principal::Kind::user;
      a.who.user_id = s->user.id;
      a.who.user_kind = s->user.kind;
      a.who.is_rse = s->user.is_rse;
      a.who.division_id = s->user.organization_id;
      a.who.rights.insert(s->rights.begin(), s->rights.end());
      a.csrf = s->session.csrf_token;
      a.user = std::move(s->user);
      a.session = std::move(s->session);
      return a;
    }
  }
  return std::nullopt;
}

// Who is asking. The database is only reached when the request carries a code or a session
// cookie; if it cannot be reached then, the request goes on as anonymous.
RequestAuth identify(db::Pool& pool, const Request& req) {
  auto authz = req.header("authorization");
  auto token = req.cookie(kSessionCookie);
  if (authz.starts_with("Bearer ") || token) {
    try {
      auto c = pool.acquire();
      if (auto a = identified(*c, req)) return std::move(*a);
    } catch (const db::Error& e) {
      log::error("cannot identify the request", {{"id", req.request_id}, {"error", e.what()}});
    }
  }
  RequestAuth a;
  auto cookie = req.cookie(kCsrfCookie);
  if (cookie && cookie->size() == 32) {
    a.csrf = *cookie;
  } else {
    a.csrf = text::random_hex(16);
    a.new_csrf = true;
  }
  return a;
}

std::string submitted_csrf(const Request& req) {
  if (auto h = req.header("x-csrf-token"); !h.empty()) return std::string(h);
  // An upload form's token is read without its files (their size is the route's business).
  http::FormLimits fields_only;
  fields_only.fields_only = true;
  auto form = http::parse_form(req, fields_only);
  if (form.form)
    if (auto v = form.form->get("csrf")) return *v;
  return "";
}

}  // namespace

// Only local paths may be a redirect target after sign-in.
std::string safe_next(const std::optional<std::string>& next) {
  if (!next || next->empty() || next->front() != '/' || next->starts_with("//") ||
      next->find('\\') != std::string::npos ||
      std::any_of(next->begin(), next->end(),
                  [](unsigned char ch) { return ch < 0x20 || ch == 0x7f; }))
    return "/tableau-de-bord";
  return *next;
}

http::CookieOptions session_cookie_options(const WebOptions& options) {
  return {.path = "/",
          .max_age_seconds = std::nullopt,
          .http_only = true,
          .secure = options.secure_cookies,
          .same_site = "Lax"};
}

bool may(const Request& req, Right right) {
  const auto& a = auth_of(req);
  if (!a.scope) return false;
  return authorize(a.who, Access::with_right(std::string(to_string(right))), a.scope) ==
         Decision::allow;
}

const RequestAuth& auth_of(const Request& req) {
  static const RequestAuth anonymous;
  if (auto a = std::any_cast<RequestAuth>(&req.auth)) return *a;
  return anonymous;
}

void install(web::WebApp& web, WebOptions options) {
  auto& pool = web.pool();
  const http::CookieOptions session_cookie = session_cookie_options(options);

  web.guard = [&web, &pool](Request& req, const http::Route& route) -> std::optional<Response> {
    RequestAuth a = identify(pool, req);
    std::optional<Target> target;
    if (!route.access.org_param.empty()) {
      auto it = req.params.find(route.access.org_param);
      if (it != req.params.end()) {
        auto c = pool.acquire();
        auto org = store::organization_by_number(*c, it->second);
        const auto& kinds = route.access.kinds;
        if (org && !kinds.empty() &&
            std::find(kinds.begin(), kinds.end(), to_string(org->kind)) == kinds.end())
          org.reset();  // a number of a kind the route does not serve: as an unknown one
        if (!org) {
          // An unknown organization (or one of another kind): 404 for a signed-in user or a code
          // (spec/api.md); a stranger is asked to sign in first, as for any organization.
          bool stranger = a.who.kind == Principal::Kind::anonymous;
          req.auth = std::move(a);
          if (stranger && !req.wants_json() && route.access.kind != Access::Kind::api_code)
            return Response::redirect("/connexion?next=" + text::url_encode(req.target), 303);
          return web.error(stranger ? 401 : 404, req);
        }
        target = Target{org->id, org->kind, store::ancestors_above(*c, org->parent_id)};
        a.target = org;
        if (org->kind == OrgKind::rsge)
          target->bc_mandate = store::bc_mandate(*c, org->id).has_value();
        a.scope = target;
      }
    }
    Pending pending;
    if (a.user) {
      pending.password_change = a.user->must_change_password;
      pending.second_factor = a.user->totp_enabled && a.session && !a.session->second_factor_done;
      pending.second_factor_setup =
          !a.user->totp_enabled && second_factor_required(a.user->kind, a.user->is_rse);
    }
    auto decision = authorize(a.who, route.access, target, pending);
    bool is_api = route.access.kind == Access::Kind::api_code;
    req.auth = std::move(a);
    const RequestAuth& auth = auth_of(req);
    switch (decision) {
      case Decision::allow: break;
      case Decision::sign_in:
        if (req.wants_json() || is_api) return web.error(401, req);
        return Response::redirect("/connexion?next=" + text::url_encode(req.target), 303);
      case Decision::change_password: return Response::redirect("/mot-de-passe", 303);
      case Decision::second_factor:
        return Response::redirect("/connexion/code?next=" + text::url_encode(req.target), 303);
      case Decision::set_up_second_factor: return Response::redirect("/securite/deux-etapes", 303);
      case Decision::forbid: return web.error(403, req);
    }
    // CSRF: every state-changing request from a browser carries the token of its session (or,
    // before sign-in, of its cookie). API codes are not cookies: nothing to forge.
    if (unsafe(req.method) && !is_api) {
      std::string sent = submitted_csrf(req);
      if (auth.csrf.empty() || sent.size() != auth.csrf.size() ||
          sodium_memcmp(sent.data(), auth.csrf.data(), sent.size()) != 0) {
        log::info("csrf refused", {{"id", req.request_id}, {"route", req.route}});
        return web.error(403, req);
      }
    }
    return std::nullopt;
  };

  web.after = [secure = options.secure_cookies](const Request& req, Response& res) {
    const auto& a = auth_of(req);
    // Only pages carry forms: API answers and redirects set no cookie.
    if (a.new_csrf && !a.csrf.empty() && res.get("Content-Type").starts_with("text/html"))
      res.set_cookie(kCsrfCookie, a.csrf,
                     {.path = "/",
                      .max_age_seconds = std::nullopt,
                      .http_only = true,
                      .secure = false,
                      .same_site = "Strict"});
    if (secure) make_cookies_secure(res);
  };

  web.decorate = [&pool](const Request& req, mstch::map& layout) {
    const auto& a = auth_of(req);
    layout["csrf"] = a.csrf;
    if (a.user) {
      layout["signed_in"] = true;
      layout["user_name"] = a.user->given_name + " " + a.user->surname;
      // The menu once the sign-in is complete (not on the second-factor or first password page).
      bool pending =
          a.user->must_change_password ||
          (a.user->totp_enabled && !(a.session && a.session->second_factor_done)) ||
          (!a.user->totp_enabled && second_factor_required(a.user->kind, a.user->is_rse));
      if (!pending) add_menu(pool, req, layout);
    }
  };

  // A page no route serves keeps the signed-in header.
  web.identify = [&pool](Request& req) { req.auth = identify(pool, req); };

  auto& router = web.router();
  add_rights_pages(web);
  add_enrolment_pages(web);
  add_code_pages(web);
  add_audit_pages(web);
  add_org_pages(web);
  add_account_pages(web, options);
  add_second_factor_pages(web, options);
  add_rsge_pages(web);

  router.add("GET", "/connexion", Access::anyone(), [&web](Request& req) {
    if (auth_of(req).user) return Response::redirect("/tableau-de-bord", 303);
    return web.page(req, "signin", "signin.title", {{"next", req.query("next").value_or("")}});
  });

  router.add("POST", "/connexion", Access::anyone(), [&web, &pool, session_cookie](Request& req) {
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    std::string login = form.form->get("login").value_or("");
    std::string password = form.form->get("password").value_or("");
    std::string next = form.form->get("next").value_or("");
    auto again = [&](const std::string& error_key, int status) {
      mstch::map ctx{{"next", next}, {"login", login}, {"error", i18n::t(req.lang, error_key)}};
      if (error_key == "signin.unverified")  // the way to get the link again, address filled in
        ctx["resend_url"] = "/inscription/renvoyer?courriel=" + text::url_encode(login);
      return web.page(req, "signin", "signin.title", ctx, status);
    };
    auto c = pool.acquire();
    // Throttling (rules.hpp sign_in_gate): a locked account is refused, right password or not; a
    // busy address (behind a proxy or a NAT, many users share one) refuses only logins that have
    // failed from it a moment ago, and answers wrong passwords with a growing Retry-After. A right
    // password for an account that is not under attack always signs in.
    auto history = store::recent_failures(*c, login, req.remote);
    auto gate = sign_in_gate(history);
    if (gate.refused) {
      log::info("sign-in throttled", {{"id", req.request_id}});
      auto res = again(gate.account_locked ? "signin.throttled" : "signin.address_throttled", 429);
      res.set("Retry-After", std::to_string(gate.retry_after.count()));
      return res;
    }
    auto user = store::user_by_login(*c, login);
    // Hash even for an unknown account, so that timing does not tell which accounts exist.
    static const std::string dummy = store::hash_password(text::random_hex(16));
    bool ok = store::verify_password(user ? user->password_hash : dummy, password) && user &&
              !user->disabled;
    store::record_sign_in(*c, login, req.remote, ok);
    if (!ok) {
      auto wait = sign_in_retry_after(history.address_failures + 1);
      if (wait.count() == 0) return again("signin.failed", 401);
      auto res = again("signin.address_throttled", 429);
      res.set("Retry-After", std::to_string(wait.count()));
      return res;
    }
    if (user->kind == UserKind::parent && !user->email_verified)
      return again("signin.unverified", 403);
    auto [token, session] = store::create_session(*c, user->id, req.remote, !user->totp_enabled);
    std::string to = user->totp_enabled           ? "/connexion/code?next=" + text::url_encode(next)
                     : user->must_change_password ? "/mot-de-passe"
                                                  : safe_next(next);
    auto res = Response::redirect(to, 303);
    res.set_cookie(kSessionCookie, token, session_cookie);
    return res;
  });

  // Open to anyone (with the page's CSRF token), so that a half-signed-in session can leave too.
  router.add("POST", "/deconnexion", Access::anyone(), [&pool, session_cookie](Request& req) {
    const auto& a = auth_of(req);
    auto c = pool.acquire();
    if (a.session) store::revoke_session(*c, a.session->token_hash);
    auto res = Response::redirect("/", 303);
    auto expired = session_cookie;
    expired.max_age_seconds = 0;
    res.set_cookie(kSessionCookie, "", expired);
    return res;
  });

  router.add("GET", "/mot-de-passe", Access::signed_in(), [&web](Request& req) {
    bool temporary = auth_of(req).user && auth_of(req).user->must_change_password;
    return web.page(req, "change_password", "password.title", {{"temporary", temporary}});
  });

  router.add("POST", "/mot-de-passe", Access::signed_in(), [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    std::string current = form.form->get("current").value_or("");
    std::string fresh = form.form->get("new").value_or("");
    std::string confirm = form.form->get("confirm").value_or("");
    auto fail = [&](const std::string& key) {
      return web.page(
          req, "change_password", "password.title",
          {{"temporary", a.user->must_change_password}, {"error", i18n::t(req.lang, key)}}, 422);
    };
    if (!store::verify_password(a.user->password_hash, current))
      return fail("password.current_wrong");
    if (fresh != confirm) return fail("password.mismatch");
    if (fresh == current) return fail("password.same");
    auto problems =
        check_new_password(fresh, a.user->user_code.value_or(""), a.user->email.value_or(""));
    if (!problems.empty()) return fail(problems.front().text_key);
    auto c = pool.acquire();
    db::Transaction tx(*c);
    store::set_password(*c, a.user->id, fresh, false);
    store::revoke_sessions_of(*c, a.user->id, a.session->token_hash);  // sign out everywhere else
    tx.commit();
    return Response::redirect("/tableau-de-bord?changed=1", 303);
  });

  router.add("GET", "/tableau-de-bord", Access::signed_in(), [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    if (a.user->must_change_password) return Response::redirect("/mot-de-passe", 303);
    if (!a.user->totp_enabled && second_factor_required(a.user->kind, a.user->is_rse))
      return Response::redirect("/securite/deux-etapes", 303);
    // The services outside any one organization, then the organizations this user works for,
    // each with its pages (nav.hpp: the same links as the header menu).
    const auto mine_ptr = user_orgs(pool, req, true);
    const UserOrgs& mine = *mine_ptr;
    mstch::array entries;
    for (const auto& l : service_links(req, mine))
      entries.push_back(mstch::map{{"href", l.href}, {"label", i18n::t(req.lang, l.label_key)}});
    std::map<std::int64_t, std::vector<Right>> by_org;
    for (const auto& [org, right] : a.who.rights) by_org[org].push_back(right);
    mstch::array orgs;
    for (const auto& org : mine.orgs) {
      const auto& rights = by_org[org.id];
      mstch::array names;
      for (auto r : rights)
        if (has_screens(r))  // no promise without a feature: the MES rights show with their screens
          names.push_back(
              mstch::map{{"name", i18n::t(req.lang, "right." + std::string(to_string(r)))}});
      if (a.who.is_rse)
        names.push_back(mstch::map{{"name", i18n::t(req.lang, "rights.all_as_rse")}});
      mstch::array links;
      for (const auto& l : org_links(org.kind, org.number, consults(req, org.id),
                                     manages_fiche(req, org), handles_mes(req, org)))
        links.push_back(mstch::map{{"href", l.href}, {"label", i18n::t(req.lang, l.label_key)}});
      orgs.push_back(
          mstch::map{{"name", org.name},
                     {"number", org.number},
                     {"kind", i18n::t(req.lang, "org_kind." + std::string(to_string(org.kind)))},
                     {"rights", names},
                     {"links", links},
                     {"has_links", !links.empty()}});
    }
    // What the modules above add (dashboard.hpp): counts that link to their pages.
    mstch::array sections;
    {
      auto c = pool.acquire();
      for (const auto& s : dashboard::sections(web, *c, req, mine)) {
        mstch::array items;
        for (const auto& i : s.items)
          items.push_back(mstch::map{{"label", i.label}, {"count", i.count}, {"href", i.href}});
        sections.push_back(mstch::map{{"id", s.id}, {"title", s.title}, {"items", items}});
      }
    }
    bool is_rsge = mine.home && mine.home->kind == OrgKind::rsge;
    mstch::array account{mstch::map{{"href", std::string("/mon-compte")},
                                    {"label", i18n::t(req.lang, "nav.account")}},
                         mstch::map{{"href", std::string("/mot-de-passe")},
                                    {"label", i18n::t(req.lang, "account.change_password")}}};
    if (a.user->kind != UserKind::parent)
      account.push_back(mstch::map{{"href", std::string("/securite/deux-etapes")},
                                   {"label", i18n::t(req.lang, "menu.second_factor")}});
    return web.page(req, "dashboard", "dashboard.title",
                    {{"has_entries", !entries.empty()},
                     {"account_links", account},
                     {"entries", entries},
                     {"organizations", orgs},
                     {"has_organizations", !orgs.empty()},
                     {"sections", sections},
                     {"changed", req.query("changed").has_value()},
                     {"second_factor_on", req.query("second_factor").has_value()},
                     {"is_ministry", a.user->kind == UserKind::ministry},
                     {"is_parent", a.user->kind == UserKind::parent},
                     {"is_rsge", is_rsge},
                     {"is_rse", a.who.is_rse && !is_rsge},
                     {"is_staff", a.user->kind == UserKind::enterprise && !a.who.is_rse}});
  });

  router.add("GET", "/mon-compte", Access::signed_in(), [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    const auto& u = *a.user;
    const auto mine_ptr = user_orgs(pool, req);
    const UserOrgs& mine = *mine_ptr;
    std::string role = u.kind == UserKind::ministry                    ? "account.role_ministry"
                       : u.kind == UserKind::parent                    ? "account.role_parent"
                       : mine.home && mine.home->kind == OrgKind::rsge ? "account.role_rsge"
                       : u.is_rse                                      ? "account.role_rse"
                                                                       : "account.role_staff";
    mstch::map ctx{{"name", u.given_name + " " + u.surname},
                   {"user_code", u.user_code.value_or("")},
                   {"has_user_code", u.user_code.has_value()},
                   {"email", u.email.value_or("")},
                   {"has_email", u.email.has_value() && !u.email->empty()},
                   {"role", i18n::t(req.lang, role)},
                   {"has_org", mine.home.has_value()},
                   {"org_name", mine.home ? mine.home->name : std::string()},
                   {"totp_on", u.totp_enabled},
                   {"totp_required", second_factor_required(u.kind, u.is_rse)},
                   {"is_parent", u.kind == UserKind::parent},
                   {"lang_name", i18n::t(req.lang, "account.lang_" + req.lang)},
                   {"other_lang_name", i18n::t(req.lang, "layout.other_language")},
                   {"other_lang", std::string(req.lang == "fr" ? "en" : "fr")}};
    return web.page(req, "account", "account.title", ctx);
  });
}

}  // namespace sgee::access

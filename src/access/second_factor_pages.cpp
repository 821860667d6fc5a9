// The TOTP second factor: the code page after the password, and "Validation en deux étapes" where
// a user sets it up (a QR code for the authenticator app, then one code to confirm) or turns it
// off when their role does not require it.
#include <algorithm>
#include <chrono>

#include "access/rules.hpp"
#include "access/totp.hpp"
#include "access/web.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/log.hpp"
#include "platform/qr.hpp"
#include "platform/text.hpp"

namespace sgee::access {

using http::Access;
using http::Request;
using http::Response;

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string account_name(const store::User& u) {
  return u.user_code.value_or(u.email.value_or(std::to_string(u.id)));
}

// A code for `secret`, accepted once: within the window, and after the last accepted one.
bool accept_code(db::Connection& c, const store::User& u, const std::string& secret,
                 const std::string& code) {
  auto step = totp::matching_step(secret, code, unix_now());
  return step && store::use_totp_step(c, u.id, *step);
}

}  // namespace

void add_second_factor_pages(web::WebApp& web, const WebOptions& options) {
  auto& pool = web.pool();
  auto& router = web.router();
  const bool demo = options.demo;

  // Open to anyone so that the guard does not loop: the handler itself wants a half-signed-in
  // session.
  auto code_page = [&web, demo](Request& req, const std::string& next, const std::string& error,
                                int status) {
    const auto& a = auth_of(req);
    mstch::map ctx{{"next", next}};
    if (!error.empty()) ctx["error"] = i18n::t(req.lang, error);
    if (demo && a.user->totp_secret)
      ctx["demo_code"] = totp::code_at(*a.user->totp_secret, unix_now());
    return web.page(req, "second_factor", "second_factor.title", ctx, status);
  };

  router.add("GET", "/connexion/code", Access::anyone(), [code_page](Request& req) {
    const auto& a = auth_of(req);
    if (!a.session) return Response::redirect("/connexion", 303);
    if (a.session->second_factor_done) return Response::redirect("/tableau-de-bord", 303);
    return code_page(req, req.query("next").value_or(""), "", 200);
  });

  const auto session_cookie = session_cookie_options(options);
  router.add("POST", "/connexion/code", Access::anyone(),
             [&pool, code_page, session_cookie, demo](Request& req) {
               const auto& a = auth_of(req);
               if (!a.session) return Response::redirect("/connexion", 303);
               if (a.session->second_factor_done)
                 return Response::redirect("/tableau-de-bord", 303);
               auto form = http::parse_form(req);
               std::string next = form.form ? form.form->get("next").value_or("") : "";
               std::string code = form.form ? form.form->get("code").value_or("") : "";
               auto c = pool.acquire();
               // Wrong codes count against the account like wrong passwords (ACC throttling).
               std::string account = account_name(*a.user);
               auto gate = sign_in_gate(store::recent_failures(*c, account, req.remote));
               if (gate.refused) {
                 log::info("second factor throttled", {{"id", req.request_id}});
                 auto res = code_page(req, next, "signin.throttled", 429);
                 res.set("Retry-After", std::to_string(gate.retry_after.count()));
                 return res;
               }
               // In demo mode (known passwords, the code shown on the page, shared accounts) the
               // shown code is accepted again, and a wrong one does not count towards locking.
               bool ok =
                   a.user->totp_secret &&
                   (demo ? totp::matching_step(*a.user->totp_secret, code, unix_now()).has_value()
                         : accept_code(*c, *a.user, *a.user->totp_secret, code));
               if (ok || !demo) store::record_sign_in(*c, account, req.remote, ok);
               if (!ok) return code_page(req, next, "second_factor.wrong", 401);
               // A new session id once fully signed in (as after the password): a token seen before
               // this step, however it leaked, no longer works.
               db::Transaction tx(*c);
               store::revoke_session(*c, a.session->token_hash);
               auto [token, session] = store::create_session(*c, a.user->id, req.remote, true);
               tx.commit();
               auto res = Response::redirect(
                   a.user->must_change_password ? "/mot-de-passe" : safe_next(next), 303);
               res.set_cookie(kSessionCookie, token, session_cookie);
               return res;
             });

  auto setup_page = [&web, &pool](Request& req, const std::string& error, int status) {
    const auto& a = auth_of(req);
    bool required = second_factor_required(a.user->kind, a.user->is_rse);
    mstch::map ctx{{"required", required},
                   {"enabled", a.user->totp_enabled},
                   {"done", req.query("ok").has_value()}};
    if (!error.empty()) ctx["error"] = i18n::t(req.lang, error);
    if (!a.user->totp_enabled) {
      // The secret being set up stays the same until it is confirmed, so that reloading the page
      // does not invalidate what the app has already scanned.
      std::string secret = a.user->totp_secret.value_or("");
      if (secret.empty()) {
        secret = totp::new_secret();
        auto c = pool.acquire();
        store::set_totp_secret(*c, a.user->id, secret);
      }
      ctx["secret"] = totp::grouped(secret);
      ctx["qr"] = qr::svg(totp::uri(secret, account_name(*a.user), "sgee"), 200,
                          i18n::t(req.lang, "second_factor.qr_label"));
    }
    return web.page(req, "second_factor_setup", "second_factor.setup_title", ctx, status);
  };

  router.add("GET", "/securite/deux-etapes", Access::signed_in(), [setup_page](Request& req) {
    const auto& a = auth_of(req);
    if (a.user->must_change_password) return Response::redirect("/mot-de-passe", 303);
    if (a.user->kind == UserKind::parent) return Response::redirect("/tableau-de-bord", 303);
    return setup_page(req, "", 200);
  });

  router.add(
      "POST", "/securite/deux-etapes", Access::signed_in(), [&pool, setup_page](Request& req) {
        const auto& a = auth_of(req);
        if (a.user->must_change_password) return Response::redirect("/mot-de-passe", 303);
        if (a.user->kind == UserKind::parent) return Response::redirect("/tableau-de-bord", 303);
        auto form = http::parse_form(req);
        std::string code = form.form ? form.form->get("code").value_or("") : "";
        std::string action = form.form ? form.form->get("action").value_or("") : "";
        bool turn_off = action == "off";
        if (turn_off == !a.user->totp_enabled)  // already in the state asked for
          return Response::redirect("/securite/deux-etapes", 303);
        if (turn_off && second_factor_required(a.user->kind, a.user->is_rse))
          return setup_page(req, "second_factor.required_cannot_off", 422);
        auto c = pool.acquire();
        db::Transaction tx(*c);
        if (!a.user->totp_secret || !accept_code(*c, *a.user, *a.user->totp_secret, code))
          return setup_page(req, "second_factor.wrong", 422);
        store::enable_totp(*c, a.user->id, !turn_off);
        store::audit(*c, {.user_id = a.who.user_id,
                          .organization_id = a.who.division_id,
                          .subject_user_id = a.who.user_id,
                          .action = turn_off ? "second_factor_off" : "second_factor_on",
                          .record_type = "user",
                          .record_id = std::to_string(a.user->id),
                          .address = req.remote,
                          .request_id = req.request_id});
        tx.commit();
        return Response::redirect(
            turn_off ? "/securite/deux-etapes?ok=off" : "/tableau-de-bord?second_factor=on", 303);
      });
}

}  // namespace sgee::access

// Parents' self-registration with e-mail verification, password reset by e-mailed link, and in
// demo mode the outbox (what would have been e-mailed).
#include "access/rules.hpp"
#include "access/web.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/text.hpp"

namespace sgee::access {

using http::Access;
using http::Request;
using http::Response;

namespace {

constexpr auto kVerifyFor = std::chrono::hours(48);
constexpr auto kResetFor = std::chrono::hours(1);

bool looks_like_email(const std::string& e) {
  auto at = e.find('@');
  return at != std::string::npos && at > 0 && e.find('.', at + 2) != std::string::npos &&
         e.back() != '.' && e.find_first_of(" \t\r\n") == std::string::npos && e.size() <= 254 &&
         e.find('@', at + 1) == std::string::npos;
}

}  // namespace

void add_account_pages(web::WebApp& web, const WebOptions& options) {
  auto& pool = web.pool();
  auto& router = web.router();
  const std::string base = options.public_url;

  router.add("GET", "/inscription", Access::anyone(),
             [&web](Request& req) { return web.page(req, "register", "register.title"); });

  router.add("POST", "/inscription", Access::anyone(), [&web, &pool, base](Request& req) {
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto v = [&](const char* name) {
      return std::string(text::trim(form.form->get(name).value_or("")));
    };
    std::string given = v("given_name"), surname = v("surname"), email = text::lower(v("email"));
    std::string password = form.form->get("password").value_or(""),
                confirm = form.form->get("confirm").value_or("");
    mstch::map ctx{{"given_name", given}, {"surname", surname}, {"email", email}};
    std::vector<std::pair<std::string, std::string>> errors;  // field, text key
    if (given.empty() || text::code_points(given).size() > 50)
      errors.push_back({"given_name", "acc.name_required"});
    if (surname.empty() || text::code_points(surname).size() > 50)
      errors.push_back({"surname", "acc.name_required"});
    if (!looks_like_email(email)) errors.push_back({"email", "acc.email_format"});
    for (const auto& m : check_new_password(password, "", email))
      errors.push_back({"password", m.text_key});
    if (password != confirm) errors.push_back({"confirm", "password.mismatch"});
    if (!errors.empty()) {
      mstch::array summary;
      for (const auto& [field, key] : errors) {
        if (!ctx.count("err_" + field)) ctx["err_" + field] = i18n::t(req.lang, key);
        summary.push_back(mstch::map{{"field", field}, {"text", i18n::t(req.lang, key)}});
      }
      ctx["errors"] = summary;
      return web.page(req, "register", "register.title", ctx, 422);
    }
    auto c = pool.acquire();
    db::Transaction tx(*c);
    if (auto existing = store::user_by_login(*c, email)) {
      // The same answer as for a new address, so that the page does not tell who has an account;
      // the owner of the address learns of the attempt.
      store::queue_mail(*c, email, i18n::t(req.lang, "mail.exists_subject"),
                        i18n::t(req.lang, "mail.exists_body"));
    } else {
      store::User u;
      u.kind = UserKind::parent;
      u.email = email;
      u.surname = surname;
      u.given_name = given;
      auto id = store::add_user(*c, u, password);
      auto token = store::create_token(*c, id, "verify_email", kVerifyFor);
      store::queue_mail(*c, email, i18n::t(req.lang, "mail.verify_subject"),
                        i18n::t(req.lang, "mail.verify_body") + "\n\n" + base +
                            "/inscription/confirmer?jeton=" + token);
    }
    tx.commit();
    return web.page(req, "message", "register.sent_title",
                    {{"text", i18n::t(req.lang, "register.sent")}}, 201);
  });

  router.add("GET", "/inscription/confirmer", Access::anyone(), [&web, &pool](Request& req) {
    auto c = pool.acquire();
    db::Transaction tx(*c);
    auto user = store::use_token(*c, req.query("jeton").value_or(""), "verify_email");
    if (!user)
      return web.page(req, "message", "link.invalid_title",
                      {{"text", i18n::t(req.lang, "link.invalid")}}, 400);
    store::mark_email_verified(*c, *user);
    tx.commit();
    return web.page(req, "message", "register.confirmed_title",
                    {{"text", i18n::t(req.lang, "register.confirmed")},
                     {"link", std::string("/connexion")},
                     {"link_text", i18n::t(req.lang, "signin.submit")}});
  });

  // The confirmation e-mail again, for a parent who did not get it (or whose link expired): the
  // same answer whether or not an unconfirmed account has this address (no account enumeration);
  // at most one a minute and five a day per address (rules.hpp); audited when an account exists.
  router.add("GET", "/inscription/renvoyer", Access::anyone(), [&web](Request& req) {
    return web.page(req, "resend", "forms.resend_title",
                    {{"email", req.query("courriel").value_or("")}});
  });

  router.add("POST", "/inscription/renvoyer", Access::anyone(), [&web, &pool, base](Request& req) {
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto email = text::lower(text::trim(form.form->get("email").value_or("")));
    if (!looks_like_email(email))
      return web.page(
          req, "resend", "forms.resend_title",
          {{"email", email}, {"error", i18n::t(req.lang, "forms.resend_email_required")}}, 422);
    auto c = pool.acquire();
    db::Transaction tx(*c);
    auto user = store::user_by_login(*c, email);
    if (user && user->kind == UserKind::parent && !user->email_verified && !user->disabled) {
      bool allowed = may_resend_confirmation(
          store::tokens_made_within(*c, user->id, "verify_email", kConfirmationGap),
          store::tokens_made_within(*c, user->id, "verify_email", kConfirmationDay));
      if (allowed) {
        auto token = store::create_token(*c, user->id, "verify_email", kVerifyFor);
        store::queue_mail(*c, email, i18n::t(req.lang, "mail.verify_subject"),
                          i18n::t(req.lang, "mail.verify_body") + "\n\n" + base +
                              "/inscription/confirmer?jeton=" + token);
      }
      store::audit(*c, {.subject_user_id = user->id,
                        .action = "resend_confirmation",
                        .record_type = "user",
                        .record_id = std::to_string(user->id),
                        .detail = allowed ? "sent" : "throttled",
                        .address = req.remote,
                        .request_id = req.request_id});
    }
    tx.commit();
    return web.page(req, "message", "forms.resend_sent_title",
                    {{"text", i18n::t(req.lang, "forms.resend_sent")},
                     {"link", std::string("/connexion")},
                     {"link_text", i18n::t(req.lang, "signin.submit")}});
  });

  router.add("GET", "/mot-de-passe-oublie", Access::anyone(),
             [&web](Request& req) { return web.page(req, "forgot", "forgot.title"); });

  router.add("POST", "/mot-de-passe-oublie", Access::anyone(), [&web, &pool, base](Request& req) {
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto login = std::string(text::trim(form.form->get("login").value_or("")));
    auto c = pool.acquire();
    db::Transaction tx(*c);
    auto user = login.empty() ? std::nullopt : store::user_by_login(*c, login);
    if (user && user->email && !user->disabled) {
      auto token = store::create_token(*c, user->id, "reset_password", kResetFor);
      store::queue_mail(*c, *user->email, i18n::t(req.lang, "mail.reset_subject"),
                        i18n::t(req.lang, "mail.reset_body") + "\n\n" + base +
                            "/mot-de-passe-oublie/nouveau?jeton=" + token);
    }
    tx.commit();
    // Whether or not the account exists, the same answer.
    return web.page(req, "message", "forgot.sent_title",
                    {{"text", i18n::t(req.lang, "forgot.sent")}});
  });

  router.add("GET", "/mot-de-passe-oublie/nouveau", Access::anyone(), [&web, &pool](Request& req) {
    auto token = req.query("jeton").value_or("");
    auto c = pool.acquire();
    if (!store::peek_token(*c, token, "reset_password"))
      return web.page(req, "message", "link.invalid_title",
                      {{"text", i18n::t(req.lang, "link.invalid")}}, 400);
    return web.page(req, "reset", "reset.title", {{"token", token}});
  });

  router.add("POST", "/mot-de-passe-oublie/nouveau", Access::anyone(), [&web, &pool](Request& req) {
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto token = form.form->get("token").value_or("");
    auto fresh = form.form->get("new").value_or(""),
         confirm = form.form->get("confirm").value_or("");
    auto c = pool.acquire();
    auto user_id = store::peek_token(*c, token, "reset_password");
    if (!user_id)
      return web.page(req, "message", "link.invalid_title",
                      {{"text", i18n::t(req.lang, "link.invalid")}}, 400);
    auto user = store::user(*c, *user_id);
    std::string problem;
    if (fresh != confirm) problem = "password.mismatch";
    auto messages =
        check_new_password(fresh, user->user_code.value_or(""), user->email.value_or(""));
    if (!messages.empty()) problem = messages.front().text_key;
    if (!problem.empty())
      return web.page(req, "reset", "reset.title",
                      {{"token", token}, {"error", i18n::t(req.lang, problem)}}, 422);
    db::Transaction tx(*c);
    if (!store::use_token(*c, token, "reset_password"))
      return web.page(req, "message", "link.invalid_title",
                      {{"text", i18n::t(req.lang, "link.invalid")}}, 400);
    store::set_password(*c, *user_id, fresh, false);
    store::revoke_sessions_of(*c, *user_id);
    if (user->kind == UserKind::parent)
      store::mark_email_verified(*c, *user_id);  // the link proved the address
    tx.commit();
    return web.page(req, "message", "reset.done_title",
                    {{"text", i18n::t(req.lang, "reset.done")},
                     {"link", std::string("/connexion")},
                     {"link_text", i18n::t(req.lang, "signin.submit")}});
  });

  if (options.demo) {
    // Demo only: what sgee would have e-mailed, so that links can be followed without a mail
    // server.
    router.add("GET", "/demo/courriels", Access::anyone(), [&web, &pool](Request& req) {
      auto c = pool.acquire();
      mstch::array mails;
      for (const auto& m : store::outbox(*c, 50))
        mails.push_back(mstch::map{{"to", m.to},
                                   {"subject", m.subject},
                                   {"body", m.body},
                                   {"at", m.created_at.substr(0, 16)}});
      return web.page(req, "outbox", "outbox.title", {{"mails", mails}, {"empty", mails.empty()}});
    });
  }
}

}  // namespace sgee::access

#include "portail/messages_pages.hpp"

#include <algorithm>

#include "access/dashboard.hpp"
#include "access/nav.hpp"
#include "access/store.hpp"
#include "access/web.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"
#include "portail/family_store.hpp"
#include "portail/messages_rules.hpp"
#include "portail/messages_store.hpp"
#include "portail/referral_pages.hpp"
#include "portail/reserve_store.hpp"

namespace sgee::portail {

namespace {

using access::OrgKind;
using http::Access;
using http::Request;
using http::Response;
namespace ms = messages_store;
namespace mr = messages_rules;

constexpr std::int64_t kPerPage = 25;

std::string t(const Request& req, const std::string& key) {
  return i18n::t(req.lang, key);
}
using i18n::fill;

std::string person(const std::string& given, const std::string& surname) {
  return given.empty() ? surname : surname.empty() ? given : given + " " + surname;
}

// The organization a side writes for: the provider or the RSGE, the BC; none for a parent.
std::optional<std::int64_t> side_org(const ms::Thread& th) {
  if (th.side == "provider" || th.side == "rsge") return th.organization_id;
  if (th.side == "bc") return th.bc_id;
  return std::nullopt;
}

// An audit row about a thread: the parent sees it among the consultations of their children's
// files (subject_user_id) when someone else wrote or read about their child.
void audit_thread(db::Connection& c, const Request& req, const std::string& action,
                  const ms::Thread& th, const std::string& detail) {
  const auto& who = access::auth_of(req).who;
  std::optional<std::int64_t> subject;
  if (th.side != "parent") subject = th.parent_user_id;
  access::store::audit(c, {.user_id = who.user_id,
                           .organization_id = side_org(th),
                           .subject_user_id = subject,
                           .action = action,
                           .record_type = "message_thread",
                           .record_id = std::to_string(th.id),
                           .detail = detail,
                           .address = req.remote,
                           .request_id = req.request_id});
}

// Who the thread is with, for its reader.
std::string with_words(const std::string& lang, const ms::Thread& th) {
  std::string child = person(th.child_given_name, th.child_surname);
  if (th.side == "parent") return fill(i18n::t(lang, "msg.with.provider"), {th.org_name, child});
  if (th.side == "provider") return fill(i18n::t(lang, "msg.with.family"), {child, th.org_name});
  if (th.side == "bc") return fill(i18n::t(lang, "msg.with.rsge"), {th.org_name});
  return fill(i18n::t(lang, "msg.with.bc"), {th.bc_name});
}

// An author as shown: "André Bégin (parent)", "Marie Tremblay (Service de garde Marie Tremblay)".
std::string author_words(const std::string& lang, const std::string& name, const std::string& side,
                         const std::string& org) {
  return name + " (" + (side == "parent" ? i18n::t(lang, "msg.role.parent") : org) + ")";
}

std::string signed_in_name(const Request& req) {
  const auto& u = *access::auth_of(req).user;
  return person(u.given_name, u.surname);
}

std::string side_org_name(const ms::Thread& th) {
  return th.side == "bc" ? th.bc_name : th.side == "parent" ? "" : th.org_name;
}

// The notice e-mail, French then English: who wrote about which request, and the link; never the
// message itself.
ms::Notice notice_of(const Request& req, const ms::Thread& th) {
  std::string link = referral_public_url() + "/messages/" + std::to_string(th.id);
  std::string child = person(th.child_given_name, th.child_surname);
  auto body = [&](const std::string& lang) {
    std::string who = author_words(lang, signed_in_name(req), th.side, side_org_name(th));
    return fill(i18n::t(lang, th.kind == "family" ? "msg.mail.body_family" : "msg.mail.body_bc"),
                {who, child, link});
  };
  return {i18n::t("fr", "msg.mail.subject") + " / " + i18n::t("en", "msg.mail.subject"),
          body("fr") + "\n\n---\n\n" + body("en")};
}

// A refused form: the error beside the field and in a summary, what was typed kept.
void add_error(const Request& req, mstch::map& ctx, const std::optional<FieldError>& error) {
  if (!error) return;
  std::string text = t(req, "msg.field." + error->field) + (req.lang == "fr" ? " : " : ": ") +
                     fill(t(req, error->key), {listing::count(req.lang, mr::kMaxBody),
                                               listing::count(req.lang, mr::kMaxSubject)});
  ctx["has_errors"] = true;
  ctx["errors"] = mstch::array{mstch::map{{"anchor", error->field}, {"text", text}}};
  ctx["err_" + error->field] = text;
}

// A form sent back: its refusal and what was typed.
struct FormState {
  std::optional<FieldError> error;
  std::string subject, body;
};

ms::Reader reader(db::Connection& c, const Request& req) {
  return ms::reader_of(c, access::auth_of(req).who);
}

// ---------------------------------------------------------------------------------------------
// The inbox.

Response inbox_page(const web::WebApp& web, db::Pool& pool, const Request& req) {
  auto c = pool.acquire();
  auto r = reader(*c, req);
  bool unread_only = req.query("non-lus").has_value();
  auto total = ms::inbox_count(*c, r, unread_only);
  auto unread_threads = unread_only ? total : ms::inbox_count(*c, r, true);
  auto all_threads = unread_only ? ms::inbox_count(*c, r, false) : total;
  std::int64_t pages = std::max<std::int64_t>(1, (total + kPerPage - 1) / kPerPage);
  std::int64_t page = std::min(listing::page_of(req.query("page")), pages);
  std::string base = unread_only ? "/messages?non-lus=1" : "/messages?";
  mstch::array rows;
  for (const auto& th : ms::inbox(*c, r, unread_only, kPerPage, (page - 1) * kPerPage)) {
    mstch::map row{{"id", std::to_string(th.id)},
                   {"href", "/messages/" + std::to_string(th.id)},
                   {"subject", th.subject},
                   {"with", with_words(req.lang, th)},
                   {"when", i18n::time_words(req.lang, th.last_message_at)},
                   {"when_iso", th.last_message_at},
                   {"unread", th.unread > 0}};
    if (th.unread > 0)
      row["unread_words"] = fill(t(req, th.unread == 1 ? "msg.unread_one" : "msg.unread_many"),
                                 {listing::count(req.lang, th.unread)});
    rows.push_back(std::move(row));
  }
  mstch::array filters;
  for (auto [href, key, n, current] :
       {std::tuple{std::string("/messages"), std::string("msg.inbox.all"), all_threads,
                   !unread_only},
        std::tuple{std::string("/messages?non-lus=1"), std::string("msg.inbox.unread"),
                   unread_threads, unread_only}})
    filters.push_back(mstch::map{{"href", href},
                                 {"label", t(req, key)},
                                 {"count", listing::count(req.lang, n)},
                                 {"current", current}});
  mstch::map ctx{{"rows", rows},
                 {"has_rows", !rows.empty()},
                 {"filters", filters},
                 {"unread_only", unread_only},
                 {"is_parent", r.parent},
                 {"is_bc", !r.bcs.empty()},
                 {"reads_nothing", !r.reads_any()},
                 {"pager", listing::pager(req.lang, page, kPerPage, total,
                                          [&](std::int64_t p) {
                                            return base + (unread_only ? "&" : "") +
                                                   "page=" + std::to_string(p);
                                          })},
                 {"breadcrumbs", web::crumbs({{t(req, "nav.dashboard"), "/tableau-de-bord"}})}};
  // An RSGE writes to her BC from here.
  mstch::array to_bc;
  for (auto id : r.rsge)
    if (auto o = access::store::organization(*c, id); o && o->parent_id) {
      auto bc = access::store::organization(*c, *o->parent_id);
      if (!bc) continue;
      to_bc.push_back(mstch::map{{"href", "/installations/" + o->number + "/message-bc"},
                                 {"label", fill(t(req, "msg.write_bc"), {bc->name})}});
    }
  ctx["to_bc"] = to_bc;
  return web.page(req, "messages_inbox", "msg.inbox.title", std::move(ctx));
}

// ---------------------------------------------------------------------------------------------
// A thread.

Response thread_page(const web::WebApp& web, db::Connection& c, const Request& req,
                     const ms::Thread& th, const FormState& form, int status) {
  mstch::array list;
  auto messages = ms::messages_of(c, th.id);
  for (size_t i = 0; i < messages.size(); ++i) {
    const auto& m = messages[i];
    list.push_back(
        mstch::map{{"id", std::to_string(m.id)},
                   {"author", author_words(req.lang, m.author_name, m.author_side, m.author_org)},
                   {"mine", m.author_id == access::auth_of(req).who.user_id},
                   {"when", i18n::time_words(req.lang, m.created_at)},
                   {"when_iso", m.created_at},
                   {"body", m.body},
                   {"last", i + 1 == messages.size()}});
  }
  mstch::map ctx{{"id", std::to_string(th.id)},
                 {"subject", th.subject},
                 {"with", with_words(req.lang, th)},
                 {"messages", list},
                 {"action", "/messages/" + std::to_string(th.id)},
                 {"body", form.body},
                 {"max", listing::count(req.lang, mr::kMaxBody)},
                 {"sent", req.query("envoye").has_value()},
                 {"breadcrumbs", web::crumbs({{t(req, "nav.dashboard"), "/tableau-de-bord"},
                                              {t(req, "msg.inbox.title"), "/messages"}})},
                 {"breadcrumb_current", th.subject}};
  add_error(req, ctx, form.error);
  return web.page(req, "messages_thread", "msg.thread.title", std::move(ctx), status);
}

std::optional<std::int64_t> id_param(const Request& req, const std::string& name) {
  auto v = text::to_int(req.params.at(name));
  if (!v || *v <= 0) return std::nullopt;
  return v;
}

// Reads the body of a posted form: normalized, and its refusal.
struct Typed {
  std::string subject, body;
  std::optional<FieldError> error;
};
Typed typed_of(const http::Form& form, bool with_subject) {
  Typed out;
  out.body = mr::normalized_body(form.get("body").value_or(""));
  if (with_subject) {
    out.subject = form.get("subject").value_or("");
    out.error = mr::check_subject(out.subject);
    out.subject = std::string(text::trim(out.subject));
  }
  if (!out.error) out.error = mr::check_body(out.body);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Where a thread starts: a parent's child and provider, a provider's child, a BC's RSGE, an
// RSGE's BC.

struct Start {
  std::string kind;  // family | bc
  std::int64_t organization_id = 0;
  std::optional<std::int64_t> child_id, bc_id;
  std::string heading, default_subject, action, back_href, back_label;
  std::optional<std::int64_t> existing;
};

Response start_page(const web::WebApp& web, const Request& req, const Start& s,
                    const FormState& form, int status) {
  mstch::map ctx{{"heading", s.heading},
                 {"action", s.action},
                 {"default_subject", s.default_subject},
                 {"subject", form.subject},
                 {"body", form.body},
                 {"max", listing::count(req.lang, mr::kMaxBody)},
                 {"max_subject", listing::count(req.lang, mr::kMaxSubject)},
                 {"back_href", s.back_href},
                 {"back_label", s.back_label},
                 {"breadcrumbs", web::crumbs({{t(req, "nav.dashboard"), "/tableau-de-bord"},
                                              {t(req, "msg.inbox.title"), "/messages"}})},
                 {"breadcrumb_current", s.heading}};
  add_error(req, ctx, form.error);
  return web.page(req, "messages_new", "msg.new.title", std::move(ctx), status);
}

// GET: the thread if started, else the form. POST: starts it (or adds to it) with the message.
Response start_route(const web::WebApp& web, Request& req, db::Connection& c, const Start& s) {
  if (req.method == "GET") {
    if (s.existing) return Response::redirect("/messages/" + std::to_string(*s.existing), 303);
    return start_page(web, req, s, {}, 200);
  }
  auto form = http::parse_form(req);
  if (!form.form) return web.error(form.error->status, req);
  auto typed = typed_of(*form.form, !s.existing);
  if (typed.error) return start_page(web, req, s, {typed.error, typed.subject, typed.body}, 422);
  auto r = reader(c, req);
  auto by = access::auth_of(req).who.user_id;
  std::int64_t id = 0;
  {
    db::Transaction tx(c);
    std::string subject = typed.subject.empty() ? s.default_subject : typed.subject;
    id = s.kind == "family" ? ms::start_family(c, *s.child_id, s.organization_id, subject, by)
                            : ms::start_bc(c, *s.bc_id, s.organization_id, subject, by);
    auto th = ms::thread_of(c, r, id);
    if (!th) return web.error(404, req);  // not reached: the route checked the side
    auto posted = ms::post(c, *th, by, th->side, side_org(*th), typed.body, notice_of(req, *th));
    audit_thread(c, req, "message_write", *th, "message " + std::to_string(posted.message_id));
    tx.commit();
  }
  return Response::redirect("/messages/" + std::to_string(id) + "?envoye=1#dernier", 303);
}

// The parent's child and chosen provider (or the provider that admitted the child): nullopt for
// another family's child, a provider not chosen, or one that may not know the child yet.
struct FamilyPair {
  std::int64_t child_id = 0;
  std::string child_name;
  access::Organization provider;
  bool identified = false;
  std::optional<std::int64_t> existing;
};
std::optional<FamilyPair> family_pair(db::Connection& c, std::int64_t child_id,
                                      const access::Organization& provider) {
  if (provider.kind != OrgKind::installation && provider.kind != OrgKind::rsge) return std::nullopt;
  auto d = reserve_store::detail(c, provider.id, child_id);
  if (!d) return std::nullopt;
  FamilyPair p{child_id, person(d->row.given_name, d->row.surname), provider, d->row.identified,
               ms::family_thread(c, child_id, provider.id)};
  bool may = mr::may_start_family(provider.kind == OrgKind::installation,
                                  provider.installation_kind.value_or(""), p.identified);
  if (!may && !p.existing) return std::nullopt;
  return p;
}

}  // namespace

std::optional<WriteLink> parent_write_link(db::Connection& c, std::int64_t child_id,
                                           const std::string& provider_number) {
  auto o = access::store::organization_by_number(c, provider_number);
  if (!o) return std::nullopt;
  auto p = family_pair(c, child_id, *o);
  if (!p) return std::nullopt;
  if (p->existing) return WriteLink{"/messages/" + std::to_string(*p->existing), true};
  return WriteLink{"/famille/enfants/" + std::to_string(child_id) + "/messages/" + provider_number,
                   false};
}

std::optional<WriteLink> provider_write_link(db::Connection& c,
                                             const access::Organization& provider,
                                             std::int64_t child_id) {
  auto p = family_pair(c, child_id, provider);
  if (!p) return std::nullopt;
  if (p->existing) return WriteLink{"/messages/" + std::to_string(*p->existing), true};
  return WriteLink{
      "/installations/" + provider.number + "/enfants/" + std::to_string(child_id) + "/message",
      false};
}

void add_message_routes(web::WebApp& web) {
  auto& router = web.router();
  auto& pool = web.pool();
  const auto account = Access::account();

  router.add("GET", "/messages", account,
             [&web, &pool](Request& req) { return inbox_page(web, pool, req); });

  // A thread: reading it resets the reader's unread count and writes an audit row.
  router.add("GET", "/messages/{thread}", account, [&web, &pool](Request& req) {
    auto id = id_param(req, "thread");
    if (!id) return web.error(404, req);
    auto c = pool.acquire();
    auto r = reader(*c, req);
    auto th = ms::thread_of(*c, r, *id);
    if (!th) return web.error(404, req);
    {
      db::Transaction tx(*c);
      ms::mark_read(*c, r.user_id, th->id);
      audit_thread(*c, req, "message_read", *th, "");
      tx.commit();
    }
    return thread_page(web, *c, req, *th, {}, 200);
  });

  // A reply.
  router.add("POST", "/messages/{thread}", account, [&web, &pool](Request& req) {
    auto id = id_param(req, "thread");
    if (!id) return web.error(404, req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto c = pool.acquire();
    auto r = reader(*c, req);
    auto th = ms::thread_of(*c, r, *id);
    if (!th) return web.error(404, req);
    auto typed = typed_of(*form.form, false);
    if (typed.error) return thread_page(web, *c, req, *th, {typed.error, "", typed.body}, 422);
    {
      db::Transaction tx(*c);
      auto posted =
          ms::post(*c, *th, r.user_id, th->side, side_org(*th), typed.body, notice_of(req, *th));
      audit_thread(*c, req, "message_write", *th, "message " + std::to_string(posted.message_id));
      tx.commit();
    }
    return Response::redirect("/messages/" + std::to_string(th->id) + "?envoye=1#dernier", 303);
  });

  // "Écrire au service": the parent, about a child of theirs, to a provider it chose.
  auto parent_start = [&web, &pool](Request& req) {
    auto child_id = id_param(req, "child");
    const auto& number = req.params.at("milieu");
    if (!child_id || !text::all_digits(number, 8)) return web.error(404, req);
    auto c = pool.acquire();
    auto f = family_store::family_of_user(*c, access::auth_of(req).who.user_id);
    if (!f || !family_store::child(*c, f->id, *child_id)) return web.error(404, req);
    auto o = access::store::organization_by_number(*c, number);
    auto p = o ? family_pair(*c, *child_id, *o) : std::nullopt;
    if (!p) return web.error(404, req);
    Start s{.kind = "family",
            .organization_id = o->id,
            .child_id = *child_id,
            .heading = fill(t(req, "msg.new.to_provider"), {o->name}),
            .default_subject = fill(i18n::t("fr", "msg.default_subject"), {p->child_name}),
            .action = "/famille/enfants/" + std::to_string(*child_id) + "/messages/" + number,
            .back_href = "/famille/enfants/" + std::to_string(*child_id),
            .back_label = t(req, "msg.new.back_child"),
            .existing = p->existing};
    return start_route(web, req, *c, s);
  };
  router.add("GET", "/famille/enfants/{child}/messages/{milieu}", Access::parent(), parent_start);
  router.add("POST", "/famille/enfants/{child}/messages/{milieu}", Access::parent(), parent_start);

  // "Écrire au parent": a provider's staff, about a child who chose it or was admitted there,
  // once they may know who the child is.
  const auto manage =
      Access::with_right("manage_admissions", "installation").of_kinds({"installation", "rsge"});
  auto provider_start = [&web, &pool](Request& req) {
    const auto& o = *access::auth_of(req).target;
    auto child_id = id_param(req, "child");
    if (!child_id) return web.error(404, req);
    auto c = pool.acquire();
    // A BC's staff reach an RSGE's pages under her mandate: they do not write as her.
    auto r = reader(*c, req);
    if (!r.holds(r.providers, o.id)) return web.error(403, req);
    auto p = family_pair(*c, *child_id, o);
    if (!p) return web.error(404, req);
    Start s{.kind = "family",
            .organization_id = o.id,
            .child_id = *child_id,
            .heading = fill(t(req, "msg.new.to_parent"), {p->child_name}),
            .default_subject = fill(i18n::t("fr", "msg.default_subject"), {p->child_name}),
            .action =
                "/installations/" + o.number + "/enfants/" + std::to_string(*child_id) + "/message",
            .back_href = "/installations/" + o.number + "/reserve/" + std::to_string(*child_id),
            .back_label = t(req, "msg.new.back_reserve"),
            .existing = p->existing};
    return start_route(web, req, *c, s);
  };
  router.add("GET", "/installations/{installation}/enfants/{child}/message", manage,
             provider_start);
  router.add("POST", "/installations/{installation}/enfants/{child}/message", manage,
             provider_start);

  // "Écrire à la RSGE": a BC's staff, from her registry page.
  const auto bc_manage = Access::with_right("manage_admissions", "bc").of_kinds({"bc"});
  auto bc_start = [&web, &pool](Request& req) {
    const auto& bc = *access::auth_of(req).target;
    const auto& number = req.params.at("rsge");
    if (!text::all_digits(number, 8)) return web.error(404, req);
    auto c = pool.acquire();
    auto rsge = access::store::rsge_by_number(*c, number);
    if (!rsge || rsge->parent_id != bc.id) return web.error(404, req);
    Start s{.kind = "bc",
            .organization_id = rsge->id,
            .bc_id = bc.id,
            .heading = fill(t(req, "msg.new.to_rsge"), {rsge->name}),
            .default_subject = fill(i18n::t("fr", "msg.default_subject_bc"), {bc.name}),
            .action = "/bc/" + bc.number + "/rsge/" + number + "/message",
            .back_href = "/bc/" + bc.number + "/rsge/" + number,
            .back_label = t(req, "msg.new.back_rsge"),
            .existing = ms::bc_thread(*c, bc.id, rsge->id)};
    return start_route(web, req, *c, s);
  };
  router.add("GET", "/bc/{bc}/rsge/{rsge}/message", bc_manage, bc_start);
  router.add("POST", "/bc/{bc}/rsge/{rsge}/message", bc_manage, bc_start);

  // An RSGE writes to her BC.
  // (An installation's number: 403, no BC of its own.)
  const auto rsge_manage = manage;
  auto rsge_start = [&web, &pool](Request& req) {
    const auto& rsge = *access::auth_of(req).target;
    auto c = pool.acquire();
    auto r = reader(*c, req);
    if (!r.holds(r.rsge, rsge.id)) return web.error(403, req);
    auto bc = rsge.parent_id ? access::store::organization(*c, *rsge.parent_id) : std::nullopt;
    if (!bc || bc->kind != OrgKind::bc) return web.error(404, req);
    Start s{.kind = "bc",
            .organization_id = rsge.id,
            .bc_id = bc->id,
            .heading = fill(t(req, "msg.new.to_bc"), {bc->name}),
            .default_subject = fill(i18n::t("fr", "msg.default_subject_bc"), {bc->name}),
            .action = "/installations/" + rsge.number + "/message-bc",
            .back_href = "/messages",
            .back_label = t(req, "msg.new.back_inbox"),
            .existing = ms::bc_thread(*c, bc->id, rsge.id)};
    return start_route(web, req, *c, s);
  };
  router.add("GET", "/installations/{installation}/message-bc", rsge_manage, rsge_start);
  router.add("POST", "/installations/{installation}/message-bc", rsge_manage, rsge_start);

  // The dashboard: the messages waiting, from the kept counts.
  access::dashboard::add_provider(
      web, [](db::Connection& c, const Request& req, const access::UserOrgs&) {
        std::vector<access::dashboard::Section> out;
        auto r = ms::reader_of(c, access::auth_of(req).who);
        if (!r.reads_any()) return out;
        auto unread = ms::unread_total(c, r);
        access::dashboard::Section s;
        s.id = "messages";
        s.title = t(req, "msg.dashboard.title");
        s.items = {{t(req, "msg.dashboard.unread"), listing::count(req.lang, unread),
                    "/messages?non-lus=1"},
                   {t(req, "msg.dashboard.all"),
                    listing::count(req.lang, ms::inbox_count(c, r, false)), "/messages"}};
        out.push_back(std::move(s));
        return out;
      });
}

}  // namespace sgee::portail

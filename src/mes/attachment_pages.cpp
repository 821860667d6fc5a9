#include "mes/attachment_pages.hpp"

#include <algorithm>

#include "access/nav.hpp"
#include "access/store.hpp"
#include "access/web.hpp"
#include "mes/attachments_store.hpp"
#include "mes/document_rules.hpp"
#include "mes/provider_pages.hpp"
#include "mes/review_store.hpp"
#include "mes/status_rules.hpp"
#include "platform/date.hpp"
#include "platform/db/db.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/log.hpp"
#include "platform/pdf_in.hpp"
#include "platform/text.hpp"

namespace sgee::mes {

namespace {

using http::Access;
using http::Request;
using http::Response;
namespace as = attachments_store;

// At most two PDF checks at once in this process (each may take up to 15 s on a hostile file):
// a third upload meanwhile is answered 503 "try again" instead of waiting in line.
pdf::CheckGate& check_gate() {
  static pdf::CheckGate gate(2);
  return gate;
}

std::string t(const Request& req, const std::string& key) {
  return i18n::t(req.lang, key);
}

// Whether section 2 says an integration plan is applied: yes, no, or not answered yet.
std::optional<bool> integration_plan_answer(const Answers& a) {
  auto it = a.fields.find("situation.integration_plan");
  if (it == a.fields.end()) return std::nullopt;
  if (it->second == "yes") return true;
  if (it->second == "no") return false;
  return std::nullopt;
}

// The request of the URL (mes::load_for: it belongs to the URL's organization, else 404) and its
// documents page.
struct Docs {
  store::Request request;
  Actor actor = Actor::provider_reader;
  std::int64_t org_id = 0;
  std::string base;  // /installations/N/mes/ID/documents
};
std::optional<Docs> load(db::Connection& c, const Request& req) {
  auto l = load_for(c, req);
  if (!l) return std::nullopt;
  const auto& org = *access::auth_of(req).target;
  std::string base =
      "/installations/" + org.number + "/mes/" + std::to_string(l->request.id) + "/documents";
  return Docs{std::move(l->request), l->actor, org.id, std::move(base)};
}

// Why the documents may not change now (the state machine, then the section), or nothing.
std::optional<Note> edit_refusal(db::Connection& c, const Docs& l) {
  auto verdict = decide(l.request.status, Action::save, l.actor, l.request.kind);
  if (!verdict.allowed()) return verdict.reason;
  return check_edit(l.request.status, Section::documents,
                    store::commented_sections(c, l.request.id));
}

// An audit row; `r` is the request (its id, number and organization).
template <class R>
void audit(db::Connection& c, const Request& req, const std::string& action, const R& r,
           std::int64_t attachment_id, const std::string& detail) {
  const auto& who = access::auth_of(req).who;
  access::store::audit(c, {.user_id = who.user_id,
                           .organization_id = r.organization_id,
                           .action = action,
                           .record_type = attachment_id ? "mes_attachment" : "mes_request",
                           .record_id = std::to_string(attachment_id ? attachment_id : r.id),
                           .detail = "request " + r.number + (detail.empty() ? "" : "; " + detail),
                           .address = req.remote,
                           .request_id = req.request_id});
}

std::string size_words(const Request& req, std::int64_t bytes) {
  if (bytes < 1024 * 1024) {
    auto kb = std::max<std::int64_t>(1, (bytes + 1023) / 1024);
    return std::to_string(kb) + "\u00a0" + t(req, "mes.docs.kb");
  }
  auto tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
  std::string n =
      std::to_string(tenths / 10) + (req.lang == "fr" ? "," : ".") + std::to_string(tenths % 10);
  return n + "\u00a0" + t(req, "mes.docs.mb");
}

// What was typed in the upload form, and what is wrong with it.
struct Typed {
  std::string nature, document_date;
  std::string err_nature, err_file, err_date;
  std::string refusal;  // the request may not change (409)
  bool any() const {
    return !err_nature.empty() || !err_file.empty() || !err_date.empty() || !refusal.empty();
  }
};

Response documents_page(const web::WebApp& web, db::Connection& c, const Request& req,
                        const Docs& l, const Typed& typed, int status) {
  auto files = as::list(c, l.request.id);
  bool may_enter = access::may(req, access::Right::enter_mes);
  auto refusal = edit_refusal(c, l);
  bool editable = may_enter && !refusal;

  mstch::array required;
  for (const auto& r : required_documents(l.request.type, l.request.kind,
                                          integration_plan_answer(l.request.answers))) {
    int found = 0;
    for (const auto& f : files) found += f.nature == r.id;
    int needed = r.count;
    mstch::map line{{"name", t(req, "mes.nature." + r.id)},
                    {"found", std::to_string(found)},
                    {"needed", std::to_string(needed)},
                    {"complete", found >= needed}};
    if (!r.also_as.empty()) {
      int also = 0;
      for (const auto& f : files) also += f.nature == r.also_as;
      line["also"] = i18n::fill(t(req, "mes.docs.also_as"), {t(req, "mes.nature." + r.also_as)});
      line["complete"] = found >= needed && also >= 1;
    }
    if (r.id == "integration_plan") line["plan"] = true;
    required.push_back(line);
  }

  mstch::array attached;
  for (const auto& f : files) {
    mstch::map row{{"id", std::to_string(f.id)},
                   {"nature", t(req, "mes.nature." + f.nature)},
                   {"filename", f.filename},
                   {"href", l.base + "/" + std::to_string(f.id)},
                   {"pages", pdf::pages_text(req.lang, static_cast<int>(f.pages))},
                   {"size", size_words(req, f.size)},
                   {"uploaded", i18n::time_words(req.lang, f.uploaded_at)},
                   {"by", f.uploaded_by},
                   {"delete", l.base + "/" + std::to_string(f.id) + "/supprimer"},
                   {"editable", editable}};
    if (f.document_date)
      if (auto d = dates::parse(*f.document_date))
        row["document_date"] = i18n::date_words(req.lang, *d);
    attached.push_back(row);
  }

  mstch::array natures;
  for (const auto& n : mes::natures()) {
    bool starred = false;
    for (const auto& r : required_documents(l.request.type, l.request.kind, std::nullopt))
      starred |= r.id == n;
    natures.push_back(mstch::map{{"id", n},
                                 {"name", t(req, "mes.nature." + n)},
                                 {"starred", starred},
                                 {"selected", typed.nature == n}});
  }

  mstch::array errors;
  auto add_error = [&](const std::string& text, const std::string& anchor) {
    if (!text.empty()) errors.push_back(mstch::map{{"text", text}, {"anchor", anchor}});
  };
  add_error(typed.refusal, "documents");
  add_error(typed.err_nature, "nature");
  add_error(typed.err_file, "fichier");
  add_error(typed.err_date, "document_date");

  std::string title = i18n::fill(t(req, "mes.docs.title"), {l.request.number});
  mstch::map ctx{{"heading", title},
                 {"child", i18n::fill(t(req, "mes.docs.child"), {l.request.child_given_name + " " +
                                                                 l.request.child_surname})},
                 {"type", t(req, type_key(l.request.type))},
                 {"status", t(req, status_key(l.request.status))},
                 {"required", required},
                 {"has_required", !required.empty()},
                 {"attached", attached},
                 {"has_attached", !attached.empty()},
                 {"editable", editable},
                 {"read_only", refusal ? note_text(req.lang, *refusal) : std::string()},
                 {"action", l.base},
                 {"natures", natures},
                 {"document_date", typed.document_date},
                 {"max_size", "10\u00a0" + t(req, "mes.docs.mb")},
                 {"has_errors", !errors.empty()},
                 {"errors", errors},
                 {"err_nature", typed.err_nature},
                 {"err_file", typed.err_file},
                 {"err_date", typed.err_date},
                 {"added", req.query("ajoute").has_value()},
                 {"removed", req.query("supprime").has_value()},
                 {"back", l.base.substr(0, l.base.size() - std::string("/documents").size())},
                 {"breadcrumb_current", title}};
  if (!may_enter) ctx["read_only"] = std::string();
  std::string request_page = l.base.substr(0, l.base.size() - std::string("/documents").size());
  std::string lists = request_page.substr(0, request_page.rfind('/'));
  ctx["breadcrumbs"] = access::org_crumbs(
      req, {{t(req, "mes.lists.title"), lists}, {l.request.number, request_page}});
  return web.page(req, "mes_documents", "mes.docs.page_title", std::move(ctx), status);
}

Response download(const as::File& f) {
  Response r;
  r.body = f.content;
  r.set("Content-Type", "application/pdf");
  std::string ascii = as::safe_filename(f.info.filename, true);
  std::string utf8 = as::safe_filename(f.info.filename, false);
  r.set("Content-Disposition",
        "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + text::url_encode(utf8));
  r.set("X-Content-Type-Options", "nosniff");
  r.set("Cache-Control", "no-store");
  return r;
}

Response upload(const web::WebApp& web, db::Pool& pool, Request& req) {
  auto c = pool.acquire();
  auto l = load(*c, req);
  if (!l) return web.error(404, req);
  http::FormLimits limits;
  limits.max_file_bytes = kMaxAttachmentBytes;
  limits.max_parts = 20;
  auto form = http::parse_form(req, limits);
  Typed typed;
  if (!form.form) {
    if (form.error->status != 413) return web.error(form.error->status, req);
    typed.err_file = t(req, "mes.docs.field.file") + " : " +
                     pdf::refusal_text(req.lang, pdf::Refusal::too_large);
    return documents_page(web, *c, req, *l, typed, 413);
  }
  const auto& f = *form.form;
  typed.nature = text::trim(f.get("nature").value_or(""));
  typed.document_date = text::trim(f.get("document_date").value_or(""));
  if (auto refusal = edit_refusal(*c, *l)) {
    typed.refusal = note_text(req.lang, *refusal);
    return documents_page(web, *c, req, *l, typed, 409);
  }
  const http::FormFile* file = nullptr;
  for (const auto& ff : f.files)
    if (ff.field == "fichier") file = &ff;
  if (typed.nature.empty())
    typed.err_nature = t(req, "mes.docs.err.nature_required");
  else if (!known_nature(typed.nature))
    typed.err_nature = t(req, "mes.docs.err.nature_unknown");
  if (!file || (file->filename.empty() && file->data.empty()))
    typed.err_file = t(req, "mes.docs.err.file_required");
  std::optional<std::string> document_date;
  if (typed.nature == "integration_plan") {
    auto today = dates::today_in_quebec();
    auto d = dates::parse(typed.document_date);
    if (typed.document_date.empty())
      typed.err_date = t(req, "mes.docs.err.date_required");
    else if (!d)
      typed.err_date = t(req, "mes.docs.err.date_bad");
    else if (*d > today)
      typed.err_date = t(req, "mes.docs.err.date_future");
    else if (!integration_plan_recent(*d, today))
      typed.err_date = t(req, "mes.docs.err.plan_too_old");
    else
      document_date = dates::format(*d);
  } else if (!typed.document_date.empty()) {
    auto d = dates::parse(typed.document_date);
    if (!d)
      typed.err_date = t(req, "mes.docs.err.date_bad");
    else
      document_date = dates::format(*d);
  }
  if (typed.any()) return documents_page(web, *c, req, *l, typed, 422);

  auto checked = check_gate().try_check(file->data);
  if (!checked) {
    typed.err_file = t(req, "mes.docs.err.busy");
    auto res = documents_page(web, *c, req, *l, typed, 503);
    res.set("Retry-After", "30");
    return res;
  }
  if (!checked->ok()) {
    typed.err_file =
        t(req, "mes.docs.field.file") + " : " + pdf::refusal_text(req.lang, checked->refusal);
    log::info(
        "mes attachment refused",
        {{"id", req.request_id}, {"refusal", std::string(pdf::refusal_code(checked->refusal))}});
    return documents_page(web, *c, req, *l, typed,
                          checked->refusal == pdf::Refusal::too_large ? 413 : 422);
  }
  {
    db::Transaction tx(*c);
    // The status again, inside the transaction: a request transmitted meanwhile takes nothing.
    auto now = store::load(*c, l->request.id, l->org_id);
    if (!now || now->status != l->request.status) {
      return web.error(409, req);
    }
    auto id = as::insert(*c, {.request_id = l->request.id,
                              .nature = typed.nature,
                              .filename = as::safe_filename(file->filename),
                              .content = file->data,
                              .pages = checked->pages,
                              .sha256 = checked->sha256,
                              .document_date = document_date,
                              .uploaded_by = access::auth_of(req).who.user_id});
    audit(*c, req, "create", l->request, id, typed.nature + " " + checked->sha256);
    tx.commit();
  }
  return Response::redirect(l->base + "?ajoute=1#pieces", 303);
}

}  // namespace

void add_attachment_routes(web::WebApp& web) {
  auto& router = web.router();
  auto& pool = web.pool();
  const std::vector<std::string> kinds = {"installation", "bc"};
  const auto consult = Access::with_right("consult_mes").of_kinds(kinds);
  const auto enter = Access::with_right("enter_mes").of_kinds(kinds);
  const std::string base = "/installations/{installation}/mes/{request}/documents";

  router.add("GET", base, consult, [&web, &pool](Request& req) {
    auto c = pool.acquire();
    auto l = load(*c, req);
    if (!l) return web.error(404, req);
    audit(*c, req, "read", l->request, 0, "documents page");
    return documents_page(web, *c, req, *l, {}, 200);
  });

  router.add("POST", base, enter, [&web, &pool](Request& req) { return upload(web, pool, req); });
  router.limit_body("POST", base, kUploadBodyLimit);

  router.add("GET", base + "/{attachment}", consult, [&web, &pool](Request& req) {
    auto c = pool.acquire();
    auto l = load(*c, req);
    auto id = id_param(req, "attachment");
    if (!l || !id) return web.error(404, req);
    auto f = as::read(*c, l->request.id, *id);
    if (!f) return web.error(404, req);
    audit(*c, req, "read", l->request, f->info.id, f->info.nature + " " + f->info.sha256);
    return download(*f);
  });

  router.add("POST", base + "/{attachment}/supprimer", enter, [&web, &pool](Request& req) {
    auto c = pool.acquire();
    auto l = load(*c, req);
    auto id = id_param(req, "attachment");
    if (!l || !id) return web.error(404, req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto files = as::list(*c, l->request.id);
    auto it = std::find_if(files.begin(), files.end(), [&](const auto& a) { return a.id == *id; });
    if (it == files.end()) return web.error(404, req);
    if (auto refusal = edit_refusal(*c, *l)) {
      Typed typed;
      typed.refusal = note_text(req.lang, *refusal);
      return documents_page(web, *c, req, *l, typed, 409);
    }
    if (auto ask =
            web.confirm_first(req, *form.form,
                              {.question = t(req, "mes.docs.delete_question"),
                               .subject = it->filename + " — " + t(req, "mes.nature." + it->nature),
                               .action = t(req, "mes.docs.delete"),
                               .back = l->base}))
      return *ask;
    {
      db::Transaction tx(*c);
      if (!as::remove(*c, l->request.id, *id)) {
        return web.error(404, req);
      }
      audit(*c, req, "delete", l->request, *id, it->nature + " " + it->sha256);
      tx.commit();
    }
    return Response::redirect(l->base + "?supprime=1#pieces", 303);
  });

  // The ministry's agent downloads a file of any request (audited).
  router.add("GET", "/ministere/mes/{request}/documents/{attachment}", Access::ministry(),
             [&web, &pool](Request& req) {
               auto c = pool.acquire();
               auto rid = id_param(req, "request");
               auto id = id_param(req, "attachment");
               if (!rid || !id) return web.error(404, req);
               // A request transmitted at least once (a draft is the provider's alone).
               auto r = review_store::request(*c, *rid);
               if (!r || r->status == "supprimee" || r->first_transmitted_at.empty())
                 return web.error(404, req);
               auto f = as::read(*c, r->id, *id);
               if (!f) return web.error(404, req);
               audit(*c, req, "read", *r, f->info.id, f->info.nature + " " + f->info.sha256);
               return download(*f);
             });
}

}  // namespace sgee::mes

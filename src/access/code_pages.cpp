// Sync API access codes (SYN-03) on the web: the RSE, or a holder of manage_access_codes, issues a
// code for an installation or the BC (shown once), sees when each was last used, and revokes it.
#include <algorithm>
#include <map>

#include "access/web.hpp"
#include "platform/date.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/text.hpp"

namespace sgee::access {

using http::Access;
using http::Request;
using http::Response;

namespace {

// Installations and BCs (codes are never for an RSGE: its BC's code covers it) this user manages.
std::vector<Organization> code_organizations(db::Connection& c, const RequestAuth& a) {
  std::vector<Organization> out;
  if (!a.who.division_id) return out;
  for (auto& o : store::managed_organizations(c, *a.who.division_id)) {
    if (o.kind != OrgKind::installation && o.kind != OrgKind::bc) continue;
    if (a.who.is_rse || a.who.has_right(o.id, Right::manage_access_codes))
      out.push_back(std::move(o));
  }
  return out;
}

// The codes of the organizations this user manages, as the list shows them: in the order the URL
// asks (description in French order, organization, issued, last used; each both ways), times in
// Québec time.
struct CodeRow {
  store::AccessCodeInfo code;
  std::string organization, created, last_used;
};

listing::Sort code_sort(const Request& req) {
  return listing::read_sort(req.query("tri").value_or(""), req.query("sens").value_or(""),
                            {"description", "organisation", "emis", "utilise"});
}

std::vector<CodeRow> code_rows(db::Connection& c, const Request& req, const listing::Sort& sort,
                               mstch::array* choices = nullptr) {
  std::vector<std::int64_t> ids;
  std::map<std::int64_t, std::string> names;
  for (const auto& o : code_organizations(c, auth_of(req))) {
    ids.push_back(o.id);
    names[o.id] = o.name + " (" + o.number + ")";
    if (choices) choices->push_back(mstch::map{{"number", o.number}, {"name", names[o.id]}});
  }
  auto when = [&](const std::optional<std::string>& utc) {
    return utc ? dates::local_time_text(req.lang, dates::quebec_time_of(*utc), *utc) : "—";
  };
  std::vector<CodeRow> rows;
  for (auto& code : store::access_codes(c, ids)) {
    CodeRow r{code, names[code.organization_id], when(code.created_at), when(code.last_used_at)};
    rows.push_back(std::move(r));
  }
  auto key = [&](const CodeRow& r) {
    if (sort.column == "organisation") return text::search_key(r.organization);
    if (sort.column == "emis") return r.code.created_at;
    if (sort.column == "utilise") return r.code.last_used_at.value_or("");
    return text::search_key(r.code.label);
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const CodeRow& x, const CodeRow& y) {
    return sort.descending ? key(y) < key(x) : key(x) < key(y);
  });
  return rows;
}

Response list_page(web::WebApp& web, db::Connection& c, Request& req, mstch::map extra,
                   int status = 200) {
  auto sort = code_sort(req);
  mstch::array choices, rows;
  auto codes = code_rows(c, req, sort, &choices);
  for (const auto& r : codes)
    rows.push_back(mstch::map{
        {"id", std::to_string(r.code.id)},
        {"label", r.code.label},
        {"organization", r.organization},
        {"created", r.created},
        {"last_used", r.last_used},
        {"revoked", r.code.revoked_at.has_value()},
        {"revoked_on", r.code.revoked_at ? r.code.revoked_at->substr(0, 10) : std::string()}});
  auto t = [&](const char* key) { return i18n::t(req.lang, key); };
  std::vector<listing::Column> columns = {{"description", t("codes.label"), ""},
                                          {"organisation", t("codes.organization"), ""},
                                          {"emis", t("codes.created"), ""},
                                          {"utilise", t("codes.last_used"), ""},
                                          {"", t("codes.state"), ""}};
  mstch::map ctx{{"choices", choices},
                 {"codes", rows},
                 {"has_codes", !rows.empty()},
                 {"codes_count", listing::count(req.lang, static_cast<std::int64_t>(codes.size()))},
                 {"headers", listing::sort_headers(columns, sort,
                                                   [](const listing::Sort& by) {
                                                     return "/codes-acces?" +
                                                            listing::sort_query(by);
                                                   })},
                 {"csv_href", "/codes-acces.csv?" + listing::sort_query(sort)}};
  for (auto& [k, v] : extra) ctx[k] = v;
  return web.page(req, "access_codes", "codes.title", ctx, status);
}

// The list as CSV (no secret in it: codes are stored hashed), in the list's order and the page's
// language; audited.
Response codes_csv(db::Pool& pool, Request& req) {
  const auto& a = auth_of(req);
  auto c = pool.acquire();
  auto t = [&](const char* key) { return i18n::t(req.lang, key); };
  std::string body = "\xEF\xBB\xBF";
  listing::csv_line(body, {t("codes.label"), t("codes.organization"), t("codes.created"),
                           t("codes.last_used"), t("codes.state")});
  auto codes = code_rows(*c, req, code_sort(req));
  for (const auto& r : codes)
    listing::csv_line(
        body, {r.code.label, r.organization, r.created, r.last_used,
               r.code.revoked_at ? t("codes.revoked") + " " + r.code.revoked_at->substr(0, 10)
                                 : t("list.active")});
  store::audit(*c, {.user_id = a.who.user_id,
                    .organization_id = a.who.division_id,
                    .action = "export",
                    .record_type = "access_code_list",
                    .record_id = "",
                    .detail = "csv " + std::to_string(codes.size()),
                    .address = req.remote,
                    .request_id = req.request_id});
  return listing::csv_download(std::move(body), "codes-acces.csv");
}

}  // namespace

void add_code_pages(web::WebApp& web) {
  auto& pool = web.pool();
  auto& router = web.router();
  const auto manage = Access::with_right("manage_access_codes", "");

  router.add("GET", "/codes-acces", manage, [&web, &pool](Request& req) {
    auto c = pool.acquire();
    return list_page(web, *c, req, {{"revoked_done", req.query("revoked").has_value()}});
  });

  router.add("GET", "/codes-acces.csv", manage,
             [&pool](Request& req) { return codes_csv(pool, req); });

  router.add("POST", "/codes-acces", manage, [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto number = form.form->get("organization").value_or("");
    auto label = std::string(text::trim(form.form->get("label").value_or("")));
    auto c = pool.acquire();
    auto orgs = code_organizations(*c, a);
    auto org = std::find_if(orgs.begin(), orgs.end(),
                            [&](const Organization& o) { return o.number == number; });
    if (org == orgs.end() || label.empty() || label.size() > 100)
      return list_page(web, *c, req,
                       {{"error", i18n::t(req.lang, "codes.invalid")}, {"label", label}}, 422);
    db::Transaction tx(*c);
    auto issued = store::issue_access_code(*c, org->id, label, a.who.user_id);
    store::audit(*c, {.user_id = a.who.user_id,
                      .organization_id = org->id,
                      .action = "create",
                      .record_type = "access_code",
                      .record_id = std::to_string(issued.id),
                      .detail = label,
                      .address = req.remote,
                      .request_id = req.request_id});
    tx.commit();
    auto res = list_page(
        web, *c, req,
        {{"new_code", issued.code}, {"new_for", org->name + " (" + org->number + ")"}}, 201);
    return res;
  });

  router.add("POST", "/codes-acces/{code}/revoquer", manage, [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto id = text::to_int(req.params["code"]);
    auto c = pool.acquire();
    auto code = id ? store::access_code(*c, *id) : std::nullopt;
    auto orgs = code_organizations(*c, a);
    bool mine = code && std::any_of(orgs.begin(), orgs.end(), [&](const Organization& o) {
                  return o.id == code->organization_id;
                });
    if (!mine) return web.error(404, req);  // someone else's code: as if it did not exist
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    if (auto ask = web.confirm_first(req, *form.form,
                                     {i18n::t(req.lang, "forms.code_revoke_q"), code->label,
                                      i18n::t(req.lang, "forms.code_revoke_yes"), "/codes-acces"}))
      return std::move(*ask);
    db::Transaction tx(*c);
    store::revoke_access_code(*c, code->id);
    store::audit(*c, {.user_id = a.who.user_id,
                      .organization_id = code->organization_id,
                      .action = "revoke",
                      .record_type = "access_code",
                      .record_id = std::to_string(code->id),
                      .address = req.remote,
                      .request_id = req.request_id});
    tx.commit();
    return Response::redirect("/codes-acces?revoked=1", 303);
  });
}

}  // namespace sgee::access

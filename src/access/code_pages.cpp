// Sync API access codes (SYN-03) on the web: the RSE, or a holder of manage_access_codes, issues a
// code for an installation or the BC (shown once), sees when each was last used, and revokes it.
#include <algorithm>
#include <map>

#include "access/web.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
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

Response list_page(web::WebApp& web, db::Connection& c, Request& req, mstch::map extra,
                   int status = 200) {
  const auto& a = auth_of(req);
  auto orgs = code_organizations(c, a);
  std::vector<std::int64_t> ids;
  mstch::array choices;
  std::map<std::int64_t, std::string> names;
  for (const auto& o : orgs) {
    ids.push_back(o.id);
    names[o.id] = o.name + " (" + o.number + ")";
    choices.push_back(mstch::map{{"number", o.number}, {"name", names[o.id]}});
  }
  mstch::array rows;
  for (const auto& code : store::access_codes(c, ids)) {
    rows.push_back(mstch::map{
        {"id", std::to_string(code.id)},
        {"label", code.label},
        {"organization", names[code.organization_id]},
        {"created", code.created_at.substr(0, 10)},
        {"last_used", code.last_used_at ? code.last_used_at->substr(0, 16) : std::string("—")},
        {"revoked", code.revoked_at.has_value()},
        {"revoked_on", code.revoked_at ? code.revoked_at->substr(0, 10) : std::string()}});
  }
  mstch::map ctx{{"choices", choices}, {"codes", rows}, {"has_codes", !rows.empty()}};
  for (auto& [k, v] : extra) ctx[k] = v;
  return web.page(req, "access_codes", "codes.title", ctx, status);
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

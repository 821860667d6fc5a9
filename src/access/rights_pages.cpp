// "Gestion des droits d'accès": the RSE (or a staff member holding the manage_rights right)
// creates staff accounts and ticks their rights per installation.
#include <algorithm>

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

// The organizations whose rights this user may manage.
std::vector<Organization> managed(db::Connection& c, const RequestAuth& a) {
  if (!a.who.division_id) return {};
  auto all = store::organizations_of_division(c, *a.who.division_id);
  if (a.who.is_rse) return all;
  std::vector<Organization> out;
  for (auto& o : all)
    if (a.who.has_right(o.id, Right::manage_rights)) out.push_back(std::move(o));
  return out;
}

// A staff member of the manager's division, or nothing (unknown or someone else's: same answer).
std::optional<store::User> staff_member(db::Connection& c, const RequestAuth& a,
                                        const std::string& id_text) {
  auto id = text::to_int(id_text);
  if (!id || !a.who.division_id) return std::nullopt;
  auto u = store::user(c, *id);
  if (!u || u->organization_id != a.who.division_id || u->kind != UserKind::enterprise)
    return std::nullopt;
  return u;
}

mstch::array staff_rows(db::Connection& c, const RequestAuth& a) {
  mstch::array rows;
  for (const auto& u : store::users_of_division(c, *a.who.division_id)) {
    rows.push_back(mstch::map{{"id", std::to_string(u.id)},
                              {"name", u.given_name + " " + u.surname},
                              {"user_code", u.user_code.value_or("")},
                              {"is_rse", u.is_rse},
                              {"rights_count", std::to_string(store::rights_of(c, u.id).size())}});
  }
  return rows;
}

}  // namespace

void add_rights_pages(web::WebApp& web) {
  auto& pool = web.pool();
  auto& router = web.router();
  const auto manage = Access::with_right("manage_rights", "");

  router.add("GET", "/droits", manage, [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto c = pool.acquire();
    return web.page(req, "rights_list", "rights.title",
                    {{"staff", staff_rows(*c, a)}, {"can_add", a.who.is_rse}});
  });

  // Only the RSE creates accounts; the new member gets a user code and a temporary password,
  // shown once here, to be changed at first sign-in.
  router.add("POST", "/droits/personnel", Access::rse(), [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    std::string surname(text::trim(form.form->get("surname").value_or("")));
    std::string given(text::trim(form.form->get("given_name").value_or("")));
    std::string email = text::lower(text::trim(form.form->get("email").value_or("")));
    auto c = pool.acquire();
    mstch::map ctx{{"staff", staff_rows(*c, a)},
                   {"can_add", true},
                   {"surname", surname},
                   {"given_name", given},
                   {"email", email}};
    std::vector<std::string> errors;
    if (surname.empty() || surname.size() > 50) errors.push_back("surname");
    if (given.empty() || given.size() > 50) errors.push_back("given_name");
    bool email_ok = email.empty() || (email.find('@') != std::string::npos && email.size() <= 254);
    if (!email_ok) errors.push_back("email");
    if (email_ok && !email.empty() && store::user_by_login(*c, email))
      errors.push_back("email_taken");
    if (!errors.empty()) {
      for (const auto& e : errors) ctx["error_" + e] = true;
      ctx["has_errors"] = true;
      return web.page(req, "rights_list", "rights.title", ctx, 422);
    }
    db::Transaction tx(*c);
    store::User u;
    u.kind = UserKind::enterprise;
    u.user_code = store::new_user_code(*c, UserKind::enterprise);
    if (!email.empty()) u.email = email;
    u.surname = surname;
    u.given_name = given;
    u.must_change_password = true;
    u.organization_id = a.who.division_id;
    std::string password = store::temporary_password();
    auto id = store::add_user(*c, u, password);
    store::audit(*c, {.user_id = a.who.user_id,
                      .organization_id = a.who.division_id,
                      .action = "create",
                      .record_type = "user",
                      .record_id = std::to_string(id),
                      .address = req.remote,
                      .request_id = req.request_id});
    tx.commit();
    auto res = web.page(req, "staff_created", "rights.created_title",
                        {{"name", given + " " + surname},
                         {"user_code", *u.user_code},
                         {"password", password},
                         {"id", std::to_string(id)}},
                        201);
    return res;
  });

  router.add("GET", "/droits/{user}", manage, [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto c = pool.acquire();
    auto member = staff_member(*c, a, req.params["user"]);
    if (!member) return web.error(404, req);
    auto held = store::rights_of(*c, member->id);
    mstch::array headers;
    for (auto r : all_rights())
      headers.push_back(
          mstch::map{{"label", i18n::t(req.lang, "right." + std::string(to_string(r)))}});
    mstch::array rows;
    for (const auto& o : managed(*c, a)) {
      mstch::array cells;
      for (auto r : all_rights()) {
        bool on = std::find(held.begin(), held.end(), std::make_pair(o.id, r)) != held.end();
        std::string name = std::string(to_string(r));
        cells.push_back(mstch::map{{"field", o.number + ":" + name},
                                   {"id", "r-" + o.number + "-" + name},
                                   {"checked", on},
                                   {"label", i18n::t(req.lang, "right." + name)}});
      }
      rows.push_back(
          mstch::map{{"name", o.name},
                     {"number", o.number},
                     {"kind", i18n::t(req.lang, "org_kind." + std::string(to_string(o.kind)))},
                     {"cells", cells}});
    }
    return web.page(req, "rights_user", "rights.user_title",
                    {{"id", std::to_string(member->id)},
                     {"name", member->given_name + " " + member->surname},
                     {"user_code", member->user_code.value_or("")},
                     {"headers", headers},
                     {"rows", rows},
                     {"saved", req.query("saved").has_value()},
                     {"is_rse", member->is_rse}});
  });

  router.add("POST", "/droits/{user}", manage, [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto c = pool.acquire();
    auto member = staff_member(*c, a, req.params["user"]);
    if (!member) return web.error(404, req);
    auto orgs = managed(*c, a);
    std::vector<std::int64_t> ids;
    std::vector<std::pair<std::int64_t, Right>> granted;
    for (const auto& o : orgs) {
      ids.push_back(o.id);
      for (auto r : all_rights())
        if (form.form->get(o.number + ":" + std::string(to_string(r))))
          granted.emplace_back(o.id, r);
    }
    db::Transaction tx(*c);
    store::set_rights(*c, member->id, ids, granted, a.who.user_id);
    tx.commit();
    return Response::redirect("/droits/" + std::to_string(member->id) + "?saved=1", 303);
  });
}

}  // namespace sgee::access

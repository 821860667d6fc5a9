// "Gestion des droits d'accès": the RSE (or a staff member holding the manage_rights right)
// creates staff accounts and ticks their rights per installation.
#include <algorithm>
#include <map>

#include "access/nav.hpp"
#include "access/rules.hpp"
#include "access/web.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/text.hpp"

namespace sgee::access {

using http::Access;
using http::Request;
using http::Response;

namespace {

// The organizations whose rights this user may manage.
std::vector<Organization> managed(db::Connection& c, const RequestAuth& a) {
  if (!a.who.division_id) return {};
  auto all = store::managed_organizations(c, *a.who.division_id);
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

std::string full_name(const store::User& u) {
  return u.given_name + " " + u.surname;
}

// A staff member whose account this manager may deactivate or reset: of the division, not the
// RSE (the ministry replaces an RSE), not oneself, and for a manager who is not the RSE, someone
// whose rights all lie where the manager manages them (a reset shows the new password: it must
// not open more than the manager already holds). Nothing when unknown or an RSE (404); `*refused`
// when it is oneself or someone out of reach (403).
std::optional<store::User> account_member(db::Connection& c, const RequestAuth& a,
                                          const std::string& id_text, bool* refused) {
  auto member = staff_member(c, a, id_text);
  *refused = member && member->id == a.who.user_id;
  if (!member || member->is_rse || *refused) return std::nullopt;
  if (!a.who.is_rse) {
    auto mine = managed(c, a);
    for (const auto& [org, r] : store::rights_of(c, member->id))
      if (std::none_of(mine.begin(), mine.end(),
                       [org = org](const Organization& o) { return o.id == org; }))
        *refused = true;
  }
  if (*refused) return std::nullopt;
  return member;
}

// The rights that mean something on `o` when granted by this manager: on an RSGE of their BC,
// not those the BC's side never holds there (POR-05: the RSGE's own rights and codes).
bool grantable(const RequestAuth& a, const Organization& o, Right r) {
  return o.kind != OrgKind::rsge || a.who.division_id == o.id || bc_side_reaches_rsge(r, true);
}

// The division's staff in French order of their names, each with the rights they hold, by
// organization ("CPE … — Limoilou : Consulter les dossiers, Saisir les dossiers"), not a count.
// The division's staff as the list shows them: by name in French order (or by user code), each
// with the rights they hold per organization, in words.
struct StaffMember {
  store::User user;
  std::vector<std::pair<std::string, std::string>> grants;  // organization's name, its rights
};

std::vector<StaffMember> staff_of(db::Connection& c, const RequestAuth& a, const std::string& lang,
                                  const listing::Sort& sort) {
  auto users = store::users_of_division(c, *a.who.division_id);
  auto key = [&](const store::User& u) {
    return sort.column == "code" ? std::pair(u.user_code.value_or(""), std::string())
                                 : std::pair(text::search_key(u.surname + " " + u.given_name),
                                             u.user_code.value_or(""));
  };
  std::stable_sort(users.begin(), users.end(), [&](const store::User& x, const store::User& y) {
    return sort.descending ? key(y) < key(x) : key(x) < key(y);
  });
  std::map<std::int64_t, std::string> org_names;
  std::vector<StaffMember> out;
  for (auto& u : users) {
    std::map<std::int64_t, std::string> held;  // organization -> its rights, in words
    for (const auto& [org, right] : store::rights_of(c, u.id)) {
      auto& names = held[org];
      names +=
          (names.empty() ? "" : ", ") + i18n::t(lang, "right." + std::string(to_string(right)));
    }
    StaffMember m{std::move(u), {}};
    for (const auto& [org, rights] : held) {
      if (!org_names.count(org)) {
        auto o = store::organization(c, org);
        org_names[org] = o ? o->name : "";
      }
      m.grants.emplace_back(org_names[org], rights);
    }
    out.push_back(std::move(m));
  }
  return out;
}

listing::Sort staff_sort(const Request& req) {
  return listing::read_sort(req.query("tri").value_or(""), req.query("sens").value_or(""),
                            {"nom", "code"});
}

// The list's part of the page: its rows, sortable headers, count and CSV link.
mstch::map staff_list(db::Connection& c, const Request& req) {
  auto sort = staff_sort(req);
  mstch::array rows;
  auto staff = staff_of(c, auth_of(req), req.lang, sort);
  for (const auto& m : staff) {
    mstch::array grants;
    for (const auto& [org, rights] : m.grants)
      grants.push_back(mstch::map{{"organization", org}, {"rights", rights}});
    rows.push_back(mstch::map{{"id", std::to_string(m.user.id)},
                              {"name", m.user.given_name + " " + m.user.surname},
                              {"user_code", m.user.user_code.value_or("")},
                              {"is_rse", m.user.is_rse},
                              {"disabled", m.user.disabled},
                              {"has_grants", !grants.empty()},
                              {"grants", grants}});
  }
  auto t = [&](const char* key) { return i18n::t(req.lang, key); };
  std::vector<listing::Column> columns = {{"nom", t("rights.name"), ""},
                                          {"code", t("rights.user_code"), ""},
                                          {"", t("rights.rights_count"), ""}};
  return {{"staff", rows},
          {"staff_count", listing::count(req.lang, static_cast<std::int64_t>(staff.size()))},
          {"headers", listing::sort_headers(columns, sort,
                                            [](const listing::Sort& by) {
                                              return "/droits?" + listing::sort_query(by);
                                            })},
          {"csv_href", "/droits.csv?" + listing::sort_query(sort)}};
}

}  // namespace

AccountForm account_form(const http::Form& form) {
  return {std::string(text::trim(form.get("surname").value_or(""))),
          std::string(text::trim(form.get("given_name").value_or(""))),
          text::lower(text::trim(form.get("email").value_or("")))};
}

std::vector<std::string> account_errors(db::Connection& c, const AccountForm& f) {
  std::vector<std::string> errors;
  if (f.surname.empty() || f.surname.size() > 50) errors.push_back("surname");
  if (f.given_name.empty() || f.given_name.size() > 50) errors.push_back("given_name");
  bool email_ok =
      f.email.empty() || (f.email.find('@') != std::string::npos && f.email.size() <= 254);
  if (!email_ok) errors.push_back("email");
  if (email_ok && !f.email.empty() && store::user_by_login(c, f.email))
    errors.push_back("email_taken");
  return errors;
}

NewAccount create_account(db::Connection& c, const Request& req, const AccountForm& f,
                          std::int64_t home_org, bool is_rse) {
  const auto& a = auth_of(req);
  store::User u;
  u.kind = UserKind::enterprise;
  u.user_code = store::new_user_code(c, UserKind::enterprise);
  if (!f.email.empty()) u.email = f.email;
  u.surname = f.surname;
  u.given_name = f.given_name;
  u.must_change_password = true;
  u.organization_id = home_org;
  u.is_rse = is_rse;
  NewAccount made{0, *u.user_code, store::temporary_password()};
  made.id = store::add_user(c, u, made.password);
  store::audit(c, {.user_id = a.who.user_id,
                   .organization_id = home_org,
                   .action = "create",
                   .record_type = "user",
                   .record_id = std::to_string(made.id),
                   .address = req.remote,
                   .request_id = req.request_id});
  return made;
}

Response account_created_page(const web::WebApp& web, const Request& req, const AccountForm& f,
                              const NewAccount& made, const std::string& next) {
  return web.page(req, "staff_created", "rights.created_title",
                  {{"name", f.given_name + " " + f.surname},
                   {"user_code", made.user_code},
                   {"password", made.password},
                   {"next", next},
                   {"staff", next.starts_with("/droits/")}},
                  201);
}

void reset_second_factor(db::Connection& c, const Request& req, const store::User& u) {
  const auto& a = auth_of(req);
  store::enable_totp(c, u.id, false);
  store::revoke_sessions_of(c, u.id);
  store::audit(c, {.user_id = a.who.user_id,
                   .organization_id = u.organization_id,
                   .action = "reset_second_factor",
                   .record_type = "user",
                   .record_id = std::to_string(u.id),
                   .address = req.remote,
                   .request_id = req.request_id});
}

void add_rights_pages(web::WebApp& web) {
  auto& pool = web.pool();
  auto& router = web.router();
  const auto manage = Access::with_right("manage_rights", "");

  router.add("GET", "/droits", manage, [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto c = pool.acquire();
    auto ctx = staff_list(*c, req);
    ctx["can_add"] = a.who.is_rse;
    return web.page(req, "rights_list", "rights.title", ctx);
  });

  // The staff list as CSV, in the list's order and the page's language; audited.
  router.add("GET", "/droits.csv", manage, [&pool](Request& req) {
    const auto& a = auth_of(req);
    auto c = pool.acquire();
    auto t = [&](const char* key) { return i18n::t(req.lang, key); };
    std::string body = "\xEF\xBB\xBF";
    listing::csv_line(body, {t("rights.name"), t("rights.user_code"), t("rights.rights_count"),
                             t("list.staff_state")});
    auto staff = staff_of(*c, a, req.lang, staff_sort(req));
    for (const auto& m : staff) {
      std::string grants = m.user.is_rse ? t("rights.all") : "";
      for (const auto& [org, rights] : m.grants)
        grants += (grants.empty() ? "" : "; ") + org + " : " + rights;
      listing::csv_line(
          body, {m.user.given_name + " " + m.user.surname, m.user.user_code.value_or(""), grants,
                 t(m.user.disabled ? "forms.staff_disabled_badge" : "list.active")});
    }
    store::audit(*c, {.user_id = a.who.user_id,
                      .organization_id = a.who.division_id,
                      .action = "export",
                      .record_type = "staff_list",
                      .record_id = "",
                      .detail = "csv " + std::to_string(staff.size()),
                      .address = req.remote,
                      .request_id = req.request_id});
    return listing::csv_download(std::move(body), "personnel.csv");
  });

  // Only the RSE creates accounts; the new member gets a user code and a temporary password,
  // shown once here, to be changed at first sign-in.
  router.add("POST", "/droits/personnel", Access::rse(), [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto typed = account_form(*form.form);
    auto c = pool.acquire();
    auto errors = account_errors(*c, typed);
    if (!errors.empty()) {
      auto ctx = staff_list(*c, req);
      ctx.insert({{"can_add", true},
                  {"surname", typed.surname},
                  {"given_name", typed.given_name},
                  {"email", typed.email},
                  {"has_errors", true}});
      for (const auto& e : errors) ctx["error_" + e] = true;
      return web.page(req, "rights_list", "rights.title", ctx, 422);
    }
    db::Transaction tx(*c);
    auto made = create_account(*c, req, typed, *a.who.division_id, false);
    tx.commit();
    return account_created_page(web, req, typed, made, "/droits/" + std::to_string(made.id));
  });

  // A staff member who lost their second factor: the RSE turns it off (they set it up again)
  // and signs them out everywhere.
  router.add("POST", "/droits/{user}/deux-etapes", Access::rse(), [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto c = pool.acquire();
    auto member = staff_member(*c, a, req.params["user"]);
    if (!member || member->is_rse) return web.error(404, req);
    if (auto ask = web.confirm_first(
            req, *form.form,
            {i18n::t(req.lang, "forms.second_factor_reset_q"), full_name(*member),
             i18n::t(req.lang, "second_factor.reset"), "/droits/" + std::to_string(member->id)}))
      return std::move(*ask);
    db::Transaction tx(*c);
    reset_second_factor(*c, req, *member);
    tx.commit();
    return Response::redirect("/droits/" + std::to_string(member->id) + "?reinitialise=1", 303);
  });

  // Deactivating an account (the RSE or a holder of manage_rights in the division): the person
  // cannot sign in and is signed out everywhere; their rights stay for a reactivation. Deactivating
  // asks first; reactivating does not.
  auto account_state = [&web, &pool](bool disable) {
    return [&web, &pool, disable](Request& req) {
      const auto& a = auth_of(req);
      auto form = http::parse_form(req);
      if (!form.form) return web.error(form.error->status, req);
      auto c = pool.acquire();
      bool refused = false;
      auto member = account_member(*c, a, req.params["user"], &refused);
      if (!member) return web.error(refused ? 403 : 404, req);
      std::string back = "/droits/" + std::to_string(member->id);
      if (disable)
        if (auto ask =
                web.confirm_first(req, *form.form,
                                  {i18n::t(req.lang, "forms.staff_disable_q"), full_name(*member),
                                   i18n::t(req.lang, "forms.staff_disable"), back}))
          return std::move(*ask);
      db::Transaction tx(*c);
      if (member->disabled != disable) {
        store::set_disabled(*c, member->id, disable);
        if (disable) store::revoke_sessions_of(*c, member->id);
        store::audit(*c, {.user_id = a.who.user_id,
                          .organization_id = member->organization_id,
                          .action = disable ? "disable" : "enable",
                          .record_type = "user",
                          .record_id = std::to_string(member->id),
                          .address = req.remote,
                          .request_id = req.request_id});
      }
      tx.commit();
      return Response::redirect(back + (disable ? "?desactive=1" : "?reactive=1"), 303);
    };
  };
  router.add("POST", "/droits/{user}/desactiver", manage, account_state(true));
  router.add("POST", "/droits/{user}/reactiver", manage, account_state(false));

  // A forgotten password: a new temporary one, shown once (as at creation), to change at the next
  // sign-in; the old one stops working and the person is signed out everywhere. Asks first.
  router.add("POST", "/droits/{user}/mot-de-passe", manage, [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto c = pool.acquire();
    bool refused = false;
    auto member = account_member(*c, a, req.params["user"], &refused);
    if (!member) return web.error(refused ? 403 : 404, req);
    std::string back = "/droits/" + std::to_string(member->id);
    if (auto ask = web.confirm_first(req, *form.form,
                                     {i18n::t(req.lang, "forms.staff_reset_q"), full_name(*member),
                                      i18n::t(req.lang, "forms.staff_reset"), back}))
      return std::move(*ask);
    NewAccount made{member->id, member->user_code.value_or(""), store::temporary_password()};
    db::Transaction tx(*c);
    store::set_password(*c, member->id, made.password, true);
    store::revoke_sessions_of(*c, member->id);
    store::audit(*c, {.user_id = a.who.user_id,
                      .organization_id = member->organization_id,
                      .action = "reset_password",
                      .record_type = "user",
                      .record_id = std::to_string(member->id),
                      .address = req.remote,
                      .request_id = req.request_id});
    tx.commit();
    return web.page(req, "staff_created", "forms.staff_reset_title",
                    {{"name", full_name(*member)},
                     {"user_code", made.user_code},
                     {"password", made.password},
                     {"next", back},
                     {"reset", true}});
  });

  router.add("GET", "/droits/{user}", manage, [&web, &pool](Request& req) {
    const auto& a = auth_of(req);
    auto c = pool.acquire();
    auto member = staff_member(*c, a, req.params["user"]);
    if (!member) return web.error(404, req);
    auto held = store::rights_of(*c, member->id);
    mstch::array headers;
    for (auto r : all_rights())
      if (has_screens(r))
        headers.push_back(
            mstch::map{{"label", i18n::t(req.lang, "right." + std::string(to_string(r)))}});
    mstch::array rows;
    for (const auto& o : managed(*c, a)) {
      mstch::array cells;
      for (auto r : all_rights()) {
        if (!has_screens(r) || !grantable(a, o, r)) continue;
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
    bool out_of_reach = false;
    bool can_manage_account = account_member(*c, a, req.params["user"], &out_of_reach).has_value();
    return web.page(
        req, "rights_user", "rights.user_title",
        {{"breadcrumbs", org_crumbs(req, {{i18n::t(req.lang, "menu.rights"), "/droits"}})},
         {"breadcrumb_current", member->given_name + " " + member->surname},
         {"id", std::to_string(member->id)},
         {"name", member->given_name + " " + member->surname},
         {"user_code", member->user_code.value_or("")},
         {"headers", headers},
         {"rows", rows},
         {"saved", req.query("saved").has_value()},
         {"second_factor_on", member->totp_enabled},
         {"can_reset", a.who.is_rse && member->totp_enabled},
         {"reset_done", req.query("reinitialise").has_value()},
         {"is_rse", member->is_rse},
         {"can_manage_account", can_manage_account},
         {"disabled", member->disabled},
         {"disabled_done", req.query("desactive").has_value()},
         {"enabled_done", req.query("reactive").has_value()}});
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
        if (has_screens(r) && grantable(a, o, r) &&
            form.form->get(o.number + ":" + std::string(to_string(r))))
          granted.emplace_back(o.id, r);
    }
    // A right the page does not offer (its screens do not exist yet) stays as it is. Taking
    // rights away asks first, naming them.
    std::string removed;
    for (const auto& [org, r] : store::rights_of(*c, member->id)) {
      auto o = std::find_if(orgs.begin(), orgs.end(),
                            [org = org](const Organization& x) { return x.id == org; });
      if (o == orgs.end()) continue;
      if (!has_screens(r)) {
        granted.emplace_back(org, r);
      } else if (std::find(granted.begin(), granted.end(), std::make_pair(org, r)) ==
                 granted.end()) {
        removed += (removed.empty() ? "" : " ; ") + o->name + " : " +
                   i18n::t(req.lang, "right." + std::string(to_string(r)));
      }
    }
    if (!removed.empty())
      if (auto ask = web.confirm_first(req, *form.form,
                                       {i18n::t(req.lang, "forms.rights_remove_q"),
                                        i18n::t(req.lang, "forms.rights_removed") + " " + removed,
                                        i18n::t(req.lang, "forms.rights_remove_yes"),
                                        "/droits/" + std::to_string(member->id)}))
        return std::move(*ask);
    db::Transaction tx(*c);
    store::set_rights(*c, member->id, ids, granted, a.who.user_id);
    tx.commit();
    return Response::redirect("/droits/" + std::to_string(member->id) + "?saved=1", 303);
  });
}

}  // namespace sgee::access

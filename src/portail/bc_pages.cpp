#include "portail/bc_pages.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "access/dashboard.hpp"
#include "access/nav.hpp"
#include "access/store.hpp"
#include "access/web.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/text.hpp"
#include "portail/audit.hpp"
#include "portail/bc_rules.hpp"
#include "portail/bc_store.hpp"
#include "portail/messages_store.hpp"

namespace sgee::portail {

namespace {

using access::OrgKind;
using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr std::int64_t kPageSize = 50;

std::string t(const Request& req, const std::string& key) {
  return i18n::t(req.lang, key);
}

// An audit row about a child of the Portail: the parent sees it among the consultations of their
// children's files (subject), the BC's RSE in its journal.
void audit_child(db::Connection& c, const Request& req, const std::string& action,
                 const std::string& type, const std::string& id, const std::string& detail,
                 std::int64_t organization, std::optional<std::int64_t> subject) {
  const auto& who = access::auth_of(req).who;
  access::store::AuditEntry e{.organization_id = organization,
                              .subject_user_id = subject,
                              .action = action,
                              .record_type = type,
                              .record_id = id,
                              .detail = detail,
                              .address = req.remote,
                              .request_id = req.request_id};
  if (who.kind == access::Principal::Kind::access_code)
    e.access_code_id = who.access_code_id;
  else if (who.user_id != 0)
    e.user_id = who.user_id;
  access::store::audit(c, e);
}

// The state of an admission in words.
std::string state_words(const Request& req, const std::string& state) {
  return t(req, "bc.state." + state);
}

mstch::map admission_row(const Request& req, const access::Organization& bc,
                         const bc_store::BcAdmission& a) {
  mstch::map row{{"id", std::to_string(a.id)},
                 {"child", a.child_given_name + " " + a.child_surname},
                 {"birth", i18n::day_words(req.lang, a.birth_date)},
                 {"number", a.confirmation_number},
                 {"rsge", a.rsge_name},
                 {"rsge_href", "/bc/" + bc.number + "/rsge/" + a.rsge_number},
                 {"planned", i18n::day_words(req.lang, a.planned_start)},
                 {"admitted_on", i18n::time_words(req.lang, a.admitted_at)},
                 {"admitted_by", a.admitted_by},
                 {"state", state_words(req, a.state)},
                 {"to_confirm", a.state == "admitted"},
                 {"confirm_action",
                  "/bc/" + bc.number + "/admissions/" + std::to_string(a.id) + "/confirmation"}};
  if (a.confirmed_at) {
    row["confirmed_on"] = i18n::time_words(req.lang, *a.confirmed_at);
    row["confirmed_by"] = a.confirmed_by;
  }
  return row;
}

// "Confirmer une admission": the admissions of the BC's RSGE to confirm (or confirmed), searched
// by the child's or the RSGE's name.
Response admissions_page(const web::WebApp& web, db::Pool& pool, const Request& req,
                         const std::string& notice, int status) {
  const auto& bc = *access::auth_of(req).target;
  std::string state = req.query("etat").value_or("a-confirmer");
  if (state != "a-confirmer" && state != "confirmees") state = "a-confirmer";
  std::string q = std::string(text::trim(req.query("q").value_or("")));
  if (q.size() > 100) q.resize(100);
  auto c = pool.acquire();
  auto to_confirm = bc_store::admissions_of_bc(*c, bc.id, {"admitted"});
  auto confirmed = bc_store::admissions_of_bc(*c, bc.id, {"confirmed"});
  const auto& all = state == "a-confirmer" ? to_confirm : confirmed;
  std::vector<const bc_store::BcAdmission*> found;
  for (const auto& a : all)
    if (bc_store::matches(a, q)) found.push_back(&a);
  std::int64_t total = static_cast<std::int64_t>(found.size());
  std::int64_t pages = std::max<std::int64_t>(1, (total + kPageSize - 1) / kPageSize);
  std::int64_t page = std::min(listing::page_of(req.query("page")), pages);
  std::string base = "/bc/" + bc.number + "/admissions";
  auto query_of = [&](const std::string& s) {
    return base + "?etat=" + s + (q.empty() ? "" : "&q=" + text::url_encode(q));
  };
  mstch::array rows;
  for (std::int64_t i = (page - 1) * kPageSize; i < std::min(total, page * kPageSize); ++i) {
    const auto& a = *found[static_cast<size_t>(i)];
    rows.push_back(admission_row(req, bc, a));
    // The page shows the child's name: a consultation the parent sees.
    audit_child(*c, req, "read", "admission", std::to_string(a.id),
                q.empty() ? "bc_list" : "q=" + q, bc.id, a.parent_user_id);
  }
  mstch::array filters;
  for (auto [value, n] : {std::pair{std::string("a-confirmer"), to_confirm.size()},
                          std::pair{std::string("confirmees"), confirmed.size()}})
    filters.push_back(mstch::map{{"href", query_of(value)},
                                 {"label", t(req, "bc.admissions.filter_" + value)},
                                 {"count", listing::count(req.lang, static_cast<std::int64_t>(n))},
                                 {"current", state == value}});
  mstch::map ctx{{"bc_name", bc.name},
                 {"bc_number", bc.number},
                 {"action", base},
                 {"q", q},
                 {"state", state},
                 {"filters", filters},
                 {"rows", rows},
                 {"has_rows", !rows.empty()},
                 {"showing_to_confirm", state == "a-confirmer"},
                 {"searched", !q.empty()},
                 {"registry_href", std::string("/adhesion-rsge")},
                 {"pager", listing::pager(req.lang, page, kPageSize, total,
                                          [&](std::int64_t p) {
                                            return query_of(state) + "&page=" + std::to_string(p);
                                          })},
                 {"breadcrumbs", access::org_crumbs(req, {})}};
  if (!notice.empty()) ctx[notice] = true;
  if (auto done = req.query("confirmee")) ctx["confirmed_number"] = *done;
  return web.page(req, "bc_admissions", "bc.admissions.title", std::move(ctx), status);
}

// An RSGE of the BC from the URL, or nullopt (another BC's, unknown, not an RSGE: 404).
std::optional<access::Organization> rsge_of(db::Connection& c, const access::Organization& bc,
                                            const std::string& number) {
  if (!text::all_digits(number, 8)) return std::nullopt;
  auto r = access::store::rsge_by_number(c, number);
  if (!r || r->parent_id != bc.id) return std::nullopt;
  return r;
}

struct FormState {
  std::vector<FieldError> errors;
  std::string form;  // "contact" | "suspension" | "end"
  std::map<std::string, std::string> typed;
};

// An RSGE's registry page: the register's facts (read only), the contact details and suspension
// periods the BC keeps, the children admitted.
Response rsge_page(const web::WebApp& web, db::Pool& pool, const Request& req,
                   const FormState& state, int status) {
  const auto& bc = *access::auth_of(req).target;
  auto c = pool.acquire();
  auto rsge = rsge_of(*c, bc, req.params.at("rsge"));
  if (!rsge) return web.error(404, req);
  auto today = dates::today_in_quebec();
  auto row = *bc_store::registry_row(*c, bc.id, rsge->id, today);
  const auto& lang = req.lang;
  std::string base = "/bc/" + bc.number + "/rsge/" + rsge->number;
  mstch::map ctx{
      {"name", rsge->name},
      {"number", rsge->number},
      {"bc_name", bc.name},
      {"base", base},
      {"places", row.places ? std::to_string(*row.places) : t(req, "bc.unknown")},
      {"status", row.recognition_status.empty() ? t(req, "bc.unknown")
                                                : t(req, "org.status." + row.recognition_status)},
      {"adhesion", t(req, "fiche.adhesion." + row.adhesion)},
      {"mandate", row.mandate},
      {"fiche_href", "/installations/" + rsge->number + "/fiche"},
      {"public_href", "/milieux/" + rsge->number},
      {"saved", req.query("enregistre").has_value()},
      {"breadcrumbs",
       access::org_crumbs(req, {{t(req, "fiche.adhesion.title"), "/adhesion-rsge"}})},
      {"breadcrumb_current", rsge->name}};
  std::string address;
  for (const auto& part : {rsge->civic_number, rsge->street, rsge->municipality, rsge->postal_code})
    if (part && !part->empty()) address += (address.empty() ? "" : ", ") + *part;
  ctx["address"] = address.empty() ? t(req, "bc.unknown") : address;
  // The contact form: what was typed when it was refused, else what is kept.
  bool contact_typed = state.form == "contact";
  auto typed = [&](const std::string& k) {
    auto it = state.typed.find(k);
    return it == state.typed.end() ? std::string() : it->second;
  };
  ctx["phone"] = contact_typed ? typed("phone") : row.phone.empty() ? "" : phone_text(row.phone);
  ctx["email"] = contact_typed ? typed("email") : row.email;
  // The messages of a refused form: beside the field and in a summary.
  mstch::array summary;
  for (const auto& e : state.errors) {
    std::string field = state.form + "_" + e.field;
    std::string text =
        t(req, "bc.field." + e.field) + (lang == "fr" ? " : " : ": ") + t(req, e.key);
    summary.push_back(mstch::map{{"anchor", field}, {"text", text}});
    ctx.emplace("err_" + field, text);
  }
  ctx["has_errors"] = !summary.empty();
  ctx["errors"] = summary;
  if (state.form == "suspension")
    for (const auto& k : {"start", "end", "reason", "days_before"})
      ctx[std::string("s_") + k] = typed(k);
  else
    ctx["s_days_before"] = std::string("0");
  // The suspension periods, latest first; the one standing today can be ended.
  mstch::array periods;
  auto day = dates::format(today);
  for (const auto& s : access::store::suspensions_of(*c, rsge->id)) {
    bool standing = s.start_date <= day && (!s.end_date || *s.end_date >= day);
    mstch::map p{{"id", std::to_string(s.id)},
                 {"start", i18n::day_words(req.lang, s.start_date)},
                 {"end", s.end_date ? i18n::day_words(req.lang, *s.end_date)
                                    : t(req, "org.until_further_notice")},
                 {"reason", s.reason},
                 {"standing", standing},
                 {"end_action", base + "/suspensions/" + std::to_string(s.id) + "/fin"}};
    if (s.shown_from)
      p["shown_from"] =
          i18n::fill(t(req, "bc.rsge.shown_from"), {i18n::day_words(req.lang, *s.shown_from)});
    else
      p["shown_from"] = t(req, "bc.rsge.hidden_until_notice");
    if (state.form == "end" && typed("id") == std::to_string(s.id)) {
      p["end_value"] = typed("end");
      auto it = ctx.find("err_end_end");
      if (it != ctx.end()) p["end_error"] = it->second;
    }
    periods.push_back(std::move(p));
  }
  ctx["suspensions"] = periods;
  ctx["has_suspensions"] = !periods.empty();
  ctx["suspended_now"] = row.suspended_now;
  ctx["hidden_from_map"] = row.hidden_from_map;
  ctx["max_days"] = std::to_string(bc::kMaxShowDaysBefore);
  // The children admitted by her: to confirm, confirmed.
  mstch::array children;
  for (const auto& a : bc_store::admissions_of_bc(*c, bc.id, {"admitted", "confirmed"}, rsge->id)) {
    children.push_back(admission_row(req, bc, a));
    audit_child(*c, req, "read", "admission", std::to_string(a.id), "bc_rsge", bc.id,
                a.parent_user_id);
  }
  ctx["children"] = children;
  ctx["has_children"] = !children.empty();
  ctx["admissions_href"] = "/bc/" + bc.number + "/admissions";
  // Messaging: "Écrire à la RSGE" (the thread once started).
  ctx["message_href"] = base + "/message";
  ctx["message_label"] =
      t(req, messages_store::bc_thread(*c, bc.id, rsge->id) ? "msg.link.see_thread"
                                                            : "msg.link.write_rsge");
  return web.page(req, "bc_rsge", "bc.rsge.title", std::move(ctx), status);
}

Response api_error(int status, const std::string& code, const std::string& message) {
  return Response::json({{"error", {{"code", code}, {"message", message}}}}, status);
}

}  // namespace

void add_bc_routes(web::WebApp& web) {
  auto& pool = web.pool();
  auto& router = web.router();
  // POR-06: "Gérer la fiche et les admissions" on the BC (its RSE: all of them).
  const auto manage = Access::with_right("manage_admissions", "bc").of_kinds({"bc"});

  router.add("GET", "/bc/{bc}/admissions", manage,
             [&web, &pool](Request& req) { return admissions_page(web, pool, req, "", 200); });

  router.add("POST", "/bc/{bc}/admissions/{id}/confirmation", manage, [&web, &pool](Request& req) {
    const auto& bc = *access::auth_of(req).target;
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto id = text::to_int(req.params.at("id"));
    if (!id || *id <= 0) return web.error(404, req);
    auto c = pool.acquire();
    std::optional<bc_store::BcAdmission> a;
    bool already = false;
    {
      db::Transaction tx(*c);
      a = bc_store::admission_of_bc(*c, bc.id, *id);
      if (!a) return web.error(404, req);
      already = bc_store::confirm(*c, bc.id, *a, access::auth_of(req).who.user_id, std::nullopt) ==
                bc_store::Confirmed::not_admitted;
      if (!already) {
        audit_child(*c, req, "confirm", "admission", std::to_string(a->id), "", bc.id,
                    a->parent_user_id);
        tx.commit();
      }
    }
    // Confirmed already (another tab, another person, the software): said on the list.
    if (already) return admissions_page(web, pool, req, "already", 409);
    return Response::redirect("/bc/" + bc.number + "/admissions?confirmee=" + std::to_string(a->id),
                              303);
  });

  router.add("GET", "/bc/{bc}/rsge/{rsge}", manage,
             [&web, &pool](Request& req) { return rsge_page(web, pool, req, {}, 200); });

  // The contact details the BC keeps (the register's facts are not editable here).
  router.add("POST", "/bc/{bc}/rsge/{rsge}/coordonnees", manage, [&web, &pool](Request& req) {
    const auto& bc = *access::auth_of(req).target;
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto c = pool.acquire();
    auto rsge = rsge_of(*c, bc, req.params.at("rsge"));
    if (!rsge) return web.error(404, req);
    bc::ContactInput in{form.form->get("phone").value_or(""), form.form->get("email").value_or("")};
    auto checked = bc::check_contact(in);
    if (!checked.errors.empty())
      return rsge_page(web, pool, req,
                       {checked.errors, "contact", {{"phone", in.phone}, {"email", in.email}}},
                       422);
    db::Transaction tx(*c);
    bc_store::save_contact(*c, rsge->id, {checked.phone, checked.email},
                           access::auth_of(req).who.user_id);
    portail::audit(*c, req, "update", "rsge_registry", rsge->number, "contact", bc.id);
    tx.commit();
    return Response::redirect(
        "/bc/" + bc.number + "/rsge/" + rsge->number + "?enregistre=1#contact", 303);
  });

  // A suspension period: from, to (empty: until further notice), why, and the days before her
  // return from which she shows on the map again.
  router.add("POST", "/bc/{bc}/rsge/{rsge}/suspensions", manage, [&web, &pool](Request& req) {
    const auto& bc = *access::auth_of(req).target;
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto c = pool.acquire();
    auto rsge = rsge_of(*c, bc, req.params.at("rsge"));
    if (!rsge) return web.error(404, req);
    bc::SuspensionInput in{form.form->get("start").value_or(""), form.form->get("end").value_or(""),
                           form.form->get("reason").value_or(""),
                           form.form->get("days_before").value_or("")};
    auto checked = bc::check_suspension(in);
    if (!checked.errors.empty())
      return rsge_page(web, pool, req,
                       {checked.errors,
                        "suspension",
                        {{"start", in.start},
                         {"end", in.end},
                         {"reason", in.reason},
                         {"days_before", in.days_before}}},
                       422);
    db::Transaction tx(*c);
    access::store::Suspension s;
    s.start_date = checked.start;
    s.end_date = checked.end;
    s.reason = checked.reason;
    s.show_days_before = checked.days_before;
    s.added_by = access::auth_of(req).who.user_id;
    auto id = access::store::add_suspension(*c, rsge->id, s);
    portail::audit(*c, req, "create", "rsge_suspension", rsge->number,
                   "suspension " + std::to_string(id), bc.id);
    tx.commit();
    return Response::redirect(
        "/bc/" + bc.number + "/rsge/" + rsge->number + "?enregistre=1#suspensions", 303);
  });

  // Ends a period on a given day (her return is the day after).
  router.add(
      "POST", "/bc/{bc}/rsge/{rsge}/suspensions/{id}/fin", manage, [&web, &pool](Request& req) {
        const auto& bc = *access::auth_of(req).target;
        auto form = http::parse_form(req);
        if (!form.form) return web.error(form.error->status, req);
        auto c = pool.acquire();
        auto rsge = rsge_of(*c, bc, req.params.at("rsge"));
        auto id = text::to_int(req.params.at("id"));
        if (!rsge || !id) return web.error(404, req);
        std::optional<access::store::Suspension> period;
        for (auto& s : access::store::suspensions_of(*c, rsge->id))
          if (s.id == *id) period = s;
        if (!period) return web.error(404, req);
        auto end = std::string(text::trim(form.form->get("end").value_or("")));
        auto errors = bc::check_end(period->start_date, end);
        if (!errors.empty())
          return rsge_page(web, pool, req,
                           {errors, "end", {{"end", end}, {"id", std::to_string(*id)}}}, 422);
        db::Transaction tx(*c);
        access::store::end_suspension(*c, rsge->id, *id, dates::format(*dates::parse(end)));
        portail::audit(*c, req, "update", "rsge_suspension", rsge->number,
                       "suspension " + std::to_string(*id), bc.id);
        tx.commit();
        return Response::redirect(
            "/bc/" + bc.number + "/rsge/" + rsge->number + "?enregistre=1#suspensions", 303);
      });

  // The sync API (spec/api.md): the BC's software confirms an admission of one of its RSGE.
  router.add(
      "POST", "/api/v1/installations/{installation}/admissions/{id}/confirmation",
      Access::api_code("installation").of_kinds({"bc"}), [&web](Request& req) {
        const auto& bc = *access::auth_of(req).target;
        bool en = req.lang == "en";
        auto id = text::to_int(req.params.at("id"));
        auto c = web.pool().acquire();
        db::Transaction tx(*c);
        auto a = id ? bc_store::admission_of_bc(*c, bc.id, *id) : std::nullopt;
        if (!a)
          return api_error(404, "not_found",
                           en ? "No admission with this id at one of this BC's RSGE."
                              : "Aucune admission de ce numéro chez une RSGE de ce bureau "
                                "coordonnateur.");
        const auto& who = access::auth_of(req).who;
        if (bc_store::confirm(*c, bc.id, *a, std::nullopt, who.access_code_id) ==
            bc_store::Confirmed::not_admitted) {
          return api_error(
              409, "not_admitted",
              en ? "This admission is not waiting for confirmation (its state: " + a->state + ")."
                 : "Cette admission n'attend pas de confirmation (son état : " +
                       i18n::t("fr", "bc.state." + a->state) + ").");
        }
        audit_child(*c, req, "confirm", "admission", std::to_string(a->id), "api", bc.id,
                    a->parent_user_id);
        tx.commit();
        auto now = bc_store::admission_of_bc(*c, bc.id, a->id);
        return Response::json(
            {{"admission", a->id},
             {"state", "confirmed"},
             {"rsge", a->rsge_number},
             {"confirmation_number", a->confirmation_number},
             {"planned_start", a->planned_start},
             {"confirmed_at", now && now->confirmed_at ? json(*now->confirmed_at) : json()}});
      });

  // The BC's dashboard (issue 14): its RSGE by adhesion state, the admissions to confirm.
  access::dashboard::add_provider(
      web, [](db::Connection& c, const Request& req, const access::UserOrgs& orgs) {
        std::vector<access::dashboard::Section> out;
        const auto& who = access::auth_of(req).who;
        for (const auto& o : orgs.orgs) {
          if (o.kind != OrgKind::bc ||
              !(who.is_rse || who.has_right(o.id, access::Right::manage_admissions)))
            continue;
          auto n = bc_store::counts(c, o.id);
          auto count = [&](std::int64_t v) { return listing::count(req.lang, v); };
          access::dashboard::Section s;
          s.id = "bc-" + o.number;
          s.title = i18n::fill(t(req, "bc.dashboard.title"), {o.name});
          s.items = {
              {t(req, "bc.dashboard.to_confirm"), count(n.to_confirm),
               "/bc/" + o.number + "/admissions"},
              {t(req, "bc.dashboard.published"), count(n.published), "/adhesion-rsge?etat=publiee"},
              {t(req, "bc.dashboard.unpublished"), count(n.unpublished),
               "/adhesion-rsge?etat=non-publiee"},
              {t(req, "bc.dashboard.never_started"), count(n.never_started),
               "/adhesion-rsge?etat=jamais"}};
          out.push_back(std::move(s));
        }
        return out;
      });
}

}  // namespace sgee::portail

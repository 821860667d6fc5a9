// Free places and referrals on the web (issue 15). The provider's side is guarded like its fiche
// (manage_admissions on the installation or the RSGE, the RSE of the division, the BC under the
// RSGE's mandate); every place and referral is looked up within the organization of the request,
// so another provider's id is 404. The parent's side looks a referral up within the signed-in
// parent's family file only. Each page showing a referred child and each change writes an audit
// row.
#include "portail/referral_pages.hpp"

#include <map>

#include "access/nav.hpp"
#include "access/web.hpp"
#include "csg/model.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/text.hpp"
#include "portail/audit.hpp"
#include "portail/referral_rules.hpp"
#include "portail/referral_store.hpp"
#include "portail/reserve_pages.hpp"

namespace sgee::portail {

namespace {

using http::Access;
using http::Request;
using http::Response;
namespace rs = referral_store;

constexpr size_t kMaxFormBytes = 64 * 1024;

std::string& public_url_value() {
  static std::string url = "http://127.0.0.1:8080";
  return url;
}

std::string t(const Request& req, const std::string& key) {
  return i18n::t(req.lang, key);
}

std::optional<std::int64_t> user_of(const access::RequestAuth& a) {
  if (a.who.user_id == 0) return std::nullopt;
  return a.who.user_id;
}

rs::Settings settings(db::Connection& c) {
  return {rs::deadline_days(c), public_url_value()};
}

std::optional<std::int64_t> id_param(const Request& req, const std::string& name) {
  auto v = text::to_int(req.params.at(name));
  if (!v || *v <= 0) return std::nullopt;
  return v;
}

std::string age_words(const Request& req, const std::string& group) {
  if (group == "0-17") return t(req, "refer.age_infant");
  if (group == "school") return t(req, "refer.age_school");
  return t(req, "refer.age_toddler");
}

// The schedule grid of the family's request (family_schedule.mustache), as checkboxes.
mstch::map schedule_grid(const Request& req, const WeekMasks& week,
                         const std::optional<std::string>& error) {
  mstch::array days;
  for (int d = 0; d < 7; ++d) days.push_back(t(req, "day." + std::to_string(d)));
  mstch::array rows;
  for (const auto& [name, bit] : csg::kHalfPeriodNames) {
    mstch::array cells;
    for (size_t d = 0; d < 7; ++d)
      cells.push_back(mstch::map{{"id", "schedule-" + std::to_string(d) + "-" + name},
                                 {"name", "schedule_" + std::to_string(d)},
                                 {"value", std::string(name)},
                                 {"checked", (week[d] & bit) != 0},
                                 {"label", t(req, "weekday." + std::to_string(d)) + ", " +
                                               t(req, std::string("half.") + name)}});
    rows.push_back(mstch::map{{"label", t(req, std::string("half.") + name)}, {"cells", cells}});
  }
  mstch::map g{
      {"days", days}, {"rows", rows}, {"edit", true}, {"caption", t(req, "refer.f.schedule")}};
  if (error) g["error"] = *error;
  return g;
}

std::string state_words(const Request& req, const std::string& state) {
  return t(req, "refer.state." + state);
}

struct FormState {
  referral::PlaceInput in;
  std::map<std::string, std::string> errors;  // field -> message
  mstch::array summary;
};

const std::map<std::string, std::string>& field_names() {
  static const std::map<std::string, std::string> names{
      {"age_group", "refer.f.age_group"}, {"from", "refer.f.from"},
      {"schedule", "refer.f.schedule"},   {"at_once", "refer.f.at_once"},
      {"reason", "refer.f.reason"},       {"planned_start", "refer.f.planned_start"}};
  return names;
}

std::string message(const Request& req, const FieldError& e) {
  auto name = field_names().count(e.field) ? t(req, field_names().at(e.field)) : e.field;
  return name + (req.lang == "fr" ? " : " : ": ") + t(req, e.key);
}

Response places_page(const web::WebApp& web, const Request& req, db::Connection& c,
                     const FormState& form, const std::string& banner_error = "",
                     int status = 200) {
  const auto& o = *access::auth_of(req).target;
  std::string base = "/installations/" + o.number + "/places";
  auto places = rs::places_of(c, o.id);
  mstch::array open, done;
  std::string shown;  // the referred children shown, for the audit row
  for (const auto& p : places) {
    mstch::array referrals;
    for (const auto& r : p.referrals) {
      bool live = r.state == "referred" || r.state == "accepted";
      shown += (shown.empty() ? "" : ",") + std::to_string(r.id);
      referrals.push_back(mstch::map{
          {"id", std::to_string(r.id)},
          {"name", r.child_name},
          {"number", r.confirmation_number},
          {"state", state_words(req, r.state)},
          {"live", live && p.state == "open"},
          {"accepted", r.state == "accepted"},
          {"respond_by", i18n::day_words(req.lang, r.respond_by)},
          {"referred_on", i18n::day_words(req.lang, r.referred_at)},
          {"reason", r.reason && r.state.starts_with("declined") ? *r.reason : std::string()},
          {"position", std::to_string(r.position)},
          {"action", "/installations/" + o.number + "/propositions/" + std::to_string(r.id)},
          {"planned_start", p.available_from}});
    }
    int live_count = 0;
    for (const auto& r : p.referrals) live_count += r.state == "referred" || r.state == "accepted";
    mstch::map m{
        {"id", std::to_string(p.id)},
        {"age", age_words(req, p.age_group)},
        {"from", i18n::day_words(req.lang, p.available_from)},
        {"schedule", schedule_words(req, p.schedule)},
        {"replacement", p.replacement},
        {"at_once", std::to_string(p.at_once)},
        {"declared_on", i18n::day_words(req.lang, p.declared_at)},
        {"state", t(req, "refer.place_state." + p.state)},
        {"filled_on", p.filled_at ? i18n::day_words(req.lang, *p.filled_at) : std::string()},
        {"referrals", referrals},
        {"has_referrals", !referrals.empty()},
        {"waiting", p.state == "open" && live_count == 0},
        {"withdraw_action", base + "/" + std::to_string(p.id) + "/retirer"},
        {"subject",
         age_words(req, p.age_group) + " — " + i18n::day_words(req.lang, p.available_from)}};
    (p.state == "open" ? open : done).push_back(m);
  }
  if (!shown.empty()) audit(c, req, "read", "referral", shown, "free_places_page", o.id);
  auto fill = rs::fill_time(c, o.id);
  mstch::array age_options;
  for (const char* g : {"0-17", "18-59", "school"})
    age_options.push_back(mstch::map{{"value", std::string(g)},
                                     {"label", age_words(req, g)},
                                     {"selected", form.in.age_group == g}});
  auto err = [&](const std::string& f) -> std::optional<std::string> {
    auto it = form.errors.find(f);
    if (it == form.errors.end()) return std::nullopt;
    return it->second;
  };
  mstch::map ctx{{"name", o.name},
                 {"action", base},
                 {"age_options", age_options},
                 {"from", form.in.from},
                 {"replacement", form.in.replacement},
                 {"at_once", form.in.at_once.empty() ? std::string("1") : form.in.at_once},
                 {"max_at_once", std::to_string(referral::kMaxReferAtOnce)},
                 {"schedule", schedule_grid(req, form.in.schedule, err("schedule"))},
                 {"has_errors", !form.summary.empty()},
                 {"errors", form.summary},
                 {"open", open},
                 {"has_open", !open.empty()},
                 {"done", done},
                 {"has_done", !done.empty()},
                 {"has_fill_time", fill.places > 0},
                 {"fill_days", std::to_string(fill.median_days)},
                 {"fill_places", std::to_string(fill.places)},
                 {"deadline_days", std::to_string(rs::deadline_days(c))},
                 {"declared", req.query("declaree").has_value()},
                 {"withdrawn", req.query("retiree").has_value()},
                 {"admitted", req.query("admis").has_value()},
                 {"declined", req.query("refusee").has_value()},
                 {"banner_error", banner_error},
                 {"breadcrumbs", access::org_crumbs(req, {})}};
  for (const char* f : {"age_group", "from", "at_once"})
    if (auto e = err(f)) ctx.emplace(std::string("err_") + f, *e);
  return web.page(req, "referral_places", "refer.places_title", std::move(ctx), status);
}

referral::PlaceInput place_input(const http::Form& f) {
  referral::PlaceInput in;
  in.age_group = f.get("age_group").value_or("");
  in.from = std::string(text::trim(f.get("from").value_or("")));
  for (size_t d = 0; d < 7; ++d)
    for (const auto& v : f.all("schedule_" + std::to_string(d)))
      for (const auto& [name, bit] : csg::kHalfPeriodNames)
        if (v == name) in.schedule[d] |= bit;
  in.replacement = f.get("replacement").value_or("") == "yes";
  in.at_once = std::string(text::trim(f.get("at_once").value_or("")));
  return in;
}

std::string anchor_of(const std::string& field) {
  if (field == "schedule") return "schedule";
  return field;
}

// The parent's referral page.
Response offer_page(const web::WebApp& web, const Request& req, const rs::Offer& o,
                    const std::string& reason, const std::string& error, int status = 200) {
  const auto& r = o.referral;
  bool waiting = r.state == "referred";
  mstch::map ctx{
      {"id", std::to_string(r.id)},
      {"child", o.child_given_name},
      {"provider", o.provider_name},
      {"provider_href", "/milieux/" + o.provider_number},
      {"age", age_words(req, o.place.age_group)},
      {"from", i18n::day_words(req.lang, o.place.available_from)},
      {"schedule", schedule_words(req, o.place.schedule)},
      {"replacement", o.place.replacement},
      {"state", t(req, "refer.parent_state." + r.state)},
      {"respond_by", i18n::day_words(req.lang, r.respond_by)},
      {"waiting", waiting},
      {"reason", reason},
      {"error", error},
      {"has_error", !error.empty()},
      {"answered", req.query("reponse").has_value()},
      {"action", "/famille/propositions/" + std::to_string(r.id)},
      {"breadcrumbs", web::crumbs({{t(req, "nav.dashboard"), "/tableau-de-bord"},
                                   {t(req, "family.title"), "/famille"},
                                   {t(req, "refer.offers_title"), "/famille/propositions"}})}};
  return web.page(req, "referral_offer", "refer.offer_title", std::move(ctx), status);
}

}  // namespace

void set_referral_public_url(std::string url) {
  public_url_value() = std::move(url);
}
const std::string& referral_public_url() {
  return public_url_value();
}

void add_referral_routes(web::WebApp& web) {
  auto& router = web.router();
  auto& pool = web.pool();
  const auto manage =
      Access::with_right("manage_admissions", "installation").of_kinds({"installation", "rsge"});

  router.add("GET", "/installations/{installation}/places", manage, [&web, &pool](Request& req) {
    auto c = pool.acquire();
    FormState blank;
    blank.in.age_group = "18-59";
    return places_page(web, req, *c, blank);
  });

  // Declare a free place; the job refers its children at once.
  router.add("POST", "/installations/{installation}/places", manage, [&web, &pool](Request& req) {
    if (req.body.size() > kMaxFormBytes) return web.error(413, req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    const auto& a = access::auth_of(req);
    const auto& o = *a.target;
    auto today = dates::today_in_quebec();
    FormState st;
    st.in = place_input(*form.form);
    auto checked = referral::check_place(st.in, today);
    auto c = pool.acquire();
    if (!checked.errors.empty()) {
      for (const auto& e : checked.errors) {
        auto text = message(req, e);
        st.errors.emplace(e.field, text);
        st.summary.push_back(mstch::map{{"anchor", anchor_of(e.field)}, {"text", text}});
      }
      return places_page(web, req, *c, st, "", 422);
    }
    std::int64_t id = 0;
    {
      db::Transaction tx(*c);
      id = rs::declare(*c, o.id, checked.place, checked.at_once, user_of(a));
      audit(*c, req, "create", "free_place", std::to_string(id),
            std::string(ranking::to_string(checked.place.age)) + " from " +
                dates::format(checked.place.from) + ", at once " + std::to_string(checked.at_once),
            o.id);
      tx.commit();
    }
    rs::refer_provider(*c, o.id, today, settings(*c));
    return Response::redirect(
        "/installations/" + o.number + "/places?declaree=" + std::to_string(id), 303);
  });

  router.add("POST", "/installations/{installation}/places/{place}/retirer", manage,
             [&web, &pool](Request& req) {
               auto form = http::parse_form(req);
               if (!form.form) return web.error(form.error->status, req);
               auto id = id_param(req, "place");
               if (!id) return web.error(404, req);
               const auto& o = *access::auth_of(req).target;
               auto c = pool.acquire();
               auto p = rs::place(*c, o.id, *id);
               if (!p) return web.error(404, req);
               std::string base = "/installations/" + o.number + "/places";
               if (auto ask = web.confirm_first(req, *form.form,
                                                {t(req, "refer.withdraw_q"),
                                                 age_words(req, p->age_group) + " — " +
                                                     i18n::day_words(req.lang, p->available_from),
                                                 t(req, "refer.withdraw"), base}))
                 return std::move(*ask);
               auto s = settings(*c);
               db::Transaction tx(*c);
               if (!rs::withdraw(*c, o.id, *id, s)) return web.error(404, req);
               audit(*c, req, "update", "free_place", std::to_string(*id), "withdrawn", o.id);
               tx.commit();
               return Response::redirect(base + "?retiree=1", 303);
             });

  // The provider's answer to a referral: admit (with the planned start) or decline (a reason).
  router.add(
      "POST", "/installations/{installation}/propositions/{referral}", manage,
      [&web, &pool](Request& req) {
        if (req.body.size() > kMaxFormBytes) return web.error(413, req);
        auto form = http::parse_form(req);
        if (!form.form) return web.error(form.error->status, req);
        auto id = id_param(req, "referral");
        if (!id) return web.error(404, req);
        const auto& a = access::auth_of(req);
        const auto& o = *a.target;
        auto operation = form.form->get("operation").value_or("");
        if (operation != "admit" && operation != "decline") return web.error(400, req);
        auto c = pool.acquire();
        auto r = rs::referral_of(*c, o.id, *id);
        if (!r) return web.error(404, req);
        auto today = dates::today_in_quebec();
        auto s = settings(*c);
        std::string base = "/installations/" + o.number + "/places";
        FormState blank;
        blank.in.age_group = "18-59";
        if (operation == "decline") {
          std::string reason(text::trim(form.form->get("reason").value_or("")));
          auto errors = referral::reason_errors(reason);
          if (!errors.empty())
            return places_page(web, req, *c, blank, r->child_name + " — " + message(req, errors[0]),
                               422);
          db::Transaction tx(*c);
          if (!rs::provider_decline(*c, o.id, *id, reason, s))
            return places_page(web, req, *c, blank, t(req, "refer.err.not_live"), 409);
          audit(*c, req, "update", "referral", std::to_string(*id), "declined_provider", o.id);
          tx.commit();
          rs::refer_provider(*c, o.id, today, s);
          return Response::redirect(base + "?refusee=1", 303);
        }
        std::string start(text::trim(form.form->get("planned_start").value_or("")));
        auto planned = dates::parse(start);
        if (!planned || *planned < dates::add_days(today, -31))
          return places_page(web, req, *c, blank,
                             r->child_name + " — " +
                                 message(req, {"planned_start", start.empty() ? "refer.err.required"
                                                                              : "refer.err.date"}),
                             422);
        db::Transaction tx(*c);
        auto admission = rs::admit(*c, o.id, *id, *planned, user_of(a), s);
        if (!admission) return places_page(web, req, *c, blank, t(req, "refer.err.not_live"), 409);
        audit(*c, req, "create", "admission", std::to_string(*admission),
              "referral " + std::to_string(*id), o.id);
        tx.commit();
        return Response::redirect(base + "?admis=1", 303);
      });

  // The ministry: time to fill per region.
  router.add("GET", "/ministere/places", Access::ministry(), [&web, &pool](Request& req) {
    auto c = pool.acquire();
    mstch::array rows;
    for (const auto& r : rs::fill_time_by_region(*c))
      rows.push_back(mstch::map{
          {"region", r.region.empty() ? t(req, "occupation.region_unknown")
                                      : r.region + " " + t(req, "region." + r.region)},
          {"open", std::to_string(r.open_places)},
          {"filled", std::to_string(r.time.places)},
          {"median", r.time.places ? std::to_string(r.time.median_days) : std::string("—")}});
    mstch::map ctx{{"rows", rows},
                   {"has_rows", !rows.empty()},
                   {"breadcrumbs", web::crumbs({{t(req, "nav.dashboard"), "/tableau-de-bord"}})}};
    return web.page(req, "referral_ministry", "refer.ministry_title", std::move(ctx));
  });

  // The parent's side.
  const auto parent = Access::parent();
  router.add("GET", "/famille/propositions", parent, [&web, &pool](Request& req) {
    auto c = pool.acquire();
    mstch::array rows;
    for (const auto& o : rs::offers_of_parent(*c, access::auth_of(req).who.user_id))
      rows.push_back(mstch::map{{"href", "/famille/propositions/" + std::to_string(o.referral.id)},
                                {"child", o.child_given_name},
                                {"provider", o.provider_name},
                                {"age", age_words(req, o.place.age_group)},
                                {"from", i18n::day_words(req.lang, o.place.available_from)},
                                {"state", t(req, "refer.parent_state." + o.referral.state)},
                                {"waiting", o.referral.state == "referred"},
                                {"respond_by", i18n::day_words(req.lang, o.referral.respond_by)}});
    mstch::map ctx{{"rows", rows},
                   {"has_rows", !rows.empty()},
                   {"breadcrumbs", web::crumbs({{t(req, "nav.dashboard"), "/tableau-de-bord"},
                                                {t(req, "family.title"), "/famille"}})}};
    return web.page(req, "referral_offers", "refer.offers_title", std::move(ctx));
  });

  router.add("GET", "/famille/propositions/{referral}", parent, [&web, &pool](Request& req) {
    auto id = id_param(req, "referral");
    if (!id) return web.error(404, req);
    auto c = pool.acquire();
    auto o = rs::offer_for_parent(*c, access::auth_of(req).who.user_id, *id);
    if (!o) return web.error(404, req);
    return offer_page(web, req, *o, "", "");
  });

  router.add("POST", "/famille/propositions/{referral}", parent, [&web, &pool](Request& req) {
    if (req.body.size() > kMaxFormBytes) return web.error(413, req);
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto id = id_param(req, "referral");
    if (!id) return web.error(404, req);
    auto c = pool.acquire();
    auto o = rs::offer_for_parent(*c, access::auth_of(req).who.user_id, *id);
    if (!o) return web.error(404, req);
    auto operation = form.form->get("operation").value_or("");
    if (operation != "accept" && operation != "decline") return web.error(400, req);
    std::string reason(text::trim(form.form->get("reason").value_or("")));
    if (operation == "decline") {
      auto errors = referral::reason_errors(reason);
      if (!errors.empty()) return offer_page(web, req, *o, reason, message(req, errors[0]), 422);
    }
    auto today = dates::today_in_quebec();
    auto s = settings(*c);
    db::Transaction tx(*c);
    if (!rs::parent_answer(*c, *id, operation == "accept", reason, today, s))
      return offer_page(web, req, *o, reason, t(req, "refer.err.answered"), 409);
    audit(*c, req, "update", "referral", std::to_string(*id),
          operation == "accept" ? "accepted_parent" : "declined_parent",
          o->referral.organization_id);
    tx.commit();
    if (operation == "decline") rs::refer_provider(*c, o->referral.organization_id, today, s);
    return Response::redirect("/famille/propositions/" + std::to_string(*id) + "?reponse=1", 303);
  });
}

}  // namespace sgee::portail

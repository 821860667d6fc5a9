#include "portail/fiche_pages.hpp"

#include <algorithm>
#include <map>

#include "access/nav.hpp"
#include "access/web.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/text.hpp"
#include "portail/bc_store.hpp"
#include "portail/family_rules.hpp"
#include "portail/fiche_store.hpp"
#include "portail/search_store.hpp"

namespace sgee::portail {

namespace {

using access::OrgKind;
using http::Access;
using http::Request;
using http::Response;

// The words of a provider's kind: "Centre de la petite enfance (CPE)", "… en milieu familial".
std::string kind_label(const std::string& lang, const access::Organization& o) {
  if (o.kind == OrgKind::rsge) return i18n::t(lang, "fiche.kind_rsge");
  return i18n::t(lang, "org.kind_" + text::lower(o.installation_kind.value_or("cpe")));
}

FicheInput to_input(const Fiche& f, const std::string& lang) {
  FicheInput in;
  for (int d = 0; d < 7; ++d)
    if (f.opening_days[d] == '1') in.days.push_back(std::to_string(d));
  in.opens_at = f.opens_at;
  in.closes_at = f.closes_at;
  in.periods = f.periods;
  in.group_composition = f.group_composition;
  if (f.daily_rate_cents) in.daily_rate = format_amount(*f.daily_rate_cents, lang);
  in.languages = f.languages;
  in.presentation = f.presentation;
  auto num = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : ""; };
  in.free_0_17 = num(f.free_0_17);
  in.free_18_59 = num(f.free_18_59);
  in.free_school = num(f.free_school);
  in.visible.assign(f.visible.begin(), f.visible.end());
  return in;
}

FicheInput read_input(const http::Form& form) {
  FicheInput in;
  in.days = form.all("days");
  in.opens_at = form.get("opens_at").value_or("");
  in.closes_at = form.get("closes_at").value_or("");
  in.periods = form.all("periods");
  in.group_composition = form.get("group_composition").value_or("");
  in.daily_rate = form.get("daily_rate").value_or("");
  in.languages = form.all("languages");
  in.presentation = form.get("presentation").value_or("");
  in.free_0_17 = form.get("free_0_17").value_or("");
  in.free_18_59 = form.get("free_18_59").value_or("");
  in.free_school = form.get("free_school").value_or("");
  in.visible = form.all("visible");
  return in;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Checkboxes of a group: value, label, checked.
mstch::array boxes(const std::vector<std::string>& values, const std::vector<std::string>& ticked,
                   const std::string& lang, const std::string& label_prefix) {
  mstch::array out;
  for (const auto& v : values)
    out.push_back(mstch::map{
        {"value", v}, {"label", i18n::t(lang, label_prefix + v)}, {"checked", has(ticked, v)}});
  return out;
}

mstch::array day_boxes(const std::vector<std::string>& ticked, const std::string& lang) {
  mstch::array out;
  for (int d = 0; d < 7; ++d) {
    auto v = std::to_string(d);
    out.push_back(mstch::map{
        {"value", v}, {"label", i18n::t(lang, "weekday." + v)}, {"checked", has(ticked, v)}});
  }
  return out;
}

// The places of the permit / recognition, as rows (label, number) and their total.
mstch::array place_rows(const access::Organization& o, const std::string& lang) {
  mstch::array rows;
  auto add = [&](const char* key, std::int64_t n) {
    rows.push_back(mstch::map{{"label", i18n::t(lang, key)}, {"value", std::to_string(n)}});
  };
  if (o.kind == OrgKind::rsge) {
    add("fiche.places_rsge", o.places.value_or(0));
  } else {
    if (o.places_0_17.value_or(0)) add("org.places_0_17", *o.places_0_17);
    if (o.places_18_59.value_or(0)) add("org.places_18_59", *o.places_18_59);
    if (o.places_school.value_or(0)) add("org.places_school", *o.places_school);
  }
  return rows;
}

// "lundi, mardi, mercredi" and "7 h 00 à 18 h 00" as the public reads them.
std::string days_words(const std::string& days, const std::string& lang) {
  std::string out;
  for (int d = 0; d < 7; ++d)
    if (days[d] == '1')
      out += (out.empty() ? "" : ", ") + i18n::t(lang, "weekday." + std::to_string(d));
  return out;
}
std::string hour_words(const std::string& hhmm, const std::string& lang) {
  if (hhmm.size() != 5) return hhmm;
  if (lang == "en") return hhmm;
  return std::to_string(std::stoi(hhmm.substr(0, 2))) + " h " + hhmm.substr(3, 2);
}

// The edit page, from what was typed (or stored), with the messages of a refused save.
Response edit_page(const web::WebApp& web, const Request& req, const access::Organization& o,
                   const std::optional<StoredFiche>& stored, const FicheInput& in,
                   const std::vector<Message>& messages, int status) {
  const auto& lang = req.lang;
  auto cap = capacity_of(o);
  bool rsge = cap.rsge;
  mstch::array errors;
  mstch::map ctx;
  for (const auto& m : messages) {
    auto text = i18n::t(lang, m.text_key);
    errors.push_back(mstch::map{{"field", m.field}, {"text", text}});
    ctx.emplace("err_" + m.field, text);  // the first message of a field shows beside it
  }
  std::string base = "/installations/" + o.number + "/fiche";
  ctx.insert({{"name", o.name},
              {"number", o.number},
              {"kind", kind_label(lang, o)},
              {"action", base},
              {"public_href", "/milieux/" + o.number},
              {"is_rsge", rsge},
              {"subsidized", subsidized(cap)},
              {"places", place_rows(o, lang)},
              {"total_places", std::to_string(cap.total())},
              {"days", day_boxes(in.days, lang)},
              {"opens_at", in.opens_at},
              {"closes_at", in.closes_at},
              {"periods", boxes(period_tokens(), in.periods, lang, "fiche.period.")},
              {"group_composition", in.group_composition},
              {"daily_rate", in.daily_rate},
              {"languages", boxes(language_tokens(), in.languages, lang, "lang_name.")},
              {"presentation", in.presentation},
              {"max_presentation", std::to_string(kMaxPresentation)},
              {"max_group", std::to_string(kMaxGroupComposition)},
              {"free_0_17", in.free_0_17},
              {"free_18_59", in.free_18_59},
              {"free_school", in.free_school},
              {"show_0_17", rsge || cap.places_0_17 > 0},
              {"show_18_59", rsge || cap.places_18_59 > 0},
              {"show_school", !rsge && cap.places_school > 0},
              {"has_errors", !errors.empty()},
              {"errors", errors},
              {"published", stored && stored->published},
              {"started", stored.has_value()},
              {"version", std::to_string(stored ? stored->version : 0)},
              {"updated_at", stored ? stored->updated_at.substr(0, 10) : std::string()},
              {"saved", req.query("enregistre").has_value()},
              {"just_published", req.query("publiee").has_value()},
              {"withdrawn", req.query("retiree").has_value()},
              {"breadcrumbs", access::org_crumbs(req, {})}});
  for (const auto& token : visibility_tokens()) ctx.emplace("vis_" + token, has(in.visible, token));
  return web.page(req, "fiche_edit", "fiche.edit_title", std::move(ctx), status);
}

std::string bc_words(const std::string& lang, const std::string& key, const std::string& value) {
  std::string words = i18n::t(lang, key);
  if (auto at = words.find("{1}"); at != std::string::npos) words.replace(at, 3, value);
  return words;
}

// The BCs whose RSGE this user follows: those of their organizations they manage the fiche and
// admissions of (the RSE of the BC's division: all of them).
std::vector<access::Organization> followed_bcs(db::Pool& pool, const Request& req) {
  const auto& who = access::auth_of(req).who;
  std::vector<access::Organization> out;
  for (const auto& o : access::user_orgs(pool, req)->orgs)
    if (o.kind == OrgKind::bc &&
        (who.is_rse || who.has_right(o.id, access::Right::manage_admissions)))
      out.push_back(o);
  return out;
}

}  // namespace

void add_fiche_routes(web::WebApp& web) {
  auto& pool = web.pool();
  auto& router = web.router();
  // POR-02: "Gérer la fiche et les admissions" on the installation or the RSGE (the BC's side
  // under her mandate, POR-05; the RSE of the division: see access::authorize()).
  const auto manage =
      Access::with_right("manage_admissions", "installation").of_kinds({"installation", "rsge"});

  router.add("GET", "/installations/{installation}/fiche", manage, [&web, &pool](Request& req) {
    const auto& o = *access::auth_of(req).target;
    auto c = pool.acquire();
    auto stored = load_fiche(*c, o.id);
    return edit_page(web, req, o, stored, to_input(stored ? stored->fiche : Fiche{}, req.lang), {},
                     200);
  });

  router.add("POST", "/installations/{installation}/fiche", manage, [&web, &pool](Request& req) {
    const auto& a = access::auth_of(req);
    const auto& o = *a.target;
    auto form = http::parse_form(req);
    if (!form.form) return web.error(form.error->status, req);
    auto operation = form.form->get("operation").value_or("save");
    if (operation != "save" && operation != "publish" && operation != "withdraw")
      return web.error(400, req);
    std::string base = "/installations/" + o.number + "/fiche";
    auto c = pool.acquire();
    if (operation == "withdraw") {
      if (auto ask = web.confirm_first(req, *form.form,
                                       {i18n::t(req.lang, "fiche.withdraw_q"), o.name,
                                        i18n::t(req.lang, "fiche.withdraw"), base}))
        return std::move(*ask);
      db::Transaction tx(*c);
      auto stored = load_fiche(*c, o.id);
      if (stored && stored->published) {
        save_fiche(*c, o.id, stored->fiche, false, a.who.user_id);
        access::store::audit(*c, {.user_id = a.who.user_id,
                                  .organization_id = o.id,
                                  .action = "update",
                                  .record_type = "fiche",
                                  .record_id = o.number,
                                  .detail = "fiche_withdrawn",
                                  .address = req.remote,
                                  .request_id = req.request_id});
      }
      tx.commit();
      return Response::redirect(base + "?retiree=1", 303);
    }
    auto in = read_input(*form.form);
    auto checked = check_fiche(in, capacity_of(o));
    db::Transaction tx(*c);
    auto stored = load_fiche(*c, o.id);
    bool publish = operation == "publish" || (stored && stored->published);
    auto messages = checked.messages;
    // A published fiche keeps its public core complete.
    if (messages.empty() && publish) messages = publish_errors(checked.fiche);
    if (!messages.empty()) return edit_page(web, req, o, stored, in, messages, 422);
    save_fiche(*c, o.id, checked.fiche, publish, a.who.user_id);
    // What happened, as the journal names it (audit.detail.*); the version row holds the rest.
    std::string detail =
        publish && !(stored && stored->published) ? "fiche_published" : "fiche_saved";
    access::store::audit(*c, {.user_id = a.who.user_id,
                              .organization_id = o.id,
                              .action = stored ? "update" : "create",
                              .record_type = "fiche",
                              .record_id = o.number,
                              .detail = detail,
                              .address = req.remote,
                              .request_id = req.request_id});
    tx.commit();
    bool now_published = publish && !(stored && stored->published);
    return Response::redirect(base + (now_published ? "?publiee=1" : "?enregistre=1"), 303);
  });

  // POR-07: the public fiche, published fields only; never an RSGE's address (her municipality).
  router.add("GET", "/milieux/{number}", Access::anyone(), [&web, &pool](Request& req) {
    const auto& number = req.params.at("number");
    if (!text::all_digits(number, 8)) return web.error(404, req);
    auto c = pool.acquire();
    auto o = access::store::organization_by_number(*c, number);
    if (!o || (o->kind != OrgKind::installation && o->kind != OrgKind::rsge))
      return web.error(404, req);
    const auto& lang = req.lang;
    auto stored = load_fiche(*c, o->id);
    // POR-06: a suspended RSGE shows no fiche until the days before her return her BC chose.
    bool suspended = o->kind == OrgKind::rsge && stored && stored->published &&
                     !c->run("SELECT 1 FROM organizations o WHERE o.id = $1 AND NOT (" +
                                 search::not_suspended_sql("o", "$2") + ")",
                             o->id, dates::format(dates::today_in_quebec()))
                          .empty();
    if (suspended) stored.reset();
    const auto& a = access::auth_of(req);
    bool parent = a.user && a.user->kind == access::UserKind::parent;
    auto cap = capacity_of(*o);
    mstch::map ctx{{"name", o->name},
                   {"number", o->number},
                   {"kind", kind_label(lang, *o)},
                   {"municipality", o->municipality.value_or("")},
                   {"published", stored && stored->published},
                   {"suspended", suspended},
                   {"is_parent", parent},
                   {"anonymous", !a.user.has_value()},
                   {"sign_in_href", "/connexion?next=" + text::url_encode("/milieux/" + o->number)},
                   {"breadcrumb_current", o->name},
                   {"breadcrumbs", web::crumbs({{i18n::t(lang, "fiche.map"), "/carte"}})}};
    if (stored && stored->published) {
      const auto& f = stored->fiche;
      ctx["subsidized"] = subsidized(cap);
      ctx["places"] = place_rows(*o, lang);
      ctx["total_places"] = std::to_string(cap.total());
      ctx["days_words"] = days_words(f.opening_days, lang);
      ctx["opens_at"] = hour_words(f.opens_at, lang);
      ctx["closes_at"] = hour_words(f.closes_at, lang);
      mstch::array periods, languages;
      for (const auto& p : f.periods)
        periods.push_back(mstch::map{{"label", i18n::t(lang, "fiche.period." + p)}});
      for (const auto& l : f.languages)
        languages.push_back(mstch::map{{"label", i18n::t(lang, "lang_name." + l)}});
      bool show_periods = f.shows("periods") && !periods.empty();
      bool show_languages = f.shows("languages") && !languages.empty();
      ctx["show_periods"] = show_periods;
      ctx["periods"] = periods;
      ctx["show_languages"] = show_languages;
      ctx["languages"] = languages;
      ctx["show_group"] = f.shows("group_composition") && !f.group_composition.empty();
      ctx["group_composition"] = f.group_composition;
      ctx["show_presentation"] = f.shows("presentation") && !f.presentation.empty();
      ctx["presentation"] = f.presentation;
      bool rates = f.shows("rates") && (subsidized(cap) || f.daily_rate_cents);
      ctx["show_rates"] = rates;
      if (f.daily_rate_cents && !subsidized(cap)) {
        // "52,50 $ par jour", "$52.50 a day".
        std::string words = i18n::t(lang, "fiche.rate_per_day");
        if (auto at = words.find("{1}"); at != std::string::npos)
          words.replace(at, 3, format_amount(*f.daily_rate_cents, lang));
        ctx["daily_rate"] = words;
      }
      mstch::array free;
      auto add_free = [&](const char* key, const std::optional<std::int64_t>& n) {
        if (n)
          free.push_back(mstch::map{{"label", i18n::t(lang, key)}, {"value", std::to_string(*n)}});
      };
      if (cap.rsge) {
        if (f.free_0_17 || f.free_18_59)
          add_free("fiche.free_rsge", f.free_0_17.value_or(0) + f.free_18_59.value_or(0));
      } else {
        add_free("org.places_0_17", f.free_0_17);
        add_free("org.places_18_59", f.free_18_59);
        add_free("org.places_school", f.free_school);
      }
      ctx["show_free"] = f.shows("free_places") && !free.empty();
      ctx["free"] = free;
      ctx["choose_href"] = "/famille/choix?milieu=" + o->number;
    }
    return web.page(req, "fiche_public", "fiche.public_title", std::move(ctx));
  });

  // Seed 001 and POR-06: a BC's registry of its RSGE: their adhesion to the Portail (fiche
  // published, not published, never started), recognition and suspension, places and contact;
  // filtered by adhesion (etat) and by status (statut). Each RSGE's page: bc_pages.cpp.
  router.add(
      "GET", "/adhesion-rsge", Access::with_right("manage_admissions", ""),
      [&web, &pool](Request& req) {
        const auto& lang = req.lang;
        std::string filter = req.query("etat").value_or("");
        if (filter != "publiee" && filter != "non-publiee" && filter != "jamais") filter.clear();
        std::string status = req.query("statut").value_or("");
        if (status != "reconnue" && status != "suspendue" && status != "revoquee") status.clear();
        auto status_of = [](const bc_store::RegistryRow& r) -> std::string {
          if (r.recognition_status == "revoked") return "revoquee";
          if (r.suspended_now || r.recognition_status == "suspended") return "suspendue";
          return "reconnue";
        };
        auto c = pool.acquire();
        auto today = dates::today_in_quebec();
        mstch::array bcs;
        for (const auto& bc : followed_bcs(pool, req)) {
          auto rows = bc_store::registry(*c, bc.id, today);
          std::map<std::string, int> counts, status_counts;
          mstch::array shown;
          for (const auto& r : rows) {
            const auto& state = r.adhesion;
            auto st = status_of(r);
            ++status_counts[st];
            if (status.empty() || st == status) ++counts[state];
            if (!filter.empty() && state != filter) continue;
            if (!status.empty() && st != status) continue;
            mstch::map row{{"name", r.name},
                           {"number", r.number},
                           {"municipality", r.municipality},
                           {"state", i18n::t(lang, "fiche.adhesion." + state)},
                           {"state_class", state},
                           {"places", r.places ? std::to_string(*r.places) : std::string("—")},
                           {"status", i18n::t(lang, "bc.registry.status_" + st)},
                           {"status_class", st},
                           {"phone", r.phone.empty() ? std::string() : phone_text(r.phone)},
                           {"email", r.email},
                           {"mandate", r.mandate},
                           {"to_confirm", r.to_confirm > 0},
                           {"to_confirm_text", bc_words(lang, "bc.registry.to_confirm",
                                                        listing::count(lang, r.to_confirm))},
                           {"detail_href", "/bc/" + bc.number + "/rsge/" + r.number},
                           {"edit_href", "/installations/" + r.number + "/fiche"},
                           {"public_href", "/milieux/" + r.number}};
            if (r.suspended_now)
              row["suspended_until"] =
                  r.suspended_until.empty()
                      ? i18n::t(lang, "org.until_further_notice")
                      : bc_words(lang, "bc.registry.until",
                                 i18n::date_words(lang, *dates::parse(r.suspended_until)));
            shown.push_back(std::move(row));
          }
          auto href = [&](const std::string& etat, const std::string& statut) {
            std::string q;
            if (!etat.empty()) q += "etat=" + etat;
            if (!statut.empty()) q += (q.empty() ? "" : "&") + std::string("statut=") + statut;
            return "/adhesion-rsge" + (q.empty() ? "" : "?" + q);
          };
          mstch::array filters, status_filters;
          int in_status = 0;
          for (const auto& [k, n] : counts) in_status += n;
          auto add_filter = [&](const std::string& value, int n) {
            filters.push_back(mstch::map{
                {"href", href(value, status)},
                {"label",
                 i18n::t(lang, "fiche.adhesion.filter_" + (value.empty() ? "all" : value))},
                {"count", std::to_string(n)},
                {"current", filter == value}});
          };
          add_filter("", in_status);
          for (const char* s : {"publiee", "non-publiee", "jamais"}) add_filter(s, counts[s]);
          auto add_status = [&](const std::string& value, int n) {
            status_filters.push_back(mstch::map{
                {"href", href(filter, value)},
                {"label", i18n::t(lang, "bc.registry.filter_" + (value.empty() ? "all" : value))},
                {"count", std::to_string(n)},
                {"current", status == value}});
          };
          add_status("", static_cast<int>(rows.size()));
          for (const char* s : {"reconnue", "suspendue", "revoquee"})
            add_status(s, status_counts[s]);
          bcs.push_back(mstch::map{{"name", bc.name},
                                   {"number", bc.number},
                                   {"filters", filters},
                                   {"status_filters", status_filters},
                                   {"admissions_href", "/bc/" + bc.number + "/admissions"},
                                   {"rows", shown},
                                   {"has_rows", !shown.empty()}});
        }
        return web.page(req, "fiche_adhesion", "fiche.adhesion.title",
                        {{"bcs", bcs}, {"has_bcs", !bcs.empty()}});
      });
}

}  // namespace sgee::portail

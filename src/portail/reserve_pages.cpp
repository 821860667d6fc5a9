#include "portail/reserve_pages.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "access/nav.hpp"
#include "access/web.hpp"
#include "csg/model.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"
#include "portail/audit.hpp"
#include "portail/family_store.hpp"
#include "portail/messages_pages.hpp"
#include "portail/reserve_rules.hpp"
#include "portail/reserve_store.hpp"

namespace sgee::portail {

namespace {

using access::OrgKind;
using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
namespace rs = reserve_store;

constexpr std::int64_t kPerPage = 50;
constexpr std::int64_t kMaxPerPage = 200;
constexpr std::int64_t kConsultationsPerPage = 50;

std::string t(const Request& req, const std::string& key) {
  return i18n::t(req.lang, key);
}

bool identity_hidden(const access::Organization& o, bool identified) {
  return reserve_rules::identity_hidden(o.kind == OrgKind::installation,
                                        o.installation_kind.value_or(""), identified);
}

std::string flexibility_words(const Request& req, const rs::Row& r) {
  std::string out;
  if (r.accept_partial) out = t(req, "reserve.flex_partial");
  if (r.accept_replacement) out += (out.empty() ? "" : ", ") + t(req, "reserve.flex_replacement");
  return out.empty() ? t(req, "reserve.flex_none") : out;
}

std::string criterion_words(const Request& req, const std::string& code) {
  const auto& key = "rank.criterion." + code;  // the ministry's list (priority_store)
  const auto& text = i18n::t(req.lang, key);
  return text == key ? t(req, "reserve.criterion.other") : text;
}

std::string criteria_words(const Request& req, const rs::Row& r) {
  std::string out;
  for (const auto& c : r.criteria) out += (out.empty() ? "" : ", ") + criterion_words(req, c);
  return out.empty() ? t(req, "reserve.criteria_none") : out;
}

std::string category_words(const Request& req, ranking::Category c) {
  return t(req, "reserve.category." + std::to_string(static_cast<int>(c)));
}

std::string age_words(const Request& req, int months) {
  return i18n::fill(t(req, months == 1 ? "reserve.month_one" : "reserve.months"),
                    {std::to_string(months)});
}

std::string age_group_words(const Request& req, ranking::AgeGroup g) {
  return t(req, "reserve.age." + std::string(ranking::to_string(g)));
}

// The list's filters, from the query string.
struct Filters {
  std::string age;  // "", "0-17", "18-59", "school"
  std::string from, to;
  std::optional<dates::Date> from_date, to_date;
  bool fits = false, siblings = false;
  bool bad_from = false, bad_to = false;
  bool any() const { return !age.empty() || from_date || to_date || fits || siblings; }
  std::string query() const {
    std::string q;
    auto add = [&](const char* k, const std::string& v) {
      if (!v.empty()) q += std::string(q.empty() ? "" : "&") + k + "=" + text::url_encode(v);
    };
    add("age", age);
    add("du", from);
    add("au", to);
    if (fits) add("place", "1");
    if (siblings) add("fratrie", "1");
    return q;
  }
};

Filters read_filters(const Request& req) {
  Filters f;
  f.age = req.query("age").value_or("");
  if (!ranking::age_group_from(f.age)) f.age.clear();
  f.from = std::string(text::trim(req.query("du").value_or("")));
  f.to = std::string(text::trim(req.query("au").value_or("")));
  if (!f.from.empty()) {
    f.from_date = dates::parse(f.from);
    f.bad_from = !f.from_date;
  }
  if (!f.to.empty()) {
    f.to_date = dates::parse(f.to);
    f.bad_to = !f.to_date;
  }
  f.fits = req.query("place").value_or("") == "1";
  f.siblings = req.query("fratrie").value_or("") == "1";
  return f;
}

struct Selection {
  std::int64_t total = 0;  // the rows the filters keep
  std::vector<rs::Row> rows;
};

// The réserve's rows the filters keep; `limit` of them from `offset` (0: all). Without filters the
// page is read alone (the positions are stored in order); with them, the whole réserve is read and
// filtered here.
Selection select(db::Connection& c, const access::Organization& o, const Filters& f,
                 dates::Date today, std::int64_t limit, std::int64_t offset) {
  Selection out;
  auto total = rs::ensure_ranked(c, o.id, today);
  if (!f.any()) {
    out.total = total;
    out.rows = rs::rows(c, o.id, limit, offset);
    return out;
  }
  reserve_rules::Filter filter{ranking::age_group_from(f.age), f.from_date, f.to_date, f.fits,
                               f.siblings};
  auto places = f.fits ? rs::open_places(c, o.id) : std::vector<ranking::FreePlace>{};
  std::vector<rs::Row> kept;
  for (auto& r : rs::rows(c, o.id))
    if (reserve_rules::keeps(filter,
                             {r.birth, r.desired_start, r.schedule, r.accept_partial,
                              r.accept_replacement, r.sibling},
                             places))
      kept.push_back(std::move(r));
  out.total = static_cast<std::int64_t>(kept.size());
  if (limit > 0) {
    auto from = std::min<std::int64_t>(offset, out.total);
    auto to = std::min<std::int64_t>(from + limit, out.total);
    out.rows.assign(std::make_move_iterator(kept.begin() + from),
                    std::make_move_iterator(kept.begin() + to));
  } else {
    out.rows = std::move(kept);
  }
  return out;
}

// A view of the réserve: one audit row (who, when, from where, how many children) and, per child
// shown, a consultation the parent sees.
void audit_rows(db::Connection& c, const Request& req, const access::Organization& o,
                const std::vector<rs::Row>& rows, const std::string& what) {
  if (rows.empty()) return;
  std::vector<std::int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& r : rows) ids.push_back(r.child_id);
  audit(c, req, "read", "portail_reserve", std::to_string(rows.size()), what, o.id);
  rs::record_consultations(c, o.id, ids, what);
}

std::string base_of(const access::Organization& o) {
  return "/installations/" + o.number + "/reserve";
}

mstch::map row_map(const Request& req, const access::Organization& o, const rs::Row& r,
                   dates::Date today) {
  bool hidden = identity_hidden(o, r.identified);
  mstch::map m{{"position", std::to_string(r.position)},
               {"number", r.confirmation_number},
               {"hidden", hidden},
               {"age", age_words(req, ranking::months_old(r.birth, today))},
               {"desired_start", i18n::date_words(req.lang, r.desired_start)},
               {"desired_iso", dates::format(r.desired_start)},
               {"sibling", r.sibling},
               {"schedule", schedule_words(req, r.schedule)},
               {"flexibility", flexibility_words(req, r)},
               {"criteria", criteria_words(req, r)},
               {"category", category_words(req, r.category)},
               {"href", base_of(o) + "/" + std::to_string(r.child_id)}};
  if (!hidden) m["name"] = r.given_name + " " + r.surname;
  return m;
}

Response list_page(web::WebApp& web, Request& req) {
  const auto& o = *access::auth_of(req).target;
  auto f = read_filters(req);
  auto today = dates::today_in_quebec();
  auto page = listing::page_of(req.query("page"));
  auto c = web.pool().acquire();
  auto sel = select(*c, o, f, today, kPerPage, (page - 1) * kPerPage);
  if (sel.rows.empty() && page > 1 && sel.total > 0) {
    page = (sel.total + kPerPage - 1) / kPerPage;
    sel = select(*c, o, f, today, kPerPage, (page - 1) * kPerPage);
  }
  audit_rows(*c, req, o, sel.rows, "reserve_list");
  mstch::array rows;
  for (const auto& r : sel.rows) rows.push_back(row_map(req, o, r, today));
  mstch::array ages;
  for (const char* g : {"0-17", "18-59", "school"})
    ages.push_back(mstch::map{{"value", std::string(g)},
                              {"label", t(req, "reserve.age." + std::string(g))},
                              {"selected", f.age == g}});
  auto q = f.query();
  auto base = base_of(o);
  mstch::map ctx{{"org_name", o.name},
                 {"org_number", o.number},
                 {"action", base},
                 {"ages", ages},
                 {"from", f.from},
                 {"to", f.to},
                 {"bad_from", f.bad_from},
                 {"bad_to", f.bad_to},
                 {"bad_dates", f.bad_from || f.bad_to},
                 {"fits", f.fits},
                 {"siblings", f.siblings},
                 {"rows", rows},
                 {"has_rows", !rows.empty()},
                 {"identity_hidden", identity_hidden(o, false)},
                 {"count", listing::count(req.lang, sel.total)},
                 {"csv_href", base + "/export" + (q.empty() ? "" : "?" + q)},
                 {"pager", listing::pager(req.lang, page, kPerPage, sel.total,
                                          [&](std::int64_t p) {
                                            return base + "?" + (q.empty() ? "" : q + "&") +
                                                   "page=" + std::to_string(p);
                                          })},
                 {"breadcrumbs", access::org_crumbs(req, {})}};
  return web.page(req, "reserve", "reserve.title", std::move(ctx),
                  f.bad_from || f.bad_to ? 422 : 200);
}

Response export_csv(web::WebApp& web, Request& req) {
  const auto& o = *access::auth_of(req).target;
  auto f = read_filters(req);
  if (f.bad_from || f.bad_to) return list_page(web, req);
  auto today = dates::today_in_quebec();
  auto c = web.pool().acquire();
  auto sel = select(*c, o, f, today, 0, 0);
  audit_rows(*c, req, o, sel.rows, "reserve_export");
  std::string body = "\xEF\xBB\xBF";
  listing::csv_line(
      body, {t(req, "reserve.col.rank"), t(req, "reserve.col.number"), t(req, "reserve.col.child"),
             t(req, "reserve.col.age"), t(req, "reserve.col.birth_date"),
             t(req, "reserve.col.desired_start"), t(req, "reserve.col.sibling"),
             t(req, "reserve.col.schedule"), t(req, "reserve.col.flexibility"),
             t(req, "reserve.col.criteria"), t(req, "reserve.col.category")});
  for (const auto& r : sel.rows) {
    bool hidden = identity_hidden(o, r.identified);
    listing::csv_line(
        body, {std::to_string(r.position), r.confirmation_number,
               hidden ? t(req, "reserve.hidden") : r.given_name + " " + r.surname,
               std::to_string(ranking::months_old(r.birth, today)),
               hidden ? std::string() : dates::format(r.birth), dates::format(r.desired_start),
               t(req, r.sibling ? "dossier.yes" : "dossier.no"), schedule_words(req, r.schedule),
               flexibility_words(req, r), criteria_words(req, r), category_words(req, r.category)});
  }
  return listing::csv_download(std::move(body),
                               "reserve-" + o.number + "-" + dates::format(today) + ".csv");
}

std::optional<std::int64_t> child_param(const Request& req) {
  const auto& v = req.params.at("child");
  if (v.empty() || v.size() > 18 || !std::all_of(v.begin(), v.end(), ::isdigit))
    return std::nullopt;
  auto id = text::to_int(v);
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

Response detail_page(web::WebApp& web, Request& req) {
  const auto& o = *access::auth_of(req).target;
  auto id = child_param(req);
  if (!id) return web.error(404, req);
  auto today = dates::today_in_quebec();
  auto c = web.pool().acquire();
  rs::ensure_ranked(*c, o.id, today);
  auto d = rs::detail(*c, o.id, *id);
  if (!d) return web.error(404, req);
  audit(*c, req, "read", "portail_child", std::to_string(*id), "reserve_detail", o.id);
  rs::record_consultations(*c, o.id, {*id}, "reserve_detail");
  const auto& r = d->row;
  bool hidden = identity_hidden(o, r.identified);
  auto base = base_of(o);
  mstch::map ctx{
      {"org_name", o.name},
      {"number", r.confirmation_number},
      {"hidden", hidden},
      {"in_reserve", d->in_reserve},
      {"position", std::to_string(r.position)},
      {"category", category_words(req, r.category)},
      {"priority", r.priority ? criterion_words(req, *r.priority) : std::string()},
      {"days_waited", std::to_string(std::abs(dates::days_between(r.desired_start, today)))},
      {"waiting", dates::days_between(r.desired_start, today) >= 0},
      {"age", age_words(req, ranking::months_old(r.birth, today))},
      {"age_group",
       age_group_words(req, ranking::age_group_on(r.birth, std::max(r.desired_start, today)))},
      {"desired_start", i18n::date_words(req.lang, r.desired_start)},
      {"sibling", r.sibling},
      {"schedule", schedule_words(req, r.schedule)},
      {"flexibility", flexibility_words(req, r)},
      {"criteria", criteria_words(req, r)},
      {"special_needs_text", d->special_needs_text},
      {"staff_parent", d->staff_parent},
      {"staff_confirmed", d->staff_confirmed_at.has_value()},
      {"staff_confirmed_on",
       d->staff_confirmed_at
           ? i18n::date_words(req.lang,
                              dates::parse(d->staff_confirmed_at->substr(0, 10)).value_or(today))
           : std::string()},
      {"confirm_action", base + "/" + std::to_string(*id) + "/employe"},
      {"confirmed_now", req.query("confirme").has_value()},
      {"admit_href",
       "/installations/" + o.number + "/admissions/nouvelle?enfant=" + std::to_string(*id)},
      {"back_href", base},
      {"breadcrumb_current", r.confirmation_number},
      {"breadcrumbs", access::org_crumbs(req, {{t(req, "reserve.title"), base}})}};
  if (!hidden) {
    ctx["name"] = r.given_name + " " + r.surname;
    ctx["birth_date"] = i18n::date_words(req.lang, r.birth);
    ctx["parent1"] = d->parent1;
    ctx["parent2"] = d->parent2;
    ctx["phone"] = d->phone.empty() ? std::string() : phone_text(d->phone);
    ctx["email"] = d->email;
    ctx["parent2_email"] = d->parent2_email;
    ctx["address"] = d->address;
    // Messaging: "Écrire au parent" (the provider knows who the child is), or the thread.
    if (auto link = provider_write_link(*c, o, *id)) {
      ctx["message_href"] = link->href;
      ctx["message_label"] =
          t(req, link->started ? "msg.link.see_thread" : "msg.link.write_parent");
    }
  }
  return web.page(req, "reserve_child", "reserve.child_title", std::move(ctx));
}

Response confirm_staff(web::WebApp& web, Request& req) {
  const auto& o = *access::auth_of(req).target;
  auto id = child_param(req);
  if (!id) return web.error(404, req);
  auto form = http::parse_form(req);
  if (!form.form) return web.error(form.error->status, req);
  auto c = web.pool().acquire();
  if (!rs::detail(*c, o.id, *id)) return web.error(404, req);
  db::Transaction tx(*c);
  if (rs::confirm_staff(*c, o.id, *id, log::utc_now_iso()))
    audit(*c, req, "update", "portail_child", std::to_string(*id), "reserve_staff_confirmed", o.id);
  tx.commit();
  return Response::redirect(base_of(o) + "/" + std::to_string(*id) + "?confirme=1", 303);
}

// ---------------------------------------------------------------------------------------------
// The API (spec/api.md's error shape).
Response api_error(int status, const std::string& code, const std::string& message,
                   const std::string& parameter) {
  return Response::json(
      {{"error", {{"code", code}, {"message", message}, {"parameter", parameter}}}}, status);
}

Response api_reserve(web::WebApp& web, Request& req) {
  const auto& o = *access::auth_of(req).target;
  bool en = req.lang == "en";
  auto number = [&](const char* name, std::int64_t fallback,
                    std::int64_t max) -> std::optional<std::int64_t> {
    auto v = req.query(name);
    if (!v) return fallback;
    if (v->empty() || v->size() > 9 || !std::all_of(v->begin(), v->end(), ::isdigit))
      return std::nullopt;
    auto n = text::to_int(*v);
    if (!n || *n < 1 || *n > max) return std::nullopt;
    return n;
  };
  auto page = number("page", 1, 1000000);
  if (!page)
    return api_error(400, "bad_paging",
                     en ? "page must be a whole number from 1." : "page doit être un entier ≥ 1.",
                     "page");
  auto per_page = number("per_page", kPerPage, kMaxPerPage);
  if (!per_page)
    return api_error(400, "bad_paging",
                     en ? "per_page must be a whole number from 1 to 200."
                        : "per_page doit être un entier de 1 à 200.",
                     "per_page");
  auto today = dates::today_in_quebec();
  auto c = web.pool().acquire();
  auto sel = select(*c, o, {}, today, *per_page, (*page - 1) * *per_page);
  audit_rows(*c, req, o, sel.rows, "reserve_api");
  json children = json::array();
  for (const auto& r : sel.rows) {
    bool hidden = identity_hidden(o, r.identified);
    json criteria = json::array();
    for (const auto& x : r.criteria) criteria.push_back(x);
    json sched = json::array();
    for (auto m : r.schedule) sched.push_back(m);
    json ch{{"position", r.position},
            {"child_id", r.child_id},
            {"confirmation_number", r.confirmation_number},
            {"identity_visible", !hidden},
            {"age_months", ranking::months_old(r.birth, today)},
            {"desired_start", dates::format(r.desired_start)},
            {"sibling", r.sibling},
            {"schedule", sched},
            {"accept_partial", r.accept_partial},
            {"accept_replacement", r.accept_replacement},
            {"criteria", criteria},
            {"category", static_cast<int>(r.category)},
            {"priority", r.priority ? json(*r.priority) : json(nullptr)}};
    if (!hidden) {
      ch["surname"] = r.surname;
      ch["given_name"] = r.given_name;
      ch["birth_date"] = dates::format(r.birth);
    }
    children.push_back(std::move(ch));
  }
  return Response::json({{"installation", o.number},
                         {"page", *page},
                         {"per_page", *per_page},
                         {"total", sel.total},
                         {"children", children}});
}

// ---------------------------------------------------------------------------------------------
// The parent's side: who consulted the child's file through a réserve.
Response consultations_page(web::WebApp& web, Request& req) {
  auto id = child_param(req);
  if (!id) return web.error(404, req);
  auto c = web.pool().acquire();
  auto f = family_store::family_of_user(*c, access::auth_of(req).who.user_id);
  if (!f) return web.error(404, req);
  auto ch = family_store::child(*c, f->id, *id);
  if (!ch) return web.error(404, req);
  auto page = listing::page_of(req.query("page"));
  auto found =
      rs::consultations(*c, *id, kConsultationsPerPage + 1, (page - 1) * kConsultationsPerPage);
  bool more = static_cast<std::int64_t>(found.size()) > kConsultationsPerPage;
  if (more) found.pop_back();
  mstch::array rows;
  for (const auto& x : found) {
    auto local = dates::quebec_time_of(x.at);
    rows.push_back(mstch::map{{"when", dates::local_time_text(req.lang, local, x.at)},
                              {"iso", x.at},
                              {"provider", x.provider},
                              {"what", t(req, "reserve.consult." + x.detail)},
                              {"times", x.views > 1 ? i18n::fill(t(req, "reserve.consult.times"),
                                                                 {std::to_string(x.views)})
                                                    : std::string()}});
  }
  auto base = "/famille/enfants/" + std::to_string(*id);
  mstch::map ctx{{"name", ch->data.given_name + " " + ch->data.surname},
                 {"rows", rows},
                 {"has_rows", !rows.empty()},
                 {"back_href", base},
                 {"breadcrumb_current", t(req, "reserve.consult.title")},
                 {"breadcrumbs", web::crumbs({{t(req, "family.title"), "/famille"},
                                              {ch->data.given_name, base}})}};
  if (page > 1) ctx["prev"] = base + "/consultations?page=" + std::to_string(page - 1);
  if (more) ctx["next"] = base + "/consultations?page=" + std::to_string(page + 1);
  return web.page(req, "reserve_consultations", "reserve.consult.title", std::move(ctx));
}

}  // namespace

// "du lundi au vendredi : Jour P1, Jour P2 ; samedi : Jour P1", the days with the same
// half-periods together, three or more days in a row as a range.
std::string schedule_words(const Request& req, const WeekMasks& week) {
  auto day = [&](int d) { return t(req, "weekday." + std::to_string(d)); };
  std::string out;
  std::vector<bool> done(7, false);
  for (int d = 0; d < 7; ++d) {
    if (done[d] || week[d] == 0) continue;
    std::vector<int> same;
    for (int e = d; e < 7; ++e)
      if (week[e] == week[d]) {
        done[e] = true;
        same.push_back(e);
      }
    std::string days;
    bool run = same.size() >= 3 && same.back() - same.front() + 1 == static_cast<int>(same.size());
    if (run) {
      days = i18n::fill(t(req, "reserve.day_range"), {day(same.front()), day(same.back())});
    } else {
      for (int e : same) days += (days.empty() ? "" : ", ") + day(e);
    }
    std::string halves;
    for (const auto& [name, bit] : csg::kHalfPeriodNames)
      if (week[d] & bit)
        halves += (halves.empty() ? "" : ", ") + t(req, std::string("half.") + name);
    out += (out.empty() ? "" : " ; ") + days + " : " + halves;
  }
  return out.empty() ? t(req, "reserve.no_schedule") : out;
}

void add_reserve_routes(web::WebApp& web) {
  auto& router = web.router();
  // POR-03: "Gérer la fiche et les admissions" on the installation or the RSGE (the RSE; the BC
  // under an RSGE's mandate, POR-05: see access::authorize()), as for the fiche.
  const auto manage =
      Access::with_right("manage_admissions", "installation").of_kinds({"installation", "rsge"});
  router.add("GET", "/installations/{installation}/reserve", manage,
             [&web](Request& req) { return list_page(web, req); });
  router.add("GET", "/installations/{installation}/reserve/export", manage,
             [&web](Request& req) { return export_csv(web, req); });
  router.add("GET", "/installations/{installation}/reserve/{child}", manage,
             [&web](Request& req) { return detail_page(web, req); });
  router.add("POST", "/installations/{installation}/reserve/{child}/employe", manage,
             [&web](Request& req) { return confirm_staff(web, req); });
  router.add("GET", "/api/v1/installations/{installation}/reserve",
             Access::api_code("installation").of_kinds({"installation", "rsge"}),
             [&web](Request& req) { return api_reserve(web, req); });
  router.add("GET", "/famille/enfants/{child}/consultations", Access::parent(),
             [&web](Request& req) { return consultations_page(web, req); });
}

}  // namespace sgee::portail

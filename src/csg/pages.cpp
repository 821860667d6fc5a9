// Provider staff's registry pages: the dossier list (search by name, NIREC, NECSG or record
// number; age bracket; status; paging), one dossier with its agreements' schedule grids, last
// messages and versions, and the closing-days calendar with Québec's holidays one click away.
// Every view of a child's data writes an audit row.
#include "csg/pages.hpp"

#include <map>

#include "access/nav.hpp"
#include "access/store.hpp"
#include "access/web.hpp"
#include "csg/catalog.hpp"
#include "csg/json.hpp"
#include "csg/store.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/templates.hpp"
#include "platform/text.hpp"

namespace sgee::csg {

std::string t(const http::Request& req, const std::string& key) {
  return i18n::t(req.lang, key);
}

const access::Organization& org_of(const http::Request& req) {
  return *access::auth_of(req).target;
}

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr int kPageSize = 50;

// "0-17" (the API's name) -> "0 à 17 mois" (the page's).
std::string bracket_label(const Request& req, const std::string& b) {
  if (b.empty()) return "";
  return t(req, "dossier.bracket_" + std::string(b == "0-17"    ? "infant"
                                                 : b == "18-59" ? "toddler"
                                                                : "school"));
}

std::string base_of(const Request& req) {
  return "/installations/" + org_of(req).number;
}

void audit_read(db::Connection& c, const Request& req, const std::string& record_type,
                const std::string& record_id, const std::string& detail = "") {
  const auto& a = access::auth_of(req);
  access::store::audit(c, {.user_id = a.who.user_id,
                           .organization_id = org_of(req).id,
                           .action = "read",
                           .record_type = record_type,
                           .record_id = record_id,
                           .detail = detail,
                           .address = req.remote,
                           .request_id = req.request_id});
}

// A dossier's date in words ("2 juin 2024"), "—" when there is none.
std::string opt_date(const Request& req, const std::optional<Date>& d) {
  return d ? i18n::date_words(req.lang, *d) : "—";
}

mstch::array schedule_weeks(const Request& req, const Schedule& s) {
  mstch::array weeks;
  mstch::array day_names;
  for (int d = 0; d < 7; ++d) day_names.push_back(t(req, "day." + std::to_string(d)));
  for (int w = 0; w < s.weeks && static_cast<size_t>(w * 7 + 6) < s.days.size() + 0; ++w) {
    mstch::array rows;
    for (const auto& [name, bit] : kHalfPeriodNames) {
      mstch::array cells;
      for (int d = 0; d < 7; ++d)
        cells.push_back(mstch::map{{"on", (s.days[static_cast<size_t>(w * 7 + d)] & bit) != 0}});
      rows.push_back(mstch::map{{"label", t(req, std::string("half.") + name)}, {"cells", cells}});
    }
    weeks.push_back(mstch::map{{"caption", t(req, "dossier.week") + " " + std::to_string(w + 1) +
                                               " / " + std::to_string(s.weeks)},
                               {"days", day_names},
                               {"rows", rows}});
  }
  return weeks;
}

std::string role_label(const Request& req, const std::optional<Role>& r) {
  if (!r) return "—";
  switch (*r) {
    case Role::mother: return t(req, "role.mother");
    case Role::biological_mother: return t(req, "role.biological_mother");
    case Role::father: return t(req, "role.father");
    case Role::tutor: return t(req, "role.tutor");
    case Role::other: return t(req, "role.other");
  }
  return "—";
}

// The list's sortable columns: each `tri` value and its sort (a BC's list also by RSGE).
const std::vector<std::pair<std::string, store::DossierSort>>& sort_columns() {
  static const std::vector<std::pair<std::string, store::DossierSort>> all = {
      {"nom", store::DossierSort::name},       {"naissance", store::DossierSort::birth_date},
      {"numero", store::DossierSort::number},  {"tranche", store::DossierSort::bracket},
      {"periode", store::DossierSort::period}, {"rsge", store::DossierSort::rsge},
      {"etat", store::DossierSort::status}};
  return all;
}

// The list's filters and sort as the URL gives them (unknown values are dropped), and the URL
// query that gives them back.
struct ListRequest {
  store::DossierSearch s;
  listing::Sort sort;
  std::int64_t page = 1;
  std::string query(const listing::Sort& by) const {
    return "q=" + text::url_encode(s.q) + "&tranche=" + text::url_encode(s.bracket) +
           "&etat=" + text::url_encode(s.status) + "&" + listing::sort_query(by);
  }
};

ListRequest read_list_request(const Request& req) {
  ListRequest in;
  auto& s = in.s;
  s.q = std::string(text::trim(req.query("q").value_or("")));
  s.bracket = req.query("tranche").value_or("");
  s.status = req.query("etat").value_or("");
  s.today = dates::format(dates::today_in_quebec());
  if (s.bracket != "" && s.bracket != "0-17" && s.bracket != "18-59" && s.bracket != "school")
    s.bracket = "";
  if (s.status != "" && s.status != "accepted" && s.status != "rejected" && s.status != "pending")
    s.status = "";
  std::vector<std::string> allowed;
  for (const auto& [key, sort] : sort_columns())
    if (sort != store::DossierSort::rsge || org_of(req).kind == access::OrgKind::bc)
      allowed.push_back(key);
  in.sort =
      listing::read_sort(req.query("tri").value_or(""), req.query("sens").value_or(""), allowed);
  for (const auto& [key, sort] : sort_columns())
    if (key == in.sort.column) s.sort = sort;
  s.descending = in.sort.descending;
  in.page = std::min<std::int64_t>(listing::page_of(req.query("page")), 100000);
  return in;
}

// `notice`: a message above the list (the CSV export refused), with its status.
Response list_page(web::WebApp& web, Request& req, const std::string& notice = "",
                   int status = 200) {
  auto in = read_list_request(req);
  auto& s = in.s;
  s.limit = kPageSize;
  auto c = web.pool().acquire();
  std::int64_t total = store::count_dossiers(*c, org_of(req).id, s);
  auto pages = std::max<std::int64_t>(1, (total + kPageSize - 1) / kPageSize);
  auto current = std::min(in.page, pages);
  s.offset = static_cast<int>((current - 1) * kPageSize);
  auto rows =
      total ? store::search_dossiers(*c, org_of(req).id, s) : std::vector<store::DossierRow>{};
  audit_read(*c, req, "dossier_list", org_of(req).number, s.q.empty() ? "" : "q=" + s.q);
  bool is_bc = org_of(req).kind == access::OrgKind::bc;
  // The filters' options, and each bracket's and status's label once a page (not once a row).
  mstch::array brackets, statuses;
  std::map<std::string, std::string> bracket_labels, status_labels;
  for (const char* b : {"0-17", "18-59", "school"}) {
    const auto& label = bracket_labels[b] = bracket_label(req, b);
    brackets.push_back(
        mstch::map{{"value", std::string(b)}, {"label", label}, {"selected", s.bracket == b}});
  }
  for (const char* st : {"accepted", "pending", "rejected"}) {
    const auto& label = status_labels[st] = t(req, std::string("dossier.status_") + st);
    statuses.push_back(
        mstch::map{{"value", std::string(st)}, {"label", label}, {"selected", s.status == st}});
  }
  auto label_of = [](const std::map<std::string, std::string>& labels, const std::string& key) {
    auto it = labels.find(key);
    return it != labels.end() ? it->second : std::string();
  };
  std::string dossiers = base_of(req) + "/dossiers/";
  templates::Table out({"href", "ref", "surname", "given_name", "birth_date", "number", "bracket",
                        "first_start", "last_end", "rsge", "status", "status_label"});
  out.reserve(rows.size());
  for (auto& r : rows)
    out.add(dossiers + text::url_encode(r.ref), std::move(r.ref), std::move(r.surname),
            std::move(r.given_name), std::move(r.birth_date),
            r.nirec.empty() ? std::move(r.necsg) : std::move(r.nirec),
            label_of(bracket_labels, r.bracket), std::move(r.first_start), std::move(r.last_end),
            std::move(r.rsge), r.status, label_of(status_labels, r.status));
  std::string list = base_of(req) + "/dossiers";
  std::vector<listing::Column> columns = {{"nom", t(req, "dossier.child"), ""},
                                          {"naissance", t(req, "dossier.birth_date"), ""},
                                          {"numero", t(req, "dossier.number"), ""},
                                          {"tranche", t(req, "dossier.bracket"), ""},
                                          {"periode", t(req, "dossier.period"), ""}};
  if (is_bc) columns.push_back({"rsge", t(req, "list.rsge"), ""});
  columns.push_back({"etat", t(req, "dossier.status"), ""});
  auto headers = listing::sort_headers(
      columns, in.sort, [&](const listing::Sort& by) { return list + "?" + in.query(by); });
  auto pager = listing::pager(req.lang, current, kPageSize, total, [&](std::int64_t p) {
    return list + "?" + in.query(in.sort) + "&page=" + std::to_string(p);
  });
  // What the filters select, for the printed page's title.
  std::string filters;
  auto add_filter = [&](const std::string& label, const std::string& value) {
    if (!value.empty())
      filters += (filters.empty() ? "" : " · ") + label + t(req, "list.colon") + value;
  };
  add_filter(t(req, "dossier.search"), s.q);
  add_filter(t(req, "dossier.bracket"), bracket_label(req, s.bracket));
  add_filter(t(req, "dossier.status"),
             s.status.empty() ? "" : t(req, "dossier.status_" + s.status));
  mstch::map ctx{{"org_name", org_of(req).name},
                 {"org_number", org_of(req).number},
                 {"action", list},
                 {"closing_href", base_of(req) + "/fermetures"},
                 {"occupation_href", base_of(req) + "/occupation"},
                 {"reservations_href", base_of(req) + "/reservations-cisss"},
                 {"csv_href", base_of(req) + "/dossiers.csv?" + in.query(in.sort)},
                 {"q", s.q},
                 {"sort", in.sort.column},
                 {"direction", std::string(in.sort.descending ? "desc" : "asc")},
                 {"has_rows", out.size() > 0},
                 {"is_bc", is_bc},
                 {"total", listing::count(req.lang, total)},
                 {"print_filters", filters},
                 {"print_date", dates::format(dates::today_in_quebec())},
                 {"notice", notice}};
  // The lists moved in, not copied from an initializer list.
  ctx.emplace("brackets", std::move(brackets));
  ctx.emplace("statuses", std::move(statuses));
  ctx.emplace("headers", std::move(headers));
  ctx.emplace("pager", std::move(pager));
  if (access::may(req, access::Right::enter_dossiers))
    ctx["new_href"] = base_of(req) + "/dossiers/nouveau";
  ctx["rows"] = std::move(out).node();
  return web.page(req, "dossier_list", "dossier.list_title", std::move(ctx), status);
}

// What the list's filters select, in its order, as CSV (UTF-8 with a BOM, for spreadsheets;
// headers and values in the page's language). Audited with the filters and the count. At most
// kMaxExportRows: beyond, the list says so and nothing is exported (never a cut file).
constexpr std::int64_t kMaxExportRows = 10000;

Response list_csv(web::WebApp& web, Request& req) {
  auto in = read_list_request(req);
  auto& s = in.s;
  s.limit = static_cast<int>(kMaxExportRows + 1);
  std::vector<store::DossierRow> rows;
  {
    auto c = web.pool().acquire();
    rows = store::search_dossiers(*c, org_of(req).id, s);
  }
  if (static_cast<std::int64_t>(rows.size()) > kMaxExportRows)
    return list_page(web, req,
                     t(req, "list.csv_too_many_1") + " " +
                         listing::count(req.lang, kMaxExportRows) + " " +
                         t(req, "list.csv_too_many_2"),
                     422);
  bool is_bc = org_of(req).kind == access::OrgKind::bc;
  std::string body = "\xEF\xBB\xBF";
  std::vector<std::string> header = {t(req, "list.csv_surname"),
                                     t(req, "list.csv_given_name"),
                                     t(req, "list.csv_ref"),
                                     t(req, "dossier.birth_date"),
                                     "NIREC",
                                     "NECSG",
                                     t(req, "dossier.bracket"),
                                     t(req, "list.csv_first_start"),
                                     t(req, "list.csv_last_end")};
  if (is_bc) header.push_back(t(req, "list.rsge"));
  header.push_back(t(req, "dossier.status"));
  listing::csv_line(body, header);
  for (const auto& r : rows) {
    std::vector<std::string> fields = {r.surname,
                                       r.given_name,
                                       r.ref,
                                       r.birth_date,
                                       r.nirec,
                                       r.necsg,
                                       bracket_label(req, r.bracket),
                                       r.first_start,
                                       r.last_end};
    if (is_bc) fields.push_back(r.rsge);
    fields.push_back(t(req, "dossier.status_" + r.status));
    listing::csv_line(body, fields);
  }
  const auto& a = access::auth_of(req);
  auto c = web.pool().acquire();
  access::store::audit(*c,
                       {.user_id = a.who.user_id,
                        .organization_id = org_of(req).id,
                        .action = "export",
                        .record_type = "dossier_list",
                        .record_id = org_of(req).number,
                        .detail = "csv " + std::to_string(rows.size()) + " " + in.query(in.sort),
                        .address = req.remote,
                        .request_id = req.request_id});
  return listing::csv_download(
      std::move(body),
      "dossiers-" + org_of(req).number + "-" + dates::format(dates::today_in_quebec()) + ".csv");
}

Response detail_page(web::WebApp& web, Request& req) {
  auto c = web.pool().acquire();
  auto stored = store::find_dossier(*c, org_of(req).id, req.params.at("ref"));
  if (!stored) return web.error(404, req);
  audit_read(*c, req, "dossier", stored->ref);
  const auto& d = stored->dossier;
  mstch::array messages;
  for (const auto& m : stored->messages) {
    messages.push_back(mstch::map{
        {"code", m.value("code", "")},
        {"field", m.value("field", "")},
        {"agreement", m["agreement"].is_string() ? m["agreement"].get<std::string>() : ""},
        {"text", message_text(m, req.lang)}});
  }
  mstch::array adults;
  auto adult = [&](const char* label, const Adult& a) {
    adults.push_back(mstch::map{{"label", t(req, label)},
                                {"name", a.given_name.value_or("") + " " + a.surname.value_or("")},
                                {"role", role_label(req, a.role)}});
  };
  adult("dossier.guardian", d.guardian);
  if (d.other_guardian) adult("dossier.other_guardian", *d.other_guardian);
  if (d.parent) adult("dossier.parent", *d.parent);
  const auto& ad = d.guardian.address;
  std::string address = ad.civic_number.value_or("") + ad.civic_suffix.value_or("") + " " +
                        ad.street.value_or("") + (ad.apartment ? ", app. " + *ad.apartment : "") +
                        ", " + ad.municipality.value_or("") + " " + ad.postal_code.value_or("");
  mstch::array brackets;
  for (const auto& b : d.age_brackets)
    brackets.push_back(mstch::map{{"label", bracket_label(req, to_string(b.bracket))},
                                  {"start", i18n::date_words(req.lang, b.start)}});
  mstch::array periods;
  auto period = [&](const char* label, const Period& p) {
    periods.push_back(mstch::map{{"label", t(req, label)},
                                 {"start", opt_date(req, p.start)},
                                 {"end", opt_date(req, p.end)}});
  };
  for (const auto& p : d.cisss_periods) period("dossier.cisss", p);
  for (const auto& p : d.ecp_periods) period("dossier.ecp", p);
  for (const auto& p : d.handicap_periods) {
    period("dossier.handicap", p);
    if (p.transitional_measure) period("dossier.transitional", *p.transitional_measure);
  }
  bool can_edit = access::may(req, access::Right::enter_dossiers);
  std::string edit_href = base_of(req) + "/dossiers/" + text::url_encode(stored->ref) + "/modifier";
  mstch::array agreements;
  for (size_t i = 0; i < d.agreements.size(); ++i) {
    const auto& a = d.agreements[i];
    std::string flags;
    auto flag = [&](bool on, const char* key) {
      if (on) flags += (flags.empty() ? "" : " · ") + t(req, key);
    };
    flag(a.reduced_contribution, "dossier.reduced");
    flag(a.replacement, "dossier.replacement");
    flag(a.is_signed, "dossier.signed");
    flag(!a.is_signed, "dossier.not_signed");
    mstch::array specials;
    for (const auto& s : a.special_schedules)
      specials.push_back(
          mstch::map{{"start", opt_date(req, s.start)}, {"end", opt_date(req, s.end)}});
    mstch::map m{{"ref", a.ref},
                 {"start", opt_date(req, a.start)},
                 {"end", opt_date(req, a.end)},
                 {"flags", flags},
                 {"specials", specials}};
    if (a.termination) m["termination"] = i18n::date_words(req.lang, *a.termination);
    if (can_edit)
      m["terminate_href"] = edit_href + "#f-agreements-" + std::to_string(i) + "-termination";
    if (a.schedule) m["weeks"] = schedule_weeks(req, *a.schedule);
    agreements.push_back(m);
  }
  mstch::array versions;
  for (const auto& v : store::versions_of(*c, stored->id))
    versions.push_back(mstch::map{{"version", std::to_string(v.version)},
                                  {"at", i18n::time_words(req.lang, v.created_at)},
                                  {"by", v.by}});
  const auto& ch = d.child;
  // In words, as the form offers it (Féminin, Masculin, X), never the sync API's letter.
  std::string sex = !ch.sex ? "—"
                            : t(req, *ch.sex == Sex::F   ? "form.sex_f"
                                     : *ch.sex == Sex::M ? "form.sex_m"
                                                         : "form.sex_x");
  mstch::map ctx{
      {"ref", stored->ref},
      {"child_name", ch.given_name.value_or("") + " " + ch.surname.value_or("")},
      {"status", stored->status},
      {"status_label", t(req, "dossier.status_" + stored->status)},
      {"rejected", stored->status == "rejected"},
      {"version", std::to_string(stored->version)},
      {"messages", messages},
      {"has_messages", !messages.empty()},
      {"birth_date", opt_date(req, ch.birth_date)},
      {"sex", sex},
      {"born_outside", t(req, ch.born_outside_quebec == true ? "dossier.yes" : "dossier.no")},
      {"adults", adults},
      {"address", address},
      {"brackets", brackets},
      {"periods", periods},
      {"has_periods", !periods.empty()},
      {"agreements", agreements},
      {"versions", versions},
      {"saved", req.query("enregistre").has_value()},
      {"occupation_href",
       base_of(req) + "/dossiers/" + text::url_encode(stored->ref) + "/occupation"}};
  if (can_edit) ctx["edit_href"] = edit_href;
  if (ch.nirec) ctx["nirec"] = *ch.nirec;
  if (ch.necsg) ctx["necsg"] = *ch.necsg;
  if (d.rsge) ctx["rsge"] = *d.rsge;
  ctx["breadcrumbs"] =
      access::org_crumbs(req, {{t(req, "menu.dossiers"), base_of(req) + "/dossiers"}});
  ctx["breadcrumb_current"] = ctx["child_name"];
  return web.page(req, "dossier_detail", "dossier.detail_title", ctx);
}

int year_of(const std::optional<std::string>& given) {
  auto y = text::to_int(given.value_or(""));
  if (y && *y >= 1990 && *y <= 2100) return static_cast<int>(*y);
  return dates::year_of(dates::today_in_quebec());
}

// Half-periods in words, as every table says them ("Jour P1, Jour P2"), never the codes "AM PM".
std::string half_periods_text(const Request& req, std::uint8_t mask) {
  std::string out;
  for (const auto& [name, bit] : kHalfPeriodNames)
    if (mask & bit) out += (out.empty() ? "" : ", ") + t(req, std::string("half.") + name);
  return out;
}

// The month shown by the closing-days page: ?mois=YYYY-MM, else this month in this year, else
// January of the year.
Date month_of_page(const Request& req, int year) {
  if (auto m = req.query("mois"))
    if (auto d = dates::parse(*m + "-01"); d && dates::year_of(*d) == year) return *d;
  Date today = dates::today_in_quebec();
  if (dates::year_of(today) == year) return dates::from_ymd(year, dates::month_of(today), 1);
  return dates::from_ymd(year, 1, 1);
}

std::string month_words(const Request& req, Date first) {
  return t(req, "month." + std::to_string(dates::month_of(first))) + " " +
         std::to_string(dates::year_of(first));
}

// The closing days of a year (SYN-10) as a month calendar (Monday first, Québec's holidays
// named, a + on each open day to fill the add form) above the list of the whole year.
// `date`: the add form's date (a calendar day's + link, or the refused form's).
Response closing_page(web::WebApp& web, Request& req, int year, const std::vector<Finding>& errors,
                      bool saved, const std::string& date = "") {
  auto c = web.pool().acquire();
  bool can_edit = access::may(req, access::Right::enter_dossiers) &&
                  org_of(req).kind == access::OrgKind::installation;
  auto stored = store::closing_days(*c, org_of(req).id, year);
  mstch::array days;
  for (const auto& d : stored)
    days.push_back(
        mstch::map{{"date", dates::format(d.day)},
                   {"date_words", i18n::date_words(req.lang, d.day, true)},
                   {"closed", half_periods_text(req, d.closed)},
                   {"admin_open", t(req, d.administration_open ? "dossier.yes" : "dossier.no")},
                   {"care_open", t(req, d.care_open ? "dossier.yes" : "dossier.no")},
                   {"reason", t(req, "closing.reason_" + d.reason)}});
  mstch::array half, reasons, error_rows;
  for (const auto& [name, bit] : kHalfPeriodNames)
    half.push_back(mstch::map{{"value", std::string(name)},
                              {"label", t(req, std::string("half.") + name)},
                              {"checked", bit == kAm || bit == kPm}});
  for (const char* r : {"planned", "lockout", "strike", "other"})
    reasons.push_back(mstch::map{{"value", std::string(r)},
                                 {"label", t(req, std::string("closing.reason_") + r)}});
  for (const auto& f : errors)
    error_rows.push_back(mstch::map{{"code", f.code}, {"text", text(f, req.lang)}});
  std::string action = base_of(req) + "/fermetures";

  // The month's grid: weeks of seven cells, Monday first.
  Date first = month_of_page(req, year);
  Date last = dates::add_days(dates::add_months(first, 1), -1);
  std::map<std::int32_t, std::string> holidays;  // day -> its name in the page's language
  auto qh = quebec_holidays(year);
  for (size_t i = 0; i < qh.size(); ++i)
    holidays[qh[i].first.days] = t(req, "occ.holiday." + std::to_string(i));
  std::string month_param = dates::format(first).substr(0, 7);
  mstch::array weeks, week, marked;
  for (int k = 0; k < dates::weekday(first); ++k) week.push_back(mstch::map{{"empty", true}});
  for (Date d = first; d <= last; d = dates::add_days(d, 1)) {
    const ClosingDay* closing = nullptr;
    for (const auto& x : stored)
      if (x.day == d) closing = &x;
    auto h = holidays.find(d.days);
    std::string holiday = h == holidays.end() ? "" : h->second;
    std::string words = i18n::date_words(req.lang, d, true);
    mstch::map cell{{"day", std::to_string(dates::day_of(d))},
                    {"date", dates::format(d)},
                    {"date_words", words},
                    {"closed", closing != nullptr},
                    {"holiday", holiday},
                    {"weekend", dates::weekday(d) >= 5},
                    {"can_add", can_edit && closing == nullptr},
                    {"add_href", action + "?annee=" + std::to_string(year) + "&mois=" +
                                     month_param + "&date=" + dates::format(d) + "#ajouter"}};
    if (closing || !holiday.empty()) {
      std::string what = closing ? t(req, "occ.closed") + " — " +
                                       t(req, "closing.reason_" + closing->reason) + " (" +
                                       half_periods_text(req, closing->closed) + ")"
                                 : t(req, "occ.holiday_open");
      marked.push_back(mstch::map{{"date", dates::format(d)},
                                  {"date_words", words},
                                  {"holiday", holiday},
                                  {"what", what},
                                  {"closed", closing != nullptr}});
    }
    week.push_back(cell);
    if (week.size() == 7) weeks.push_back(mstch::map{{"days", week}}), week = mstch::array{};
  }
  if (!week.empty()) {
    while (week.size() < 7) week.push_back(mstch::map{{"empty", true}});
    weeks.push_back(mstch::map{{"days", week}});
  }
  mstch::array day_names;
  for (int k = 0; k < 7; ++k)
    day_names.push_back(mstch::map{{"short", t(req, "day." + std::to_string(k))},
                                   {"long", t(req, "weekday." + std::to_string(k))}});
  Date prev = dates::add_months(first, -1), next = dates::add_months(first, 1);
  auto month_href = [&](Date m) {
    return action + "?annee=" + std::to_string(dates::year_of(m)) +
           "&mois=" + dates::format(m).substr(0, 7) + "#calendrier";
  };
  return web.page(req, "closing_days", "closing.title",
                  {{"org_name", org_of(req).name},
                   {"org_number", org_of(req).number},
                   {"year", std::to_string(year)},
                   {"prev_year", std::to_string(year - 1)},
                   {"next_year", std::to_string(year + 1)},
                   {"prev_href", action + "?annee=" + std::to_string(year - 1)},
                   {"next_href", action + "?annee=" + std::to_string(year + 1)},
                   {"month", month_words(req, first)},
                   {"month_param", month_param},
                   {"prev_month_href", month_href(prev)},
                   {"next_month_href", month_href(next)},
                   {"prev_month", month_words(req, prev)},
                   {"next_month", month_words(req, next)},
                   {"day_names", day_names},
                   {"weeks", weeks},
                   {"marked", marked},
                   {"has_marked", !marked.empty()},
                   {"action", action},
                   {"list_href", base_of(req) + "/dossiers"},
                   {"days", days},
                   {"has_days", !days.empty()},
                   {"can_edit", can_edit},
                   {"half_periods", half},
                   {"reasons", reasons},
                   {"add_date", date},
                   {"errors", error_rows},
                   {"has_errors", !errors.empty()},
                   {"saved", saved}},
                  errors.empty() ? 200 : 422);
}

// SYN-20: the component's (an installation's or a BC's) CISSS place reservations (protocoles
// d'entente), which the dossiers' CISSS periods need (DOS-23).
// `posted`: the refused form's values, shown again.
Response reservations_page(web::WebApp& web, Request& req, const std::vector<Reservation>& shown,
                           const std::vector<Finding>& errors, bool saved,
                           const http::Form* posted = nullptr) {
  auto value = [&](const char* name, const char* otherwise) {
    return posted ? posted->get(name).value_or("") : std::string(otherwise);
  };
  bool can_edit = access::may(req, access::Right::enter_dossiers);
  mstch::array rows, error_rows;
  for (size_t i = 0; i < shown.size(); ++i) {
    const auto& r = shown[i];
    rows.push_back(mstch::map{{"index", std::to_string(i)},
                              {"start", dates::format(r.start)},
                              {"end", dates::format(r.end)},
                              {"days", std::to_string(r.days_per_week)},
                              {"places", std::to_string(r.places)},
                              {"age", bracket_label(req, to_string(r.age))}});
  }
  for (const auto& f : errors)
    error_rows.push_back(mstch::map{{"code", f.code}, {"text", text(f, req.lang)}});
  return web.page(req, "cisss_reservations", "cisss.title",
                  {{"org_name", org_of(req).name},
                   {"org_number", org_of(req).number},
                   {"action", base_of(req) + "/reservations-cisss"},
                   {"list_href", base_of(req) + "/dossiers"},
                   {"rows", rows},
                   {"has_rows", !rows.empty()},
                   {"can_edit", can_edit},
                   {"errors", error_rows},
                   {"has_errors", !errors.empty()},
                   {"saved", saved},
                   {"start", value("start", "")},
                   {"end", value("end", "")},
                   {"days_per_week", value("days_per_week", "5")},
                   {"places", value("places", "1")},
                   {"toddler", value("age", "0-17") == "18-59"}},
                  errors.empty() ? 200 : 422);
}

}  // namespace

void add_pages(web::WebApp& web) {
  auto& router = web.router();
  // The registry's components: an installation or a BC, never a division or an RSGE.
  const auto consult =
      Access::with_right("consult_dossiers", "installation").of_kinds({"installation", "bc"});
  const auto enter =
      Access::with_right("enter_dossiers", "installation").of_kinds({"installation", "bc"});
  // Closing days are an installation's only (SYN-10); CISSS reservations are an installation's or
  // a BC's (SYN-20).
  const auto consult_installation =
      Access::with_right("consult_dossiers", "installation").of_kinds({"installation"});
  const auto enter_installation =
      Access::with_right("enter_dossiers", "installation").of_kinds({"installation"});

  router.add("GET", "/installations/{installation}/dossiers", consult,
             [&web](Request& req) { return list_page(web, req); });
  router.add("GET", "/installations/{installation}/dossiers.csv", consult,
             [&web](Request& req) { return list_csv(web, req); });
  router.add("GET", "/installations/{installation}/dossiers/{ref}", consult,
             [&web](Request& req) { return detail_page(web, req); });

  router.add("GET", "/installations/{installation}/fermetures", consult_installation,
             [&web](Request& req) {
               auto date = dates::parse(req.query("date").value_or(""));
               return closing_page(web, req, year_of(req.query("annee")), {},
                                   req.query("enregistre").has_value(),
                                   date ? dates::format(*date) : "");
             });

  router.add(
      "POST", "/installations/{installation}/fermetures", enter_installation, [&web](Request& req) {
        auto form = http::parse_form(req);
        if (!form.form) return web.error(form.error->status, req);
        int year = year_of(form.form->get("annee"));
        std::string op = form.form->get("operation").value_or("");
        auto c = web.pool().acquire();
        auto days = store::closing_days(*c, org_of(req).id, year);
        if (op == "delete") {
          auto date = dates::parse(form.form->get("date").value_or(""));
          if (auto ask = web.confirm_first(
                  req, *form.form,
                  {i18n::t(req.lang, "forms.closing_delete_q"), form.form->get("date").value_or(""),
                   i18n::t(req.lang, "forms.closing_delete_yes"),
                   base_of(req) + "/fermetures?annee=" + std::to_string(year)}))
            return std::move(*ask);
          std::erase_if(days, [&](const ClosingDay& d) { return date && d.day == *date; });
        } else if (op == "holidays") {
          for (const auto& [day, name] : quebec_holidays(year))
            if (std::none_of(days.begin(), days.end(),
                             [&](const ClosingDay& d) { return d.day == day; }))
              days.push_back({day, static_cast<std::uint8_t>(kAm | kPm), false, false, "planned"});
          std::sort(days.begin(), days.end(),
                    [](const ClosingDay& a, const ClosingDay& b) { return a.day < b.day; });
        } else if (op == "add") {
          auto date = dates::parse(form.form->get("date").value_or(""));
          if (!date)
            return closing_page(web, req, year, {{"CSG150E", "closing_days.date", ""}}, false,
                                form.form->get("date").value_or(""));
          bool ok = true;
          ClosingDay d;
          d.day = *date;
          d.closed = half_periods_of(form.form->all("closed"), &ok);
          d.administration_open = form.form->get("admin_open").has_value();
          d.care_open = form.form->get("care_open").has_value();
          d.reason = form.form->get("reason").value_or("");
          days.push_back(d);
        } else {
          return web.error(400, req);
        }
        auto findings = check_closing_days(year, days, org_of(req).kind == access::OrgKind::bc);
        if (has_error_code(findings))
          return closing_page(web, req, year, findings, false,
                              op == "add" ? form.form->get("date").value_or("") : "");
        store::replace_closing_days(*c, org_of(req).id, year, days);
        const auto& a = access::auth_of(req);
        access::store::audit(*c, {.user_id = a.who.user_id,
                                  .organization_id = org_of(req).id,
                                  .action = "update",
                                  .record_type = "closing_days",
                                  .record_id = std::to_string(year),
                                  .detail = op,
                                  .address = req.remote,
                                  .request_id = req.request_id});
        // Back to the changed day's month (a holiday import: the page's month).
        std::string month = form.form->get("mois").value_or("");
        if (auto d = dates::parse(form.form->get("date").value_or("")); d && op != "holidays")
          month = dates::format(*d).substr(0, 7);
        if (!dates::parse(month + "-01")) month.clear();
        return Response::redirect(base_of(req) + "/fermetures?annee=" + std::to_string(year) +
                                      (month.empty() ? "" : "&mois=" + month) +
                                      "&enregistre=1#calendrier",
                                  303);
      });

  router.add("GET", "/installations/{installation}/reservations-cisss", consult,
             [&web](Request& req) {
               auto c = web.pool().acquire();
               auto shown = store::reservations(*c, org_of(req).id);
               audit_read(*c, req, "cisss_reservations", org_of(req).number);
               return reservations_page(web, req, shown, {}, req.query("enregistre").has_value());
             });

  router.add(
      "POST", "/installations/{installation}/reservations-cisss", enter, [&web](Request& req) {
        auto form = http::parse_form(req);
        if (!form.form) return web.error(form.error->status, req);
        std::string op = form.form->get("operation").value_or("");
        auto c = web.pool().acquire();
        auto rs = store::reservations(*c, org_of(req).id);
        if (op == "delete") {
          auto i = text::to_int(form.form->get("index").value_or(""));
          if (!i || *i < 0 || static_cast<size_t>(*i) >= rs.size()) return web.error(400, req);
          const auto& r = rs[static_cast<size_t>(*i)];
          if (auto ask = web.confirm_first(req, *form.form,
                                           {i18n::t(req.lang, "forms.cisss_delete_q"),
                                            dates::format(r.start) + " – " + dates::format(r.end),
                                            i18n::t(req.lang, "forms.cisss_delete_yes"),
                                            base_of(req) + "/reservations-cisss"}))
            return std::move(*ask);
          rs.erase(rs.begin() + static_cast<std::ptrdiff_t>(*i));
        } else if (op == "add") {
          // The API's reader, so the page and the API say the same of the same values.
          auto number = [&](const char* name) -> json {
            auto v = text::to_int(form.form->get(name).value_or(""));
            return v ? json(*v) : json(form.form->get(name).value_or(""));
          };
          json body = {
              {"reservations", json::array({{{"start", form.form->get("start").value_or("")},
                                             {"end", form.form->get("end").value_or("")},
                                             {"days_per_week", number("days_per_week")},
                                             {"places", number("places")},
                                             {"age", form.form->get("age").value_or("")}}})}};
          auto parsed = parse_reservations(body);
          if (!parsed.findings.empty())
            return reservations_page(web, req, rs, parsed.findings, false, &*form.form);
          rs.push_back(parsed.reservations.at(0));
        } else {
          return web.error(400, req);
        }
        auto findings = check_reservations(rs);
        if (has_error_code(findings)) {
          if (op == "add") rs.pop_back();
          return reservations_page(web, req, rs, findings, false, &*form.form);
        }
        store::replace_reservations(*c, org_of(req).id, rs);
        const auto& a = access::auth_of(req);
        access::store::audit(*c, {.user_id = a.who.user_id,
                                  .organization_id = org_of(req).id,
                                  .action = "update",
                                  .record_type = "cisss_reservations",
                                  .record_id = org_of(req).number,
                                  .detail = op,
                                  .address = req.remote,
                                  .request_id = req.request_id});
        return Response::redirect(base_of(req) + "/reservations-cisss?enregistre=1", 303);
      });

  add_form_pages(web);
}

}  // namespace sgee::csg

// Occupation reports in the web app (issue 5): an installation's (or a BC's, per RSGE; or an
// RSGE's) figures by month, age group and category with capacity, occupancy rate and a chart,
// over any range or reference year, downloadable as CSV and XLSX; a child's month as a calendar;
// the ministry's network view by region and kind. Every figure comes from the engine
// (occupation/rules.hpp) through the same compute() and rows as `sgee occupation`.
#include "occupation/pages.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "access/nav.hpp"
#include "access/store.hpp"
#include "access/web.hpp"
#include "csg/json.hpp"
#include "occupation/report.hpp"
#include "occupation/rules.hpp"
#include "platform/i18n.hpp"
#include "platform/text.hpp"

namespace sgee::occupation {

using http::Access;
using http::Request;
using http::Response;

namespace {

std::string t(const Request& req, const std::string& key) {
  return i18n::t(req.lang, key);
}

const access::Organization& target(const Request& req) {
  return *access::auth_of(req).target;
}

void audit(db::Connection& c, const Request& req, const std::string& type, const std::string& id,
           const std::string& detail) {
  const auto& a = access::auth_of(req);
  access::store::audit(c, {.user_id = a.who.user_id,
                           .organization_id = a.target ? std::optional(a.target->id) : std::nullopt,
                           .action = "read",
                           .record_type = type,
                           .record_id = id,
                           .detail = detail,
                           .address = req.remote,
                           .request_id = req.request_id});
}

// Days (half-periods ÷ 2) and rates as the page's language writes them: "12,5" / "12.5".
std::string days_text(const Request& req, std::int64_t halves) {
  return occupation::days_text(halves, req.lang == "en" ? '.' : ',');
}
std::string percent_text(const Request& req, std::int64_t occupation,
                         std::optional<std::int64_t> cap) {
  if (!cap || *cap == 0) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", 100.0 * rate(occupation, *cap));
  std::string s = buf;
  if (req.lang != "en") std::replace(s.begin(), s.end(), '.', ',');
  return s + (req.lang == "en" ? "%" : " %");
}

// OCC-04: a rate over 100 % (occupation over capacity) is highlighted, in words and by class.
bool over_capacity(std::int64_t occupation, std::optional<std::int64_t> cap) {
  return cap && *cap > 0 && occupation > *cap;
}

// "Du 1er avril 2026 au 31 mars 2027" / "From April 1, 2026 to March 31, 2027".
std::string period_words(const Request& req, Date from, Date to) {
  std::string s = t(req, "occ.period");
  auto put = [&](const std::string& tag, const std::string& value) {
    if (auto at = s.find(tag); at != std::string::npos) s.replace(at, tag.size(), value);
  };
  put("{from}", i18n::date_words(req.lang, from));
  put("{to}", i18n::date_words(req.lang, to));
  return s;
}

std::string with(const Request& req, const std::string& key, const std::string& tag,
                 const std::string& value) {
  std::string s = t(req, key);
  if (auto at = s.find(tag); at != std::string::npos) s.replace(at, tag.size(), value);
  return s;
}

// The range of a request: ?du=&au= (both dates), else ?annee=Y (the reference year from 1 April
// Y), else the reference year holding today. An error text when the dates are not usable.
struct Range {
  Date from, to;
  int year = 0;  // the reference year shown, 0 for a free range
  std::string error;
};
Range range_of(const Request& req) {
  Range r;
  auto du = req.query("du"), au = req.query("au");
  if ((du && !du->empty()) || (au && !au->empty())) {
    auto f = dates::parse(du.value_or("")), e = dates::parse(au.value_or(""));
    if (!f || !e) {
      r.error = t(req, "occupation.bad_dates");
    } else if (*e < *f || dates::days_between(*f, *e) > 366 * 3) {
      r.error = t(req, "occupation.bad_range");
    } else {
      r.from = *f, r.to = *e;
      return r;
    }
  }
  int y = dates::year_of(reference_year_of(dates::today_in_quebec()));
  if (auto a = req.query("annee"); a && r.error.empty())
    if (auto n = text::to_int(*a); n && *n >= 2000 && *n <= 2100) y = static_cast<int>(*n);
  r.year = y;
  r.from = dates::from_ymd(y, 4, 1);
  r.to = dates::from_ymd(y + 1, 3, 31);
  return r;
}

// The reference years offered (three before this one, and the next), the range's selected (for a
// free range, the year it starts in).
mstch::array years_of(const Range& range) {
  mstch::array years;
  int this_year = dates::year_of(reference_year_of(dates::today_in_quebec()));
  int shown = range.year ? range.year : dates::year_of(reference_year_of(range.from));
  for (int y = this_year - 3; y <= this_year + 1; ++y)
    years.push_back(mstch::map{{"value", std::to_string(y)},
                               {"label", std::to_string(y) + "–" + std::to_string(y + 1)},
                               {"selected", y == shown}});
  return years;
}

store::Scope scope_of(const access::Organization& org) {
  using K = access::OrgKind;
  return {org.kind == K::bc     ? store::Scope::bc
          : org.kind == K::rsge ? store::Scope::rsge
                                : store::Scope::installation,
          org.number};
}

std::vector<OrgResult> results(db::Connection& c, const access::Organization& org, Date from,
                               Date to) {
  std::vector<OrgResult> out;
  for (const auto& comp : store::components(c, scope_of(org)))
    for (auto& r : compute(c, comp, from, to, true)) out.push_back(std::move(r));
  return out;
}

std::string month_label(const Request& req, Date first) {
  return t(req, "month." + std::to_string(dates::month_of(first))) + " " +
         std::to_string(dates::year_of(first));
}

// A bar per month (occupation days) with the month's capacity as a mark: server-side SVG, with a
// text alternative (the table below holds every figure).
std::string chart_svg(const Request& req, const std::vector<std::string>& labels,
                      const std::vector<std::int64_t>& occupation,
                      const std::vector<std::int64_t>& capacity) {
  const int w = 720, h = 240, left = 48, bottom = 36, top = 12;
  std::int64_t max = 1;
  for (size_t i = 0; i < labels.size(); ++i) max = std::max({max, occupation[i], capacity[i]});
  const double slot = static_cast<double>(w - left - 8) / static_cast<double>(labels.size());
  auto y = [&](std::int64_t v) {
    return top + (h - top - bottom) * (1.0 - static_cast<double>(v) / static_cast<double>(max));
  };
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(1);
  s << "<svg class=\"chart\" viewBox=\"0 0 " << w << ' ' << h
    << "\" role=\"img\" aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\">"
    << "<title id=\"chart-title\">" << text::html_escape(t(req, "occupation.chart_title"))
    << "</title>";
  for (int k = 0; k <= 4; ++k) {
    std::int64_t v = max * k / 4;
    s << "<line class=\"grid\" x1=\"" << left << "\" x2=\"" << w - 8 << "\" y1=\"" << y(v)
      << "\" y2=\"" << y(v) << "\"/><text class=\"axis\" x=\"" << left - 6 << "\" y=\"" << y(v) + 4
      << "\" text-anchor=\"end\">" << v / 2 << "</text>";
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    double x = left + slot * static_cast<double>(i);
    double bw = std::max(2.0, slot * 0.6);
    s << "<rect class=\"bar\" x=\"" << x + (slot - bw) / 2 << "\" y=\"" << y(occupation[i])
      << "\" width=\"" << bw << "\" height=\"" << (h - bottom) - y(occupation[i]) << "\"/>";
    if (capacity[i] > 0)
      s << "<line class=\"capacity\" x1=\"" << x + 2 << "\" x2=\"" << x + slot - 2 << "\" y1=\""
        << y(capacity[i]) << "\" y2=\"" << y(capacity[i]) << "\"/>";
    if (labels.size() <= 24)
      s << "<text class=\"axis\" x=\"" << x + slot / 2 << "\" y=\"" << h - bottom + 16
        << "\" text-anchor=\"middle\">" << text::html_escape(labels[i]) << "</text>";
  }
  s << "</svg>";
  return s.str();
}

std::string query_of(const Range& r) {
  return "?du=" + dates::format(r.from) + "&au=" + dates::format(r.to);
}

Response report_page(web::WebApp& web, Request& req) {
  const auto& org = target(req);
  auto range = range_of(req);
  auto c = web.pool().acquire();
  auto res = results(*c, org, range.from, range.to);
  audit(*c, req, "occupation_report", org.number,
        dates::format(range.from) + ".." + dates::format(range.to));

  Months months(range.from, range.to);
  std::vector<std::string> labels;
  std::vector<std::int64_t> occ(static_cast<size_t>(months.count), 0),
      cap(static_cast<size_t>(months.count), 0);
  std::map<std::string, std::map<std::string, Figures>> by_month;     // month -> age / category
  std::map<std::string, std::map<std::string, std::int64_t>> cap_of;  // month -> age -> capacity
  Figures total;
  std::int64_t total_cap = 0, children = 0;
  bool cap_known = false;
  mstch::array rsge_rows, warnings;
  for (const auto& r : res) {
    children += r.report.children;
    Figures org_total;
    std::int64_t org_cap = 0;
    for (const auto& row : rows_of(r)) {
      auto& m = by_month[row.month];
      if (row.category != "total") m[std::string("c") + row.category] += row.figures;
      if (row.category == "total" && row.age != "all") {
        m[row.age] += row.figures;
        if (row.capacity) cap_of[row.month][row.age] += *row.capacity;
      }
      if (row.age == "all") {
        m["all"] += row.figures;
        org_total += row.figures;
        if (row.capacity)
          cap_of[row.month]["all"] += *row.capacity, org_cap += *row.capacity, cap_known = true;
      }
    }
    total += org_total;
    total_cap += org_cap;
    if (org.kind == access::OrgKind::bc)
      rsge_rows.push_back(
          mstch::map{{"number", r.org.number},
                     {"href", "/installations/" + r.org.number + "/occupation" + query_of(range)},
                     {"name", r.org.name},
                     {"children", std::to_string(r.report.children)},
                     {"open", days_text(req, org_total.open)},
                     {"capacity", days_text(req, org_cap)},
                     {"rate", percent_text(req, org_total.open, org_cap)},
                     {"rate_over", over_capacity(org_total.open, org_cap)}});
    for (const auto& w : r.warnings)
      warnings.push_back(mstch::map{
          {"name", w.surname + ", " + w.given_name},
          {"ref", w.ref},
          {"href", "/installations/" + org.number + "/dossiers/" + text::url_encode(w.ref)},
          {"limit", t(req, w.limit.kind == LimitWarning::year ? "occupation.limit_year"
                                                              : "occupation.limit_weeks")},
          {"start", dates::format(w.limit.start)},
          {"end", dates::format(w.limit.end)},
          {"days", days_text(req, w.limit.halves)},
          {"rsge", r.org.kind == "rsge" ? r.org.name : ""},
          {"others", [&] {
             std::string refs;
             for (const auto& o : w.other_refs) refs += (refs.empty() ? "" : ", ") + o;
             return refs;
           }()}});
  }
  mstch::array month_rows, category_rows;
  static const char* kAges[] = {"0-17", "18-59", "school"};
  static const char* kCats[] = {"1", "1.1", "1.2", "1.3", "2", "2.1", "3"};
  for (int m = 0; m < months.count; ++m) {
    Date first = months.first[static_cast<size_t>(m)];
    std::string key = dates::format(first).substr(0, 7);
    auto& f = by_month[key];
    auto& caps = cap_of[key];
    labels.push_back(t(req, "month_short." + std::to_string(dates::month_of(first))));
    occ[static_cast<size_t>(m)] = f["all"].open;
    cap[static_cast<size_t>(m)] = caps["all"];
    mstch::array ages;
    for (const char* a : kAges) {
      std::optional<std::int64_t> c_age;
      if (caps.count(a)) c_age = caps[a];
      ages.push_back(mstch::map{{"open", days_text(req, f[a].open)},
                                {"rate", percent_text(req, f[a].open, c_age)},
                                {"rate_over", over_capacity(f[a].open, c_age)}});
    }
    std::optional<std::int64_t> c_all;
    if (caps.count("all")) c_all = caps["all"];
    month_rows.push_back(mstch::map{{"month", month_label(req, first)},
                                    {"ages", ages},
                                    {"planned", days_text(req, f["all"].planned)},
                                    {"open", days_text(req, f["all"].open)},
                                    {"planned_closure", days_text(req, f["all"].planned_closure)},
                                    {"unpaid_closure", days_text(req, f["all"].unpaid_closure)},
                                    {"capacity", c_all ? days_text(req, *c_all) : "—"},
                                    {"rate", percent_text(req, f["all"].open, c_all)},
                                    {"rate_over", over_capacity(f["all"].open, c_all)}});
    mstch::array cats;
    for (const char* k : kCats)
      cats.push_back(mstch::map{{"open", days_text(req, f[std::string("c") + k].open)}});
    category_rows.push_back(mstch::map{{"month", month_label(req, first)}, {"cats", cats}});
  }
  mstch::array age_heads, cat_heads;
  for (const char* a : kAges)
    age_heads.push_back(mstch::map{{"label", t(req, std::string("occupation.age_") + a)}});
  for (const char* k : kCats)
    cat_heads.push_back(mstch::map{{"code", std::string(k)},
                                   {"label", t(req, std::string("occupation.cat_") + k)}});
  std::string base = "/installations/" + org.number + "/occupation";
  mstch::map ctx{{"org_name", org.name},
                 {"org_number", org.number},
                 {"action", base},
                 {"from", dates::format(range.from)},
                 {"to", dates::format(range.to)},
                 {"years", years_of(range)},
                 {"error", range.error},
                 {"has_error", !range.error.empty()},
                 {"children", std::to_string(children)},
                 {"total_planned", days_text(req, total.planned)},
                 {"total_open", days_text(req, total.open)},
                 {"total_closure", days_text(req, total.planned_closure + total.unpaid_closure)},
                 {"total_capacity", cap_known ? days_text(req, total_cap) : "—"},
                 {"total_rate", percent_text(req, total.open,
                                             cap_known ? std::optional(total_cap) : std::nullopt)},
                 {"total_rate_over",
                  over_capacity(total.open, cap_known ? std::optional(total_cap) : std::nullopt)},
                 {"period", period_words(req, range.from, range.to)},
                 {"chart", chart_svg(req, labels, occ, cap)},
                 {"age_heads", age_heads},
                 {"cat_heads", cat_heads},
                 {"months", month_rows},
                 {"categories", category_rows},
                 {"is_bc", org.kind == access::OrgKind::bc},
                 {"rsge_rows", rsge_rows},
                 {"warnings", warnings},
                 {"has_warnings", !warnings.empty()},
                 {"csv_href", base + ".csv" + query_of(range)},
                 {"xlsx_href", base + ".xlsx" + query_of(range)},
                 {"dossiers_href", "/installations/" + org.number + "/dossiers"}};
  return web.page(req, "occupation_report", "occupation.title", std::move(ctx));
}

// An XLSX file's bytes: libxlsxwriter writes a file, a private temporary one, read back and
// removed.
std::string xlsx_bytes(const std::function<void(const std::string& path)>& write) {
  char path[] = "/tmp/sgee-occupation-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file");
  ::close(fd);
  std::string body;
  try {
    write(path);
    std::ifstream in(path, std::ios::binary);
    body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (...) {
    std::filesystem::remove(path);
    throw;
  }
  std::filesystem::remove(path);
  return body;
}

Response download(web::WebApp& web, Request& req, Format format) {
  const auto& org = target(req);
  auto range = range_of(req);
  if (!range.error.empty()) return web.error(400, req);
  auto c = web.pool().acquire();
  auto res = results(*c, org, range.from, range.to);
  audit(*c, req, "occupation_report", org.number,
        std::string(format == Format::csv ? "csv " : "xlsx ") + dates::format(range.from) + ".." +
            dates::format(range.to));
  std::string name =
      "occupation-" + org.number + "-" + dates::format(range.from) + "-" + dates::format(range.to);
  Response r;
  if (format == Format::csv) {
    std::ostringstream out;
    auto w = make_writer(Format::csv, out, "", range.from, range.to, req.lang);
    for (const auto& x : res) w->add(x);
    w->finish();
    r.body = out.str();
    r.set("Content-Type", "text/csv; charset=utf-8");
    name += ".csv";
  } else {
    r.body = xlsx_bytes([&](const std::string& path) {
      std::ostringstream unused;
      auto w = make_writer(Format::xlsx, unused, path, range.from, range.to, req.lang);
      for (const auto& x : res) w->add(x);
      w->finish();
    });
    r.set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    name += ".xlsx";
  }
  r.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
  r.set("Cache-Control", "no-store");
  return r;
}

// A child's month (OCC-01…03 day by day, from days_of): a calendar like the RSGE attendance sheet.
Response child_month(web::WebApp& web, Request& req) {
  const auto& org = target(req);
  const std::string ref = req.params.at("ref");
  auto c = web.pool().acquire();
  auto row = c->run(
      "SELECT d.data, d.rsge_id, d.child_surname, d.child_given_name FROM dossiers d WHERE "
      "d.organization_id = $1 AND d.ref = $2",
      org.kind == access::OrgKind::rsge ? org.parent_id.value_or(0) : org.id, ref);
  if (row.empty()) return web.error(404, req);
  if (org.kind == access::OrgKind::rsge && row.first().opt_i64(1) != org.id)
    return web.error(404, req);
  auto body = csg::parse_body(row.first().str(0));
  if (!body.json) return web.error(500, req);
  auto dossier = csg::parse_dossier(*body.json).dossier;
  Date today = dates::today_in_quebec();
  Date first = dates::from_ymd(dates::year_of(today), dates::month_of(today), 1);
  if (auto m = req.query("mois"))
    if (auto d = dates::parse(*m + "-01")) first = *d;
  Date last = dates::add_days(dates::add_months(first, 1), -1);
  // Closing days: the installation's own, or none for an RSGE (SYN-10).
  std::int64_t closing_org = org.id;
  if (org.kind == access::OrgKind::bc) closing_org = row.first().opt_i64(1).value_or(0);
  Calendar cal(first, last, store::closing_days(*c, closing_org, first, last));
  auto days = days_of(dossier, cal, first, last);
  audit(*c, req, "dossier", ref, "occupation " + dates::format(first).substr(0, 7));

  std::map<int, std::vector<const Day*>> on;  // day of month -> its agreement-days
  Figures sum;
  for (const auto& d : days) {
    on[static_cast<int>(dates::day_of(d.day))].push_back(&d);
    sum.planned += __builtin_popcount(d.planned);
    sum.open += __builtin_popcount(d.open());
    sum.planned_closure += __builtin_popcount(d.planned_closure);
    sum.unpaid_closure += __builtin_popcount(d.unpaid_closure);
  }
  mstch::array weeks, week;
  for (int k = 0; k < dates::weekday(first); ++k) week.push_back(mstch::map{{"empty", true}});
  for (Date d = first; d <= last; d = dates::add_days(d, 1)) {
    int n = static_cast<int>(dates::day_of(d));
    auto i = static_cast<size_t>(dates::days_between(first, d));
    mstch::array halves;
    std::string category;
    for (const auto* x : on[n]) {
      category = code_of(x->category);
      for (const auto& [name, bit] : csg::kHalfPeriodNames) {
        if (!(x->planned & bit)) continue;
        std::string state = (x->unpaid_closure & bit)    ? "unpaid"
                            : (x->planned_closure & bit) ? "closed"
                                                         : "open";
        halves.push_back(mstch::map{{"label", t(req, std::string("half.") + name)},
                                    {"state", state},
                                    {"state_label", t(req, "occupation.state_" + state)},
                                    {"special", x->special}});
      }
    }
    bool closed = cal.closed[i] != 0;
    week.push_back(mstch::map{
        {"day", std::to_string(n)},
        {"date", dates::format(d)},
        {"halves", halves},
        {"has_halves", !halves.empty()},
        {"category", category},
        {"closed", closed},
        {"closed_label",
         t(req, cal.unpaid[i] ? "occupation.closed_unpaid" : "occupation.closed_planned")}});
    if (week.size() == 7) weeks.push_back(mstch::map{{"days", week}}), week = mstch::array{};
  }
  if (!week.empty()) {
    while (week.size() < 7) week.push_back(mstch::map{{"empty", true}});
    weeks.push_back(mstch::map{{"days", week}});
  }
  mstch::array day_names;
  for (int d = 0; d < 7; ++d) day_names.push_back(t(req, "day." + std::to_string(d)));
  // The legend: what each mark and category code of the calendar means.
  mstch::array legend_states, legend_categories;
  for (const char* state : {"open", "closed", "unpaid"})
    legend_states.push_back(
        mstch::map{{"state", std::string(state)},
                   {"label", t(req, std::string("occupation.state_") + state)}});
  for (const char* k : {"1", "1.1", "1.2", "1.3", "2", "2.1", "3"})
    legend_categories.push_back(mstch::map{{"code", std::string(k)},
                                           {"label", t(req, std::string("occupation.cat_") + k)}});
  std::string self =
      "/installations/" + org.number + "/dossiers/" + text::url_encode(ref) + "/occupation?mois=";
  auto r0 = row.first();
  mstch::map ctx{{"org_name", org.name},
                 {"org_number", org.number},
                 {"child", r0.str(3) + " " + r0.str(2)},
                 {"ref", ref},
                 {"month", month_label(req, first)},
                 {"day_names", day_names},
                 {"weeks", weeks},
                 {"planned", days_text(req, sum.planned)},
                 {"open", days_text(req, sum.open)},
                 {"planned_closure", days_text(req, sum.planned_closure)},
                 {"unpaid_closure", days_text(req, sum.unpaid_closure)},
                 {"prev_href", self + dates::format(dates::add_months(first, -1)).substr(0, 7)},
                 {"next_href", self + dates::format(dates::add_months(first, 1)).substr(0, 7)},
                 {"prev_label", month_label(req, dates::add_months(first, -1))},
                 {"next_label", month_label(req, dates::add_months(first, 1))},
                 {"legend_states", legend_states},
                 {"legend_categories", legend_categories}};
  ctx["breadcrumbs"] = access::org_crumbs(
      req, {{t(req, "menu.dossiers"), "/installations/" + org.number + "/dossiers"},
            {r0.str(3) + " " + r0.str(2),
             "/installations/" + org.number + "/dossiers/" + text::url_encode(ref)}});
  return web.page(req, "occupation_child", "occupation.child_title", std::move(ctx));
}

// The ministry's network view, at three levels kept in the query with the range: the network by
// administrative region and kind (no ?region=), a region's providers (?region=03: each
// installation and RSGE), a provider's months (?region=03&service=N). Every figure is the
// engine's; a level only computes the components it shows.
struct NetRow {
  std::string code, name;  // the region's code and name, or the provider's number and name
  std::string label, href, kind;
  std::int64_t orgs = 0, children = 0, capacity = 0;
  bool cap_known = false;
  Figures f;
  void add(const Figures& x, std::optional<std::int64_t> cap) {
    f += x;
    if (cap) capacity += *cap, cap_known = true;
  }
};
struct Network {
  int level = 0;                // 0 network, 1 region, 2 provider
  std::string region, service;  // the level's keys
  std::string region_label, provider_label;
  std::vector<NetRow> rows;
  NetRow total;
  bool found = true;  // false: an unknown region or provider (404)
};

std::string region_label(const Request& req, const std::string& region) {
  return region.empty() ? t(req, "occupation.region_unknown")
                        : region + " " + t(req, "region." + region);
}

std::string network_query(const Range& range, const std::string& region,
                          const std::string& service = "") {
  std::string q = query_of(range);
  if (!region.empty()) q += "&region=" + text::url_encode(region);
  if (!service.empty()) q += "&service=" + text::url_encode(service);
  return q;
}

Network network_of(db::Connection& c, const Request& req, const Range& range) {
  Network n;
  n.region = req.query("region").value_or("");
  n.service = req.query("service").value_or("");
  if (!n.service.empty() && n.region.empty()) return n.found = false, n;
  if (!n.region.empty()) {
    auto k = text::to_int(n.region);
    if (n.region.size() != 2 || !k || *k < 1 || *k > 17) return n.found = false, n;
    n.region_label = region_label(req, n.region);
  }
  n.level = n.service.empty() ? (n.region.empty() ? 0 : 1) : 2;
  std::map<std::pair<std::string, std::string>, NetRow> cells;  // level 0: (region, kind)
  std::map<std::string, NetRow> months;                         // level 2: YYYY-MM
  n.total.kind = t(req, "occupation.all_kinds");
  for (auto& comp : store::components(c, {store::Scope::all, ""})) {
    if (n.level >= 1)
      std::erase_if(comp.orgs, [&](const store::Org& o) {
        return o.region != n.region || (n.level == 2 && o.number != n.service);
      });
    if (comp.orgs.empty()) continue;
    for (const auto& r : compute(c, comp, range.from, range.to, false)) {
      std::string kind = r.org.kind == "rsge" ? "RSGE" : r.org.installation_kind;
      NetRow provider;
      if (n.level == 1) {
        provider.code = r.org.number, provider.name = r.org.name;
        provider.label = r.org.name + " (" + r.org.number + ")";
        provider.href = "/ministere/occupation" + network_query(range, n.region, r.org.number);
        provider.kind = kind;
        provider.orgs = 1;
        provider.children = r.report.children;
      }
      if (n.level == 2) n.provider_label = r.org.name + " (" + r.org.number + ")";
      NetRow* cell = n.level == 0 ? &cells[{r.org.region, kind}] : &provider;
      ++cell->orgs, ++n.total.orgs;
      if (n.level == 0) cell->children += r.report.children;
      n.total.children += r.report.children;
      for (const auto& row : rows_of(r))
        if (row.age == "all") {
          cell->add(row.figures, row.capacity);
          n.total.add(row.figures, row.capacity);
          if (n.level == 2) months[row.month].add(row.figures, row.capacity);
        }
      if (n.level == 1) n.rows.push_back(std::move(provider));
    }
  }
  if (n.level == 0)
    for (auto& [key, x] : cells) {
      x.code = key.first;
      x.name =
          key.first.empty() ? t(req, "occupation.region_unknown") : t(req, "region." + key.first);
      x.label = region_label(req, key.first);
      x.kind = key.second;
      if (!key.first.empty()) x.href = "/ministere/occupation" + network_query(range, key.first);
      n.rows.push_back(std::move(x));
    }
  if (n.level == 2) {
    if (n.provider_label.empty()) return n.found = false, n;
    for (auto& [month, x] : months) {
      x.code = month;
      x.label = month_label(req, *dates::parse(month + "-01"));
      n.rows.push_back(std::move(x));
    }
  }
  return n;
}

mstch::map net_row_map(const Request& req, const NetRow& x) {
  auto cap = x.cap_known ? std::optional(x.capacity) : std::nullopt;
  return mstch::map{{"label", x.label},
                    {"href", x.href},
                    {"kind", x.kind},
                    {"orgs", std::to_string(x.orgs)},
                    {"children", std::to_string(x.children)},
                    {"open", days_text(req, x.f.open)},
                    {"closure", days_text(req, x.f.planned_closure + x.f.unpaid_closure)},
                    {"capacity", cap ? days_text(req, *cap) : "—"},
                    {"rate", percent_text(req, x.f.open, cap)},
                    {"rate_over", over_capacity(x.f.open, cap)}};
}

void audit_network(db::Connection& c, const Request& req, const Network& n, const Range& range,
                   const std::string& format) {
  std::string detail = (format.empty() ? "" : format + " ") + dates::format(range.from) + ".." +
                       dates::format(range.to);
  if (!n.region.empty()) detail += " region " + n.region;
  audit(c, req, "occupation_network", n.service, detail);
}

Response network_page(web::WebApp& web, Request& req) {
  auto range = range_of(req);
  auto c = web.pool().acquire();
  auto n = network_of(*c, req, range);
  if (!n.found) return web.error(404, req);
  audit_network(*c, req, n, range, "");
  mstch::array rows, trail, hidden;
  for (const auto& x : n.rows) rows.push_back(net_row_map(req, x));
  std::string base = "/ministere/occupation";
  auto crumb = [&](const std::string& label, const std::string& href) {
    trail.push_back(mstch::map{{"label", label}, {"href", href}, {"current", href.empty()}});
  };
  crumb(t(req, "occ.network"), n.level == 0 ? "" : base + query_of(range));
  if (n.level >= 1)
    crumb(n.region_label, n.level == 1 ? "" : base + network_query(range, n.region));
  if (n.level == 2) crumb(n.provider_label, "");
  if (!n.region.empty())
    hidden.push_back(mstch::map{{"name", std::string("region")}, {"value", n.region}});
  if (!n.service.empty())
    hidden.push_back(mstch::map{{"name", std::string("service")}, {"value", n.service}});
  std::string heading = n.level == 0 ? t(req, "occupation.network_title")
                        : n.level == 1
                            ? with(req, "occ.region_title", "{region}", n.region_label)
                            : with(req, "occ.provider_title", "{provider}", n.provider_label);
  std::string first_head = n.level == 0   ? t(req, "occupation.region")
                           : n.level == 1 ? t(req, "occ.provider")
                                          : t(req, "occupation.month");
  auto total = net_row_map(req, n.total);
  std::string q = network_query(range, n.region, n.service);
  mstch::map ctx{{"action", base},
                 {"heading", heading},
                 {"trail", trail},
                 {"hidden", hidden},
                 {"from", dates::format(range.from)},
                 {"to", dates::format(range.to)},
                 {"period", period_words(req, range.from, range.to)},
                 {"years", years_of(range)},
                 {"error", range.error},
                 {"has_error", !range.error.empty()},
                 {"first_head", first_head},
                 {"show_kind", n.level < 2},
                 {"show_orgs", n.level == 0},
                 {"show_children", n.level < 2},
                 {"rows", rows},
                 {"has_rows", !rows.empty()},
                 {"total", total},
                 {"total_label", n.level == 0   ? t(req, "occupation.network_total")
                                 : n.level == 1 ? t(req, "occ.total") + " — " + n.region_label
                                                : t(req, "occ.total")},
                 {"csv_href", base + ".csv" + q},
                 {"xlsx_href", base + ".xlsx" + q}};
  return web.page(req, "occupation_network", "occupation.network_title", std::move(ctx));
}

// The network view's current level as a file: the page's table, in the page's language.
Response network_download(web::WebApp& web, Request& req, Format format) {
  auto range = range_of(req);
  if (!range.error.empty()) return web.error(400, req);
  auto c = web.pool().acquire();
  auto n = network_of(*c, req, range);
  if (!n.found) return web.error(404, req);
  audit_network(*c, req, n, range, format == Format::csv ? "csv" : "xlsx");
  const auto& lang = req.lang;
  auto col = [&](const char* k) { return i18n::t(lang, std::string("occ.col.") + k); };
  std::vector<std::string> heads;
  if (n.level == 0)
    heads = {col("region"), col("region_name"), col("provider_kind"), col("organizations")};
  if (n.level == 1) heads = {col("organization"), col("name"), col("provider_kind")};
  if (n.level == 2) heads = {col("month")};
  if (n.level < 2) heads.push_back(col("children"));
  for (const char* k : {"open_days", "closure_days", "capacity_days", "occupancy_rate"})
    heads.push_back(col(k));
  auto number = [](double v, std::string text) { return TableCell{std::move(text), v, false}; };
  auto days_cell = [&](std::int64_t halves) {
    return number(static_cast<double>(halves) / 2.0, occupation::days_text(halves));
  };
  Table rows;
  auto add = [&](const NetRow& x, std::vector<TableCell> first) {
    if (n.level < 2)
      first.push_back(number(static_cast<double>(x.children), std::to_string(x.children)));
    first.push_back(days_cell(x.f.open));
    first.push_back(days_cell(x.f.planned_closure + x.f.unpaid_closure));
    first.push_back(x.cap_known ? days_cell(x.capacity) : TableCell{});
    if (x.cap_known && x.capacity > 0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4f", rate(x.f.open, x.capacity));
      first.push_back({buf, rate(x.f.open, x.capacity), true});
    } else {
      first.push_back({});
    }
    rows.push_back(std::move(first));
  };
  auto count = [&](std::int64_t v) { return number(static_cast<double>(v), std::to_string(v)); };
  for (const auto& x : n.rows) {
    if (n.level == 0) add(x, {{x.code}, {x.name}, {x.kind}, count(x.orgs)});
    if (n.level == 1) add(x, {{x.code}, {x.name}, {x.kind}});
    if (n.level == 2) add(x, {{x.code}});
  }
  std::string all = t(req, "occupation.network_total");
  if (n.level == 0) add(n.total, {{""}, {all}, {n.total.kind}, count(n.total.orgs)});
  if (n.level == 1) add(n.total, {{""}, {all + " — " + n.region_label}, {""}});
  if (n.level == 2) add(n.total, {{t(req, "occ.total")}});
  std::string name = "occupation-reseau" + (n.region.empty() ? "" : "-" + n.region) +
                     (n.service.empty() ? "" : "-" + n.service) + "-" + dates::format(range.from) +
                     "-" + dates::format(range.to);
  Response r;
  if (format == Format::csv) {
    std::ostringstream out;
    write_csv(out, heads, rows);
    r.body = out.str();
    r.set("Content-Type", "text/csv; charset=utf-8");
    name += ".csv";
  } else {
    r.body = xlsx_bytes([&](const std::string& path) {
      write_xlsx(path, t(req, "occ.sheet.network"), heads, rows);
    });
    r.set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    name += ".xlsx";
  }
  r.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
  r.set("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_pages(web::WebApp& web) {
  auto& router = web.router();
  // An installation, a BC (its RSGEs together) or an RSGE: never a division.
  const auto consult = Access::with_right("consult_dossiers", "installation")
                           .of_kinds({"installation", "bc", "rsge"});
  router.add("GET", "/installations/{installation}/occupation", consult,
             [&web](Request& req) { return report_page(web, req); });
  router.add("GET", "/installations/{installation}/occupation.csv", consult,
             [&web](Request& req) { return download(web, req, Format::csv); });
  router.add("GET", "/installations/{installation}/occupation.xlsx", consult,
             [&web](Request& req) { return download(web, req, Format::xlsx); });
  router.add("GET", "/installations/{installation}/dossiers/{ref}/occupation", consult,
             [&web](Request& req) { return child_month(web, req); });
  router.add("GET", "/ministere/occupation", Access::ministry(),
             [&web](Request& req) { return network_page(web, req); });
  router.add("GET", "/ministere/occupation.csv", Access::ministry(),
             [&web](Request& req) { return network_download(web, req, Format::csv); });
  router.add("GET", "/ministere/occupation.xlsx", Access::ministry(),
             [&web](Request& req) { return network_download(web, req, Format::xlsx); });
}

}  // namespace sgee::occupation

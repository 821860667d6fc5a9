// The audit log on the web: ministry agents search all of it, an RSE their division's (both
// with a CSV export, itself audited), and a parent reads, in plain words, who consulted their
// children's records. Actions and record types are shown by their French or English labels,
// times in Québec's local time.
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string_view>

#include "access/web.hpp"
#include "platform/csv.hpp"
#include "platform/date.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/text.hpp"

namespace sgee::access {

using http::Access;
using http::Request;
using http::Response;

namespace {

// Every record type with a name in the catalog ("audit.type.…"), by name: each module names there
// the types it writes, so the filter offers them all. Made once per language.
using Named = std::vector<std::pair<std::string, std::string>>;  // label, code
const Named& record_types(const std::string& lang) {
  auto make = [](std::string_view lang) {
    Named named;
    constexpr std::string_view kPrefix = "audit.type.";
    for (const auto& [key, label] : i18n::catalog(lang))
      if (key.starts_with(kPrefix) && key != "audit.type.other")
        named.emplace_back(label, key.substr(kPrefix.size()));
    std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) {
      return text::search_key(a.first) < text::search_key(b.first);
    });
    return named;
  };
  static const Named fr = make("fr"), en = make("en");
  return lang == "en" ? en : fr;
}

// The catalog's text for `key`, or `otherwise` when the catalog has none.
std::string text_or(const std::string& lang, const std::string& key, const std::string& otherwise) {
  const auto& cat = i18n::catalog(lang);
  auto it = cat.find(key);
  return it != cat.end() ? it->second : otherwise;
}

// The label of an internal code (`prefix` + code), or the prefix's "other" label for a code the
// catalogs do not know yet: the page never shows an internal code.
std::string label_of(const std::string& lang, const std::string& prefix, const std::string& code) {
  return text_or(lang, prefix + code, i18n::t(lang, prefix + "other"));
}

// A detail the code writes, in words: a word ("sync", "form", "api": where a change came from;
// "add", "delete": a closing day's operation; "sent"), a right ("consult_dossiers"), an export
// ("csv 12 type=…": its format and row count), a month ("occupation 2026-04"), a period
// ("2026-04-01..2027-03-31", " region 03"), a search ("q=…"); other details (free text, numbers)
// as written. Never an internal code on the page.
std::string detail_of(const std::string& lang, const std::string& detail) {
  const auto& cat = i18n::catalog(lang);
  for (const auto& key : {"audit.detail." + detail, "right." + detail})
    if (auto it = cat.find(key); it != cat.end()) return it->second;
  auto t = [&](const char* key) { return i18n::t(lang, key); };
  std::string d = detail;
  for (auto [format, upper] : {std::pair{"csv ", "CSV"}, std::pair{"xlsx ", "Excel"}}) {
    if (!d.starts_with(format)) continue;
    std::string rest = d.substr(std::string_view(format).size());
    auto digits = rest.find_first_not_of("0123456789");
    if (!rest.empty() && digits != 0 && (digits == std::string::npos || rest[digits] == ' '))
      return std::string(upper) + t("list.colon") + rest.substr(0, digits) + " " +
             t("audit.detail.lines");
    d = std::string(upper) + " " + rest;
  }
  if (d.starts_with("occupation ")) d = t("audit.detail.month") + " " + d.substr(11);
  if (d.starts_with("enrolment ")) d = t("audit.detail.enrolment") + " " + d.substr(10);
  // An enrolment attempt: "immediate, enrolment 12" or "deferred, enrolment 12: key,key".
  for (auto [prefix, key] : {std::pair{"immediate, enrolment ", "audit.detail.enrol_immediate"},
                             std::pair{"deferred, enrolment ", "audit.detail.enrol_deferred"}}) {
    if (!d.starts_with(prefix)) continue;
    std::string rest = d.substr(std::string_view(prefix).size());
    auto colon = rest.find(": ");
    std::string out = t(key) + " — " + t("audit.detail.enrolment") + " " + rest.substr(0, colon);
    if (colon != std::string::npos) {
      std::string reasons;
      const std::string keys = rest.substr(colon + 2);  // split's views point into it
      for (auto k : text::split(keys, ','))
        reasons += (reasons.empty() ? "" : " ") + i18n::t(lang, "queue." + std::string(k));
      out += t("list.colon") + reasons;
    }
    return out;
  }
  // A refused enrolment request: "invalid: key,key", the rules' text keys.
  if (d.starts_with("invalid: ")) {
    std::string out;
    const std::string keys = d.substr(9);  // split's views point into it
    for (auto k : text::split(keys, ','))
      out += (out.empty() ? "" : " ") + i18n::t(lang, std::string(k));
    return t("audit.detail.enrol_invalid") + t("list.colon") + out;
  }
  if (d.starts_with("q=")) d = t("audit.detail.search") + t("list.colon") + d.substr(2);
  for (auto at = d.find(".."); at != std::string::npos; at = d.find("..", at))
    d.replace(at, 2, " – ");
  if (auto at = d.find(" region "); at != std::string::npos)
    d.replace(at, 8, " — " + t("audit.detail.region") + " ");
  return d;
}

// The filters as typed: dates are Québec days, turned into UTC bounds for the search.
struct Filters {
  std::string type, record, from, to;  // as typed, kept on the page when refused
  bool bad_from = false, bad_to = false;
  listing::Sort sort;
  bool bad_dates() const { return bad_from || bad_to; }
  // The filters alone (the export's audit detail), then with a sort (the list's links).
  std::string query() const {
    return "type=" + text::url_encode(type) + "&record=" + text::url_encode(record) +
           "&from=" + text::url_encode(from) + "&to=" + text::url_encode(to);
  }
  std::string query(const listing::Sort& by) const {
    return query() + "&" + listing::sort_query(by);
  }
};

// The staff log's sortable columns (`tri`): its default is the time, newest first.
const std::vector<std::string> kAuditSorts = {"date", "par", "action", "enregistrement"};

listing::Sort read_audit_sort(const Request& req) {
  auto tri = req.query("tri");
  if (!tri || tri->empty()) return {"date", true};
  return listing::read_sort(*tri, req.query("sens").value_or(""), kAuditSorts);
}

// The codes under `prefix` in the catalog ("audit.action."), in the French order of their labels
// in `lang`: the order of the list sorted by that column.
std::vector<std::string> codes_by_label(const std::string& lang, const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> found;  // folded label, code
  for (const auto& [key, text] : i18n::catalog(lang))
    if (key.rfind(prefix, 0) == 0 && key.size() > prefix.size())
      found.emplace_back(text::search_key(text), key.substr(prefix.size()));
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

void apply_sort(const std::string& lang, const listing::Sort& sort, store::AuditFilter& f) {
  f.descending = sort.descending;
  if (sort.column == "par") f.sort = store::AuditSort::who;
  if (sort.column == "action") {
    f.sort = store::AuditSort::action;
    f.action_order = codes_by_label(lang, "audit.action.");
  }
  if (sort.column == "enregistrement") {
    f.sort = store::AuditSort::record;
    f.type_order = codes_by_label(lang, "audit.type.");
  }
}

Filters read_filters(const Request& req, store::AuditFilter& f) {
  Filters in;
  in.type = std::string(text::trim(req.query("type").value_or("")));
  in.record = std::string(text::trim(req.query("record").value_or("")));
  in.from = std::string(text::trim(req.query("from").value_or("")));
  in.to = std::string(text::trim(req.query("to").value_or("")));
  auto from = dates::parse(in.from), to = dates::parse(in.to);
  in.bad_from = !in.from.empty() && !from;
  in.bad_to = !in.to.empty() && !to;
  f.record_type = in.type;
  f.record_id = in.record;
  if (!in.bad_dates() && from) f.from = dates::utc_iso(dates::quebec_midnight(*from));
  if (!in.bad_dates() && to)
    f.before = dates::utc_iso(dates::quebec_midnight(dates::add_days(*to, 1)));
  return in;
}

// One page of the search (`page` query, 50 rows): its rows, and the links to the pages around it.
struct Paged {
  std::vector<store::AuditRow> rows;
  std::string prev, next;
};

Paged search_page(db::Connection& c, const Request& req, store::AuditFilter f,
                  const std::string& base) {
  int page = static_cast<int>(std::clamp<std::int64_t>(
      text::to_int(req.query("page").value_or("1")).value_or(1), 1, 10000));
  f.offset = (page - 1) * f.limit;
  f.limit += 1;  // one more tells whether a next page exists
  Paged out;
  out.rows = store::search_audit(c, f);
  bool more = static_cast<int>(out.rows.size()) > f.limit - 1;
  if (more) out.rows.pop_back();
  if (page > 1) out.prev = base + std::to_string(page - 1);
  if (more) out.next = base + std::to_string(page + 1);
  return out;
}

// Who acted, for the staff log: a user by name (and code), a sync access code by its label and
// organization, a visitor who was not signed in (enrolment), else a command run on the server.
std::pair<std::string, std::string> who_of(const std::string& lang, const store::AuditRow& r) {
  if (!r.who.empty()) return {r.who, ""};
  if (!r.code_label.empty())
    return {r.code_label + " — " + r.code_organization, i18n::t(lang, "audit.by_code")};
  if (r.action == "enrol_attempt") return {i18n::t(lang, "audit.by_visitor"), ""};
  return {i18n::t(lang, "audit.by_system"), ""};  // a command on the server (seed, import)
}

// The page of the record, when there is one and the viewer may open it (the same rule as the
// page's own route: consult_dossiers on the installation or BC).
class RecordLinks {
 public:
  RecordLinks(db::Connection& c, const Principal& who) : c_(c), who_(who) {}

  std::string href(const store::AuditRow& r) {
    const bool installation = r.organization_kind == "installation";
    const bool bc = r.organization_kind == "bc";
    if (!installation && !bc) return "";
    std::string base = "/installations/" + r.organization_number;
    std::string path;
    if (r.record_type == "dossier" && !r.record_id.empty())
      path = base + "/dossiers/" + text::url_encode(r.record_id);
    else if (r.record_type == "dossier_list")
      path = base + "/dossiers";
    else if (r.record_type == "occupation_report")
      path = base + "/occupation";
    else if (r.record_type == "closing_days" && installation)
      path = base + "/fermetures?annee=" + text::url_encode(r.record_id);
    else if (r.record_type == "cisss_reservations" && installation)
      path = base + "/reservations-cisss";
    if (path.empty() || !may_consult(r)) return "";
    return path;
  }

 private:
  bool may_consult(const store::AuditRow& r) {
    auto it = allowed_.find(r.organization_id);
    if (it != allowed_.end()) return it->second;
    Target target{r.organization_id,
                  r.organization_kind == "bc" ? OrgKind::bc : OrgKind::installation,
                  store::ancestors(c_, r.organization_id)};
    bool ok = authorize(who_, Access::with_right("consult_dossiers"), target) == Decision::allow;
    allowed_[r.organization_id] = ok;
    return ok;
  }
  db::Connection& c_;
  const Principal& who_;
  std::map<std::int64_t, bool> allowed_;
};

constexpr std::int64_t kPageSize = 50;

Response audit_page(web::WebApp& web, Request& req, store::AuditFilter f,
                    const std::string& action) {
  auto in = read_filters(req, f);
  in.sort = read_audit_sort(req);
  apply_sort(req.lang, in.sort, f);
  auto c = web.pool().acquire();
  // The total, then the page asked for (a page past the end shows the last one).
  const std::int64_t total = in.bad_dates() ? 0 : store::count_audit(*c, f);
  const std::int64_t pages = std::max<std::int64_t>(1, (total + kPageSize - 1) / kPageSize);
  const std::int64_t page = std::min(listing::page_of(req.query("page")), pages);
  f.limit = static_cast<int>(kPageSize);
  f.offset = static_cast<int>((page - 1) * kPageSize);
  std::vector<store::AuditRow> found;
  if (total > 0) found = store::search_audit(*c, f);
  RecordLinks links(*c, auth_of(req).who);
  mstch::array out;
  for (const auto& r : found) {
    auto [who, who_note] = who_of(req.lang, r);
    out.push_back(
        mstch::map{{"at", dates::local_time_text(req.lang, dates::quebec_time_of(r.at), r.at)},
                   {"action", label_of(req.lang, "audit.action.", r.action)},
                   {"record_type", label_of(req.lang, "audit.type.", r.record_type)},
                   {"record_id", r.record_id},
                   {"href", links.href(r)},
                   {"detail", detail_of(req.lang, r.detail)},
                   {"who", who},
                   {"who_note", who_note},
                   {"organization", r.organization},
                   {"address", r.address}});
  }
  mstch::array types;
  for (const auto& [label, code] : record_types(req.lang))
    types.push_back(mstch::map{{"value", code}, {"label", label}, {"selected", in.type == code}});
  auto t = [&](const char* key) { return i18n::t(req.lang, key); };
  std::vector<listing::Column> columns = {{"date", t("audit.when"), ""},
                                          {"par", t("audit.who"), ""},
                                          {"", t("audit.organization"), ""},
                                          {"action", t("audit.what"), ""},
                                          {"enregistrement", t("audit.record"), ""},
                                          {"", t("audit.detail"), ""}};
  return web.page(req, "audit", "audit.title",
                  {{"rows", out},
                   {"has_rows", !out.empty()},
                   {"action", action},
                   {"total", listing::count(req.lang, total)},
                   {"sort", in.sort.column},
                   {"direction", std::string(in.sort.descending ? "desc" : "asc")},
                   {"headers", listing::sort_headers(columns, in.sort,
                                                     [&](const listing::Sort& by) {
                                                       return action + "?" + in.query(by);
                                                     })},
                   {"pager", listing::pager(req.lang, page, kPageSize, total,
                                            [&](std::int64_t p) {
                                              return action + "?" + in.query(in.sort) +
                                                     "&page=" + std::to_string(p);
                                            })},
                   {"types", types},
                   {"record", in.record},
                   {"from", in.from},
                   {"to", in.to},
                   {"bad_dates", in.bad_dates()},
                   {"bad_from", in.bad_from},
                   {"bad_to", in.bad_to},
                   {"csv", in.bad_dates() ? std::string() : action + ".csv?" + in.query(in.sort)}},
                  in.bad_dates() ? 422 : 200);
}

// What the filters select, as CSV (UTF-8 with a BOM, for spreadsheets; headers in the page's
// language). The export is itself an audit row.
constexpr int kMaxExportRows = 50000;

Response audit_csv(web::WebApp& web, Request& req, store::AuditFilter f, const std::string& name) {
  auto in = read_filters(req, f);
  if (in.bad_dates()) return web.error(400, req);
  apply_sort(req.lang, read_audit_sort(req), f);
  f.limit = kMaxExportRows;
  auto c = web.pool().acquire();
  auto rows = store::search_audit(*c, f);
  const auto& lang = req.lang;
  std::string body = "\xEF\xBB\xBF";
  auto line = [&body](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i) body += ',';
      body += csv::field(fields[i]);
    }
    body += "\r\n";
  };
  line({i18n::t(lang, "audit.when"), i18n::t(lang, "audit.who"),
        i18n::t(lang, "audit.organization"), i18n::t(lang, "audit.what"),
        i18n::t(lang, "audit.type"), i18n::t(lang, "audit.record"), i18n::t(lang, "audit.detail"),
        i18n::t(lang, "audit.address")});
  for (const auto& r : rows) {
    auto [who, who_note] = who_of(lang, r);
    line({dates::local_time_text(lang, dates::quebec_time_of(r.at), r.at),
          who_note.empty() ? who : who_note + " " + who, r.organization,
          label_of(lang, "audit.action.", r.action), label_of(lang, "audit.type.", r.record_type),
          r.record_id, detail_of(lang, r.detail), r.address});
  }
  const auto& a = auth_of(req);
  store::audit(*c, {.user_id = a.who.user_id,
                    .organization_id = f.division_id ? std::optional(f.division_id) : std::nullopt,
                    .action = "export",
                    .record_type = "audit_log",
                    .record_id = "",
                    .detail = "csv " + std::to_string(rows.size()) + " " + in.query(),
                    .address = req.remote,
                    .request_id = req.request_id});
  return listing::csv_download(std::move(body),
                               name + "-" + dates::format(dates::today_in_quebec()) + ".csv");
}

// The parent's page: who consulted their children's records, one sentence per entry.
Response consultations_page(web::WebApp& web, Request& req) {
  store::AuditFilter f;
  f.subject_user_id = auth_of(req).who.user_id;
  auto in = read_filters(req, f);
  auto c = web.pool().acquire();
  auto found = search_page(*c, req, f, "/mes-enfants/consultations?" + in.query() + "&page=");
  const auto& lang = req.lang;
  mstch::array out;
  for (const auto& r : found.rows) {
    auto t = dates::quebec_time_of(r.at);
    std::string when = dates::local_time_text(lang, t, r.at);
    // Who: a staff member by name and role, a ministry agent by role, a provider's software by
    // its organization.
    std::string person, role, organization = r.organization;
    if (!r.code_label.empty()) {
      role = i18n::t(lang, "consult.by_software");
      organization = r.code_organization;
    } else if (r.user_kind == "ministry") {
      role = i18n::t(lang, "consult.by_ministry");
    } else if (r.user_kind == "enterprise") {
      person = r.user_name;
      role = i18n::t(lang, r.user_is_rse ? "consult.by_rse" : "consult.by_staff");
    } else {
      role = i18n::t(lang, "consult.by_other");
    }
    out.push_back(mstch::map{{"date", t ? t->date : r.at},
                             {"when", when},
                             {"person", person},
                             {"role", role},
                             {"organization", organization},
                             {"did", label_of(lang, "consult.did.", r.action)},
                             {"record", r.record_id}});
  }
  return web.page(req, "consultations", "consult.title",
                  {{"rows", out},
                   {"has_rows", !out.empty()},
                   {"from", in.from},
                   {"to", in.to},
                   {"bad_dates", in.bad_dates()},
                   {"bad_from", in.bad_from},
                   {"bad_to", in.bad_to},
                   {"prev", found.prev},
                   {"next", found.next}},
                  in.bad_dates() ? 422 : 200);
}

store::AuditFilter division_filter(const Request& req) {
  store::AuditFilter f;
  f.division_id = auth_of(req).who.division_id.value_or(-1);
  return f;
}

}  // namespace

void add_audit_pages(web::WebApp& web) {
  auto& router = web.router();
  router.add("GET", "/ministere/journal", Access::ministry(),
             [&web](Request& req) { return audit_page(web, req, {}, "/ministere/journal"); });
  router.add("GET", "/ministere/journal.csv", Access::ministry(),
             [&web](Request& req) { return audit_csv(web, req, {}, "journal"); });
  router.add("GET", "/journal", Access::rse(), [&web](Request& req) {
    return audit_page(web, req, division_filter(req), "/journal");
  });
  router.add("GET", "/journal.csv", Access::rse(),
             [&web](Request& req) { return audit_csv(web, req, division_filter(req), "journal"); });
  router.add("GET", "/mes-enfants/consultations", Access::parent(),
             [&web](Request& req) { return consultations_page(web, req); });
}

}  // namespace sgee::access

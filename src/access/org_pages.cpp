// The ministry's register of organizations: search the divisions, installations, BCs and RSGE,
// add one (the same checks as `sgee org add-…`), see one with what it holds, and record an
// RSGE's suspension periods (POR-06).
#include <algorithm>
#include <chrono>
#include <map>

#include "access/nav.hpp"
#include "access/rules.hpp"
#include "access/web.hpp"
#include "platform/date.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/text.hpp"

namespace sgee::access {

using http::Access;
using http::Request;
using http::Response;

namespace {

constexpr size_t kPageSize = 50;

// One input of the form, as the generic template draws it.
struct Field {
  std::string name;
  std::string label_key;
  std::string hint_key = "";
  std::vector<std::pair<std::string, std::string>> options = {};  // value, label key: a select
  std::string inputmode = "";
};

// The fields of each kind's form, in order.
std::vector<Field> fields_of(OrgKind kind) {
  std::vector<std::pair<std::string, std::string>> regions = {{"", "org.choose"}};
  for (int r = 1; r <= 17; ++r) {
    std::string code = (r < 10 ? "0" : "") + std::to_string(r);
    regions.emplace_back(code, "region." + code);
  }
  const std::vector<Field> address = {
      {"region", "org.region", "", regions},
      {"civic_number", "org.civic_number"},
      {"street", "org.street"},
      {"municipality", "org.municipality"},
      {"postal_code", "org.postal_code_label", "org.postal_code_hint"},
      {"latitude", "org.latitude", "org.coordinates_hint", {}, "decimal"},
      {"longitude", "org.longitude", "", {}, "decimal"}};
  std::vector<Field> f;
  switch (kind) {
    case OrgKind::division:
      f = {{"number", "org.number", "org.number_hint", {}, "numeric"},
           {"name", "org.name"},
           {"legal_form",
            "enrol.legal_form",
            "",
            {{"", "org.choose"},
             {"sole", "legal_form.sole"},
             {"corporation", "legal_form.corporation"},
             {"nonprofit", "legal_form.nonprofit"},
             {"partnership", "legal_form.partnership"}}},
           {"neq", "enrol.neq", "enrol.neq_hint", {}, "numeric"}};
      return f;
    case OrgKind::installation:
      f = {{"parent_number", "org.division_number", "org.parent_hint", {}, "numeric"},
           {"number", "org.number", "org.number_hint", {}, "numeric"},
           {"name", "org.name"},
           {"installation_kind",
            "org.installation_kind_label",
            "",
            {{"", "org.choose"},
             {"CPE", "org.kind_cpe"},
             {"GS", "org.kind_gs"},
             {"GNS", "org.kind_gns"}}},
           {"places_0_17", "org.places_0_17", "", {}, "numeric"},
           {"places_18_59", "org.places_18_59", "", {}, "numeric"},
           {"places_school", "org.places_school", "", {}, "numeric"}};
      break;
    case OrgKind::bc:
      f = {{"parent_number", "org.division_number", "org.parent_hint", {}, "numeric"},
           {"number", "org.number", "org.number_hint", {}, "numeric"},
           {"name", "org.name"},
           {"territory", "org.territory"}};
      break;
    case OrgKind::rsge:
      f = {{"parent_number", "org.bc_number", "org.parent_hint", {}, "numeric"},
           {"number", "org.number", "org.number_hint", {}, "numeric"},
           {"name", "org.name"},
           {"places", "org.rsge_places_label", "org.rsge_places_hint", {}, "numeric"},
           {"recognition_status",
            "org.recognition_status_label",
            "",
            {{"recognized", "org.status.recognized"},
             {"suspended", "org.status.suspended"},
             {"revoked", "org.status.revoked"}}}};
      break;
    case OrgKind::ministry: return {};
  }
  f.insert(f.end(), address.begin(), address.end());
  return f;
}

OrganizationInput input_from(const std::string& kind, const http::Form& form) {
  auto v = [&](const char* name) { return form.get(name).value_or(""); };
  return {kind,
          v("number"),
          v("name"),
          v("parent_number"),
          v("legal_form"),
          v("neq"),
          v("installation_kind"),
          v("territory"),
          v("recognition_status"),
          v("places_0_17"),
          v("places_18_59"),
          v("places_school"),
          v("places"),
          v("civic_number"),
          v("street"),
          v("municipality"),
          v("postal_code"),
          v("latitude"),
          v("longitude"),
          v("region")};
}

// The form page for `kind`, with the values typed and each field's first message.
Response form_page(const web::WebApp& web, const Request& req, OrgKind kind,
                   const std::map<std::string, std::string>& values,
                   const std::vector<Message>& messages) {
  std::map<std::string, std::string> errors;
  mstch::array summary;
  for (const auto& m : messages) {
    std::string text = i18n::t(req.lang, m.text_key) + " (" + m.code + ")";
    errors.emplace(m.field, text);
    summary.push_back(mstch::map{{"field", m.field}, {"text", text}});
  }
  mstch::array fields;
  for (const auto& f : fields_of(kind)) {
    auto value = values.count(f.name) ? values.at(f.name) : std::string();
    mstch::map field{{"name", f.name}, {"label", i18n::t(req.lang, f.label_key)}, {"value", value}};
    std::string describedby;
    if (!f.hint_key.empty()) {
      field["hint"] = i18n::t(req.lang, f.hint_key);
      describedby = f.name + "-hint";
    }
    if (errors.count(f.name)) {
      field["error"] = errors.at(f.name);
      describedby += (describedby.empty() ? "" : " ") + f.name + "-error";
    }
    if (!describedby.empty()) field["describedby"] = describedby;
    if (!f.inputmode.empty()) field["inputmode"] = f.inputmode;
    if (!f.options.empty()) {
      mstch::array options;
      for (const auto& [v, key] : f.options)
        options.push_back(
            mstch::map{{"value", v}, {"label", i18n::t(req.lang, key)}, {"selected", v == value}});
      field["options"] = options;
      field["is_select"] = true;
    }
    fields.push_back(field);
  }
  std::string kind_name(to_string(kind));
  return web.page(req, "org_form", "org.add_" + kind_name,
                  {{"kind", kind_name},
                   {"fields", fields},
                   {"errors", summary},
                   {"has_errors", !messages.empty()}},
                  messages.empty() ? 200 : 422);
}

std::string places_text(const Organization& o) {
  if (o.kind == OrgKind::installation)
    return std::to_string(o.places_0_17.value_or(0)) + " / " +
           std::to_string(o.places_18_59.value_or(0)) + " / " +
           std::to_string(o.places_school.value_or(0));
  if (o.kind == OrgKind::rsge && o.places) return std::to_string(*o.places);
  return "";
}

mstch::map org_row(const std::string& lang, const Organization& o,
                   const std::map<std::int64_t, std::string>& numbers) {
  mstch::map row{{"kind", i18n::t(lang, "org_kind." + std::string(to_string(o.kind)))},
                 {"number", o.number},
                 {"name", o.name},
                 {"places", places_text(o)}};
  if (o.parent_id && numbers.count(*o.parent_id)) row["parent"] = numbers.at(*o.parent_id);
  if (o.recognition_status) row["status"] = i18n::t(lang, "org.status." + *o.recognition_status);
  if (o.installation_kind) row["installation_kind"] = *o.installation_kind;
  return row;
}

bool valid_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  auto y = text::to_int(s.substr(0, 4)), m = text::to_int(s.substr(5, 2)),
       d = text::to_int(s.substr(8, 2));
  if (!y || !m || !d) return false;
  std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(*y)),
                                  std::chrono::month(static_cast<unsigned>(*m)),
                                  std::chrono::day(static_cast<unsigned>(*d))};
  return ymd.ok() && *y >= 1990 && *y <= 2100;
}

// The register's list (issue 13): the organizations the filters select (kind; each word of the
// search, in any order, in the folded name or the number), sorted by one column in French order
// (by name by default), "Rattachée à" by name. Read whole and sorted in memory (a few thousand
// organizations), as the page did before.
struct RegisterList {
  std::string kind, q;
  listing::Sort sort;
  std::vector<Organization> all;
  std::map<std::int64_t, const Organization*> by_id;
  std::vector<const Organization*> matching;
  std::string query(const listing::Sort& by) const {
    return "type=" + text::url_encode(kind) + "&q=" + text::url_encode(q) + "&" +
           listing::sort_query(by);
  }
  std::string parent_name(const Organization& o) const {
    auto it = o.parent_id ? by_id.find(*o.parent_id) : by_id.end();
    return it != by_id.end() ? it->second->name : "";
  }
};

const std::vector<std::string> kRegisterSorts = {"nom",          "numero", "type",
                                                 "rattachement", "places", "statut"};

RegisterList read_register(db::Connection& c, const Request& req) {
  RegisterList l;
  l.kind = req.query("type").value_or("");
  if (l.kind != "division" && l.kind != "installation" && l.kind != "bc" && l.kind != "rsge")
    l.kind = "";
  l.q = std::string(text::trim(req.query("q").value_or("")));
  l.sort = listing::read_sort(req.query("tri").value_or(""), req.query("sens").value_or(""),
                              kRegisterSorts);
  l.all = store::organizations(c);
  for (const auto& o : l.all) l.by_id[o.id] = &o;
  std::vector<std::string> words;
  const std::string folded_q = text::search_key(l.q);  // split's views point into it
  for (auto w : text::split(folded_q, ' '))
    if (!w.empty()) words.emplace_back(w);
  // Each organization's folded sort key (its name, then its number) and search text, once.
  std::map<std::int64_t, std::string> key;
  for (const auto& o : l.all) {
    if (o.kind == OrgKind::ministry) continue;
    if (!l.kind.empty() && to_string(o.kind) != l.kind) continue;
    std::string folded = text::search_key(o.name);
    std::string haystack = folded + " " + o.number;
    if (std::all_of(words.begin(), words.end(),
                    [&](const std::string& w) { return haystack.find(w) != std::string::npos; })) {
      l.matching.push_back(&o);
      key[o.id] = folded + '\t' + o.number;
    }
  }
  auto column = [&](const Organization& o) -> std::string {
    const auto& by = l.sort.column;
    if (by == "numero") return o.number;
    if (by == "type") return std::string(to_string(o.kind));
    if (by == "rattachement") return text::search_key(l.parent_name(o));
    if (by == "statut") return o.recognition_status.value_or("");
    if (by == "places") {
      auto n = std::to_string(o.places_0_17.value_or(0) + o.places_18_59.value_or(0) +
                              o.places_school.value_or(0) + o.places.value_or(0));
      return std::string(12 - std::min<size_t>(12, n.size()), '0') + n;
    }
    return "";
  };
  std::stable_sort(
      l.matching.begin(), l.matching.end(), [&](const Organization* a, const Organization* b) {
        auto ka = std::pair(column(*a), key[a->id]), kb = std::pair(column(*b), key[b->id]);
        return l.sort.descending ? kb < ka : ka < kb;
      });
  return l;
}

Response register_page(web::WebApp& web, db::Pool& pool, Request& req,
                       const std::string& notice = "", int status = 200) {
  auto c = pool.acquire();
  auto l = read_register(*c, req);
  auto total = static_cast<std::int64_t>(l.matching.size());
  std::int64_t pages = std::max<std::int64_t>(1, (total + kPageSize - 1) / kPageSize);
  std::int64_t current = std::min<std::int64_t>(listing::page_of(req.query("page")), pages);
  std::map<std::int64_t, std::string> numbers;
  for (const auto& o : l.all) numbers[o.id] = o.number;
  mstch::array rows;
  for (auto i = static_cast<size_t>((current - 1) * kPageSize);
       i < std::min(l.matching.size(), static_cast<size_t>(current * kPageSize)); ++i) {
    auto row = org_row(req.lang, *l.matching[i], numbers);
    row["parent_name"] = l.parent_name(*l.matching[i]);
    rows.push_back(std::move(row));
  }
  mstch::array kinds;
  for (const char* k : {"division", "installation", "bc", "rsge"})
    kinds.push_back(mstch::map{{"value", std::string(k)},
                               {"label", i18n::t(req.lang, std::string("org_kind.") + k)},
                               {"selected", l.kind == k}});
  const std::string list = "/ministere/organisations";
  auto t = [&](const char* key) { return i18n::t(req.lang, key); };
  std::vector<listing::Column> columns = {
      {"nom", t("org.name"), ""},         {"numero", t("org.number"), ""},
      {"type", t("org.kind_filter"), ""}, {"rattachement", t("org.parent"), ""},
      {"places", t("org.places"), ""},    {"statut", t("org.status_label"), ""}};
  std::string filters;
  if (!l.kind.empty())
    filters = t("org.kind_filter") + t("list.colon") + t(("org_kind." + l.kind).c_str());
  if (!l.q.empty())
    filters += (filters.empty() ? "" : " · ") + t("org.search") + t("list.colon") + l.q;
  mstch::map ctx{
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"kinds", kinds},
      {"q", l.q},
      {"sort", l.sort.column},
      {"direction", std::string(l.sort.descending ? "desc" : "asc")},
      {"total", listing::count(req.lang, total)},
      {"headers",
       listing::sort_headers(columns, l.sort,
                             [&](const listing::Sort& by) { return list + "?" + l.query(by); })},
      {"pager", listing::pager(req.lang, current, kPageSize, total,
                               [&](std::int64_t p) {
                                 return list + "?" + l.query(l.sort) + "&page=" + std::to_string(p);
                               })},
      {"csv_href", list + ".csv?" + l.query(l.sort)},
      {"print_filters", filters},
      {"print_date", dates::format(dates::today_in_quebec())},
      {"notice", notice}};
  return web.page(req, "org_list", "org.title", ctx, status);
}

// The register's selection as CSV (headers and values in the page's language), audited with the
// filters and the count; past kMaxExportRows, nothing is exported and the list says so.
constexpr size_t kMaxExportRows = 20000;

Response register_csv(web::WebApp& web, db::Pool& pool, Request& req) {
  std::string body = "\xEF\xBB\xBF";
  std::string query;
  size_t n = 0;
  {
    auto c = pool.acquire();
    auto l = read_register(*c, req);
    query = l.query(l.sort);
    n = l.matching.size();
    if (n <= kMaxExportRows) {
      auto t = [&](const std::string& key) { return i18n::t(req.lang, key); };
      listing::csv_line(
          body, {t("org.number"), t("org.name"), t("org.kind_filter"), t("list.installation_kind"),
                 t("list.parent_number"), t("org.parent"), t("org.places_0_17"),
                 t("org.places_18_59"), t("org.places_school"), t("org.rsge_places_label"),
                 t("org.status_label"), t("org.region"), t("org.municipality")});
      auto opt = [](const std::optional<std::int64_t>& v) {
        return v ? std::to_string(*v) : std::string();
      };
      for (const auto* o : l.matching) {
        auto parent = o->parent_id ? l.by_id.find(*o->parent_id) : l.by_id.end();
        listing::csv_line(
            body, {o->number, o->name, t("org_kind." + std::string(to_string(o->kind))),
                   o->installation_kind.value_or(""),
                   parent != l.by_id.end() ? parent->second->number : "",
                   parent != l.by_id.end() ? parent->second->name : "", opt(o->places_0_17),
                   opt(o->places_18_59), opt(o->places_school), opt(o->places),
                   o->recognition_status ? t("org.status." + *o->recognition_status) : "",
                   o->region ? t("region." + *o->region) : "", o->municipality.value_or("")});
      }
      const auto& a = auth_of(req);
      store::audit(*c, {.user_id = a.who.user_id,
                        .action = "export",
                        .record_type = "organization_list",
                        .record_id = "",
                        .detail = "csv " + std::to_string(n) + " " + query,
                        .address = req.remote,
                        .request_id = req.request_id});
    }
  }
  if (n > kMaxExportRows)
    return register_page(web, pool, req,
                         i18n::t(req.lang, "list.csv_too_many_1") + " " +
                             listing::count(req.lang, kMaxExportRows) + " " +
                             i18n::t(req.lang, "list.csv_too_many_register"),
                         422);
  return listing::csv_download(std::move(body),
                               "organisations-" + dates::format(dates::today_in_quebec()) + ".csv");
}

}  // namespace

void add_org_pages(web::WebApp& web) {
  auto& pool = web.pool();
  auto& router = web.router();

  router.add("GET", "/ministere/organisations", Access::ministry(),
             [&web, &pool](Request& req) { return register_page(web, pool, req); });
  router.add("GET", "/ministere/organisations.csv", Access::ministry(),
             [&web, &pool](Request& req) { return register_csv(web, pool, req); });

  router.add("GET", "/ministere/organisations/nouvelle", Access::ministry(), [&web](Request& req) {
    auto kind = org_kind_from(req.query("type").value_or(""));
    if (!kind || *kind == OrgKind::ministry) return web.error(404, req);
    std::map<std::string, std::string> values;
    if (auto parent = req.query("parent")) values["parent_number"] = *parent;
    return form_page(web, req, *kind, values, {});
  });

  router.add(
      "POST", "/ministere/organisations/nouvelle", Access::ministry(), [&web, &pool](Request& req) {
        auto form = http::parse_form(req);
        if (!form.form) return web.error(form.error->status, req);
        std::string kind_text = form.form->get("kind").value_or("");
        auto kind = org_kind_from(kind_text);
        if (!kind || *kind == OrgKind::ministry) return web.error(400, req);
        auto input = input_from(kind_text, *form.form);
        auto checked = check_organization(input);
        std::map<std::string, std::string> values;
        for (const auto& f : fields_of(*kind)) values[f.name] = form.form->get(f.name).value_or("");
        if (!checked.messages.empty()) return form_page(web, req, *kind, values, checked.messages);
        auto c = pool.acquire();
        db::Transaction tx(*c);
        std::vector<Message> refusals;
        auto& org = checked.organization;
        if (*kind != OrgKind::division) {
          auto want = *kind == OrgKind::rsge ? OrgKind::bc : OrgKind::division;
          auto parent =
              store::organization_by_number(*c, std::string(text::trim(input.parent_number)));
          if (!parent || parent->kind != want)
            refusals.push_back(
                {"ORG014E", 'E', "ORG", "parent_number",
                 *kind == OrgKind::rsge ? "org.parent_not_bc" : "org.parent_not_division"});
          else
            org.parent_id = parent->id;
        }
        if (store::organization_by_number(*c, org.number))
          refusals.push_back({"ORG015E", 'E', "ORG", "number", "org.number_used"});
        if (!refusals.empty()) return form_page(web, req, *kind, values, refusals);
        store::add_organization(*c, org);
        tx.commit();
        return Response::redirect("/ministere/organisations/" + org.number + "?ajout=1", 303);
      });

  auto detail = [&web, &pool](Request& req, const std::string& error, int status,
                              const mstch::map& extra = {}) {
    auto c = pool.acquire();
    auto org = store::organization_by_number(*c, req.params.at("number"));
    if (!org || org->kind == OrgKind::ministry) return web.error(404, req);
    std::map<std::int64_t, std::string> numbers;
    std::optional<Organization> parent;
    if (org->parent_id) {
      parent = store::organization(*c, *org->parent_id);
      if (parent) numbers[parent->id] = parent->number;
    }
    numbers[org->id] = org->number;
    // Its installations, BCs or RSGE by name, in French order (the number beside each, muted).
    auto kids = store::children_of(*c, org->id);
    std::stable_sort(kids.begin(), kids.end(), [](const Organization& a, const Organization& b) {
      return std::pair(text::search_key(a.name), a.number) <
             std::pair(text::search_key(b.name), b.number);
    });
    mstch::array children;
    for (const auto& child : kids) children.push_back(org_row(req.lang, child, numbers));
    mstch::map ctx = org_row(req.lang, *org, numbers);
    ctx["children"] = children;
    ctx["has_children"] = !children.empty();
    ctx["added"] = req.query("ajout").has_value();
    if (parent) ctx["parent_name"] = parent->name;
    if (org->legal_form) ctx["legal_form"] = i18n::t(req.lang, "legal_form." + *org->legal_form);
    if (org->neq) ctx["neq"] = *org->neq;
    if (org->territory) ctx["territory"] = *org->territory;
    std::string address;
    for (const auto& part : {org->civic_number, org->street, org->municipality, org->postal_code})
      if (part) address += (address.empty() ? "" : ", ") + *part;
    if (!address.empty()) ctx["address"] = address;
    if (org->region)
      ctx["region"] = *org->region + " " + i18n::t(req.lang, "region." + *org->region);
    if (org->latitude && org->longitude) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.5f, %.5f", *org->latitude, *org->longitude);
      ctx["coordinates"] = std::string(buf);
    }
    if (org->kind == OrgKind::division || org->kind == OrgKind::bc) {
      std::string child = org->kind == OrgKind::division ? "installation" : "rsge";
      ctx["add_child"] =
          "/ministere/organisations/nouvelle?type=" + child + "&parent=" + org->number;
      ctx["add_child_label"] = i18n::t(req.lang, "org.add_" + child);
      if (org->kind == OrgKind::division) {
        ctx["add_bc"] = "/ministere/organisations/nouvelle?type=bc&parent=" + org->number;
        ctx["add_bc_label"] = i18n::t(req.lang, "org.add_bc");
      }
    }
    if (org->kind == OrgKind::rsge) {
      ctx["is_rsge"] = true;
      mstch::array periods;
      for (const auto& s : store::suspensions_of(*c, org->id))
        periods.push_back(
            mstch::map{{"start", s.start_date},
                       {"end", s.end_date.value_or(i18n::t(req.lang, "org.until_further_notice"))},
                       {"reason", s.reason}});
      ctx["suspensions"] = periods;
      ctx["has_suspensions"] = !periods.empty();
      if (!error.empty()) ctx["error"] = i18n::t(req.lang, error);
      ctx["mandate"] = store::bc_mandate(*c, org->id).has_value();
    }
    // The accounts whose home is this division or RSGE; the ministry resets an RSE's lost
    // second factor and opens an RSGE's own account (she is her own RSE).
    if (org->kind == OrgKind::division || org->kind == OrgKind::rsge) {
      mstch::array accounts;
      bool has_rse = false;
      for (const auto& u : store::users_of_division(*c, org->id)) {
        has_rse = has_rse || u.is_rse;
        accounts.push_back(mstch::map{{"id", std::to_string(u.id)},
                                      {"name", u.given_name + " " + u.surname},
                                      {"user_code", u.user_code.value_or("")},
                                      {"is_rse", u.is_rse},
                                      {"second_factor_on", u.totp_enabled},
                                      {"can_reset", u.is_rse && u.totp_enabled}});
      }
      ctx["accounts_section"] = true;
      ctx["accounts"] = accounts;
      ctx["has_accounts"] = !accounts.empty();
      ctx["can_open_account"] = org->kind == OrgKind::rsge && !has_rse;
      ctx["reset_done"] = req.query("reinitialise").has_value();
    }
    for (const auto& [k, v] : extra) ctx[k] = v;
    ctx["breadcrumbs"] =
        web::crumbs({{i18n::t(req.lang, "nav.dashboard"), "/tableau-de-bord"},
                     {i18n::t(req.lang, "menu.organizations"), "/ministere/organisations"}});
    ctx["breadcrumb_current"] = org->name;
    return web.page(req, "org_detail", "org.detail_title", ctx, status);
  };

  router.add("GET", "/ministere/organisations/{number}", Access::ministry(),
             [detail](Request& req) { return detail(req, "", 200); });

  router.add("POST", "/ministere/organisations/{number}/suspensions", Access::ministry(),
             [&web, &pool, detail](Request& req) {
               auto form = http::parse_form(req);
               if (!form.form) return web.error(form.error->status, req);
               auto c = pool.acquire();
               auto org = store::rsge_by_number(*c, req.params.at("number"));
               if (!org) return web.error(404, req);
               store::Suspension s;
               s.start_date = std::string(text::trim(form.form->get("start").value_or("")));
               std::string end = std::string(text::trim(form.form->get("end").value_or("")));
               s.reason = std::string(text::trim(form.form->get("reason").value_or("")));
               if (!valid_date(s.start_date) || (!end.empty() && !valid_date(end)))
                 return detail(req, "org.suspension_dates", 422);
               if (!end.empty() && end < s.start_date)
                 return detail(req, "org.suspension_order", 422);
               if (s.reason.empty() || s.reason.size() > 500)
                 return detail(req, "org.suspension_reason", 422);
               if (!end.empty()) s.end_date = end;
               store::add_suspension(*c, org->id, s);
               return Response::redirect("/ministere/organisations/" + org->number, 303);
             });

  // An RSGE's own account: she is her own RSE (second factor required) and may authorize her BC
  // to admit on her behalf (POR-05).
  router.add("POST", "/ministere/organisations/{number}/comptes", Access::ministry(),
             [&web, &pool, detail](Request& req) {
               auto form = http::parse_form(req);
               if (!form.form) return web.error(form.error->status, req);
               auto c = pool.acquire();
               auto org = store::rsge_by_number(*c, req.params.at("number"));
               if (!org) return web.error(404, req);
               auto typed = account_form(*form.form);
               auto errors = account_errors(*c, typed);
               for (const auto& u : store::users_of_division(*c, org->id))
                 if (u.is_rse) errors.push_back("account_exists");
               if (!errors.empty()) {
                 mstch::map extra{{"surname", typed.surname},
                                  {"given_name", typed.given_name},
                                  {"email", typed.email},
                                  {"account_errors", true}};
                 for (const auto& e : errors) extra["error_" + e] = true;
                 return detail(req, "", 422, extra);
               }
               db::Transaction tx(*c);
               auto made = create_account(*c, req, typed, org->id, true);
               tx.commit();
               return account_created_page(web, req, typed, made,
                                           "/ministere/organisations/" + org->number);
             });

  // An RSE who lost their second factor: the ministry turns it off; they set it up again at
  // their next sign-in.
  router.add("POST", "/ministere/organisations/{number}/comptes/{user}/deux-etapes",
             Access::ministry(), [&web, &pool](Request& req) {
               auto c = pool.acquire();
               auto org = store::organization_by_number(*c, req.params.at("number"));
               auto id = text::to_int(req.params.at("user"));
               auto u = id ? store::user(*c, *id) : std::nullopt;
               if (!org || !u || u->organization_id != org->id || !u->is_rse)
                 return web.error(404, req);
               auto form = http::parse_form(req);
               if (!form.form) return web.error(form.error->status, req);
               if (auto ask = web.confirm_first(
                       req, *form.form,
                       {i18n::t(req.lang, "forms.second_factor_reset_q"),
                        u->given_name + " " + u->surname, i18n::t(req.lang, "second_factor.reset"),
                        "/ministere/organisations/" + org->number}))
                 return std::move(*ask);
               db::Transaction tx(*c);
               reset_second_factor(*c, req, *u);
               tx.commit();
               return Response::redirect(
                   "/ministere/organisations/" + org->number + "?reinitialise=1", 303);
             });
}

}  // namespace sgee::access

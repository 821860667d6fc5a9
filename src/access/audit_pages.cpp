// The audit log on the web: ministry agents search all of it, an RSE their division's, and a
// parent sees who consulted their children's records.
#include <algorithm>
#include <regex>

#include "access/web.hpp"
#include "platform/i18n.hpp"
#include "platform/text.hpp"

namespace sgee::access {

using http::Access;
using http::Request;
using http::Response;

namespace {

bool is_date(const std::string& s) {
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  return s.empty() || std::regex_match(s, date);
}

Response audit_page(web::WebApp& web, Request& req, store::AuditFilter f,
                    const std::string& action) {
  f.record_type = std::string(text::trim(req.query("type").value_or("")));
  f.record_id = std::string(text::trim(req.query("record").value_or("")));
  f.from = req.query("from").value_or("");
  f.to = req.query("to").value_or("");
  int page = static_cast<int>(std::clamp<std::int64_t>(
      text::to_int(req.query("page").value_or("1")).value_or(1), 1, 10000));
  bool bad_dates = !is_date(f.from) || !is_date(f.to);
  if (bad_dates) f.from = f.to = "";
  f.offset = (page - 1) * f.limit;
  auto c = web.pool().acquire();
  f.limit += 1;  // one more tells whether a next page exists
  auto rows = store::search_audit(*c, f);
  bool more = static_cast<int>(rows.size()) > f.limit - 1;
  if (more) rows.pop_back();
  mstch::array out;
  for (const auto& r : rows)
    out.push_back(mstch::map{{"at", r.at.substr(0, 16)},
                             {"action", i18n::t(req.lang, "audit.action." + r.action)},
                             {"record", r.record_type + " " + r.record_id},
                             {"detail", r.detail},
                             {"who", r.who},
                             {"organization", r.organization},
                             {"address", r.address}});
  std::string base = action + "?type=" + text::url_encode(f.record_type) +
                     "&record=" + text::url_encode(f.record_id) +
                     "&from=" + text::url_encode(f.from) + "&to=" + text::url_encode(f.to) +
                     "&page=";
  return web.page(req, "audit", "audit.title",
                  {{"rows", out},
                   {"has_rows", !out.empty()},
                   {"action", action},
                   {"type", f.record_type},
                   {"record", f.record_id},
                   {"from", f.from},
                   {"to", f.to},
                   {"bad_dates", bad_dates},
                   {"prev", page > 1 ? base + std::to_string(page - 1) : std::string()},
                   {"next", more ? base + std::to_string(page + 1) : std::string()}},
                  bad_dates ? 422 : 200);
}

}  // namespace

void add_audit_pages(web::WebApp& web) {
  auto& router = web.router();
  router.add("GET", "/ministere/journal", Access::ministry(),
             [&web](Request& req) { return audit_page(web, req, {}, "/ministere/journal"); });
  router.add("GET", "/journal", Access::rse(), [&web](Request& req) {
    store::AuditFilter f;
    f.division_id = auth_of(req).who.division_id.value_or(-1);
    return audit_page(web, req, f, "/journal");
  });
  router.add("GET", "/mes-enfants/consultations", Access::parent(), [&web](Request& req) {
    store::AuditFilter f;
    f.subject_user_id = auth_of(req).who.user_id;
    return audit_page(web, req, f, "/mes-enfants/consultations");
  });
}

}  // namespace sgee::access

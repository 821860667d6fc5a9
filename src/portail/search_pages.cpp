#include "portail/search_pages.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "geo/addresses.hpp"
#include "platform/http/server.hpp"
#include "platform/i18n.hpp"
#include "platform/listing.hpp"
#include "platform/text.hpp"
#include "portail/search_rules.hpp"
#include "portail/search_store.hpp"

namespace sgee::portail {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

std::string& tiles() {
  static std::string url;
  return url;
}

// The origin a tile URL template loads from, for the page's Content-Security-Policy:
// "https://{s}.tile.example.org/{z}/{x}/{y}.png" -> "https://*.tile.example.org"; empty when the
// template is empty or not http(s).
std::string tile_origin(const std::string& url) {
  std::string scheme;
  if (url.starts_with("https://"))
    scheme = "https://";
  else if (url.starts_with("http://"))
    scheme = "http://";
  else
    return "";
  std::string host = url.substr(scheme.size(), url.find('/', scheme.size()) - scheme.size());
  if (host.starts_with("{s}.")) host = "*." + host.substr(4);
  for (char ch : host)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == ':' ||
          ch == '*'))
      return scheme.substr(0, scheme.size() - 2);  // an odd host: the scheme alone ("https:")
  return scheme + host;
}

// A search as the request asks it: the query and its centre, or why not.
struct Asked {
  search::Query query;
  geo::Point centre;
  std::optional<search::ParamError> error;
};

Asked read_search(db::Pool& pool, const Request& req) {
  Asked a;
  auto pairs = text::parse_query(req.query_string);
  if (!pairs) {
    a.error = search::ParamError{"", "malformed"};
    return a;
  }
  auto parsed = search::parse(*pairs);
  if (auto* e = std::get_if<search::ParamError>(&parsed)) {
    a.error = *e;
    return a;
  }
  a.query = std::get<search::Query>(parsed);
  auto c = pool.acquire();
  auto g = geo::geocode(*c, a.query.near);
  if (!g.at) {
    a.error = search::ParamError{
        "near", g.error == geo::GeocodeError::malformed_postal_code ? "near_postal_code"
                : g.error == geo::GeocodeError::unknown_postal_code ? "near_unknown_postal_code"
                : g.error == geo::GeocodeError::unknown_address     ? "near_unknown_address"
                                                                    : "near_required"};
    return a;
  }
  a.centre = *g.at;
  return a;
}

double rounded(double v, double scale) {
  return std::round(v * scale) / scale;
}

// "07:00" -> "7 h" (French) or "7:00" (English); "07:30" -> "7 h 30" / "7:30".
std::string clock(const std::string& lang, const std::string& hhmm) {
  if (hhmm.size() != 5) return hhmm;
  int h = std::atoi(hhmm.substr(0, 2).c_str());
  std::string m = hhmm.substr(3, 2);
  if (lang == "fr") return std::to_string(h) + " h" + (m == "00" ? "" : " " + m);
  return std::to_string(h) + ":" + m;
}

// "1111100" -> "lundi au vendredi"; runs of open days, named.
std::string days(const std::string& lang, const std::string& mask) {
  static const char* keys[7] = {"map.day.1", "map.day.2", "map.day.3", "map.day.4",
                                "map.day.5", "map.day.6", "map.day.7"};
  std::string out;
  for (int i = 0; i < 7 && i < static_cast<int>(mask.size());) {
    if (mask[i] != '1') {
      ++i;
      continue;
    }
    int j = i;
    while (j + 1 < 7 && j + 1 < static_cast<int>(mask.size()) && mask[j + 1] == '1') ++j;
    if (!out.empty()) out += ", ";
    out += i18n::t(lang, keys[i]);
    if (j == i + 1) out += ", " + i18n::t(lang, keys[j]);
    if (j > i + 1) out += " " + i18n::t(lang, "map.day_to") + " " + i18n::t(lang, keys[j]);
    i = j + 1;
  }
  return out;
}

std::string distance_text(const std::string& lang, double km) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", search::shown_distance(km));
  std::string s = buf;
  if (lang == "fr")
    for (auto& ch : s)
      if (ch == '.') ch = ',';
  return s + " km";
}

// The free places as words: "3 (0 à 17 mois), 1 (18 à 59 mois)", "Aucune", or "Non indiquées".
std::string free_text(const std::string& lang, const search::Found& f) {
  if (!f.free_shown) return i18n::t(lang, "map.free_not_shown");
  std::string out;
  auto add = [&](const std::optional<std::int64_t>& n, const char* key) {
    if (!n || *n <= 0) return;
    if (!out.empty()) out += ", ";
    out += std::to_string(*n) + " (" + i18n::t(lang, key) + ")";
  };
  add(f.free_0_17, "map.age.0_17");
  add(f.free_18_59, "map.age.18_59");
  add(f.free_school, "map.age.school");
  return out.empty() ? i18n::t(lang, "map.free_none") : out;
}

std::string hours_text(const std::string& lang, const search::Found& f) {
  std::string d = days(lang, f.opening_days);
  std::string h;
  if (!f.opens_at.empty() && !f.closes_at.empty())
    h = clock(lang, f.opens_at) + " " + i18n::t(lang, "map.hours_to") + " " +
        clock(lang, f.closes_at);
  if (d.empty()) return h.empty() ? i18n::t(lang, "map.hours_unknown") : h;
  return h.empty() ? d : d + ", " + h;
}

// JSON inside a <script type="application/json">: "<" escaped so that no "</script>" ends it.
std::string script_json(const json& j) {
  std::string s = j.dump();
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    if (ch == '<')
      out += "\\u003c";
    else
      out += ch;
  }
  return out;
}

// The /carte URL of the same search on page `page`.
std::string page_href(const std::vector<std::pair<std::string, std::string>>& pairs,
                      std::int64_t page) {
  std::string q;
  for (const auto& [k, v] : pairs) {
    if (k == "page") continue;
    q += (q.empty() ? "" : "&") + text::url_encode(k) + "=" + text::url_encode(v);
  }
  return "/carte?" + q + (q.empty() ? "" : "&") + "page=" + std::to_string(page);
}

Response map_page(web::WebApp& web, search::Index& index, Request& req) {
  const std::string& lang = req.lang;
  mstch::map ctx{{"leaflet_css", web.static_url("leaflet/leaflet.css")},
                 {"leaflet_js", web.static_url("leaflet/leaflet.js")},
                 {"map_css", web.static_url("css/map.css")},
                 {"map_js", web.static_url("js/map.js")}};
  auto pairs = text::parse_query(req.query_string)
                   .value_or(std::vector<std::pair<std::string, std::string>>{});
  // The form as sent, to show it again.
  std::string near;
  std::string radius = std::to_string(search::kDefaultRadiusKm);
  std::set<std::string> kinds, periods;
  std::string subsidized, age;
  bool available = false, asked = false;
  for (const auto& [k, v] : pairs) {
    if (k == "near") {
      near = v;
      asked = true;
    }
    if (k == "radius_km") radius = v;
    if (k == "kind") kinds.insert(v);
    if (k == "period") periods.insert(v);
    if (k == "subsidized") subsidized = v;
    if (k == "age") age = v;
    if (k == "available") available = v == "true";
  }
  ctx["near"] = near;
  ctx["radius"] = radius;
  auto options = [&](std::vector<std::string> values, const std::string& prefix,
                     const std::set<std::string>& chosen) {
    mstch::array out;
    for (const auto& v : values)
      out.push_back(mstch::map{
          {"value", v}, {"label", i18n::t(lang, prefix + v)}, {"checked", chosen.count(v) > 0}});
    return out;
  };
  ctx["kinds"] = options({"cpe", "gs", "gns", "rsge"}, "map.kind.", kinds);
  ctx["periods"] = options({"evening", "night", "weekend"}, "map.period.", periods);
  ctx["subsidized_options"] =
      options({"true", "false"}, "map.subsidized.", {subsidized.empty() ? "-" : subsidized});
  ctx["ages"] = options({"0_17", "18_59", "school"}, "map.age.", {age.empty() ? "-" : age});
  ctx["available"] = available;
  ctx["filters_open"] =
      available || !kinds.empty() || !periods.empty() || !subsidized.empty() || !age.empty();
  ctx["has_tiles"] = !tiles().empty();
  ctx["tiles"] = tiles();
  int status = 200;
  if (asked) {
    Asked a = read_search(web.pool(), req);
    if (a.error) {
      status = 400;
      ctx["error"] = i18n::t(lang, "map.error." + a.error->reason);
      ctx["near_invalid"] = a.error->parameter == "near";
      ctx["radius_invalid"] = a.error->parameter == "radius_km";
      ctx["error_field"] = a.error->parameter == "radius_km"    ? std::string("radius")
                           : a.error->parameter == "near"       ? std::string("near")
                           : a.error->parameter == "kind"       ? std::string("kind-cpe")
                           : a.error->parameter == "period"     ? std::string("period-evening")
                           : a.error->parameter == "age"        ? std::string("age")
                           : a.error->parameter == "subsidized" ? std::string("subsidized")
                                                                : std::string("near");
    } else {
      search::Page found;
      {
        auto c = web.pool().acquire();
        found = index.find(*c, a.centre, a.query);
      }
      mstch::array rows;
      json markers = json::array();
      for (const auto& f : found.results) {
        const std::string kind = i18n::t(lang, "map.kind." + f.kind);
        const std::string distance = distance_text(lang, f.distance_km);
        const std::string hours = hours_text(lang, f);
        const std::string free = free_text(lang, f);
        rows.push_back(mstch::map{{"name", f.name},
                                  {"href", "/milieux/" + f.number},
                                  {"kind", kind},
                                  {"distance", distance},
                                  {"hours", hours},
                                  {"free", free},
                                  {"approximate", f.kind == "rsge"}});
        markers.push_back({{"name", f.name},
                           {"kind", kind},
                           {"distance", distance},
                           {"hours", hours},
                           {"free", free},
                           {"href", "/milieux/" + f.number},
                           {"lat", rounded(f.at.latitude, 1e5)},
                           {"lng", rounded(f.at.longitude, 1e5)}});
      }
      ctx["searched"] = true;
      ctx["rows"] = rows;
      ctx["has_rows"] = !rows.empty();
      ctx["count"] = i18n::t(lang, found.total == 1 ? "map.count_one" : "map.count") + " " +
                     listing::count(lang, found.total);
      ctx["pager"] = listing::pager(lang, a.query.page, search::kPageSize, found.total,
                                    [&](std::int64_t p) { return page_href(pairs, p); });
      json data = {{"centre", {{"lat", a.centre.latitude}, {"lng", a.centre.longitude}}},
                   {"radius_km", a.query.radius_km},
                   {"tiles", tiles()},
                   {"markers", markers},
                   {"details", i18n::t(lang, "map.details")},
                   {"free_label", i18n::t(lang, "map.free")},
                   {"hours_label", i18n::t(lang, "map.hours")},
                   {"colon", lang == "fr" ? " : " : ": "}};
      ctx["map_data"] = script_json(data);
    }
  }
  Response r = web.page(req, "map", "map.title", std::move(ctx), status);
  // The tiles come from their server: the page's own policy (the platform's, with that origin
  // allowed for images) replaces the default one, which allows images from sgee only.
  if (const std::string origin = tile_origin(tiles()); !origin.empty())
    r.headers.emplace_back("Content-Security-Policy", http::content_security_policy(origin));
  return r;
}

}  // namespace

void set_map_tiles(std::string url_template) {
  tiles() = std::move(url_template);
}

void add_search_routes(web::WebApp& web) {
  auto index = std::make_shared<search::Index>();
  web.router().add("GET", "/api/v1/providers", Access::open(), [&web, index](Request& req) {
    Asked a = read_search(web.pool(), req);
    if (a.error) {
      std::string message =
          i18n::t(req.lang, "search.error." + a.error->reason) +
          (a.error->reason == "unknown" || a.error->reason == "repeated" ? " " + a.error->parameter
                                                                         : std::string());
      return Response::json({{"error",
                              {{"code", "invalid_parameter"},
                               {"message", message},
                               {"parameter", a.error->parameter}}}},
                            400);
    }
    search::Page found;
    {
      auto c = web.pool().acquire();
      found = index->find(*c, a.centre, a.query);
    }
    // Each provider's JSON was made when the fiches were read: only the distances are written
    // here (keys: the envelope's in order, each result's distance first).
    std::string body = "{\"page\":" + std::to_string(a.query.page) +
                       ",\"page_size\":" + std::to_string(search::kPageSize) +
                       ",\"pages\":" + std::to_string(found.pages) +
                       ",\"radius_km\":" + std::to_string(a.query.radius_km) + ",\"results\":[";
    char km[32];
    for (size_t i = 0; i < found.results.size(); ++i) {
      std::snprintf(km, sizeof km, "%.1f", search::shown_distance(found.results[i].distance_km));
      body += i ? ",{\"distance_km\":" : "{\"distance_km\":";
      body += km;
      body += ',';
      body += *found.results[i].json_members;
      body += '}';
    }
    body += "],\"total\":" + std::to_string(found.total) + "}";
    Response r;
    r.body = std::move(body);
    r.headers.emplace_back("Content-Type", "application/json");
    return r;
  });
  web.router().add("GET", "/carte", Access::anyone(),
                   [&web, index](Request& req) { return map_page(web, *index, req); });
}

}  // namespace sgee::portail

#include "platform/web.hpp"

#include "platform/i18n.hpp"
#include "platform/log.hpp"
#include "platform/templates.hpp"
#include "platform/text.hpp"

namespace sgee::web {

using http::Access;
using http::Request;
using http::Response;

namespace {

const char* error_code(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 413: return "payload_too_large";
    case 415: return "unsupported_media_type";
    case 431: return "headers_too_large";
    case 501: return "not_implemented";
    case 503: return "unavailable";
    default: return "internal_error";
  }
}

// The catalog key for an error status, falling back to the generic class.
std::string error_key(int status) {
  switch (status) {
    case 400:
    case 401:
    case 403:
    case 404:
    case 405:
    case 409:
    case 413:
    case 500:
    case 503: return "error." + std::to_string(status);
    case 501: return "error.400";  // a transfer coding sgee does not know: the request is at fault
    default: return status >= 500 ? "error.500" : "error.400";
  }
}

std::string resolve_lang(Request& req, bool* from_query) {
  *from_query = false;
  if (auto q = req.query("lang"); q && i18n::supported(*q)) {
    *from_query = true;
    return *q;
  }
  if (auto c = req.cookie("lang"); c && i18n::supported(*c)) return *c;
  return i18n::from_accept_language(req.header("accept-language"));
}

// The current URL with lang=<other>, keeping the other query parameters.
std::string switch_url(const Request& req, const std::string& lang) {
  std::string q;
  if (auto pairs = text::parse_query(req.query_string)) {
    for (const auto& [k, v] : *pairs) {
      if (k == "lang") continue;
      q += text::url_encode(k) + "=" + text::url_encode(v) + "&";
    }
  }
  return (req.path.empty() ? "/" : req.path) + "?" + q + "lang=" + lang;
}

}  // namespace

mstch::array crumbs(const std::vector<Crumb>& steps) {
  mstch::array out;
  for (const auto& s : steps) out.push_back(mstch::map{{"label", s.label}, {"href", s.href}});
  return out;
}

WebApp::WebApp(db::Pool& pool) : pool_(pool) {
  add_platform_routes();
}

Response WebApp::dispatch(Request& req) {
  bool lang_from_query = false;
  req.lang = resolve_lang(req, &lang_from_query);
  auto m = router_.match(req);
  Response res;
  if (!m.route) {
    req.stats = &metrics_.stats("*", m.allowed.empty() ? "unmatched" : "method-not-allowed");
    if (identify && !req.wants_json()) identify(req);
    res = error(m.allowed.empty() ? 404 : 405, req);
    if (!m.allowed.empty()) {
      std::string allow;
      for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
      res.set("Allow", allow);
    }
  } else {
    req.stats = m.route->stats;
    std::optional<Response> refused;
    if (guard && m.route->access.kind != Access::Kind::open) refused = guard(req, *m.route);
    res = refused ? std::move(*refused) : m.route->handler(req);
  }
  if (lang_from_query)
    res.set_cookie("lang", req.lang, {.max_age_seconds = 365L * 24 * 3600, .http_only = true});
  if (after) after(req, res);
  return res;
}

Response WebApp::error(int status, const Request& req) const {
  std::string lang = i18n::supported(req.lang) ? req.lang : "fr";
  std::string key = error_key(status);
  if (req.wants_json()) {
    return Response::json(
        {{"error", {{"code", error_code(status)}, {"message", i18n::t(lang, key + ".text")}}}},
        status);
  }
  Request r = req;
  r.lang = lang;
  if (r.path.empty()) r.path = "/";
  mstch::map ctx{{"status", std::to_string(status)},
                 {"error_text", i18n::t(lang, key + ".text")},
                 {"request_id", req.request_id}};
  try {
    return page(r, "error", key + ".title", std::move(ctx), status);
  } catch (const std::exception& e) {
    log::error("error page failed", {{"error", e.what()}});
    return Response::text(std::string(http::reason(status)), status);
  }
}

mstch::map WebApp::layout_context(const Request& req) const {
  const std::string& lang = req.lang;
  std::string other = lang == "fr" ? "en" : "fr";
  return mstch::map{{"lang", lang},
                    {"other_lang", other},
                    {"other_lang_name", i18n::t(lang, "layout.other_language")},
                    {"other_lang_url", switch_url(req, other)},
                    {"css_url", static_files_.versioned_url("css/site.css")},
                    {"js_url", static_files_.versioned_url("js/site.js")},
                    {"version", std::string(SGEE_VERSION)}};
}

Response WebApp::page(const Request& req, const std::string& name, const std::string& title_key,
                      mstch::map ctx, int status) const {
  mstch::map layout = layout_context(req);
  if (decorate) {
    decorate(req, layout);
    ctx.emplace("csrf", layout["csrf"]);
    if (auto it = layout.find("signed_in"); it != layout.end())
      ctx.emplace("signed_in", it->second);
  }
  ctx.emplace("lang", req.lang);
  const std::string& title = i18n::t(req.lang, title_key);
  ctx.emplace("title", title);
  layout["title"] = title;
  // Breadcrumbs: the page's ancestors, then the page itself (not a link).
  if (auto it = ctx.find("breadcrumbs"); it != ctx.end()) {
    mstch::array steps = boost::get<mstch::array>(it->second);
    auto current = ctx.find("breadcrumb_current");
    steps.push_back(mstch::map{
        {"label", current != ctx.end() ? current->second : mstch::node(title)}, {"current", true}});
    layout["breadcrumbs"] = std::move(steps);
    layout["has_breadcrumbs"] = true;
  }
  // Room for a usual page up front: growing a 20 kB string by doubling copies it five times.
  std::string content;
  content.reserve(24 * 1024);
  templates::render_to(content, req.lang, name, ctx);
  std::string html;
  html.reserve(content.size() + 12 * 1024);
  layout["content"] = std::move(content);
  templates::render_to(html, req.lang, "layout", layout);
  auto res = Response::html(std::move(html), status);
  res.set("Cache-Control", "no-store");
  res.set("Content-Language", req.lang);
  return res;
}

std::optional<Response> WebApp::confirm_first(const Request& req, const http::Form& form,
                                              const Confirmation& what) const {
  if (form.get("confirme").value_or("") == "1") return std::nullopt;
  mstch::array fields;
  for (const auto& [name, value] : form.fields)
    if (name != "confirme") fields.push_back(mstch::map{{"name", name}, {"value", value}});
  std::string url = req.path;
  if (!req.query_string.empty()) url += "?" + req.query_string;
  return page(req, "confirm", "forms.confirm_title",
              {{"question", what.question},
               {"subject", what.subject},
               {"action", what.action},
               {"action_url", url},
               {"back", what.back},
               {"fields", fields}});
}

void WebApp::add_platform_routes() {
  router_.add("GET", "/healthz", Access::open(), [this](Request&) {
    try {
      auto c = pool_.acquire(std::chrono::seconds(2));
      auto version =
          c->run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").first().i64(0);
      return Response::json({{"status", "ok"}, {"database", "ok"}, {"schema", version}});
    } catch (const std::exception& e) {
      log::error("health check failed", {{"error", e.what()}});
      return Response::json({{"status", "unavailable"}, {"database", "unreachable"}}, 503);
    }
  });
  router_.add("GET", "/metrics", Access::open(), [this](Request& req) {
    bool proxied = !req.header("x-forwarded-for").empty() || !req.header("forwarded").empty();
    if (proxied || !metrics_allow_.contains(req.remote)) return error(404, req);
    auto r = Response::text(metrics_.prometheus());
    r.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    r.set("Cache-Control", "no-store");
    return r;
  });
  router_.add("GET", "/static/{path*}", Access::open(), [this](Request& req) {
    if (auto r = static_files_.serve(req, req.params["path"])) return std::move(*r);
    return error(404, req);
  });
}

}  // namespace sgee::web

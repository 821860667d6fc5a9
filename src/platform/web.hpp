#pragma once
// The web application shell every module plugs into: routing with declared access, language
// resolution (?lang=, cookie, Accept-Language), pages rendered in the layout, error pages and
// JSON errors in French and English, and the platform's own routes (/healthz, /metrics, /static).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <mstch/mstch.hpp>

#include "platform/db/pool.hpp"
#include "platform/http/addresses.hpp"
#include "platform/http/form.hpp"
#include "platform/http/router.hpp"
#include "platform/http/static_files.hpp"

namespace sgee::web {

// One step of a page's breadcrumbs (its ancestors, outermost first; the page itself, its title
// or `breadcrumb_current`, is added last). Pass as ctx["breadcrumbs"] = crumbs({...}).
struct Crumb {
  std::string label;
  std::string href;
};
mstch::array crumbs(const std::vector<Crumb>& steps);

class WebApp {
 public:
  explicit WebApp(db::Pool& pool);

  http::Router& router() { return router_; }
  http::Metrics& metrics() { return metrics_; }
  db::Pool& pool() { return pool_; }

  // The whole request path: language, route match, 404/405, access check, handler.
  http::Response dispatch(http::Request& req);
  // HTML error page or JSON error, in the request's language. Never shows internals.
  http::Response error(int status, const http::Request& req) const;
  // Renders template `name` inside the layout. `title_key` is a catalog key for <title> and <h1>.
  http::Response page(const http::Request& req, const std::string& name,
                      const std::string& title_key, mstch::map ctx = {}, int status = 200) const;

  // A POST that deletes or revokes asks first. Without `confirme=1` in `form`, returns the page
  // "Voulez-vous vraiment … ?" that posts the same fields plus confirme=1 back to the same URL,
  // with a danger button and a Cancel link; with it, nothing: the handler goes on. With JavaScript,
  // a dialog asks before the form is sent (forms marked data-confirm, docs/ui/buttons.md), so this
  // page is the path without JavaScript (and for a form posted from elsewhere).
  struct Confirmation {
    std::string question;  // "Voulez-vous vraiment … ?", in the request's language
    std::string subject;   // what it is about (a name, a date), or empty
    std::string action;    // the danger button's text ("Révoquer le code")
    std::string back;      // where Cancel leads
  };
  std::optional<http::Response> confirm_first(const http::Request& req, const http::Form& form,
                                              const Confirmation& what) const;

  // "/static/REL?v=<etag>": a file of web/static/ under a URL that changes when the file does.
  std::string static_url(const std::string& rel) const { return static_files_.versioned_url(rel); }

  // Who may read /metrics (--metrics-allow): loopback unless told otherwise. A request that came
  // through a proxy (X-Forwarded-For, Forwarded) never may: Prometheus scrapes sgee directly.
  void allow_metrics_from(http::AddressSet allowed) { metrics_allow_ = std::move(allowed); }

  // Set by the access module: returns a refusal (401/403/redirect) or nothing to let the request
  // in.
  std::function<std::optional<http::Response>(http::Request&, const http::Route&)> guard;
  // Set by the access module: runs on every response (e.g. to set the CSRF cookie).
  std::function<void(const http::Request&, http::Response&)> after;
  // Set by the access module: adds the signed-in user, menu and CSRF token to the layout.
  std::function<void(const http::Request&, mstch::map&)> decorate;
  // Set by the access module: who is asking, for a page no route serves (a 404 or 405 page keeps
  // the signed-in header).
  std::function<void(http::Request&)> identify;

 private:
  void add_platform_routes();
  mstch::map layout_context(const http::Request& req) const;

  db::Pool& pool_;
  http::Metrics metrics_;
  http::Router router_{metrics_};
  http::StaticFiles static_files_;
  http::AddressSet metrics_allow_ = http::AddressSet::parse("127.0.0.1,::1");
};

}  // namespace sgee::web

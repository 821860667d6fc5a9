#pragma once
// Routes: method + pattern ("/api/v1/installations/{installation}/dossiers/{ref}", a last segment
// "{path*}" takes the rest of the path) + the access requirement the route declares. Every route
// must declare one; the access module checks it before the handler runs.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "platform/http/message.hpp"
#include "platform/http/metrics.hpp"

namespace sgee::http {

// What a route requires of the caller. The platform only declares it; the access module's guard
// decides. `org_param` names the path parameter holding the organization number the right or
// API code must cover (e.g. "installation").
struct Access {
  enum class Kind {
    open,        // no sign-in, and who asks does not matter (static files, health, metrics)
    anyone,      // no sign-in; pages still show who is signed in
    signed_in,   // any signed-in user (also one with a temporary password to change or a second
                 // factor to set up, not one with a second-factor code still to give)
    account,     // any signed-in user done signing in (parent, enterprise or ministry): the page
                 // decides what each sees (messaging's inbox)
    parent,      // a signed-in parent
    enterprise,  // a signed-in enterprise user (provider or BC staff)
    rse,         // the RSE of a division
    right,       // an enterprise user holding `right` on the organization in `org_param`
    ministry,    // a ministry agent
    api_code,    // a sync API access code for the organization in `org_param`
  };
  Kind kind = Kind::anyone;
  std::string right;
  std::string org_param;
  // The kinds of organization `org_param` may name ("installation", "bc", …); empty: any. A
  // number of another kind is answered as an unknown one (404).
  std::vector<std::string> kinds;

  static Access open() { return {Kind::open, {}, {}}; }
  static Access anyone() { return {Kind::anyone, {}, {}}; }
  static Access signed_in() { return {Kind::signed_in, {}, {}}; }
  static Access account() { return {Kind::account, {}, {}}; }
  static Access parent() { return {Kind::parent, {}, {}}; }
  static Access enterprise() { return {Kind::enterprise, {}, {}}; }
  static Access rse() { return {Kind::rse, {}, {}}; }
  static Access ministry() { return {Kind::ministry, {}, {}}; }
  static Access with_right(std::string right, std::string org_param = "installation") {
    return {Kind::right, std::move(right), std::move(org_param)};
  }
  static Access api_code(std::string org_param = "installation") {
    return {Kind::api_code, {}, std::move(org_param)};
  }
  Access of_kinds(std::vector<std::string> k) const {
    Access a = *this;
    a.kinds = std::move(k);
    return a;
  }
  std::string describe() const;
};

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;
  std::string pattern;
  Access access;
  Handler handler;
  RouteStats* stats = nullptr;
  std::vector<std::string> segments;
  // The largest body this route takes, in bytes; 0: the server's (ServerOptions::max_body). The
  // server applies it as soon as the header is parsed and the route matched, before the body is
  // read: a body over it is answered 413 and never reaches the handler.
  std::uint64_t max_body = 0;
};

class Router {
 public:
  explicit Router(Metrics& metrics) : metrics_(metrics) {}
  void add(std::string method, std::string pattern, Access access, Handler handler);

  struct Match {
    const Route* route = nullptr;      // null: see `allowed`
    std::vector<std::string> allowed;  // non-empty: the path exists with these methods (405)
  };
  // HEAD matches a GET route. Fills req.params and req.route on a match.
  Match match(Request& req) const;
  const std::vector<Route>& routes() const { return routes_; }

  // Gives the route `method` `pattern` (already added) a body limit of its own, smaller or larger
  // than the server's default (an upload form). Throws when there is no such route.
  void limit_body(const std::string& method, const std::string& pattern, std::uint64_t bytes);
  // The body limit of the route a request to `method` `path` (decoded) would reach: 0 when it
  // reaches none or one without a limit of its own (the server's default then holds).
  std::uint64_t body_limit(std::string_view method, std::string_view path) const;
  // The largest limit any route declares (0: none): the server lets a header through up to it.
  std::uint64_t largest_body_limit() const;

 private:
  Metrics& metrics_;
  std::vector<Route> routes_;
};

}  // namespace sgee::http

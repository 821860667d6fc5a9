#pragma once
// Routes: method + pattern ("/api/v1/installations/{installation}/dossiers/{ref}", a last segment
// "{path*}" takes the rest of the path) + the access requirement the route declares. Every route
// must declare one; the access module checks it before the handler runs.
#include <functional>
#include <string>
#include <vector>

#include "platform/http/message.hpp"
#include "platform/http/metrics.hpp"

namespace sgee::http {

struct Access {
  enum class Kind { anyone };  // extended by the access module (signed in, rights, API code…)
  Kind kind = Kind::anyone;
  static Access anyone() { return Access{Kind::anyone}; }
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

 private:
  Metrics& metrics_;
  std::vector<Route> routes_;
};

}  // namespace sgee::http

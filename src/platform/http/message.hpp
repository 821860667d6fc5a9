#pragma once
// The request and response every handler sees: plain structs, no Beast types, so that modules
// compile quickly and handlers are easy to test.
#include <any>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace sgee::http {

struct RouteStats;
using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;        // "GET"
  std::string target;        // "/a/b?x=1"
  std::string path;          // "/a/b" (decoded)
  std::string query_string;  // "x=1"
  Fields headers;            // names in lower case
  std::string body;
  std::string remote;                         // peer address
  std::string request_id;                     // also sent back as X-Request-Id
  std::map<std::string, std::string> params;  // path parameters of the matched route
  std::string route;                          // the matched route's pattern
  std::string lang = "fr";                    // resolved by the web layer
  RouteStats* stats = nullptr;                // metrics of the matched route
  std::any auth;                              // who is asking: set by the access module's guard

  std::string_view header(std::string_view lower_name) const;
  std::optional<std::string> query(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  bool wants_json() const;  // API paths and Accept: application/json
};

struct CookieOptions {
  std::string path = "/";
  std::optional<long> max_age_seconds;
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
};

struct Response {
  int status = 200;
  Fields headers;
  std::string body;
  // Bodies shared between responses (static files) are not copied.
  std::shared_ptr<const std::string> shared_body;

  void set(std::string name, std::string value);
  std::string_view get(std::string_view name) const;
  void set_cookie(std::string_view name, std::string_view value, const CookieOptions& o = {});
  std::string_view body_view() const { return shared_body ? std::string_view(*shared_body) : body; }

  static Response html(std::string body, int status = 200);
  static Response text(std::string body, int status = 200);
  static Response json(const nlohmann::json& body, int status = 200);
  static Response redirect(std::string location, int status = 303);
};

// The reason phrase of a status code ("Not Found").
std::string_view reason(int status);

}  // namespace sgee::http

#include "platform/http/message.hpp"

#include "platform/text.hpp"

namespace sgee::http {

std::string_view Request::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return v;
  return {};
}

std::optional<std::string> Request::query(std::string_view name) const {
  auto pairs = text::parse_query(query_string);
  if (!pairs) return std::nullopt;
  for (auto& [k, v] : *pairs)
    if (k == name) return std::move(v);
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k != "cookie") continue;
    for (auto part : text::split(v, ';')) {
      part = text::trim(part);
      auto eq = part.find('=');
      if (eq == std::string_view::npos) continue;
      if (text::trim(part.substr(0, eq)) == name)
        return std::string(text::trim(part.substr(eq + 1)));
    }
  }
  return std::nullopt;
}

bool Request::wants_json() const {
  return path.starts_with("/api/") || header("accept").starts_with("application/json");
}

void Response::set(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (text::lower(k) == text::lower(name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::get(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (text::lower(k) == text::lower(name)) return v;
  return {};
}

void Response::set_cookie(std::string_view name, std::string_view value, const CookieOptions& o) {
  std::string c = std::string(name) + "=" + std::string(value) + "; Path=" + o.path;
  if (o.max_age_seconds) c += "; Max-Age=" + std::to_string(*o.max_age_seconds);
  if (o.http_only) c += "; HttpOnly";
  if (o.secure) c += "; Secure";
  if (!o.same_site.empty()) c += "; SameSite=" + o.same_site;
  headers.emplace_back("Set-Cookie", std::move(c));
}

namespace {
Response with_body(std::string body, const char* content_type, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", content_type);
  return r;
}
}  // namespace

Response Response::html(std::string body, int status) {
  return with_body(std::move(body), "text/html; charset=utf-8", status);
}

Response Response::text(std::string body, int status) {
  return with_body(std::move(body), "text/plain; charset=utf-8", status);
}

Response Response::json(const nlohmann::json& body, int status) {
  return with_body(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                   "application/json", status);
}

Response Response::redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

std::string_view reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "";
  }
}

}  // namespace sgee::http

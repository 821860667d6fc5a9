#include "platform/http/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "platform/text.hpp"

namespace sgee::http {

std::string Access::describe() const {
  switch (kind) {
    case Kind::open: return "open";
    case Kind::anyone: return "anyone";
    case Kind::signed_in: return "signed_in";
    case Kind::account: return "account";
    case Kind::parent: return "parent";
    case Kind::enterprise: return "enterprise";
    case Kind::rse: return "rse";
    case Kind::right: return "right:" + right + "@" + org_param;
    case Kind::ministry: return "ministry";
    case Kind::api_code: return "api_code@" + org_param;
  }
  return "?";
}

namespace {
std::vector<std::string> segments_of(std::string_view path) {
  std::vector<std::string> out;
  for (auto s : text::split(path, '/'))
    if (!s.empty()) out.emplace_back(s);
  return out;
}

bool is_param(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}
bool is_rest(const std::string& seg) {
  return is_param(seg) && seg[seg.size() - 2] == '*';
}

bool match_segments(const Route& r, const std::vector<std::string>& segs,
                    std::map<std::string, std::string>* params) {
  size_t n = r.segments.size();
  bool rest = n > 0 && is_rest(r.segments.back());
  if (rest ? segs.size() < n : segs.size() != n) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < n; ++i) {
    const auto& p = r.segments[i];
    if (rest && i == n - 1) {
      std::string joined;
      for (size_t k = i; k < segs.size(); ++k) joined += (k > i ? "/" : "") + segs[k];
      found[p.substr(1, p.size() - 3)] = joined;
    } else if (is_param(p)) {
      found[p.substr(1, p.size() - 2)] = segs[i];
    } else if (p != segs[i]) {
      return false;
    }
  }
  if (params) *params = std::move(found);
  return true;
}
}  // namespace

void Router::add(std::string method, std::string pattern, Access access, Handler handler) {
  for (const auto& r : routes_)
    if (r.method == method && r.pattern == pattern)
      throw std::logic_error("route declared twice: " + method + " " + pattern);
  Route r{method,
          pattern,
          access,
          std::move(handler),
          &metrics_.stats(method, pattern),
          segments_of(pattern)};
  routes_.push_back(std::move(r));
}

void Router::limit_body(const std::string& method, const std::string& pattern,
                        std::uint64_t bytes) {
  for (auto& r : routes_)
    if (r.method == method && r.pattern == pattern) {
      r.max_body = bytes;
      return;
    }
  throw std::logic_error("no route to limit: " + method + " " + pattern);
}

std::uint64_t Router::body_limit(std::string_view method, std::string_view path) const {
  Request probe;
  probe.method = std::string(method);
  probe.path = std::string(path);
  auto m = match(probe);
  return m.route ? m.route->max_body : 0;
}

std::uint64_t Router::largest_body_limit() const {
  std::uint64_t most = 0;
  for (const auto& r : routes_) most = std::max(most, r.max_body);
  return most;
}

Router::Match Router::match(Request& req) const {
  auto segs = segments_of(req.path);
  Match m;
  const std::string& method = req.method == "HEAD" ? std::string("GET") : req.method;
  // Literal segments win over parameters: pick the matching route with most literal segments.
  int best_score = -1;
  for (const auto& r : routes_) {
    if (!match_segments(r, segs, nullptr)) continue;
    if (r.method != method) {
      auto add = [&](const std::string& verb) {
        if (std::find(m.allowed.begin(), m.allowed.end(), verb) == m.allowed.end())
          m.allowed.push_back(verb);
      };
      add(r.method);
      if (r.method == "GET") add("HEAD");
      continue;
    }
    int score = 0;
    for (const auto& s : r.segments) score += is_param(s) ? 0 : 1;
    if (score > best_score) {
      best_score = score;
      m.route = &r;
    }
  }
  if (m.route) {
    match_segments(*m.route, segs, &req.params);
    req.route = m.route->pattern;
    m.allowed.clear();
  }
  return m;
}

}  // namespace sgee::http

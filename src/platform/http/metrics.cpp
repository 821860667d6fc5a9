#include "platform/http/metrics.hpp"

#include <cstdio>

namespace sgee::http {

RouteStats& Metrics::stats(const std::string& method, const std::string& route) {
  std::lock_guard lock(mu_);
  for (auto& s : all_)
    if (s.method == method && s.route == route) return s;
  auto& s = all_.emplace_back();
  s.method = method;
  s.route = route;
  return s;
}

void Metrics::observe(RouteStats& s, int status, double seconds) {
  int cls = status / 100;
  if (cls >= 1 && cls <= 5)
    s.by_class[static_cast<size_t>(cls)].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kLatencyBuckets.size() && seconds > kLatencyBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.micros_sum.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::prometheus() const {
  std::string out;
  out += "# HELP sgee_http_requests_total HTTP requests by route, method and status class.\n";
  out += "# TYPE sgee_http_requests_total counter\n";
  std::lock_guard lock(mu_);
  for (const auto& s : all_) {
    for (size_t c = 1; c <= 5; ++c) {
      auto n = s.by_class[c].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += "sgee_http_requests_total{method=\"" + s.method + "\",route=\"" + s.route +
             "\",status=\"" + std::to_string(c) + "xx\"} " + std::to_string(n) + "\n";
    }
  }
  out += "# HELP sgee_http_request_duration_seconds Time from request read to response written.\n";
  out += "# TYPE sgee_http_request_duration_seconds histogram\n";
  for (const auto& s : all_) {
    std::uint64_t cumulative = 0;
    std::string labels = "method=\"" + s.method + "\",route=\"" + s.route + "\"";
    for (size_t b = 0; b <= kLatencyBuckets.size(); ++b) {
      cumulative += s.buckets[b].load(std::memory_order_relaxed);
      char le[32];
      if (b < kLatencyBuckets.size())
        std::snprintf(le, sizeof le, "%g", kLatencyBuckets[b]);
      else
        std::snprintf(le, sizeof le, "+Inf");
      out += "sgee_http_request_duration_seconds_bucket{" + labels + ",le=\"" + le + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    char sum[48];
    std::snprintf(sum, sizeof sum, "%.6f", static_cast<double>(s.micros_sum.load()) / 1e6);
    out += "sgee_http_request_duration_seconds_sum{" + labels + "} " + sum + "\n";
    out += "sgee_http_request_duration_seconds_count{" + labels + "} " +
           std::to_string(cumulative) + "\n";
  }
  out += "# HELP sgee_http_connections_open Client connections open now.\n";
  out += "# TYPE sgee_http_connections_open gauge\n";
  out += "sgee_http_connections_open " + std::to_string(connections_open.load()) + "\n";
  out += "# HELP sgee_http_handlers_running Requests on the worker pool now, queued or running.\n";
  out += "# TYPE sgee_http_handlers_running gauge\n";
  out += "sgee_http_handlers_running " + std::to_string(handlers_running.load()) + "\n";
  out +=
      "# HELP sgee_http_requests_shed_total Requests answered 503 because the worker pool's "
      "queue was full.\n";
  out += "# TYPE sgee_http_requests_shed_total counter\n";
  out += "sgee_http_requests_shed_total " + std::to_string(requests_shed.load()) + "\n";
  return out;
}

}  // namespace sgee::http

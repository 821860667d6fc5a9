#pragma once
// Prometheus counters and latency histograms per route, updated without locks.
#include <array>
#include <atomic>
#include <deque>
#include <mutex>
#include <string>

namespace sgee::http {

inline constexpr std::array<double, 12> kLatencyBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0};

struct RouteStats {
  std::string method;
  std::string route;
  std::array<std::atomic<std::uint64_t>, 6> by_class{};  // index = status / 100 (1xx..5xx)
  std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size() + 1> buckets{};  // last = +Inf
  std::atomic<std::uint64_t> micros_sum{0};
};

class Metrics {
 public:
  // Stable for the life of the Metrics object.
  RouteStats& stats(const std::string& method, const std::string& route);
  static void observe(RouteStats& s, int status, double seconds);
  std::string prometheus() const;
  std::atomic<std::uint64_t> connections_open{0};
  std::atomic<std::int64_t> handlers_running{0};  // on the worker pool: queued or running
  std::atomic<std::uint64_t> requests_shed{0};    // answered 503: the queue was full

 private:
  mutable std::mutex mu_;
  std::deque<RouteStats> all_;
};

}  // namespace sgee::http

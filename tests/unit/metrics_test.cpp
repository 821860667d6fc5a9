// Unit tests for src/platform/http/metrics.hpp.
#include "platform/http/metrics.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using sgee::http::kLatencyBuckets;
using sgee::http::Metrics;
using sgee::http::RouteStats;

namespace {

// Sample lines of the exposition ("name{labels} value"), comments left out, keyed by the part
// before the last space.
std::map<std::string, std::string> samples(const std::string& exposition) {
  std::map<std::string, std::string> out;
  std::istringstream in(exposition);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto sp = line.rfind(' ');
    out[line.substr(0, sp)] = line.substr(sp + 1);
  }
  return out;
}

const std::string kLabels = "method=\"GET\",route=\"/a/{id}\"";

std::string bucket(const std::string& le) {
  return "sgee_http_request_duration_seconds_bucket{" + kLabels + ",le=\"" + le + "\"}";
}

}  // namespace

TEST(HttpMetricsObserve, PutsDurationInFirstBucketNotBelowIt) {
  struct Case {
    double seconds;
    size_t bucket;
  };
  const std::vector<Case> cases = {
      {0.0, 0},    {0.0001, 0}, {0.0005, 0},  // le is inclusive
      {0.0006, 1}, {0.001, 1},  {0.002, 2},  {0.2, 8},   {0.3, 9},
      {1.0, 10},   {4.9, 11},   {5.0, 11},   {5.01, 12}, {3600.0, 12},  // 12 = +Inf
  };
  for (const auto& c : cases) {
    RouteStats s;
    Metrics::observe(s, 200, c.seconds);
    for (size_t b = 0; b < s.buckets.size(); ++b)
      EXPECT_EQ(s.buckets[b].load(), b == c.bucket ? 1u : 0u) << c.seconds << "s, bucket " << b;
  }
}

TEST(HttpMetricsObserve, CountsByStatusClassAndSumsMicroseconds) {
  RouteStats s;
  Metrics::observe(s, 200, 0.001);
  Metrics::observe(s, 204, 0.002);
  Metrics::observe(s, 302, 0.003);
  Metrics::observe(s, 404, 0.004);
  Metrics::observe(s, 500, 0.005);
  Metrics::observe(s, 503, 0.006);
  EXPECT_EQ(s.by_class[1].load(), 0u);
  EXPECT_EQ(s.by_class[2].load(), 2u);
  EXPECT_EQ(s.by_class[3].load(), 1u);
  EXPECT_EQ(s.by_class[4].load(), 1u);
  EXPECT_EQ(s.by_class[5].load(), 2u);
  EXPECT_NEAR(static_cast<double>(s.micros_sum.load()), 21000.0, 6.0);
}

TEST(HttpMetricsStats, SameMethodAndRouteGiveSameObject) {
  Metrics m;
  auto& a = m.stats("GET", "/a");
  auto& b = m.stats("POST", "/a");
  auto& a2 = m.stats("GET", "/a");
  EXPECT_EQ(&a, &a2);
  EXPECT_NE(&a, &b);
  for (int i = 0; i < 100; ++i) m.stats("GET", "/r" + std::to_string(i));
  EXPECT_EQ(&m.stats("GET", "/a"), &a);  // stable after growth
}

TEST(HttpMetricsPrometheus, CountersCumulativeBucketsInfAndCount) {
  Metrics m;
  auto& s = m.stats("GET", "/a/{id}");
  Metrics::observe(s, 200, 0.0004);  // bucket 0.0005
  Metrics::observe(s, 201, 0.003);   // bucket 0.005
  Metrics::observe(s, 404, 0.003);   // bucket 0.005
  Metrics::observe(s, 500, 0.2);     // bucket 0.25
  Metrics::observe(s, 200, 10.0);    // +Inf
  m.connections_open = 3;

  auto text = m.prometheus();
  auto smp = samples(text);

  EXPECT_NE(text.find("# TYPE sgee_http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE sgee_http_request_duration_seconds histogram\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE sgee_http_connections_open gauge\n"), std::string::npos);

  EXPECT_EQ(smp["sgee_http_requests_total{" + kLabels + ",status=\"2xx\"}"], "3");
  EXPECT_EQ(smp["sgee_http_requests_total{" + kLabels + ",status=\"4xx\"}"], "1");
  EXPECT_EQ(smp["sgee_http_requests_total{" + kLabels + ",status=\"5xx\"}"], "1");
  // classes without requests are left out
  EXPECT_EQ(smp.count("sgee_http_requests_total{" + kLabels + ",status=\"3xx\"}"), 0u);
  EXPECT_EQ(smp.count("sgee_http_requests_total{" + kLabels + ",status=\"1xx\"}"), 0u);

  const std::map<std::string, std::string> expected_buckets = {
      {"0.0005", "1"}, {"0.001", "1"}, {"0.0025", "1"}, {"0.005", "3"}, {"0.01", "3"},
      {"0.025", "3"},  {"0.05", "3"},  {"0.1", "3"},    {"0.25", "4"},  {"0.5", "4"},
      {"1", "4"},      {"5", "4"},     {"+Inf", "5"},
  };
  for (const auto& [le, n] : expected_buckets) EXPECT_EQ(smp[bucket(le)], n) << "le=" << le;

  EXPECT_EQ(smp["sgee_http_request_duration_seconds_count{" + kLabels + "}"], "5");
  EXPECT_NEAR(std::stod(smp["sgee_http_request_duration_seconds_sum{" + kLabels + "}"]), 10.2064,
              1e-4);
  EXPECT_EQ(smp["sgee_http_connections_open"], "3");
}

TEST(HttpMetricsPrometheus, BucketsAreNonDecreasingAndCountEqualsInf) {
  Metrics m;
  auto& s = m.stats("GET", "/a/{id}");
  const double durations[] = {0.0001, 0.0007, 0.0011, 0.004, 0.006, 0.02, 0.03,
                              0.07,   0.2,    0.4,    0.9,   2,     7};
  for (double d : durations) Metrics::observe(s, 200, d);
  auto smp = samples(m.prometheus());
  std::uint64_t previous = 0;
  for (size_t b = 0; b <= kLatencyBuckets.size(); ++b) {
    char le[32];
    if (b < kLatencyBuckets.size())
      std::snprintf(le, sizeof le, "%g", kLatencyBuckets[b]);
    else
      std::snprintf(le, sizeof le, "+Inf");
    ASSERT_TRUE(smp.count(bucket(le))) << le;
    auto n = std::stoull(smp[bucket(le)]);
    EXPECT_GE(n, previous) << le;
    EXPECT_EQ(n, b + 1) << le;  // one duration per bucket
    previous = n;
  }
  EXPECT_EQ(smp["sgee_http_request_duration_seconds_count{" + kLabels + "}"], smp[bucket("+Inf")]);
  EXPECT_EQ(smp["sgee_http_requests_total{" + kLabels + ",status=\"2xx\"}"], "13");
}

TEST(HttpMetricsPrometheus, RouteWithoutRequestsHasZeroHistogram) {
  Metrics m;
  m.stats("POST", "/idle");
  auto smp = samples(m.prometheus());
  const std::string labels = "method=\"POST\",route=\"/idle\"";
  EXPECT_EQ(smp["sgee_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"}"], "0");
  EXPECT_EQ(smp["sgee_http_request_duration_seconds_count{" + labels + "}"], "0");
  EXPECT_EQ(smp["sgee_http_request_duration_seconds_sum{" + labels + "}"], "0.000000");
  for (const auto& [k, v] : smp) EXPECT_FALSE(k.starts_with("sgee_http_requests_total")) << k;
  EXPECT_EQ(smp["sgee_http_connections_open"], "0");
}

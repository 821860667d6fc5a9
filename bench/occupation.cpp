// The occupation engine (issue 5): one full reference year (2026-04-01 – 2027-03-31) for every
// child of `sgee generate --children N --seed 1` (N from SGEE_BENCH_CHILDREN, default 300,000),
// computed in memory per installation / RSGE, on 1 and 2 threads; child-days per second. Also how
// the cost grows with the number of children and with the length of the range.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <thread>

#include "csg/generate.hpp"
#include "occupation/rules.hpp"

namespace {

using namespace sgee;
using dates::Date;
using occupation::Calendar;
using occupation::Report;

struct Org {
  std::vector<const csg::Dossier*> dossiers;
};

const std::vector<Org>& orgs() {
  static const std::vector<Org> all = [] {
    csg::GenerateOptions o;
    const char* n = std::getenv("SGEE_BENCH_CHILDREN");
    o.children = n ? std::atoi(n) : 300000;
    o.seed = 1;
    o.today = dates::from_ymd(2026, 9, 1);
    o.per_installation = 1000;
    static const csg::Generated g = csg::generate(o);
    std::vector<Org> out;
    for (const auto& c : g.components) {
      std::map<std::string, Org> by_org;  // a BC's dossiers go to their RSGE
      for (const auto& d : c.dossiers) by_org[d.rsge.value_or("")].dossiers.push_back(&d);
      for (auto& [number, org] : by_org) out.push_back(std::move(org));
    }
    return out;
  }();
  return all;
}

// Every org's report over [from, from + days), orgs shared out between `threads` threads, a share
// `part` (per thousand) of the dossiers; the child-days computed.
std::int64_t run(int threads, int days, int part) {
  Date from = dates::from_ymd(2026, 4, 1), to = dates::add_days(from, days - 1);
  std::vector<std::int64_t> child_days(static_cast<size_t>(threads), 0);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      const auto& all = orgs();
      for (size_t k = static_cast<size_t>(t); k < all.size(); k += static_cast<size_t>(threads)) {
        Calendar calendar(from, to);
        Report r(from, to);
        const auto& ds = all[k].dossiers;
        size_t n = ds.size() * static_cast<size_t>(part) / 1000;
        for (size_t i = 0; i < n; ++i) occupation::add_dossier(r, *ds[i], calendar);
        occupation::close_report(r, calendar);
        child_days[static_cast<size_t>(t)] += r.total().child_days;
      }
    });
  for (auto& th : pool) th.join();
  std::int64_t sum = 0;
  for (auto c : child_days) sum += c;
  return sum;
}

std::int64_t dossier_count() {
  std::int64_t n = 0;
  for (const auto& o : orgs()) n += static_cast<std::int64_t>(o.dossiers.size());
  return n;
}

// args: threads, days in the range, share of the children (per thousand).
void BM_OccupationEngine(benchmark::State& state) {
  int threads = static_cast<int>(state.range(0)), days = static_cast<int>(state.range(1));
  int part = static_cast<int>(state.range(2));
  orgs();
  std::int64_t child_days = 0;
  for (auto _ : state) child_days = run(threads, days, part);
  state.counters["dossiers"] = static_cast<double>(dossier_count() * part / 1000);
  state.counters["child_days"] = static_cast<double>(child_days);
  state.counters["child_days_per_s"] =
      benchmark::Counter(static_cast<double>(child_days) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
  state.counters["dossier_days_per_s"] =
      benchmark::Counter(static_cast<double>(dossier_count() * part / 1000) * days *
                             static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_OccupationEngine)
    ->ArgNames({"threads", "days", "permille"})
    ->Args({1, 365, 1000})
    ->Args({2, 365, 1000})
    ->Args({2, 31, 1000})
    ->Args({2, 730, 1000})
    ->Args({2, 365, 250})
    ->Args({2, 365, 500})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

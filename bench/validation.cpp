// The registry's validation on one core (issue 4): dossiers checked per second with the whole
// catalog, from the model (rules only) and from the sync API's JSON text (reading included).
// Data: csg::generate, the same generator as `sgee generate`.
#include <benchmark/benchmark.h>

#include "csg/generate.hpp"
#include "csg/json.hpp"
#include "csg/rules.hpp"

namespace {

using namespace sgee;

const csg::Generated& data() {
  static const csg::Generated g = [] {
    csg::GenerateOptions o;
    o.children = 20000;
    o.seed = 42;
    o.today = dates::from_ymd(2026, 9, 1);
    return csg::generate(o);
  }();
  return g;
}

std::vector<const csg::Dossier*> dossiers() {
  std::vector<const csg::Dossier*> out;
  for (const auto& c : data().components)
    for (const auto& d : c.dossiers) out.push_back(&d);
  return out;
}

void BM_ValidateDossiers(benchmark::State& state) {
  auto all = dossiers();
  csg::Context ctx;
  ctx.today = dates::from_ymd(2026, 9, 1);
  size_t i = 0, findings = 0;
  for (auto _ : state) {
    auto f = csg::check_dossier(*all[i], ctx);
    findings += f.size();
    benchmark::DoNotOptimize(f);
    if (++i == all.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["findings_per_dossier"] =
      static_cast<double>(findings) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ValidateDossiers);

void BM_ReadAndValidateJson(benchmark::State& state) {
  std::vector<std::string> texts;
  for (const auto* d : dossiers()) texts.push_back(csg::to_json(*d).dump());
  csg::Context ctx;
  ctx.today = dates::from_ymd(2026, 9, 1);
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    auto parsed = csg::parse_dossier(nlohmann::json::parse(texts[i]));
    auto f = csg::validate(parsed, ctx);
    benchmark::DoNotOptimize(f);
    bytes += texts[i].size();
    if (++i == texts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_ReadAndValidateJson);

}  // namespace

BENCHMARK_MAIN();

// The raw ceiling of the registry's storage (issue 4): the rows a sync of the generated batches
// stores (one dossiers row and one dossier_versions row per record), inserted straight through
// the driver in one transaction, without validation, HTTP or JSON reading. Registered only when
// SGEE_BENCH_RAW_DB (a migrated database holding the generated organizations) and
// SGEE_BENCH_RAW_BATCHES (the folder of `sgee generate --out`'s batches) are set: the registry
// benchmark script sets them.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "csg/json.hpp"
#include "occupation/rules.hpp"
#include "platform/db/db.hpp"
#include "platform/text.hpp"

namespace {

using namespace sgee;
namespace fs = std::filesystem;

struct Row {
  std::string org, ref, data, nirec, surname, given, birth, occupation;
};

std::vector<Row> load(const std::string& dir) {
  std::vector<Row> rows;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    auto batch = nlohmann::json::parse(ss.str());
    std::string org = e.path().filename().string().substr(0, 8);
    auto text = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : ""; };
    for (const auto& d : batch["dossiers"])
      rows.push_back({org, d["ref"], d.dump(), text(d["child"]["nirec"]),
                      text(d["child"]["surname"]), text(d["child"]["given_name"]),
                      text(d["child"]["birth_date"]),
                      occupation::occupation_text(csg::parse_dossier(d).dossier)});
  }
  return rows;
}

void BM_RawInsert(benchmark::State& state, std::string url, std::string dir) {
  auto rows = load(dir);
  auto c = db::connect(url);
  std::map<std::string, std::int64_t> orgs;
  auto r = c->run("SELECT number, id FROM organizations");
  for (size_t i = 0; i < r.size(); ++i) orgs[r.row(i).str(0)] = r.row(i).i64(1);
  for (auto _ : state) {
    c->run("DELETE FROM dossier_versions");
    c->run("DELETE FROM dossiers");
    auto start = std::chrono::steady_clock::now();
    db::Transaction tx(*c);
    for (const auto& row : rows) {
      auto id =
          c->run(
               "INSERT INTO dossiers (organization_id, ref, version, status, messages, data, "
               "nirec, birth_date, child_surname, child_given_name, search_key, created_at, "
               "updated_at) VALUES ($1, $2, 1, 'accepted', '[]', $3, $4, $5, $6, $7, $8, $9, "
               "$9) RETURNING id",
               orgs.at(row.org), row.ref, row.data, row.nirec, row.birth, row.surname, row.given,
               text::search_key(row.surname + " " + row.given), "2026-09-01T00:00:00Z")
              .first()
              .i64(0);
      c->run("INSERT INTO dossier_occupation (dossier_id, occupation) VALUES ($1, $2)", id,
             row.occupation);
      c->run(
          "INSERT INTO dossier_versions (dossier_id, version, data, created_at) VALUES ($1, 1, $2, "
          "$3)",
          id, row.data, "2026-09-01T00:00:00Z");
    }
    tx.commit();
    state.SetIterationTime(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(rows.size()));
}

[[maybe_unused]] const bool registered = [] {
  const char* url = std::getenv("SGEE_BENCH_RAW_DB");
  const char* dir = std::getenv("SGEE_BENCH_RAW_BATCHES");
  if (url && dir)
    benchmark::RegisterBenchmark("BM_RawInsert", BM_RawInsert, std::string(url), std::string(dir))
        ->UseManualTime()
        ->Iterations(1)
        ->Unit(benchmark::kSecond);
  return true;
}();

}  // namespace

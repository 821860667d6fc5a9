// The cost of durable commits on SQLite (issue 11): sgee opens SQLite in WAL mode with
// synchronous=FULL, so every commit waits for the log to reach the disk and an acknowledged batch
// survives a power loss. BM_SqliteCommit/1 measures small write transactions as sgee commits them
// (FULL); /0 the same with synchronous=NORMAL (flushes at checkpoints only), for comparison. Each
// iteration is one transaction inserting one row, in a database file under $TMPDIR (or /tmp).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "platform/db/db.hpp"
#include "platform/text.hpp"

namespace {

using namespace sgee;
namespace fs = std::filesystem;

void BM_SqliteCommit(benchmark::State& state) {
  bool full = state.range(0) == 1;
  const char* tmp = std::getenv("TMPDIR");
  fs::path dir = fs::path(tmp && *tmp ? tmp : "/tmp") / ("sgee-commit-" + text::random_hex(6));
  fs::create_directories(dir);
  {
    auto c = db::connect("sqlite:" + (dir / "commit.db").string());
    if (!full) c->exec_script("PRAGMA synchronous=NORMAL;");
    c->exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);");
    std::int64_t n = 0;
    for (auto _ : state) {
      db::Transaction tx(*c);
      c->run("INSERT INTO t (v) VALUES ($1)", "batch " + std::to_string(++n));
      tx.commit();
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(full ? "synchronous=FULL (sgee)" : "synchronous=NORMAL");
  }
  fs::remove_all(dir);
}
BENCHMARK(BM_SqliteCommit)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

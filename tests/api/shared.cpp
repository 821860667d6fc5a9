#include "shared.hpp"

namespace sgee::test {
namespace {
std::unique_ptr<TestDatabase> g_db;
std::unique_ptr<Server> g_server;
}  // namespace

namespace {
// Made once per run of the test program, then copied for each test: a database migrated, and one
// with the demo data too (made the day the program runs, as a test's own would be).
const TestDatabase& template_database(bool demo) {
  static std::unique_ptr<TestDatabase> migrated, with_demo;
  auto& made = demo ? with_demo : migrated;
  if (!made) {
    auto db = std::make_unique<TestDatabase>();
    auto r = run_sgee({"migrate", "--db", db->url()});
    if (r.exit_code != 0) throw std::runtime_error("migrate failed: " + r.err);
    if (demo) {
      r = run_sgee({"seed", "--demo", "--db", db->url()});
      if (r.exit_code != 0) throw std::runtime_error("seed --demo failed: " + r.err);
    }
    made = std::move(db);
  }
  return *made;
}
}  // namespace

std::unique_ptr<TestDatabase> migrated_database() {
  return std::make_unique<TestDatabase>(&template_database(false));
}
std::unique_ptr<TestDatabase> demo_database() {
  return std::make_unique<TestDatabase>(&template_database(true));
}

void SharedServerEnvironment::SetUp() {
  g_db = migrated_database();
  g_server = std::make_unique<Server>(g_db->url());
}

void SharedServerEnvironment::TearDown() {
  g_server.reset();
  g_db.reset();
}

TestDatabase& shared_db() {
  return *g_db;
}
Server& shared_server() {
  return *g_server;
}

}  // namespace sgee::test

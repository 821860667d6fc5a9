#include "shared.hpp"

namespace sgee::test {
namespace {
std::unique_ptr<TestDatabase> g_db;
std::unique_ptr<Server> g_server;
}  // namespace

std::unique_ptr<TestDatabase> migrated_database() {
  auto db = std::make_unique<TestDatabase>();
  auto r = run_sgee({"migrate", "--db", db->url()});
  if (r.exit_code != 0) throw std::runtime_error("migrate failed: " + r.err);
  return db;
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

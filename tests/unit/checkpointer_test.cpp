// db::Checkpointer: SQLite's write-ahead log copied back into the database file by a thread of its
// own; the connections opened meanwhile leave it to that thread, those opened afterwards do it
// themselves again.
#include "platform/db/checkpointer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "platform/db/db.hpp"

namespace db = sgee::db;
namespace fs = std::filesystem;

namespace {

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path = fs::temp_directory_path() / ("sgee-checkpointer-" + std::to_string(::getpid()) + ".db");
    TearDown();
  }
  void TearDown() override {
    for (const char* ext : {"", "-wal", "-shm"}) fs::remove(path.string() + ext);
  }
  std::string url() const { return "sqlite:" + path.string(); }
  std::int64_t autocheckpoint(db::Connection& c) {
    return c.run("PRAGMA wal_autocheckpoint").first().i64(0);
  }
  fs::path path;
};

TEST_F(CheckpointerTest, TheLogIsCopiedByItsThreadNotByTheCommitsOfTheConnections) {
  // Its turn comes every hour: only the last one, when it ends, runs in this test.
  std::optional<db::Checkpointer> checkpointer;
  checkpointer.emplace(url(), std::chrono::hours(1));
  auto c = db::connect(url());
  EXPECT_EQ(autocheckpoint(*c), 0);
  c->run("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  {
    db::Transaction tx(*c);
    for (int i = 0; i < 3000; ++i)
      c->run("INSERT INTO t (body) VALUES ($1)", std::string(1000, 'x'));
    tx.commit();
  }
  // 3,000 pages of log, far past SQLite's own 1,000: nothing copied into the file by the commit.
  EXPECT_LT(fs::file_size(path), 100'000u);
  EXPECT_GT(fs::file_size(path.string() + "-wal"), 3'000'000u);
  checkpointer.reset();
  EXPECT_GT(fs::file_size(path), 3'000'000u);
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM t").first().i64(0), 3000);
  // Without a checkpointer, a new connection checkpoints on its own again (SQLite's 1,000 pages).
  auto after = db::connect(url());
  EXPECT_EQ(autocheckpoint(*after), 1000);
}

}  // namespace

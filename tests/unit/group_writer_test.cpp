// db::GroupWriter: rows queued by page views, written in groups by a thread of its own, and the
// callbacks that release each response once its row is in the database (or tell it failed).
#include "platform/db/group_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace db = sgee::db;

namespace {

const std::string kInsert = "INSERT INTO views (page, n) VALUES ($1, $2)";

class GroupWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path = std::filesystem::temp_directory_path() /
           ("sgee-group-writer-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    pool = std::make_unique<db::Pool>("sqlite:" + path.string(), 4);
    pool->acquire()->run(
        "CREATE TABLE views (id INTEGER PRIMARY KEY, page TEXT NOT NULL, n "
        "INTEGER NOT NULL CHECK (n >= 0))");
  }
  void TearDown() override {
    pool.reset();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + ext);
  }
  std::int64_t count() { return pool->acquire()->run("SELECT COUNT(*) FROM views").first().i64(0); }

  std::filesystem::path path;
  std::unique_ptr<db::Pool> pool;
};

TEST_F(GroupWriterTest, TheCallbackComesOnceTheRowIsInTheDatabase) {
  db::GroupWriter w(*pool);
  EXPECT_EQ(w.take_pending(), 0u);  // nothing queued by this thread
  w.add(kInsert, {db::to_value("list"), db::to_value(std::int64_t{1})});
  auto ticket = w.take_pending();
  ASSERT_NE(ticket, 0u);
  EXPECT_EQ(w.take_pending(), 0u);  // taken
  std::promise<std::pair<bool, std::int64_t>> seen;
  w.when_written(ticket, [&](bool ok) { seen.set_value({ok, count()}); });
  auto [ok, rows] = seen.get_future().get();
  EXPECT_TRUE(ok);
  EXPECT_EQ(rows, 1);  // already committed when told
  // Asked after the fact, the answer comes at once, from this thread.
  bool later = false;
  w.when_written(ticket, [&](bool ok2) { later = ok2; });
  EXPECT_TRUE(later);
}

TEST_F(GroupWriterTest, ManyThreadsRowsAllArriveAndOnlyTheBadRowFails) {
  std::vector<std::future<bool>> outcomes;
  {
    db::GroupWriter w(*pool);
    std::vector<std::thread> threads;
    std::mutex m;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 50; ++i) {
          // One bad row (n < 0 breaks the CHECK) among 400: it alone fails.
          std::int64_t n = (t == 3 && i == 7) ? -1 : i;
          w.add(kInsert, {db::to_value("p" + std::to_string(t)), db::to_value(n)});
          auto ticket = w.take_pending();
          auto p = std::make_shared<std::promise<bool>>();
          {
            std::lock_guard lk(m);
            outcomes.push_back(p->get_future());
          }
          w.when_written(ticket, [p](bool ok) { p->set_value(ok); });
        }
      });
    for (auto& th : threads) th.join();
    w.flush();
    EXPECT_EQ(count(), 399);
  }
  int failed = 0;
  for (auto& f : outcomes) failed += f.get() ? 0 : 1;
  EXPECT_EQ(failed, 1);
}

TEST_F(GroupWriterTest, RowsQueuedAtTheEndAreWrittenBeforeTheWriterGoes) {
  {
    db::GroupWriter w(*pool, std::chrono::seconds(30));  // a window longer than the test
    for (int i = 0; i < 5; ++i)
      w.add(kInsert, {db::to_value("end"), db::to_value(std::int64_t{i})});
  }
  EXPECT_EQ(count(), 5);
}

}  // namespace

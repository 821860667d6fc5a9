#pragma once
// SQLite's write-ahead log copied back into the database file by a thread of its own, every
// `every` (a PASSIVE checkpoint: it never waits for readers or writers), instead of by whichever
// commit makes the log pass 1,000 pages. In the server that commit is most often the group
// writer's (db::GroupWriter), and every response held for its audit row then waited for the copy
// and its disk flush too: the pages' p99 at 64 connections (docs/benchmarks.md).
// Construct it before opening the connections it relieves: from then on, the process's SQLite
// connections leave checkpoints to it (sqlite_manual_checkpoints); its destructor gives them back.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace sgee::db {

// Whether SQLite connections opened from now on skip their automatic checkpoints.
void sqlite_manual_checkpoints(bool on);

class Checkpointer {
 public:
  explicit Checkpointer(std::string sqlite_url,
                        std::chrono::milliseconds every = std::chrono::milliseconds(200));
  ~Checkpointer();  // a last checkpoint, then the thread ends
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

 private:
  void run();

  std::string url_;
  std::chrono::milliseconds every_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace sgee::db

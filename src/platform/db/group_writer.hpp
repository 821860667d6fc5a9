#pragma once
// Rows that must be in the database before a response is sent but commit with nothing else, such
// as the audit row of a page view, written in groups: a thread of its own runs every row queued
// meanwhile in one transaction (not waiting for the disk: db::RelaxedDurability). A page view
// then costs no commit of its own, and its worker thread does not wait for the write: the server
// holds the response (http::ServerOptions::hold_response) until the row is written, and answers
// 503 instead if it could not be.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>
#include <vector>

#include "platform/db/pool.hpp"

namespace sgee::db {

class GroupWriter {
 public:
  // `window`: how long a group's first row waits for others before the group is written (a
  // response waits that much more; under load, one commit then covers many page views).
  explicit GroupWriter(Pool& pool, std::chrono::microseconds window = std::chrono::milliseconds(2));
  ~GroupWriter();  // writes what is queued, then ends its thread
  GroupWriter(const GroupWriter&) = delete;
  GroupWriter& operator=(const GroupWriter&) = delete;

  // Queues one statement. `sql` must live as long as the writer (a literal or a static string).
  // The calling thread's pending ticket becomes this row's (see take_pending).
  void add(std::string_view sql, std::vector<Value> params);
  // The ticket of the last row this thread queued since its last call, or 0 when none.
  std::uint64_t take_pending();
  // Calls `done(true)` once every row up to `ticket` is written, `done(false)` if that one could
  // not be; from the writer's thread, or from this one when that is already known.
  void when_written(std::uint64_t ticket, std::function<void(bool)> done);
  // Returns once every row queued so far is written or failed. Not from a thread that holds a
  // connection of the pool, when the pool may have no other to give.
  void flush();

 private:
  struct Row {
    std::string_view sql;
    std::vector<Value> params;
  };
  void run();
  // Writes the rows in one transaction; if that fails, each alone. The tickets that failed.
  std::vector<std::uint64_t> write(std::vector<Row>& rows, std::uint64_t first_ticket);

  Pool& pool_;
  std::chrono::microseconds window_;
  std::uint64_t id_;  // this writer's number (take_pending)
  std::mutex m_;
  std::condition_variable wake_, written_;
  std::vector<Row> queue_;
  std::uint64_t added_ = 0;  // the last ticket given
  std::uint64_t done_ = 0;   // every ticket up to this one is written or failed
  std::set<std::uint64_t> failed_;
  std::vector<std::pair<std::uint64_t, std::function<void(bool)>>> waiting_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace sgee::db

#include "platform/db/group_writer.hpp"

#include <atomic>

#include "platform/log.hpp"

namespace sgee::db {

namespace {
// The row a thread queued last, per writer (a server has one; tests may make several). A writer is
// known by a number never given twice, not by its address: a writer made where an earlier one was
// must not take that one's ticket.
struct Pending {
  std::uint64_t writer = 0;
  std::uint64_t ticket = 0;
};
thread_local Pending pending;
std::atomic<std::uint64_t> writers{0};
constexpr size_t kMaxGroup = 512;
constexpr size_t kMaxFailedKept = 4096;
}  // namespace

GroupWriter::GroupWriter(Pool& pool, std::chrono::microseconds window)
    : pool_(pool), window_(window), id_(++writers), thread_([this] { run(); }) {}

GroupWriter::~GroupWriter() {
  {
    std::lock_guard lk(m_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void GroupWriter::add(std::string_view sql, std::vector<Value> params) {
  std::uint64_t ticket;
  {
    std::lock_guard lk(m_);
    queue_.push_back({sql, std::move(params)});
    ticket = ++added_;
  }
  wake_.notify_one();
  pending = {id_, ticket};
}

std::uint64_t GroupWriter::take_pending() {
  if (pending.writer != id_) return 0;
  auto t = pending.ticket;
  pending = {};
  return t;
}

void GroupWriter::when_written(std::uint64_t ticket, std::function<void(bool)> done) {
  bool ok;
  {
    std::lock_guard lk(m_);
    if (ticket > done_) {
      waiting_.emplace_back(ticket, std::move(done));
      return;
    }
    ok = !failed_.contains(ticket);
  }
  done(ok);
}

void GroupWriter::flush() {
  std::unique_lock lk(m_);
  auto target = added_;
  written_.wait(lk, [&] { return done_ >= target; });
}

void GroupWriter::run() {
  std::unique_lock lk(m_);
  while (true) {
    wake_.wait(lk, [&] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) break;  // stopping, nothing left
    // The first row waits `window` for others: a commit costs as much as many rows.
    if (!stop_) wake_.wait_for(lk, window_, [&] { return stop_ || queue_.size() >= kMaxGroup; });
    std::vector<Row> rows;
    rows.swap(queue_);
    std::uint64_t last = added_, first = last - rows.size() + 1;
    lk.unlock();
    auto failed = write(rows, first);
    lk.lock();
    done_ = last;
    for (auto t : failed) failed_.insert(t);
    while (failed_.size() > kMaxFailedKept) failed_.erase(failed_.begin());
    std::vector<std::pair<std::uint64_t, std::function<void(bool)>>> ready;
    for (auto it = waiting_.begin(); it != waiting_.end();) {
      if (it->first <= last) {
        ready.push_back(std::move(*it));
        it = waiting_.erase(it);
      } else {
        ++it;
      }
    }
    lk.unlock();
    written_.notify_all();
    for (auto& [ticket, done] : ready) {
      bool ok = true;
      for (auto t : failed) ok = ok && t != ticket;
      done(ok);
    }
    lk.lock();
  }
}

std::vector<std::uint64_t> GroupWriter::write(std::vector<Row>& rows, std::uint64_t first_ticket) {
  auto attempt = [&](size_t from, size_t to) {
    try {
      auto c = pool_.acquire();
      RelaxedDurability relaxed(*c);
      Transaction tx(*c);
      for (size_t i = from; i < to; ++i) c->query(rows[i].sql, rows[i].params);
      tx.commit();
      return true;
    } catch (const std::exception& e) {
      log::error("group write failed", {{"rows", std::to_string(to - from)}, {"error", e.what()}});
      return false;
    }
  };
  if (attempt(0, rows.size())) return {};
  std::vector<std::uint64_t> failed;
  if (rows.size() == 1) return {first_ticket};
  for (size_t i = 0; i < rows.size(); ++i)
    if (!attempt(i, i + 1)) failed.push_back(first_ticket + i);
  return failed;
}

}  // namespace sgee::db

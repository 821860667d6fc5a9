#include "platform/db/pool.hpp"

namespace sgee::db {

Pool::Pool(std::string url, size_t max_size)
    : url_(std::move(url)), engine_(engine_of(url_)), max_size_(max_size == 0 ? 1 : max_size) {}

Pool::Lease::~Lease() {
  if (c_) pool_->give_back(std::move(c_));
}

Pool::Lease Pool::acquire(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  if (!cv_.wait_for(lock, timeout, [&] { return !idle_.empty() || open_ < max_size_; }))
    throw Error("no database connection became free within " + std::to_string(timeout.count()) +
                " ms");
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(c));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(this, connect(url_));
  } catch (...) {
    std::lock_guard relock(mu_);
    --open_;
    cv_.notify_one();
    throw;
  }
}

void Pool::give_back(std::unique_ptr<Connection> c) {
  if (c->in_transaction()) {
    try {
      c->rollback();
    } catch (...) {
      c.reset();
    }
  }
  std::lock_guard lock(mu_);
  if (c && c->healthy()) {
    idle_.push_back(std::move(c));
  } else {
    --open_;
  }
  cv_.notify_one();
}

}  // namespace sgee::db

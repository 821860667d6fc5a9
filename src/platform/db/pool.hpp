#pragma once
// A bounded pool of connections to one database. acquire() waits (up to a timeout) for a free
// connection; a connection that is no longer healthy when it comes back is dropped and a new one
// opened on the next acquire.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "platform/db/db.hpp"

namespace sgee::db {

class Pool {
 public:
  Pool(std::string url, size_t max_size);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection* operator->() const { return c_.get(); }
    Connection& operator*() const { return *c_; }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> c_;
  };

  // Throws Error when no connection frees up in time or the database cannot be reached.
  Lease acquire(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  const std::string& url() const { return url_; }
  Engine engine() const { return engine_; }
  size_t max_size() const { return max_size_; }

 private:
  void give_back(std::unique_ptr<Connection> c);

  std::string url_;
  Engine engine_;
  size_t max_size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 0;  // connections existing, idle or leased
};

}  // namespace sgee::db

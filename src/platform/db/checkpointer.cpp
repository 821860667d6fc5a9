#include "platform/db/checkpointer.hpp"

#include "platform/db/db.hpp"
#include "platform/log.hpp"

namespace sgee::db {

Checkpointer::Checkpointer(std::string sqlite_url, std::chrono::milliseconds every)
    : url_(std::move(sqlite_url)), every_(every) {
  sqlite_manual_checkpoints(true);
  thread_ = std::thread([this] { run(); });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  sqlite_manual_checkpoints(false);
}

void Checkpointer::run() {
  std::unique_ptr<Connection> c;
  for (bool last = false; !last;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, every_, [this] { return stop_; });
      last = stop_;
    }
    try {
      if (!c) c = connect(url_);
      c->exec_script("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const std::exception& e) {
      c.reset();  // opened again at the next turn
      log::error("checkpoint failed", {{"error", e.what()}});
    }
  }
}

}  // namespace sgee::db

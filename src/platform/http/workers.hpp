#pragma once
// The handlers' worker pool: the server's I/O threads read requests and write responses; the
// handlers (validation, saving, pages: CPU and database work) run here, on threads of their own,
// so that a heavy request never holds an I/O thread and cheap routes (/healthz, /static/*,
// /metrics), answered inline on the I/O threads, never wait behind it. The workers run at a lower
// scheduling priority (nice +5) than the I/O threads.
#include <functional>
#include <memory>
#include <string_view>

namespace sgee::http {

class Workers {
 public:
  explicit Workers(int threads);  // at least one
  ~Workers();                     // waits for the jobs already posted
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;
  int threads() const { return threads_; }
  // Runs `job` on one of the pool's threads, in order of posting as threads free up.
  void post(std::function<void()> job);
  // Runs every job posted so far, then ends the threads (jobs posted later never run).
  void join();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int threads_;
};

// The paths answered inline on the I/O threads: cheap and never blocked by other requests'
// work (the health check, static files, metrics).
bool runs_inline(std::string_view path);

}  // namespace sgee::http

#include "platform/http/workers.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace sgee::http {

namespace {
// The workers yield to the I/O threads when the cores are all busy: a health check or a static
// file is answered at once even while every worker validates a batch.
constexpr int kWorkerNice = 5;
}  // namespace

struct Workers::Impl {
  std::mutex mu;
  std::condition_variable ready;
  std::deque<std::function<void()>> jobs;
  bool closing = false;
  std::vector<std::thread> threads;

  void run() {
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kWorkerNice);  // best effort
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mu);
        ready.wait(lock, [&] { return closing || !jobs.empty(); });
        if (jobs.empty()) return;  // closing, and nothing left to run
        job = std::move(jobs.front());
        jobs.pop_front();
      }
      job();
    }
  }
};

Workers::Workers(int threads) : impl_(std::make_unique<Impl>()), threads_(std::max(1, threads)) {
  for (int i = 0; i < threads_; ++i) impl_->threads.emplace_back([this] { impl_->run(); });
}

Workers::~Workers() {
  join();
}

void Workers::post(std::function<void()> job) {
  {
    std::lock_guard lock(impl_->mu);
    impl_->jobs.push_back(std::move(job));
  }
  impl_->ready.notify_one();
}

void Workers::join() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->closing = true;
  }
  impl_->ready.notify_all();
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
}

bool runs_inline(std::string_view path) {
  return path == "/healthz" || path == "/metrics" || path.starts_with("/static/");
}

}  // namespace sgee::http

#pragma once
// A small SMTP server on a loopback port for the tests of `sgee mail send`: it speaks enough of
// RFC 5321 for libcurl (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps what it received, and
// refuses recipients it is told to. It stops with the object.
#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace sgee::test {

class FakeSmtp {
 public:
  struct Received {
    std::string from, to, data;
  };
  explicit FakeSmtp(std::set<std::string> refused_recipients = {});
  ~FakeSmtp();
  FakeSmtp(const FakeSmtp&) = delete;
  FakeSmtp& operator=(const FakeSmtp&) = delete;

  int port() const { return port_; }
  std::vector<Received> received() const;
  int connections() const { return connections_; }

 private:
  void serve();
  void session(int fd);

  std::set<std::string> refused_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  mutable std::mutex mutex_;
  std::vector<Received> received_;
  std::thread thread_;
};

}  // namespace sgee::test

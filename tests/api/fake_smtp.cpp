#include "fake_smtp.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace sgee::test {
namespace {

void say(int fd, const std::string& line) {
  std::string out = line + "\r\n";
  size_t off = 0;
  while (off < out.size()) {
    auto n = ::send(fd, out.data() + off, out.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

// The address inside "<…>".
std::string angle(const std::string& arg) {
  auto open = arg.find('<'), close = arg.find('>');
  if (open == std::string::npos || close == std::string::npos) return arg;
  return arg.substr(open + 1, close - open - 1);
}

}  // namespace

FakeSmtp::FakeSmtp(std::set<std::string> refused) : refused_(std::move(refused)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 8) != 0)
    throw std::runtime_error("fake SMTP: cannot listen on 127.0.0.1");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

FakeSmtp::~FakeSmtp() {
  stopping_ = true;
  thread_.join();
  ::close(listen_fd_);
}

std::vector<FakeSmtp::Received> FakeSmtp::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void FakeSmtp::serve() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;  // wakes up to notice stopping_
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    ++connections_;
    session(fd);
    ::close(fd);
  }
}

void FakeSmtp::session(int fd) {
  say(fd, "220 fake.smtp.test ESMTP");
  std::string buffer, from, data;
  std::vector<std::string> to;
  bool in_data = false;
  char chunk[4096];
  while (!stopping_) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    auto n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return;
    buffer.append(chunk, static_cast<size_t>(n));
    for (auto eol = buffer.find("\r\n"); eol != std::string::npos; eol = buffer.find("\r\n")) {
      std::string line = buffer.substr(0, eol);
      buffer.erase(0, eol + 2);
      if (in_data) {
        if (line == ".") {
          in_data = false;
          std::lock_guard lock(mutex_);
          for (const auto& rcpt : to) received_.push_back({from, rcpt, data});
          say(fd, "250 queued");
          data.clear();
          to.clear();
        } else {
          data += (line.starts_with("..") ? line.substr(1) : line) + "\r\n";
        }
        continue;
      }
      std::string verb = line.substr(0, 4);
      for (auto& ch : verb) ch = static_cast<char>(toupper(ch));
      if (verb == "EHLO" || verb == "HELO") {
        say(fd, "250-fake.smtp.test");
        say(fd, "250 8BITMIME");
      } else if (verb == "MAIL") {
        from = angle(line);
        say(fd, "250 ok");
      } else if (verb == "RCPT") {
        std::string rcpt = angle(line);
        if (refused_.count(rcpt)) {
          say(fd, "550 no such mailbox");
        } else {
          to.push_back(rcpt);
          say(fd, "250 ok");
        }
      } else if (verb == "DATA") {
        in_data = true;
        say(fd, "354 go ahead");
      } else if (verb == "RSET") {
        from.clear();
        to.clear();
        say(fd, "250 ok");
      } else if (verb == "NOOP") {
        say(fd, "250 ok");
      } else if (verb == "QUIT") {
        say(fd, "221 bye");
        return;
      } else {
        say(fd, "502 not implemented");
      }
    }
  }
}

}  // namespace sgee::test

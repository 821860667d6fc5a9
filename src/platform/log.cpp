#include "platform/log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "platform/text.hpp"

namespace sgee::log {
namespace {
std::atomic<int> g_fd{1};
}

void open(const std::string& target) {
  if (target.empty() || target == "-") {
    g_fd = 1;
  } else if (target == "off") {
    g_fd = -1;
  } else {
    int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0) throw std::runtime_error("cannot open log file " + target);
    g_fd = fd;
  }
}

std::string utc_now_iso() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto ms = static_cast<int>(duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000);
  std::time_t t = system_clock::to_time_t(now);
  // The date and time to the second change once a second: format them once per thread.
  thread_local std::time_t cached_t = -1;
  thread_local char cached[32];
  if (t != cached_t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(cached, sizeof cached, "%Y-%m-%dT%H:%M:%S", &tm);
    cached_t = t;
  }
  std::string out(cached);
  out += '.';
  out += static_cast<char>('0' + ms / 100);
  out += static_cast<char>('0' + ms / 10 % 10);
  out += static_cast<char>('0' + ms % 10);
  out += 'Z';
  return out;
}

void append_json_escaped(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  bool utf8_ok = text::valid_utf8(s);
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else if (c >= 0x80 && !utf8_ok) {
      out += "\\ufffd";
    } else {
      out += static_cast<char>(c);
    }
  }
}

void write_line(std::string& line) {
  int fd = g_fd.load();
  if (fd < 0) return;
  line.push_back('\n');
  const char* p = line.data();
  size_t left = line.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n <= 0) return;  // a log sink that fails must not take the server down
    p += n;
    left -= static_cast<size_t>(n);
  }
}

void write(nlohmann::json fields) {
  int fd = g_fd.load();
  if (fd < 0) return;
  if (!fields.contains("ts")) fields["ts"] = utc_now_iso();
  std::string line = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  write_line(line);
}

void info(std::string_view msg, nlohmann::json fields) {
  fields["level"] = "info";
  fields["msg"] = msg;
  write(std::move(fields));
}

void error(std::string_view msg, nlohmann::json fields) {
  fields["level"] = "error";
  fields["msg"] = msg;
  write(std::move(fields));
}

}  // namespace sgee::log

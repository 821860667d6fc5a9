#include "platform/log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <stdexcept>

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
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

void write(nlohmann::json fields) {
  int fd = g_fd.load();
  if (fd < 0) return;
  if (!fields.contains("ts")) fields["ts"] = utc_now_iso();
  std::string line = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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

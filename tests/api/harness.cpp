#include "harness.hpp"

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange without it

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "platform/db/db.hpp"

namespace sgee::test {

namespace fs = std::filesystem;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

namespace {
std::atomic<int> g_counter{0};

std::string unique_name() {
  return "sgee_t_" + std::to_string(::getpid()) + "_" + std::to_string(++g_counter);
}

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

fs::path scratch_dir() {
  fs::path p = fs::temp_directory_path() / unique_name();
  fs::create_directories(p);
  return p;
}

// fork + exec build/sgee with stdout to `out_path` and stderr to a pipe (returned in *err_fd).
int spawn(const std::vector<std::string>& args, const std::string& out_path, int* err_fd,
          int* out_fd) {
  int err_pipe[2], out_pipe[2] = {-1, -1};
  if (pipe(err_pipe) != 0) throw std::runtime_error("pipe");
  if (out_fd && pipe(out_pipe) != 0) throw std::runtime_error("pipe");
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork");
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // a crashed test run leaves no server behind
    if (out_fd) {
      dup2(out_pipe[1], 1);
    } else {
      int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(fd, 1);
    }
    dup2(err_pipe[1], 2);
    close(err_pipe[0]);
    if (out_fd) close(out_pipe[0]);
    std::vector<char*> argv;
    std::string bin = env_or("SGEE_BINARY", SGEE_BINARY);
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  close(err_pipe[1]);
  *err_fd = err_pipe[0];
  if (out_fd) {
    close(out_pipe[1]);
    *out_fd = out_pipe[0];
  }
  return pid;
}
}  // namespace

std::string engine() {
  return env_or("SGEE_TEST_DB", "sqlite");
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TestDatabase::TestDatabase(const TestDatabase* from) {
  if (engine() == "postgresql") {
    pg_admin_url_ = env_or("SGEE_TEST_PG", "postgresql://postgres@127.0.0.1:55432/postgres");
    pg_name_ = unique_name();
    auto admin = db::connect(pg_admin_url_);
    if (from) {
      // A template must have no session: the last program that used it may still be leaving.
      admin->run(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> "
          "pg_backend_pid()",
          from->pg_name_);
      admin->exec_script("CREATE DATABASE " + pg_name_ + " TEMPLATE " + from->pg_name_);
    } else {
      admin->exec_script("CREATE DATABASE " + pg_name_);
    }
    auto slash = pg_admin_url_.rfind('/');
    auto query = pg_admin_url_.find('?', slash);
    url_ = pg_admin_url_.substr(0, slash + 1) + pg_name_ +
           (query == std::string::npos ? "" : pg_admin_url_.substr(query));
  } else {
    dir_ = scratch_dir().string();
    url_ = "sqlite:" + dir_ + "/sgee.db";
    if (from) {  // the database and, if its last program left one, its write-ahead log
      for (const char* suffix : {"", "-wal"}) {
        fs::path file = from->dir_ + "/sgee.db" + suffix;
        if (fs::exists(file)) fs::copy_file(file, dir_ + "/sgee.db" + suffix);
      }
    }
  }
}

TestDatabase::~TestDatabase() {
  try {
    if (!pg_name_.empty()) {
      auto admin = db::connect(pg_admin_url_);
      admin->exec_script("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    }
    if (!dir_.empty()) fs::remove_all(dir_);
  } catch (...) {
  }
}

CommandResult run_sgee(const std::vector<std::string>& args) {
  int err_fd = -1, out_fd = -1;
  int pid = spawn(args, "", &err_fd, &out_fd);
  CommandResult r;
  // Read both pipes until they close.
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open_fds = 2;
  char buf[4096];
  while (open_fds > 0) {
    if (poll(fds, 2, 60000) <= 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

Server::Server(const std::string& db_url, std::vector<std::string> extra) {
  fs::path dir = fs::temp_directory_path() / "sgee-test-logs";
  fs::create_directories(dir);
  log_ = (dir / (unique_name() + ".log")).string();
  std::vector<std::string> args = {"serve",       "--db",         db_url, "--listen",
                                   "127.0.0.1:0", "--access-log", log_};
  args.insert(args.end(), extra.begin(), extra.end());
  int err_fd = -1;
  pid_ = spawn(args, log_, &err_fd, nullptr);
  std::string err;
  auto deadline = Clock::now() + std::chrono::seconds(30);
  const std::string marker = "listening on http://127.0.0.1:";
  while (Clock::now() < deadline) {
    pollfd p{err_fd, POLLIN, 0};
    if (poll(&p, 1, 1000) <= 0) continue;
    char buf[1024];
    ssize_t n = read(err_fd, buf, sizeof buf);
    if (n <= 0) break;
    err.append(buf, static_cast<size_t>(n));
    auto pos = err.find(marker);
    if (pos != std::string::npos && err.find('\n', pos) != std::string::npos) {
      port_ = std::stoi(err.substr(pos + marker.size()));
      break;
    }
  }
  close(err_fd);  // later stderr output goes nowhere; the log file has the JSON lines
  if (port_ == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    exited_ = true;
    throw std::runtime_error("sgee serve did not start: " + err);
  }
}

Server::~Server() {
  if (exited_) return;
  kill(pid_, SIGTERM);
  if (!wait_exit(std::chrono::seconds(20))) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::string Server::log_text() const {
  return slurp(log_);
}

void Server::signal(int sig) {
  kill(pid_, sig);
}

std::optional<int> Server::wait_exit(std::chrono::milliseconds limit) {
  auto deadline = Clock::now() + limit;
  while (true) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (Clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling a child's state
  }
}

std::string Reply::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

struct Client::Impl {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  int port;
};

Client::Client(int port) : impl_(new Impl) {
  impl_->port = port;
  impl_->stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"),
                                               static_cast<unsigned short>(port)));
}

Client::~Client() {
  beast::error_code ec;
  impl_->stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  delete impl_;
}

Reply Client::request(const std::string& method, const std::string& target,
                      const std::map<std::string, std::string>& headers, const std::string& body) {
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "127.0.0.1:" + std::to_string(impl_->port));
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() || method == "POST" || method == "PUT") {
    req.body() = body;
    req.prepare_payload();
  }
  impl_->stream.expires_after(std::chrono::seconds(30));
  http::write(impl_->stream, req);
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  http::read(impl_->stream, impl_->buffer, parser);
  auto& res = parser.get();
  Reply r;
  r.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto& slot = r.headers[name];
    slot += (slot.empty() ? "" : "\n") + std::string(f.value());
  }
  r.body = res.body();
  return r;
}

RawConnection::RawConnection(int port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("connect failed");
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) close(fd_);
}

void RawConnection::send(const std::string& bytes) {
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send failed");
    off += static_cast<size_t>(n);
  }
}

std::string RawConnection::read_until_close(std::chrono::milliseconds limit, bool* closed) {
  std::string out;
  *closed = false;
  auto deadline = Clock::now() + limit;
  char buf[4096];
  while (Clock::now() < deadline) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(std::max<long>(left, 1))) <= 0) continue;
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      *closed = true;
      return out;
    }
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

std::string RawConnection::read_until(const std::string& needle, std::chrono::milliseconds limit) {
  std::string out;
  auto deadline = Clock::now() + limit;
  char buf[4096];
  while (Clock::now() < deadline && out.find(needle) == std::string::npos) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(std::max<long>(left, 1))) <= 0) continue;
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

bool RawConnection::readable() const {
  pollfd p{fd_, POLLIN, 0};
  return poll(&p, 1, 0) > 0;
}

bool port_accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace sgee::test

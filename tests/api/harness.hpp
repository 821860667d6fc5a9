#pragma once
// API test harness: a fresh database on the engine named by SGEE_TEST_DB (sqlite | postgresql),
// the real `sgee` binary run as a child process on a free loopback port, and a small HTTP client.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sgee::test {

// "sqlite" or "postgresql", from SGEE_TEST_DB (default sqlite).
std::string engine();

// A new database, empty or a copy of `from` (PostgreSQL: CREATE DATABASE … TEMPLATE; SQLite: a
// copy of the file); dropped (PostgreSQL) or deleted (SQLite) when destroyed.
class TestDatabase {
 public:
  explicit TestDatabase(const TestDatabase* from = nullptr);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  const std::string& url() const { return url_; }

 private:
  std::string url_;
  std::string pg_admin_url_, pg_name_, dir_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs the sgee binary (SGEE_BINARY, else the one built with these tests) with these arguments;
// waits for it.
CommandResult run_sgee(const std::vector<std::string>& args);

class Server {
 public:
  // Runs `sgee serve --db URL --listen 127.0.0.1:0 --access-log LOG <extra…>` and waits until it
  // listens. Migrate the database first.
  explicit Server(const std::string& db_url, std::vector<std::string> extra = {});
  ~Server();  // SIGTERM and wait
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const { return port_; }
  int pid() const { return pid_; }
  const std::string& log_path() const { return log_; }
  std::string log_text() const;
  void signal(int sig);
  // Waits for the process to end (up to `limit`); its exit code, or nullopt if still running.
  std::optional<int> wait_exit(std::chrono::milliseconds limit);

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string log_;
  bool exited_ = false;
};

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; Set-Cookie values joined by "\n"
  std::string body;
  std::string header(const std::string& lower_name) const;
};

// One keep-alive connection to 127.0.0.1:port.
class Client {
 public:
  explicit Client(int port);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  Reply request(const std::string& method, const std::string& target,
                const std::map<std::string, std::string>& headers = {},
                const std::string& body = "");
  Reply get(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
    return request("GET", target, headers);
  }

 private:
  struct Impl;
  Impl* impl_;
};

// A raw TCP connection for malformed and slow requests.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  void send(const std::string& bytes);
  // Reads until the server closes the connection or `limit` passes; returns what came.
  std::string read_until_close(std::chrono::milliseconds limit, bool* closed);
  // Reads until `needle` has arrived (or close/limit); returns everything read so far.
  std::string read_until(const std::string& needle, std::chrono::milliseconds limit);
  // Whether anything from the server (bytes or its close) is waiting to be read, without waiting.
  bool readable() const;

 private:
  int fd_ = -1;
};

bool port_accepts(int port);
std::string slurp(const std::string& path);

}  // namespace sgee::test

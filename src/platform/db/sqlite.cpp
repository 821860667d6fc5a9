// SQLite driver: WAL, busy_timeout, BEGIN IMMEDIATE for writes, statements cached per connection,
// and one write gate per database file for the connections of this process.
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <semaphore>
#include <unordered_map>

#include "platform/db/checkpointer.hpp"
#include "platform/db/db.hpp"

namespace sgee::db {
namespace {

// `$12` -> `?12` outside string literals, identifiers and comments.
std::string translate_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (!quote && c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {  // -- comment
      size_t end = sql.find('\n', i);
      end = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, end - i));
      i = end - 1;
      continue;
    }
    if (!quote && c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {  // /* comment */
      size_t end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() : end + 2;
      out.append(sql.substr(i, end - i));
      i = end - 1;
      continue;
    }
    if (quote) {
      out.push_back(c);
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.push_back('?');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// strpos(a, b): 1 + the byte offset of b in a, 0 if absent, NULL if either is NULL.
void strpos_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  auto text = [](sqlite3_value* v) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
    return std::string_view(p ? p : "", static_cast<size_t>(sqlite3_value_bytes(v)));
  };
  auto pos = text(argv[0]).find(text(argv[1]));
  sqlite3_result_int64(ctx,
                       pos == std::string_view::npos ? 0 : static_cast<sqlite3_int64>(pos) + 1);
}

// SQLite lets one writer in at a time. A connection that finds the database locked waits in
// SQLite's busy handler, which sleeps 1, 2, 5, 10… up to 100 ms between tries: under load two
// request threads writing page-view audit rows would put each other to sleep for milliseconds.
// Writers of this process therefore queue on a semaphore per database file first (woken as soon as
// the writer before them is done, whichever thread ends the transaction); the busy handler is left
// for other processes (the CLI). The gate is timed like the busy handler: a writer that cannot pass
// in 10 s goes on and lets SQLite refuse it, as it did before, rather than wait for ever.
constexpr auto kWriteWait = std::chrono::seconds(10);

std::shared_ptr<std::binary_semaphore> write_gate(const std::string& path) {
  static std::mutex lock;
  static std::map<std::string, std::weak_ptr<std::binary_semaphore>> gates;
  std::error_code ec;
  auto key = std::filesystem::weakly_canonical(path, ec).string();
  if (ec) key = path;
  std::lock_guard<std::mutex> guard(lock);
  auto& slot = gates[key];
  auto gate = slot.lock();
  if (!gate) slot = gate = std::make_shared<std::binary_semaphore>(1);
  return gate;
}

std::atomic<bool> manual_checkpoints{false};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    if (path != ":memory:") {
      auto dir = std::filesystem::path(path).parent_path();
      std::error_code ec;
      if (!dir.empty()) std::filesystem::create_directories(dir, ec);
      gate_ = write_gate(path);
    }
    int rc =
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw Error("cannot open SQLite database " + path + ": " + msg, true);
    }
    sqlite3_extended_result_codes(db_, 1);
    // PostgreSQL's strpos(text, substring), so that the same SQL runs on both engines.
    sqlite3_create_function(db_, "strpos", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                            &strpos_function, nullptr, nullptr);
    sqlite3_busy_timeout(db_, 10000);
    // synchronous=FULL: in WAL mode the log is flushed to disk at every commit, so a batch the
    // server acknowledged survives a power loss or an operating-system crash, not only a crash of
    // sgee (NORMAL flushes at checkpoints only). Its cost per commit is in docs/benchmarks.md.
    // Each connection keeps 16 MB of pages, read with read() calls, not through a memory map: a
    // connection drops its pages whenever another has committed since its last read (in a server,
    // about every page view: its audit row), and with a map it also unmaps and faults the whole
    // file in again, which cost the MES queue's page 20 % more CPU (docs/benchmarks.md).
    exec_script(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
        "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=0; PRAGMA cache_size=-16384;");
    // In the server, a db::Checkpointer copies the log back into the file (checkpointer.hpp).
    if (manual_checkpoints.load()) exec_script("PRAGMA wal_autocheckpoint=0");
  }

  ~SqliteConnection() override {
    leave_gate();
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Engine engine() const override { return Engine::sqlite; }

  Result query(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* stmt = prepare(sql);
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    int expected = sqlite3_bind_parameter_count(stmt);
    if (static_cast<size_t>(expected) != params.size())
      throw Error("query expects " + std::to_string(expected) + " parameters, got " +
                  std::to_string(params.size()));
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>)
              return sqlite3_bind_null(stmt, idx);
            else if constexpr (std::is_same_v<T, std::int64_t>)
              return sqlite3_bind_int64(stmt, idx, v);
            else if constexpr (std::is_same_v<T, double>)
              return sqlite3_bind_double(stmt, idx, v);
            else
              return sqlite3_bind_text(stmt, idx, v.data(), static_cast<int>(v.size()),
                                       SQLITE_TRANSIENT);
          },
          params[i]);
      if (rc != SQLITE_OK) throw Error(std::string("bind: ") + sqlite3_errmsg(db_));
    }
    // A statement that writes passes the gate: alone, for its own run; in a transaction, until
    // the transaction ends.
    bool writes = !sqlite3_stmt_readonly(stmt);
    bool alone = writes && !gate_held_ && sqlite3_get_autocommit(db_);
    if (writes) enter_gate();
    struct Leave {
      SqliteConnection* c;
      bool alone;
      ~Leave() {
        if (alone) c->leave_gate();
      }
    } leave{this, alone};
    Result result;
    int ncol = sqlite3_column_count(stmt);
    for (int c = 0; c < ncol; ++c) result.columns.emplace_back(sqlite3_column_name(stmt, c));
    while (true) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw Error(std::string(sqlite3_errmsg(db_)));
      auto& row = result.rows.emplace_back();
      row.reserve(static_cast<size_t>(ncol));
      for (int c = 0; c < ncol; ++c) {
        // The cell's value read once: each sqlite3_column_* call does the API's entry and exit
        // work again. This connection is used by one thread at a time (NOMUTEX).
        sqlite3_value* v = sqlite3_column_value(stmt, c);
        switch (sqlite3_value_type(v)) {
          case SQLITE_NULL: row.emplace_back(nullptr); break;
          case SQLITE_INTEGER:
            row.emplace_back(static_cast<std::int64_t>(sqlite3_value_int64(v)));
            break;
          case SQLITE_FLOAT: row.emplace_back(sqlite3_value_double(v)); break;
          default: {
            const char* p = reinterpret_cast<const char*>(sqlite3_value_blob(v));
            int n = sqlite3_value_bytes(v);
            row.emplace_back(std::in_place_type<std::string>, p ? p : "", static_cast<size_t>(n));
          }
        }
      }
    }
    result.affected = sqlite3_stmt_readonly(stmt) ? 0 : sqlite3_changes64(db_);
    return result;
  }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      throw Error(msg);
    }
  }

  bool healthy() const override { return db_ != nullptr; }

  void begin(bool write) override {
    if (!write) return exec_script("BEGIN");
    enter_gate();
    try {
      exec_script("BEGIN IMMEDIATE");
    } catch (...) {
      leave_gate();
      throw;
    }
  }
  void commit() override {
    exec_script("COMMIT");
    leave_gate();
  }
  void rollback() override {
    struct Leave {
      SqliteConnection* c;
      ~Leave() { c->leave_gate(); }
    } leave{this};
    if (!sqlite3_get_autocommit(db_)) exec_script("ROLLBACK");
  }
  bool in_transaction() const override { return !sqlite3_get_autocommit(db_); }
  void set_durable(bool durable) override {
    if (durable == durable_) return;
    exec_script(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    durable_ = durable;
  }

 private:
  void enter_gate() {
    if (gate_ && !gate_held_) gate_held_ = gate_->try_acquire_for(kWriteWait);
  }
  void leave_gate() {
    if (gate_held_) gate_->release();
    gate_held_ = false;
  }

  sqlite3_stmt* prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) return it->second;
    std::string translated = translate_placeholders(sql);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, translated.c_str(), static_cast<int>(translated.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
      throw Error(std::string("prepare: ") + sqlite3_errmsg(db_));
    cache_.emplace(std::string(sql), stmt);
    return stmt;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  bool durable_ = true;                          // synchronous=FULL
  std::shared_ptr<std::binary_semaphore> gate_;  // none for an in-memory database
  bool gate_held_ = false;
};

}  // namespace

void sqlite_manual_checkpoints(bool on) {
  manual_checkpoints = on;
}

std::unique_ptr<Connection> connect_sqlite(const std::string& path) {
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace sgee::db

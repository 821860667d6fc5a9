// PostgreSQL driver (libpq): statements prepared once per connection, text parameters, results
// converted to the same value types as SQLite. A connection the server dropped is reset and the
// statement retried once when no transaction was open.
#include <libpq-fe.h>

#include <cstdio>
#include <unordered_map>

#include "platform/db/db.hpp"
#include "platform/text.hpp"

namespace sgee::db {
namespace {

constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;

std::string one_line(const char* msg) {
  std::string s = msg ? msg : "unknown error";
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  return std::string(text::trim(out));
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url) : url_(url) {
    // A default connect timeout that the URL's own connect_timeout overrides.
    const char* keys[] = {"connect_timeout", "dbname", nullptr};
    const char* vals[] = {"5", url.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, vals, 1);
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = one_line(PQerrorMessage(conn_));
      PQfinish(conn_);
      conn_ = nullptr;
      throw Error("cannot connect to " + text::redact_url(url) + ": " + msg, true);
    }
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
    exec_script("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
  }

  ~PgConnection() override {
    if (conn_) PQfinish(conn_);
  }

  Engine engine() const override { return Engine::postgresql; }

  Result query(std::string_view sql, const std::vector<Value>& params) override {
    try {
      return query_once(sql, params);
    } catch (const Error& e) {
      if (!e.connection_lost() || in_tx_) throw;
      reconnect();
      return query_once(sql, params);
    }
  }

  void exec_script(std::string_view sql) override {
    std::string text(sql);
    PGresult* res = PQexec(conn_, text.c_str());
    check(res, true);
    PQclear(res);
  }

  bool healthy() const override { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

  void begin(bool) override {
    if (!healthy()) reconnect();
    exec_script("BEGIN");
    in_tx_ = true;
  }
  void commit() override {
    in_tx_ = false;
    exec_script("COMMIT");
  }
  void rollback() override {
    in_tx_ = false;
    if (healthy()) exec_script("ROLLBACK");
  }
  bool in_transaction() const override { return in_tx_; }
  void set_durable(bool durable) override {
    if (durable == durable_) return;
    exec_script(durable ? "SET synchronous_commit TO on" : "SET synchronous_commit TO off");
    durable_ = durable;
  }

 private:
  void reconnect() {
    PQreset(conn_);
    cache_.clear();
    durable_ = true;
    if (PQstatus(conn_) != CONNECTION_OK)
      throw Error("lost the connection to " + text::redact_url(url_) + ": " +
                      one_line(PQerrorMessage(conn_)),
                  true);
    exec_script("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
  }

  void check(PGresult* res, bool allow_tuples) {
    auto st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || (allow_tuples && st == PGRES_TUPLES_OK)) return;
    std::string msg = one_line(res ? PQresultErrorMessage(res) : PQerrorMessage(conn_));
    if (msg.empty()) msg = one_line(PQerrorMessage(conn_));
    if (res) PQclear(res);
    bool lost = PQstatus(conn_) != CONNECTION_OK;
    throw Error(msg, lost);
  }

  const std::string& prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) return it->second;
    std::string name = "s" + std::to_string(++counter_);
    std::string text(sql);
    PGresult* res = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
    check(res, false);
    PQclear(res);
    return cache_.emplace(std::move(text), std::move(name)).first->second;
  }

  Result query_once(std::string_view sql, const std::vector<Value>& params) {
    if (!healthy()) throw Error("connection is closed", true);
    const std::string& name = prepare(sql);
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::int64_t>) {
              storage[i] = std::to_string(v);
              values[i] = storage[i].c_str();
            } else if constexpr (std::is_same_v<T, double>) {
              char buf[32];
              std::snprintf(buf, sizeof buf, "%.17g", v);
              storage[i] = buf;
              values[i] = storage[i].c_str();
            } else if constexpr (std::is_same_v<T, std::string>) {
              values[i] = v.c_str();
            }
          },
          params[i]);
    }
    PGresult* res = PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()),
                                   values.data(), nullptr, nullptr, 0);
    check(res, true);
    Result result;
    int ncol = PQnfields(res), nrow = PQntuples(res);
    std::vector<Oid> types(static_cast<size_t>(ncol));
    for (int c = 0; c < ncol; ++c) {
      result.columns.emplace_back(PQfname(res, c));
      types[static_cast<size_t>(c)] = PQftype(res, c);
    }
    result.rows.reserve(static_cast<size_t>(nrow));
    for (int r = 0; r < nrow; ++r) {
      auto& row = result.rows.emplace_back();
      row.reserve(static_cast<size_t>(ncol));
      for (int c = 0; c < ncol; ++c) {
        if (PQgetisnull(res, r, c)) {
          row.emplace_back(nullptr);
          continue;
        }
        const char* v = PQgetvalue(res, r, c);
        switch (types[static_cast<size_t>(c)]) {
          case kInt2:
          case kInt4:
          case kInt8:
            row.emplace_back(static_cast<std::int64_t>(std::strtoll(v, nullptr, 10)));
            break;
          case kBool: row.emplace_back(static_cast<std::int64_t>(v[0] == 't' ? 1 : 0)); break;
          case kFloat4:
          case kFloat8:
          case kNumeric: row.emplace_back(std::strtod(v, nullptr)); break;
          default: row.emplace_back(std::string(v, static_cast<size_t>(PQgetlength(res, r, c))));
        }
      }
    }
    // Rows changed by INSERT/UPDATE/DELETE; a plain SELECT changes none.
    const char* affected = PQcmdTuples(res);
    const char* command = PQcmdStatus(res);
    bool select = command && std::string_view(command).starts_with("SELECT");
    result.affected = (!select && affected && *affected) ? std::strtoll(affected, nullptr, 10) : 0;
    PQclear(res);
    return result;
  }

  std::string url_;
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> cache_;
  unsigned counter_ = 0;
  bool in_tx_ = false;
  bool durable_ = true;  // synchronous_commit=on, the server's default
};

}  // namespace

std::unique_ptr<Connection> connect_postgresql(const std::string& url) {
  return std::make_unique<PgConnection>(url);
}

}  // namespace sgee::db

#pragma once
// One small database interface over two engines (SQLite, PostgreSQL). SQL is written once with
// `$1, $2…` placeholders; the SQLite driver translates them. Statements are prepared once per
// connection and reused. Values come back typed the same way on both engines: integers (and
// booleans) as int64, floating point as double, everything else as text.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace sgee::db {

enum class Engine { sqlite, postgresql };

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// A database failure (connection, constraint, syntax…). `what()` never contains parameters.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, bool connection_lost = false)
      : std::runtime_error(what), connection_lost_(connection_lost) {}
  bool connection_lost() const { return connection_lost_; }

 private:
  bool connection_lost_;
};

// One row of a Result. A Row taken from a temporary Result (`c.run(…).first()`) owns its values.
class Row {
 public:
  explicit Row(const std::vector<Value>* values) : values_(values) {}
  explicit Row(std::vector<Value>&& values)
      : owned_(std::make_shared<const std::vector<Value>>(std::move(values))),
        values_(owned_.get()) {}
  bool is_null(size_t i) const;
  std::int64_t i64(size_t i) const;  // text is parsed; null is an error
  double f64(size_t i) const;
  std::string str(size_t i) const;  // numbers are formatted; null gives ""
  std::optional<std::string> opt_str(size_t i) const;
  std::optional<std::int64_t> opt_i64(size_t i) const;
  size_t size() const { return values_->size(); }

 private:
  std::shared_ptr<const std::vector<Value>> owned_;
  const std::vector<Value>* values_;
};

struct Result {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE

  bool empty() const { return rows.empty(); }
  size_t size() const { return rows.size(); }
  Row row(size_t i) const& { return Row(&rows.at(i)); }
  Row row(size_t i) && { return Row(std::move(rows.at(i))); }
  Row first() const&;  // throws Error when empty
  Row first() &&;
  // Row `row`'s cell `col` as Row::str gives it, its text moved out of the result (for readers
  // that keep every cell: no copy).
  std::string take_str(size_t row, size_t col);
};

inline Value to_value(std::nullptr_t) {
  return nullptr;
}
inline Value to_value(const std::string& v) {
  return v;
}
inline Value to_value(std::string&& v) {
  return std::move(v);
}
inline Value to_value(std::string_view v) {
  return std::string(v);
}
inline Value to_value(const char* v) {
  return std::string(v);
}
inline Value to_value(double v) {
  return v;
}
inline Value to_value(bool v) {
  return static_cast<std::int64_t>(v ? 1 : 0);
}
template <typename T>
requires std::is_integral_v<T> &&(!std::is_same_v<T, bool>)Value to_value(T v) {
  return static_cast<std::int64_t>(v);
}
template <typename T>
Value to_value(const std::optional<T>& v) {
  return v ? to_value(*v) : Value(nullptr);
}
inline Value to_value(const Value& v) {
  return v;
}

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;
  // Runs one statement (prepared and cached per connection) with positional parameters.
  virtual Result query(std::string_view sql, const std::vector<Value>& params) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  // Is the connection usable? Cheap; does not round-trip.
  virtual bool healthy() const = 0;
  // Starts a transaction; `write` takes the write lock at once on SQLite (BEGIN IMMEDIATE).
  virtual void begin(bool write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual bool in_transaction() const = 0;
  // Whether a commit waits until it is on disk (the default; see RelaxedDurability).
  virtual void set_durable(bool durable) = 0;

  template <typename... Args>
  Result run(std::string_view sql, Args&&... args) {
    return query(sql, std::vector<Value>{to_value(std::forward<Args>(args))...});
  }
};

// "sqlite:PATH", "sqlite::memory:", "postgresql://…" or "postgres://…". Throws Error.
std::unique_ptr<Connection> connect(const std::string& url);
Engine engine_of(const std::string& url);  // throws std::invalid_argument for another scheme

// Commits on commit(); rolls back when destroyed without it (also on exceptions).
class Transaction {
 public:
  Transaction(Connection& c, bool write = true) : c_(c) { c_.begin(write); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& c_;
  bool done_ = false;
};

// While it lives, commits on `c` do not wait for the disk: SQLite synchronous=NORMAL (in WAL mode
// the commit is atomic and survives a crash of sgee; it reaches the disk at the next durable
// commit or checkpoint), PostgreSQL synchronous_commit=off (durable within a fraction of a
// second). Only for rows that nobody is told were saved, such as the audit row of a page view:
// they must not cost every page a disk flush. Everything else commits durably.
class RelaxedDurability {
 public:
  explicit RelaxedDurability(Connection& c) : c_(c) { c_.set_durable(false); }
  RelaxedDurability(const RelaxedDurability&) = delete;
  RelaxedDurability& operator=(const RelaxedDurability&) = delete;
  ~RelaxedDurability() {
    try {
      c_.set_durable(true);
    } catch (...) {  // the connection is broken: the pool drops it
    }
  }

 private:
  Connection& c_;
};

// Bytes (a PDF) in a BLOB (SQLite) / BYTEA (PostgreSQL) column. SQLite takes them as they are,
// bound as text and cast; PostgreSQL's text protocol takes them as hex that decode() turns into
// BYTEA, and reads BYTEA back as "\\x…". `bytes_sql(e, "$8")` is the SQL for parameter $8,
// `bytes_value` what to bind to it, `bytes_read` the bytes from what the column reads as.
std::string bytes_sql(Engine e, const std::string& param);
std::string bytes_value(Engine e, std::string_view bytes);
std::string bytes_read(Engine e, std::string_view stored);

}  // namespace sgee::db

#include "platform/db/db.hpp"

#include <charconv>
#include <cstdio>

namespace sgee::db {

std::unique_ptr<Connection> connect_sqlite(const std::string& path);
std::unique_ptr<Connection> connect_postgresql(const std::string& url);

Engine engine_of(const std::string& url) {
  if (url.starts_with("sqlite:")) return Engine::sqlite;
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return Engine::postgresql;
  throw std::invalid_argument("--db: expected sqlite:PATH or postgresql://…, got '" + url + "'");
}

std::unique_ptr<Connection> connect(const std::string& url) {
  if (engine_of(url) == Engine::sqlite) return connect_sqlite(url.substr(7));
  return connect_postgresql(url);
}

bool Row::is_null(size_t i) const {
  return std::holds_alternative<std::nullptr_t>(values_->at(i));
}

std::int64_t Row::i64(size_t i) const {
  const Value& v = values_->at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    auto [end, ec] = std::from_chars(p->data(), p->data() + p->size(), out);
    if (ec == std::errc() && end == p->data() + p->size()) return out;
    throw Error("column " + std::to_string(i) + " is not an integer");
  }
  throw Error("column " + std::to_string(i) + " is null");
}

double Row::f64(size_t i) const {
  const Value& v = values_->at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    double out = 0;
    auto [end, ec] = std::from_chars(p->data(), p->data() + p->size(), out);
    if (ec == std::errc() && end == p->data() + p->size() && !p->empty()) return out;
    throw Error("column " + std::to_string(i) + " is not a number");
  }
  throw Error("column " + std::to_string(i) + " is null");
}

std::string Row::str(size_t i) const {
  const Value& v = values_->at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *p);
    return buf;
  }
  return "";
}

std::string Result::take_str(size_t row, size_t col) {
  auto& values = rows.at(row);
  if (auto p = std::get_if<std::string>(&values.at(col))) return std::move(*p);
  return Row(&values).str(col);
}

std::optional<std::string> Row::opt_str(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return str(i);
}

std::optional<std::int64_t> Row::opt_i64(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

Row Result::first() const& {
  if (rows.empty()) throw Error("query returned no row");
  return Row(&rows.front());
}

Row Result::first() && {
  if (rows.empty()) throw Error("query returned no row");
  return Row(std::move(rows.front()));
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      c_.rollback();
    } catch (...) {  // the connection may be gone; the pool will notice
    }
  }
}

void Transaction::commit() {
  c_.commit();
  done_ = true;
}

std::string bytes_sql(Engine e, const std::string& param) {
  return e == Engine::postgresql ? "decode(" + param + ", 'hex')" : "CAST(" + param + " AS BLOB)";
}

std::string bytes_value(Engine e, std::string_view bytes) {
  if (e != Engine::postgresql) return std::string(bytes);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 15]);
  }
  return out;
}

std::string bytes_read(Engine e, std::string_view stored) {
  if (e != Engine::postgresql) return std::string(stored);
  if (!stored.starts_with("\\x") || stored.size() % 2 != 0)
    throw Error("a BYTEA value did not read as hexadecimal");
  auto digit = [](char ch) -> int {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    throw Error("a BYTEA value did not read as hexadecimal");
  };
  std::string out;
  out.reserve((stored.size() - 2) / 2);
  for (size_t i = 2; i + 1 < stored.size(); i += 2)
    out.push_back(static_cast<char>(digit(stored[i]) * 16 + digit(stored[i + 1])));
  return out;
}

}  // namespace sgee::db

#pragma once
// Numbered migrations: db/migrations/NNNN_name.sql, applied in order, each in its own transaction
// together with its row in schema_migrations, so a failed migration leaves the schema as it was.
// A file NNNN_name.sqlite.sql or NNNN_name.postgresql.sql replaces the portable one on that engine.
// Portable files may use these words, replaced per engine:
//   {{id}}   a 64-bit auto-assigned primary key (INTEGER PRIMARY KEY / BIGINT IDENTITY)
//   {{blob}} binary data (BLOB / BYTEA)
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/db.hpp"

namespace sgee::db {

struct Migration {
  int number = 0;
  std::string file;  // e.g. 0001_platform.sql
  std::string sql;
};

// From the binary's embedded copy of db/migrations, or from `dir` when given. Throws Error on a
// badly named file or two files with one number.
std::vector<Migration> load_migrations(Engine engine, const std::optional<std::string>& dir = {});

struct MigrateReport {
  std::vector<std::string> applied;  // files applied by this run
  int current = 0;                   // highest applied number afterwards
};

// Throws Error("migration FILE failed: …") and leaves that migration unapplied.
// `on_applied` hears of each file as soon as it is committed.
MigrateReport migrate(Connection& c, const std::vector<Migration>& migrations,
                      const std::function<void(const std::string&)>& on_applied = {});
int schema_version(Connection& c);  // 0 when nothing has been applied

}  // namespace sgee::db

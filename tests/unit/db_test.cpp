// Unit tests for src/platform/db/db.hpp on SQLite in memory.
#include "platform/db/db.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace db = sgee::db;

namespace {

class DbSqlite : public ::testing::Test {
 protected:
  void SetUp() override {
    c = db::connect("sqlite::memory:");
    c->run(
        "CREATE TABLE kids (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, age INTEGER, score "
        "REAL)");
  }
  std::int64_t count() { return c->run("SELECT COUNT(*) FROM kids").first().i64(0); }

  std::unique_ptr<db::Connection> c;
};

}  // namespace

TEST(DbConnect, EngineOfUrls) {
  EXPECT_EQ(db::engine_of("sqlite::memory:"), db::Engine::sqlite);
  EXPECT_EQ(db::engine_of("sqlite:/tmp/x.db"), db::Engine::sqlite);
  EXPECT_EQ(db::engine_of("postgresql://u@h/db"), db::Engine::postgresql);
  EXPECT_EQ(db::engine_of("postgres://u@h/db"), db::Engine::postgresql);
  EXPECT_THROW(db::engine_of("mysql://u@h/db"), std::invalid_argument);
  EXPECT_THROW(db::engine_of(""), std::invalid_argument);
}

TEST_F(DbSqlite, ConnectionIsSqliteAndHealthy) {
  EXPECT_EQ(c->engine(), db::Engine::sqlite);
  EXPECT_TRUE(c->healthy());
  EXPECT_FALSE(c->in_transaction());
}

TEST_F(DbSqlite, RowAccessorsAcrossTypes) {
  auto r = c->run("SELECT 42 AS i, 2.5 AS f, 'text' AS s, NULL AS n, '123' AS numtext, -7 AS neg");
  EXPECT_EQ(r.columns, (std::vector<std::string>{"i", "f", "s", "n", "numtext", "neg"}));
  ASSERT_EQ(r.size(), 1u);
  auto row = r.first();
  EXPECT_EQ(row.size(), 6u);

  // integer
  EXPECT_EQ(row.i64(0), 42);
  EXPECT_DOUBLE_EQ(row.f64(0), 42.0);
  EXPECT_EQ(row.str(0), "42");
  EXPECT_EQ(row.opt_i64(0), 42);
  EXPECT_EQ(row.opt_str(0), "42");
  EXPECT_FALSE(row.is_null(0));
  // floating point
  EXPECT_DOUBLE_EQ(row.f64(1), 2.5);
  EXPECT_EQ(row.i64(1), 2);
  EXPECT_EQ(row.str(1), "2.5");
  // text
  EXPECT_EQ(row.str(2), "text");
  EXPECT_THROW(row.i64(2), db::Error);
  // text holding a number is parsed
  EXPECT_EQ(row.i64(4), 123);
  EXPECT_DOUBLE_EQ(row.f64(4), 123.0);
  EXPECT_EQ(row.i64(5), -7);
  EXPECT_EQ(row.str(5), "-7");
}

TEST_F(DbSqlite, NullHandling) {
  auto r = c->run("SELECT NULL");
  auto row = r.first();
  EXPECT_TRUE(row.is_null(0));
  EXPECT_EQ(row.str(0), "");
  EXPECT_EQ(row.opt_str(0), std::nullopt);
  EXPECT_EQ(row.opt_i64(0), std::nullopt);
  EXPECT_THROW(row.i64(0), db::Error);
  EXPECT_THROW(row.f64(0), db::Error);

  c->run("INSERT INTO kids (name, age) VALUES ($1, $2)", "Léa", nullptr);
  c->run("INSERT INTO kids (name, age) VALUES ($1, $2)", "Noah", std::optional<int>{});
  c->run("INSERT INTO kids (name, age) VALUES ($1, $2)", "Emma", std::optional<int>{4});
  auto rows = c->run("SELECT age FROM kids ORDER BY id");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows.row(0).is_null(0));
  EXPECT_TRUE(rows.row(1).is_null(0));
  EXPECT_EQ(rows.row(2).opt_i64(0), 4);
}

TEST_F(DbSqlite, ColumnIndexOutOfRangeThrows) {
  auto r = c->run("SELECT 1");
  EXPECT_THROW(r.first().i64(1), std::out_of_range);
  EXPECT_THROW(r.row(1), std::out_of_range);
}

// Row::i64 refuses text that is not an integer with db::Error; f64 should do the same rather than
// throw std::invalid_argument or silently read a prefix.
TEST_F(DbSqlite, F64OnNonNumericTextThrowsDbError) {
  auto row = c->run("SELECT 'abc', '2.5kg'").first();
  EXPECT_THROW(row.f64(0), db::Error);
  EXPECT_THROW(row.f64(1), db::Error);
}

TEST_F(DbSqlite, ParametersOfEveryTypeRoundTrip) {
  const std::string with_nul("a\0b", 3);
  auto r = c->run("SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9", std::int64_t{9'000'000'000}, 3.25,
                  std::string("chaîne"), nullptr, true, false, with_nul, std::string_view("view"),
                  std::numeric_limits<std::int64_t>::min());
  auto row = r.first();
  EXPECT_EQ(row.i64(0), 9'000'000'000);
  EXPECT_DOUBLE_EQ(row.f64(1), 3.25);
  EXPECT_EQ(row.str(2), "chaîne");
  EXPECT_TRUE(row.is_null(3));
  EXPECT_EQ(row.i64(4), 1);
  EXPECT_EQ(row.i64(5), 0);
  EXPECT_EQ(row.str(6), with_nul);
  EXPECT_EQ(row.str(6).size(), 3u);
  EXPECT_EQ(row.str(7), "view");
  EXPECT_EQ(row.i64(8), std::numeric_limits<std::int64_t>::min());
}

TEST_F(DbSqlite, BlobComesBackAsBytes) {
  auto row = c->run("SELECT X'00FF10'").first();
  EXPECT_EQ(row.str(0), std::string("\x00\xFF\x10", 3));
}

TEST_F(DbSqlite, PlaceholdersAreNumberedNotPositional) {
  auto row = c->run("SELECT $2, $1", "first", "second").first();
  EXPECT_EQ(row.str(0), "second");
  EXPECT_EQ(row.str(1), "first");

  auto same = c->run("SELECT $1 || '-' || $1", "x").first();
  EXPECT_EQ(same.str(0), "x-x");

  auto many = c->run("SELECT $10, $1", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10).first();
  EXPECT_EQ(many.i64(0), 10);
  EXPECT_EQ(many.i64(1), 1);
}

TEST_F(DbSqlite, PlaceholderInsideStringLiteralIsLeftAlone) {
  auto row = c->run("SELECT '$1', $1, 'it''s $2'", "value").first();
  EXPECT_EQ(row.str(0), "$1");
  EXPECT_EQ(row.str(1), "value");
  EXPECT_EQ(row.str(2), "it's $2");

  auto ident = c->run("SELECT $1 AS \"$1\"", 5);
  EXPECT_EQ(ident.columns, (std::vector<std::string>{"$1"}));
  EXPECT_EQ(ident.first().i64(0), 5);
}

TEST_F(DbSqlite, InsertWithPlaceholdersAndSelectBack) {
  c->run("INSERT INTO kids (name, age, score) VALUES ($1, $2, $3)", "Léa", 3, 9.5);
  auto row = c->run("SELECT name, age, score FROM kids WHERE name = $1", "Léa").first();
  EXPECT_EQ(row.str(0), "Léa");
  EXPECT_EQ(row.i64(1), 3);
  EXPECT_DOUBLE_EQ(row.f64(2), 9.5);
}

// The SQLite driver says `$n` is translated outside string literals, identifiers and comments: a
// quote in a `--` comment must not make it skip the placeholders that follow.
TEST_F(DbSqlite, ApostropheInCommentDoesNotHidePlaceholders) {
  db::Result r;
  ASSERT_NO_THROW(r = c->run("SELECT $2 -- the child's name\n, $1", "a", "b"));
  auto row = r.first();
  EXPECT_EQ(row.str(0), "b");
  EXPECT_EQ(row.str(1), "a");
}

TEST_F(DbSqlite, WrongParameterCountThrowsAndStatementStaysUsable) {
  EXPECT_THROW(c->run("SELECT $1, $2", 1), db::Error);
  EXPECT_THROW(c->run("SELECT $1", 1, 2), db::Error);
  EXPECT_THROW(c->run("SELECT 1", 1), db::Error);
  EXPECT_THROW(c->run("SELECT $1"), db::Error);
  // same statements (cached) work with the right count
  auto row = c->run("SELECT $1, $2", 1, 2).first();
  EXPECT_EQ(row.i64(1), 2);
  EXPECT_EQ(c->run("SELECT $1", 7).first().i64(0), 7);
}

TEST_F(DbSqlite, ParameterErrorMessageDoesNotContainValues) {
  try {
    c->run("SELECT $1, $2", "secret-value-123");
    FAIL() << "no error";
  } catch (const db::Error& e) {
    EXPECT_EQ(std::string(e.what()).find("secret-value-123"), std::string::npos) << e.what();
  }
}

TEST_F(DbSqlite, SqlErrorsAndConstraintViolationsThrowDbError) {
  EXPECT_THROW(c->run("SELEC 1"), db::Error);
  EXPECT_THROW(c->run("SELECT * FROM no_such_table"), db::Error);
  c->run("INSERT INTO kids (name) VALUES ($1)", "Léa");
  EXPECT_THROW(c->run("INSERT INTO kids (name) VALUES ($1)", "Léa"), db::Error);    // UNIQUE
  EXPECT_THROW(c->run("INSERT INTO kids (name) VALUES ($1)", nullptr), db::Error);  // NOT NULL
  EXPECT_THROW(c->exec_script("CREATE TABLE;"), db::Error);
  EXPECT_EQ(count(), 1);
}

TEST_F(DbSqlite, FirstOnEmptyResultThrows) {
  auto r = c->run("SELECT name FROM kids");
  EXPECT_TRUE(r.empty());
  EXPECT_EQ(r.size(), 0u);
  EXPECT_EQ(r.columns, (std::vector<std::string>{"name"}));
  EXPECT_THROW(r.first(), db::Error);
}

TEST_F(DbSqlite, AffectedRowCount) {
  auto ins = c->run("INSERT INTO kids (name, age) VALUES ('a', 1), ('b', 2), ('c', 3)");
  EXPECT_EQ(ins.affected, 3);
  auto upd = c->run("UPDATE kids SET age = age + 1 WHERE age >= $1", 2);
  EXPECT_EQ(upd.affected, 2);
  auto none = c->run("UPDATE kids SET age = 0 WHERE name = $1", "nobody");
  EXPECT_EQ(none.affected, 0);
  auto del = c->run("DELETE FROM kids WHERE name = $1", "a");
  EXPECT_EQ(del.affected, 1);
  EXPECT_EQ(count(), 2);
}

// `affected` counts rows changed by INSERT/UPDATE/DELETE; a SELECT changes none, even right
// after an UPDATE on the same connection.
TEST_F(DbSqlite, AffectedIsZeroForSelectAfterUpdate) {
  c->run("INSERT INTO kids (name, age) VALUES ('a', 1), ('b', 2), ('c', 3)");
  auto sel = c->run("SELECT * FROM kids");
  EXPECT_EQ(sel.size(), 3u);
  EXPECT_EQ(sel.affected, 0);
}

TEST_F(DbSqlite, TransactionRollsBackWhenNotCommitted) {
  {
    db::Transaction tx(*c);
    EXPECT_TRUE(c->in_transaction());
    c->run("INSERT INTO kids (name) VALUES ($1)", "rolled back");
    EXPECT_EQ(count(), 1);
  }
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(count(), 0);
}

TEST_F(DbSqlite, TransactionRollsBackOnException) {
  try {
    db::Transaction tx(*c);
    c->run("INSERT INTO kids (name) VALUES ($1)", "x");
    c->run("INSERT INTO kids (name) VALUES ($1)", "x");  // UNIQUE violation throws
    tx.commit();
    FAIL() << "no exception";
  } catch (const db::Error&) {
  }
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(count(), 0);
}

TEST_F(DbSqlite, TransactionCommitKeepsChanges) {
  {
    db::Transaction tx(*c);
    c->run("INSERT INTO kids (name) VALUES ($1)", "kept");
    tx.commit();
    EXPECT_FALSE(c->in_transaction());
  }
  EXPECT_EQ(count(), 1);
  {
    db::Transaction read(*c, false);
    EXPECT_TRUE(c->in_transaction());
    EXPECT_EQ(count(), 1);
  }
  EXPECT_FALSE(c->in_transaction());
}

TEST_F(DbSqlite, ExecScriptRunsSeveralStatements) {
  c->exec_script(
      "INSERT INTO kids (name) VALUES ('a');"
      "INSERT INTO kids (name) VALUES ('b');"
      "UPDATE kids SET age = 5;");
  EXPECT_EQ(count(), 2);
  EXPECT_EQ(c->run("SELECT SUM(age) FROM kids").first().i64(0), 10);
}

TEST(DbToValue, ConvertsCppTypes) {
  EXPECT_EQ(db::to_value(true), db::Value(std::int64_t{1}));
  EXPECT_EQ(db::to_value(false), db::Value(std::int64_t{0}));
  EXPECT_EQ(db::to_value(7), db::Value(std::int64_t{7}));
  EXPECT_EQ(db::to_value(7u), db::Value(std::int64_t{7}));
  EXPECT_EQ(db::to_value(1.5), db::Value(1.5));
  EXPECT_EQ(db::to_value("s"), db::Value(std::string("s")));
  EXPECT_EQ(db::to_value(nullptr), db::Value(nullptr));
  EXPECT_EQ(db::to_value(std::optional<std::string>{}), db::Value(nullptr));
  EXPECT_EQ(db::to_value(std::optional<std::string>{"x"}), db::Value(std::string("x")));
}

namespace {

// strpos: PostgreSQL's function, defined on SQLite connections so that the same SQL runs on both.
TEST_F(DbSqlite, StrposFindsSubstringsLikePostgresql) {
  auto r = c->run(
      "SELECT strpos('abcabc', 'ca'), strpos('abc', 'x'), strpos('abc', ''), strpos('a%_b', '%_'), "
      "strpos(NULL, 'a') IS NULL, strpos('a', NULL) IS NULL");
  auto row = r.first();
  EXPECT_EQ(row.i64(0), 3);
  EXPECT_EQ(row.i64(1), 0);
  EXPECT_EQ(row.i64(2), 1);
  EXPECT_EQ(row.i64(3), 2);  // no wildcards: % and _ are plain characters
  EXPECT_EQ(row.i64(4), 1);
  EXPECT_EQ(row.i64(5), 1);
}

// A connection commits durably by default; RelaxedDurability lowers it for its scope only.
TEST_F(DbSqlite, RelaxedDurabilityIsScoped) {
  auto level = [&] { return c->run("PRAGMA synchronous").first().i64(0); };
  EXPECT_EQ(level(), 2);  // FULL
  {
    db::RelaxedDurability relaxed(*c);
    EXPECT_EQ(level(), 1);  // NORMAL
  }
  EXPECT_EQ(level(), 2);
}

}  // namespace

// The `sgee` command line (spec/cli.md): exit codes, one-line errors, migrations.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "platform/db/db.hpp"
#include "shared.hpp"

namespace sgee::test {
namespace {

namespace fs = std::filesystem;

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST(Cli, VersionPrintsTheVersion) {
  auto r = run_sgee({"version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.starts_with("sgee ")) << r.out;
}

TEST(Cli, HelpListsTheCommands) {
  auto r = run_sgee({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* cmd : {"serve", "migrate", "seed", "version"})
    EXPECT_NE(r.out.find(cmd), std::string::npos) << cmd;
  auto serve = run_sgee({"serve", "--help"});
  EXPECT_EQ(serve.exit_code, 0);
  EXPECT_NE(serve.out.find("--listen"), std::string::npos);
  EXPECT_NE(serve.out.find("--header-timeout"), std::string::npos);
}

TEST(Cli, UnknownFlagIsAUsageErrorOnOneLine) {
  auto r = run_sgee({"serve", "--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("--no-such-flag"), std::string::npos) << r.err;
}

TEST(Cli, BadDatabaseSchemeIsAUsageError) {
  auto r = run_sgee({"migrate", "--db", "mysql://localhost/x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines(r.err), 1);
  EXPECT_NE(r.err.find("--db"), std::string::npos);
}

TEST(Cli, UnreachableDatabaseFailsWithOneClearLine) {
  auto r = run_sgee({"migrate", "--db", "postgresql://sgee:secret@127.0.0.1:1/nothing"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("cannot"), std::string::npos);
  EXPECT_EQ(r.err.find("secret"), std::string::npos) << "passwords never printed";
}

TEST(Cli, ServeRefusesAnUnmigratedDatabase) {
  TestDatabase db;
  auto r = run_sgee({"serve", "--db", db.url(), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("sgee migrate"), std::string::npos) << r.err;
}

TEST(Cli, BadListenAddressIsAUsageError) {
  auto r = run_sgee({"serve", "--db", shared_db().url(), "--listen", "nowhere"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
}

TEST(Cli, DatabaseFromEnvironmentVariable) {
  TestDatabase db;
  setenv("SGEE_DB", db.url().c_str(), 1);
  auto r = run_sgee({"migrate"});
  unsetenv("SGEE_DB");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("applied 0001_platform.sql"), std::string::npos);
}

TEST(Migrate, TwiceIsHarmless) {
  TestDatabase db;
  auto first = run_sgee({"migrate", "--db", db.url()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("applied 0001_platform.sql"), std::string::npos);
  auto second = run_sgee({"migrate", "--db", db.url()});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out.find("applied"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("nothing to do"), std::string::npos);
  auto c = db::connect(db.url());
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM schema_migrations").first().i64(0),
            c->run("SELECT MAX(version) FROM schema_migrations").first().i64(0));
}

TEST(Migrate, BrokenMigrationIsRolledBackAndNamed) {
  TestDatabase db;
  fs::path dir = fs::temp_directory_path() / ("sgee-mig-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "0001_first.sql")
      << "CREATE TABLE first_table (id {{id}}, name TEXT NOT NULL);\n";
  std::ofstream(dir / "0002_broken.sql")
      << "CREATE TABLE half_done (id {{id}});\nINSERT INTO first_table (name) VALUES ('x');\n"
         "THIS IS NOT SQL;\n";
  auto r = run_sgee({"migrate", "--db", db.url(), "--migrations", dir.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("0002_broken.sql"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("applied 0001_first.sql"), std::string::npos);
  auto c = db::connect(db.url());
  EXPECT_EQ(c->run("SELECT MAX(version) FROM schema_migrations").first().i64(0), 1);
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM first_table").first().i64(0), 0)
      << "the insert was undone";
  EXPECT_THROW(c->run("SELECT COUNT(*) FROM half_done"), db::Error) << "the table was not created";
  // Fixed, it applies.
  std::ofstream(dir / "0002_broken.sql") << "CREATE TABLE half_done (id {{id}});\n";
  auto fixed = run_sgee({"migrate", "--db", db.url(), "--migrations", dir.string()});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
  fs::remove_all(dir);
}

TEST(Seed, DemoIsRepeatableAndPrintsTheSignIns) {
  auto db = migrated_database();
  auto first = run_sgee({"seed", "--demo", "--db", db->url()});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("sign-ins"), std::string::npos);
  auto second = run_sgee({"seed", "--demo", "--db", db->url()});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  auto c = db::connect(db->url());
  EXPECT_EQ(c->run("SELECT COUNT(*) FROM app_settings WHERE key = 'demo_seed'").first().i64(0), 1);
}

TEST(Seed, RequiresTheDemoFlag) {
  auto r = run_sgee({"seed", "--db", shared_db().url()});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace sgee::test

namespace sgee::test {
namespace {

TEST(Cli, UnknownTopLevelFlagIsNamed) {
  auto r = run_sgee({"--bogus"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--bogus"), std::string::npos) << r.err;
}

TEST(Cli, NoCommandIsAUsageError) {
  auto r = run_sgee({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("a command is required"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sgee::test

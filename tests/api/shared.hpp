#pragma once
// One migrated database and one server shared by the tests that do not need their own.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "harness.hpp"

namespace sgee::test {

class SharedServerEnvironment : public testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;
};

TestDatabase& shared_db();
Server& shared_server();
// A fresh database with every migration applied (a copy of one migrated once per run).
std::unique_ptr<TestDatabase> migrated_database();
// A fresh database with the demo data (`sgee seed --demo`; a copy of one seeded once per run).
std::unique_ptr<TestDatabase> demo_database();
// Tests that exist on one engine only (registered at start-up, not skipped).
void register_engine_specific_tests();

// Whether a result's messages hold `code` on `field` (the sync API's message objects).
inline bool has_message(const nlohmann::json& messages, const std::string& code,
                        const std::string& field) {
  for (const auto& m : messages)
    if (m["code"] == code && m["field"] == field) return true;
  return false;
}

}  // namespace sgee::test

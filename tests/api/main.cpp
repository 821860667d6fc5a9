#include <gtest/gtest.h>

#include "shared.hpp"

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  testing::AddGlobalTestEnvironment(new sgee::test::SharedServerEnvironment());
  sgee::test::register_engine_specific_tests();
  return RUN_ALL_TESTS();
}

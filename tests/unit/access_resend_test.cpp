// Unit tests for sending the confirmation e-mail again (src/access/rules.hpp
// may_resend_confirmation): one a minute, five a day per address.
#include <gtest/gtest.h>

#include <chrono>

#include "access/rules.hpp"

namespace acc = sgee::access;

namespace {

TEST(AccResendConfirmation, ConstantsAreThoseOfThePolicy) {
  EXPECT_EQ(acc::kConfirmationGap, std::chrono::minutes(1));
  EXPECT_EQ(acc::kConfirmationDay, std::chrono::hours(24));
  EXPECT_EQ(acc::kMaxConfirmationsPerDay, 5);
}

TEST(AccResendConfirmation, OneAMinuteFiveADay) {
  struct Case {
    int last_minute, last_day;
    bool allowed;
  } cases[] = {
      {0, 0, true},                  // nothing sent yet today (an old link expired)
      {0, 1, true},                  // the registration's e-mail, more than a minute ago
      {0, 4, true},                  // the fifth of the day
      {0, 5, false},                 // a sixth in the day
      {0, 9, false}, {1, 1, false},  // the registration's e-mail, a moment ago
      {1, 3, false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(acc::may_resend_confirmation(c.last_minute, c.last_day), c.allowed)
        << c.last_minute << " in the minute, " << c.last_day << " in the day";
}

}  // namespace

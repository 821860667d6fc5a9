// POR-06: the BC's RSGE registry as pure rules (src/portail/bc_rules.*): the contact details it
// keeps and the suspension periods it records, each refusal naming its field and rule; and the
// day a suspended RSGE shows on the map again (access::store::shown_from).
#include <gtest/gtest.h>

#include "access/store.hpp"
#include "portail/bc_rules.hpp"

namespace {

using namespace sgee::portail;

std::vector<std::string> keys(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.key);
  return out;
}

TEST(PortailBcRules, POR_06_ContactDetailsAreCheckedFieldByField) {
  struct Case {
    const char *phone, *email;
    std::vector<std::string> errors;
    const char* stored_phone;
  };
  const std::vector<Case> cases = {
      {"", "", {}, ""},
      {"418 555-1234", "marie@example.test", {}, "4185551234"},
      {" (418) 555-1234 ", " marie@example.test ", {}, "4185551234"},
      {"1 418 555 1234", "", {}, "4185551234"},
      {"555-1234", "", {"phone:bc.err.phone"}, ""},
      {"abc", "marie@", {"phone:bc.err.phone", "email:bc.err.email"}, ""},
      {"", "marie example.test", {"email:bc.err.email"}, ""},
      {"", "@example.test", {"email:bc.err.email"}, ""},
  };
  for (const auto& c : cases) {
    auto checked = bc::check_contact({c.phone, c.email});
    EXPECT_EQ(keys(checked.errors), c.errors) << c.phone << " / " << c.email;
    if (c.errors.empty()) {
      EXPECT_EQ(checked.phone, c.stored_phone) << c.phone;
    }
  }
}

TEST(PortailBcRules, POR_06_SuspensionsAreCheckedFieldByField) {
  struct Case {
    bc::SuspensionInput in;
    std::vector<std::string> errors;
    std::int64_t days = 0;
  };
  const std::vector<Case> cases = {
      {{"2026-03-01", "", "Enquête", ""}, {}},
      {{"2026-03-01", "2026-03-01", "Enquête", "0"}, {}},
      {{"2026-03-01", "2026-04-30", "Enquête", "60"}, {}, 60},
      {{"2026-03-01", "2026-04-30", "Enquête", " 7 "}, {}, 7},
      {{"", "", "Enquête", ""}, {"start:bc.err.date"}},
      {{"2026-02-30", "", "Enquête", ""}, {"start:bc.err.date"}},
      {{"2026-03-01", "demain", "Enquête", ""}, {"end:bc.err.date"}},
      {{"2026-03-01", "2026-02-28", "Enquête", ""}, {"end:bc.err.end_before_start"}},
      {{"2026-03-01", "", "  ", ""}, {"reason:bc.err.reason_required"}},
      {{"2026-03-01", "", std::string(501, 'e'), ""}, {"reason:bc.err.reason_too_long"}},
      {{"2026-03-01", "", "Enquête", "61"}, {"days_before:bc.err.days_before"}},
      {{"2026-03-01", "", "Enquête", "-1"}, {"days_before:bc.err.days_before"}},
      {{"2026-03-01", "", "Enquête", "une semaine"}, {"days_before:bc.err.days_before"}},
      {{"x", "y", "", "z"},
       {"start:bc.err.date", "end:bc.err.date", "reason:bc.err.reason_required",
        "days_before:bc.err.days_before"}},
  };
  for (const auto& c : cases) {
    auto checked = bc::check_suspension(c.in);
    EXPECT_EQ(keys(checked.errors), c.errors) << c.in.start << " " << c.in.end;
    if (c.errors.empty()) {
      EXPECT_EQ(checked.days_before, c.days) << c.in.days_before;
    }
  }
  // A reason of 500 characters (accented letters count once) is accepted.
  std::string reason;
  for (int i = 0; i < 500; ++i) reason += "é";
  EXPECT_TRUE(bc::check_suspension({"2026-03-01", "", reason, ""}).errors.empty());
}

TEST(PortailBcRules, POR_06_EndingAPeriodNeedsADateNotBeforeItsStart) {
  EXPECT_TRUE(bc::check_end("2026-03-01", "2026-03-01").empty());
  EXPECT_EQ(keys(bc::check_end("2026-03-01", "2026-02-28")),
            std::vector<std::string>{"end:bc.err.end_before_start"});
  EXPECT_EQ(keys(bc::check_end("2026-03-01", "")), std::vector<std::string>{"end:bc.err.date"});
}

TEST(PortailBcRules, POR_06_ASuspendedRsgeShowsAgainTheChosenDaysBeforeHerReturn) {
  using sgee::access::store::shown_from;
  struct Case {
    std::optional<std::string> end;
    std::int64_t days;
    std::optional<std::string> shown;
  };
  const std::vector<Case> cases = {
      {std::nullopt, 7, std::nullopt},  // until further notice: hidden
      {"2026-03-31", 0, "2026-04-01"},  // her return, the day after the end
      {"2026-03-31", 1, "2026-03-31"},  {"2026-03-31", 7, "2026-03-25"},
      {"2026-03-01", 60, "2026-01-01"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(shown_from(c.end, c.days), c.shown) << c.end.value_or("-") << " " << c.days;
}

}  // namespace

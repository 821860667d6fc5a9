// The family file's pure rules (src/portail/family_rules.*, POR-01): confirmation numbers (check
// character, uniqueness, unpredictability, validation) and what a family file and a child must
// hold.
#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <cctype>
#include <string>
#include <unordered_set>
#include <vector>

#include "portail/family_rules.hpp"

namespace sgee::portail {

void PrintTo(const FieldError& e, std::ostream* os) {
  *os << e.field << ": " << e.key;
}

namespace {

std::string draw() {
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return *confirmation_number_from(bytes);
}

class PortailFamily : public testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(sodium_init(), 0); }
};

TEST_F(PortailFamily, POR_01_NumberHasTenCharactersOfTheAlphabetAndValidates) {
  for (int i = 0; i < 1000; ++i) {
    auto n = draw();
    ASSERT_EQ(n.size(), kConfirmationLength);
    for (char ch : n) EXPECT_NE(kConfirmationAlphabet.find(ch), std::string_view::npos) << n;
    EXPECT_TRUE(valid_confirmation_number(n)) << n;
  }
  // No look-alikes: 0 O 1 I L are never used.
  for (char ch : std::string("0O1IL")) EXPECT_EQ(kConfirmationAlphabet.find(ch), std::string::npos);
}

TEST_F(PortailFamily, POR_01_CheckCharacterCatchesEverySingleCharacterChange) {
  for (int i = 0; i < 200; ++i) {
    auto n = draw();
    for (size_t pos = 0; pos < n.size(); ++pos)
      for (char other : kConfirmationAlphabet) {
        if (other == n[pos]) continue;
        auto changed = n;
        changed[pos] = other;
        EXPECT_FALSE(valid_confirmation_number(changed)) << n << " -> " << changed;
      }
  }
}

TEST_F(PortailFamily, POR_01_CheckCharacterCatchesEveryAdjacentSwap) {
  for (int i = 0; i < 2000; ++i) {
    auto n = draw();
    for (size_t pos = 0; pos + 1 < n.size(); ++pos) {
      if (n[pos] == n[pos + 1]) continue;
      auto swapped = n;
      std::swap(swapped[pos], swapped[pos + 1]);
      EXPECT_FALSE(valid_confirmation_number(swapped)) << n << " -> " << swapped;
    }
  }
}

TEST_F(PortailFamily, POR_01_NoCollisionInAMillion) {
  std::unordered_set<std::string> seen;
  seen.reserve(1'100'000);
  for (int i = 0; i < 1'000'000; ++i) ASSERT_TRUE(seen.insert(draw()).second) << "draw " << i;
}

TEST_F(PortailFamily, POR_01_NotSequential) {
  // Consecutive draws share characters in place only by chance (1 in 31 per position): on
  // average they differ in 8.7 of the 9 random positions; in fewer than 3, a chance in 10^9.
  auto previous = draw();
  long differing = 0;
  const int draws = 10000;
  for (int i = 0; i < draws; ++i) {
    auto next = draw();
    int d = 0;
    for (size_t pos = 0; pos + 1 < kConfirmationLength; ++pos) d += next[pos] != previous[pos];
    EXPECT_GE(d, 3) << previous << " then " << next;
    differing += d;
    previous = next;
  }
  EXPECT_GT(differing, draws * 85 / 10);
}

TEST_F(PortailFamily, POR_01_SameBytesSameNumberAndUnbiasedBytesSkipped) {
  // Bytes 248…255 are skipped; the others give byte % 31.
  std::vector<unsigned char> bytes{255, 0, 248, 1, 2, 3, 4, 5, 6, 7, 30, 31};
  auto n = confirmation_number_from(bytes);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->substr(0, 9), "23456789Z");
  EXPECT_EQ(*n, *confirmation_number_from(bytes));
  EXPECT_TRUE(valid_confirmation_number(*n));
  // Too few usable bytes: no number.
  std::vector<unsigned char> few{1, 2, 3, 250, 251, 252, 253, 254, 255, 4, 5};
  EXPECT_FALSE(confirmation_number_from(few));
}

TEST_F(PortailFamily, POR_01_MalformedNumbersRefused) {
  auto good = draw();
  const std::vector<std::string> bad{
      "",
      good.substr(0, 9),                     // too short
      good + "2",                            // too long
      "0" + good.substr(1),                  // a character outside the alphabet
      "O" + good.substr(1),                  //
      std::string(good).replace(3, 1, "i"),  // lower case is not normalized here
      std::string(good).replace(4, 1, " "),
      std::string(good).replace(5, 1, "\xc3"),
  };
  for (const auto& b : bad) EXPECT_FALSE(valid_confirmation_number(b)) << b;
  // What a person types (spaces, hyphens, small letters) is normalized first.
  std::string typed = good.substr(0, 5) + " - " + good.substr(5);
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(normalized_confirmation_number(typed), good);
  EXPECT_TRUE(valid_confirmation_number(normalized_confirmation_number(typed)));
  EXPECT_FALSE(confirmation_check_char("12345678"));    // not 9 characters
  EXPECT_FALSE(confirmation_check_char("1234567890"));  // 1 and 0 are not in the alphabet
}

FamilyInput good_family() {
  return {"Tremblay", "Julie",        "",  "", "", "147", "rue des Patriotes", "Québec",
          "G1G 1G1",  "418 555-1234", "fr"};
}

TEST_F(PortailFamily, POR_01_FamilyFileRules) {
  struct Case {
    const char* what;
    void (*change)(FamilyInput&);
    std::vector<FieldError> errors;
  };
  const std::vector<Case> cases{
      {"complete", [](FamilyInput&) {}, {}},
      {"no surname",
       [](FamilyInput& f) { f.parent1_surname = ""; },
       {{"parent1_surname", "family.err.required"}}},
      {"long given name",
       [](FamilyInput& f) { f.parent1_given_name = std::string(51, 'a'); },
       {{"parent1_given_name", "family.err.name_too_long"}}},
      {"50 accented letters fit",
       [](FamilyInput& f) {
         f.parent1_given_name.clear();
         for (int i = 0; i < 50; ++i) f.parent1_given_name += "é";
       },
       {}},
      {"second parent half named",
       [](FamilyInput& f) { f.parent2_surname = "Roy"; },
       {{"parent2_given_name", "family.err.required"}}},
      {"second parent complete",
       [](FamilyInput& f) {
         f.parent2_surname = "Roy";
         f.parent2_given_name = "Marc";
         f.parent2_email = "marc@example.test";
       },
       {}},
      {"second parent bad e-mail",
       [](FamilyInput& f) {
         f.parent2_surname = "Roy";
         f.parent2_given_name = "Marc";
         f.parent2_email = "marc.example.test";
       },
       {{"parent2_email", "family.err.email"}}},
      {"no address",
       [](FamilyInput& f) { f.street = ""; },
       {{"address", "family.err.address_required"}}},
      {"bad postal code",
       [](FamilyInput& f) { f.postal_code = "D1G 1G1"; },
       {{"postal_code", "family.err.postal_code"}}},
      {"no phone", [](FamilyInput& f) { f.phone = ""; }, {{"phone", "family.err.required"}}},
      {"bad phone", [](FamilyInput& f) { f.phone = "555-1234"; }, {{"phone", "family.err.phone"}}},
      {"phone with letters",
       [](FamilyInput& f) { f.phone = "418 555-12AB"; },
       {{"phone", "family.err.phone"}}},
      {"other language",
       [](FamilyInput& f) { f.language = "es"; },
       {{"language", "family.err.language"}}},
  };
  for (const auto& c : cases) {
    auto f = good_family();
    c.change(f);
    EXPECT_EQ(family_errors(f), c.errors) << c.what;
  }
}

TEST_F(PortailFamily, POR_01_PhoneNormalized) {
  EXPECT_EQ(normalized_phone("418 555-1234"), "4185551234");
  EXPECT_EQ(normalized_phone("+1 (418) 555.1234"), "4185551234");
  EXPECT_FALSE(normalized_phone("018 555-1234"));
  EXPECT_FALSE(normalized_phone("418 155-1234"));
  EXPECT_FALSE(normalized_phone("41855512345"));
  EXPECT_EQ(phone_text("4185551234"), "418 555-1234");
}

ChildInput good_child() {
  ChildInput ch;
  ch.surname = "Tremblay";
  ch.given_name = "Léa";
  ch.birth_date = "2025-03-14";
  ch.sex = "F";
  ch.desired_start = "2027-09-01";
  ch.schedule = {3, 3, 3, 3, 3, 0, 0};
  return ch;
}

TEST_F(PortailFamily, POR_01_ChildRules) {
  const auto today = *dates::parse("2026-12-02");
  struct Case {
    const char* what;
    void (*change)(ChildInput&);
    std::vector<FieldError> errors;
  };
  const std::vector<Case> cases{
      {"complete", [](ChildInput&) {}, {}},
      {"born today", [](ChildInput& c) { c.birth_date = "2026-12-02"; }, {}},
      {"born tomorrow",
       [](ChildInput& c) { c.birth_date = "2026-12-03"; },
       {{"birth_date", "family.err.birth_future"}}},
      {"born after the desired start, in the future",
       [](ChildInput& c) {
         c.birth_date = "2027-01-01";
         c.desired_start = "2026-12-15";
       },
       {{"birth_date", "family.err.birth_future"}}},
      {"not a date",
       [](ChildInput& c) { c.birth_date = "2025-02-30"; },
       {{"birth_date", "family.err.date"}}},
      {"other format",
       [](ChildInput& c) { c.birth_date = "14/03/2025"; },
       {{"birth_date", "family.err.date"}}},
      {"no birth date",
       [](ChildInput& c) { c.birth_date = ""; },
       {{"birth_date", "family.err.required"}}},
      {"no names",
       [](ChildInput& c) { c.surname = c.given_name = ""; },
       {{"surname", "family.err.required"}, {"given_name", "family.err.required"}}},
      {"bad sex", [](ChildInput& c) { c.sex = "Q"; }, {{"sex", "family.err.sex"}}},
      {"long special needs",
       [](ChildInput& c) {
         c.special_needs = true;
         c.special_needs_text = std::string(501, 'a');
       },
       {{"special_needs_text", "family.err.text_too_long"}}},
      {"text ignored without needs",
       [](ChildInput& c) { c.special_needs_text = std::string(501, 'a'); },
       {}},
      {"start before birth",
       [](ChildInput& c) { c.desired_start = "2025-01-01"; },
       {{"desired_start", "family.err.start_before_birth"}}},
      {"bad start",
       [](ChildInput& c) { c.desired_start = "2026-13-01"; },
       {{"desired_start", "family.err.date"}}},
      {"empty schedule",
       [](ChildInput& c) { c.schedule = {}; },
       {{"schedule", "family.err.schedule_empty"}}},
  };
  for (const auto& c : cases) {
    auto ch = good_child();
    c.change(ch);
    EXPECT_EQ(child_errors(ch, today), c.errors) << c.what;
  }
}

TEST_F(PortailFamily, POR_01_ScheduleText) {
  WeekMasks week{3, 3, 3, 3, 3, 0, 0};
  EXPECT_EQ(schedule_text(week), "3,3,3,3,3,0,0");
  EXPECT_EQ(parse_schedule("3,3,3,3,3,0,0"), week);
  EXPECT_FALSE(parse_schedule("3,3,3,3,3,0"));
  EXPECT_FALSE(parse_schedule("3,3,3,3,3,0,64"));
  EXPECT_FALSE(parse_schedule("3,3,3,3,3,0,x"));
  EXPECT_FALSE(parse_schedule(""));
}

}  // namespace
}  // namespace sgee::portail

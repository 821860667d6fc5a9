// Free places and the automatic referral (src/portail/referral_rules.*): working days with
// Québec's statutory holidays, deadlines and reminders, who is referred next, the free place's
// form and the median time to fill.
#include <gtest/gtest.h>

#include "portail/referral_rules.hpp"

namespace {

using namespace sgee::portail;
using namespace sgee::portail::referral;
namespace dates = sgee::dates;

dates::Date day(const char* s) {
  return *dates::parse(s);
}

TEST(PortailReferral, REF_WorkingDaysAreMondayToFridayWithoutStatutoryHolidays) {
  struct Case {
    const char* date;
    bool working;
  };
  for (const auto& k : std::vector<Case>{{"2026-12-02", true},   // Wednesday
                                         {"2026-12-05", false},  // Saturday
                                         {"2026-12-06", false},  // Sunday
                                         {"2026-12-25", false},  // Christmas, a Friday
                                         {"2026-06-24", false},  // Fête nationale
                                         {"2026-07-01", false},  // Canada Day
                                         {"2026-09-07", false},  // Labour Day
                                         {"2026-10-12", false},  // Thanksgiving
                                         {"2027-03-26", false},  // Good Friday
                                         {"2027-03-29", false},  // Easter Monday
                                         {"2027-03-30", true},   // the Tuesday after
                                         {"2026-12-28", true}})  // Monday after Christmas
    EXPECT_EQ(working_day(day(k.date)), k.working) << k.date;
}

TEST(PortailReferral, REF_DeadlineIsTheNthWorkingDayAfterTheReferral) {
  struct Case {
    const char* referred;
    int days;
    const char* due;
  };
  for (const auto& k : std::vector<Case>{{"2026-12-02", 5, "2026-12-09"},  // over a weekend
                                         {"2026-12-04", 1, "2026-12-07"},  // Friday → Monday
                                         {"2026-12-05", 1, "2026-12-07"},  // from a Saturday
                                         {"2026-12-24", 1, "2026-12-28"},  // over Christmas
                                         {"2026-12-21", 5, "2026-12-29"},
                                         {"2027-03-24", 2, "2027-03-30"},    // over Easter
                                         {"2026-06-23", 1, "2026-06-25"},    // over 24 June
                                         {"2026-12-02", 0, "2026-12-03"},    // at least one day
                                         {"2026-12-02", 99, "2027-01-15"}})  // at most 30
    EXPECT_EQ(dates::format(respond_by(day(k.referred), k.days)), k.due)
        << k.referred << " + " << k.days;
}

TEST(PortailReferral, REF_ReminderOnTheWorkingDayBeforeTheDeadline) {
  struct Case {
    const char* referred;
    const char* due;
    const char* reminder;
  };
  for (const auto& k : std::vector<Case>{{"2026-12-02", "2026-12-09", "2026-12-08"},
                                         {"2026-12-02", "2026-12-07", "2026-12-04"},  // Friday
                                         {"2026-12-04", "2026-12-07", "2026-12-04"},  // same day
                                         {"2026-12-21", "2026-12-29", "2026-12-28"},
                                         {"2026-12-21", "2026-12-28", "2026-12-24"}})  // Xmas
    EXPECT_EQ(dates::format(reminder_day(day(k.referred), day(k.due))), k.reminder)
        << k.referred << " due " << k.due;
}

TEST(PortailReferral, REF_ExpiryAndReminderDueByDay) {
  auto referred = day("2026-12-02"), due = day("2026-12-09");
  struct Case {
    const char* today;
    bool reminded, expired, reminder;
  };
  for (const auto& k : std::vector<Case>{{"2026-12-02", false, false, false},
                                         {"2026-12-07", false, false, false},
                                         {"2026-12-08", false, false, true},
                                         {"2026-12-09", false, false, true},  // due day: still
                                         {"2026-12-09", true, false, false},  // sent once
                                         {"2026-12-10", false, true, false}}) {
    EXPECT_EQ(expired(due, day(k.today)), k.expired) << k.today;
    EXPECT_EQ(reminder_due(referred, due, day(k.today), k.reminded), k.reminder) << k.today;
  }
}

TEST(PortailReferral, REF_NextToReferTakesTheBestRankedWhoFitAndWereNotReferred) {
  std::vector<std::int64_t> ranked{10, 20, 30, 40, 50, 60};
  std::set<std::int64_t> fitting{20, 30, 50, 60};
  auto fits = [&](std::int64_t id) { return fitting.count(id) > 0; };
  struct Case {
    std::set<std::int64_t> excluded;
    int wanted;
    std::vector<std::int64_t> expected;
  };
  for (const auto& k :
       std::vector<Case>{{{}, 1, {20}},               // 10 does not fit the place
                         {{20}, 1, {30}},             // 20 declined or expired: the next
                         {{}, 3, {20, 30, 50}},       // an urgent place: several at once
                         {{30}, 3, {20, 50, 60}},     // 30 live at another place of the provider
                         {{}, 10, {20, 30, 50, 60}},  // fewer fit than asked
                         {{20, 30, 50, 60}, 1, {}},   // nobody left
                         {{}, 0, {}}})                // the place has its referrals
    EXPECT_EQ(next_to_refer(ranked, fits, k.excluded, k.wanted), k.expected)
        << "wanted " << k.wanted;
}

TEST(PortailReferral, REF_TheFreePlaceFormNamesTheFieldAndTheRule) {
  auto today = day("2026-12-02");
  WeekMasks full{3, 3, 3, 3, 3, 0, 0}, none{};
  struct Case {
    PlaceInput in;
    std::vector<FieldError> errors;
    int at_once;
  };
  for (const auto& k : std::vector<Case>{
           {{"18-59", "2027-01-04", full, false, ""}, {}, 1},
           {{"0-17", "2026-12-02", full, true, "10"}, {}, 10},
           {{"school", " 2028-12-01 ", full, false, "3"}, {}, 3},
           {{"18-59", "2028-12-03", full, false, "1"}, {{"from", "refer.err.from_far"}}, 1},
           {{"12-59", "2027-01-04", full, false, "1"}, {{"age_group", "refer.err.age_group"}}, 1},
           {{"18-59", "", full, false, "1"}, {{"from", "refer.err.required"}}, 1},
           {{"18-59", "2027-02-30", full, false, "1"}, {{"from", "refer.err.date"}}, 1},
           {{"18-59", "2026-12-01", full, false, "1"}, {{"from", "refer.err.from_past"}}, 1},
           {{"18-59", "2027-01-04", none, false, "1"}, {{"schedule", "refer.err.schedule"}}, 1},
           {{"18-59", "2027-01-04", full, false, "11"}, {{"at_once", "refer.err.at_once"}}, 1},
           {{"18-59", "2027-01-04", full, false, "0"}, {{"at_once", "refer.err.at_once"}}, 1},
           {{"18-59", "2027-01-04", full, false, "deux"}, {{"at_once", "refer.err.at_once"}}, 1},
       }) {
    auto checked = check_place(k.in, today);
    EXPECT_EQ(checked.errors, k.errors)
        << k.in.age_group << " " << k.in.from << " " << k.in.at_once;
    if (k.errors.empty()) {
      EXPECT_EQ(checked.at_once, k.at_once);
      EXPECT_EQ(checked.place.schedule, k.in.schedule);
      EXPECT_EQ(checked.place.replacement, k.in.replacement);
    }
  }
}

TEST(PortailReferral, REF_ADeclineNeedsAReasonOfAtMost500Characters) {
  EXPECT_TRUE(reason_errors("Nous déménageons à Gatineau.").empty());
  EXPECT_EQ(reason_errors("   "),
            (std::vector<FieldError>{{"reason", "refer.err.reason_required"}}));
  EXPECT_TRUE(reason_errors(std::string(500, 'e')).empty());
  EXPECT_EQ(reason_errors(std::string(501, 'e')),
            (std::vector<FieldError>{{"reason", "refer.err.reason_long"}}));
  std::string accents;
  for (int i = 0; i < 500; ++i) accents += "é";  // 500 characters, 1000 bytes
  EXPECT_TRUE(reason_errors(accents).empty());
  EXPECT_EQ(reason_errors("\xff\xfe"),
            (std::vector<FieldError>{{"reason", "refer.err.reason_text"}}));
}

TEST(PortailReferral, REF_MedianTimeToFill) {
  struct Case {
    std::vector<int> days;
    int median;
  };
  for (const auto& k : std::vector<Case>{
           {{}, 0}, {{4}, 4}, {{9, 1, 5}, 5}, {{1, 2, 3, 10}, 2}, {{3, 4}, 3}, {{0, 0, 30}, 0}})
    EXPECT_EQ(median_days(k.days), k.median);
}

}  // namespace

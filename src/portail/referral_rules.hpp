#pragma once
// Free places and the automatic referral (issue 15): the pure rules. No database, no HTTP, no
// clock (today is a parameter). The store (referral_store.*) gathers the facts and writes the
// rows; these decide.
//
// - Working days: Monday to Friday, except Québec's statutory holidays (csg::quebec_holidays,
//   SYN-10). A deadline of n working days from a referral made on day d is the n-th working day
//   after d; the answer is due by the end of that day. The reminder goes on the working day
//   before the deadline (the referral day itself when the deadline is the next working day).
// - Who is referred next for a place: the children of the provider's réserve in the ranking's
//   order (ranking::rank), skipping those who do not fit the place (ranking::fits), those
//   already referred for it (whatever the answer was), and those with a live referral at the
//   same provider (for another of its places); as many as the place still lacks live referrals
//   ('referred' or 'accepted') to reach its refer_at_once.
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/date.hpp"
#include "portail/family_rules.hpp"
#include "portail/ranking.hpp"

namespace sgee::portail::referral {

inline constexpr int kDefaultDeadlineDays = 5;  // working days to answer a referral
inline constexpr int kMaxDeadlineDays = 30;
inline constexpr int kMaxReferAtOnce = 10;      // an urgent place: up to 10 families at once
inline constexpr int kMaxPlaceDaysAhead = 730;  // a place free up to two years ahead

// Monday to Friday and not a Québec statutory holiday.
bool working_day(dates::Date d);
// The n-th working day after `from` (n ≥ 1; n ≤ 0 gives `from`).
dates::Date add_working_days(dates::Date from, int n);
// The day an answer is due: `days` working days after the referral day.
dates::Date respond_by(dates::Date referred_on, int days);
// The working day before the deadline, never before the referral day.
dates::Date reminder_day(dates::Date referred_on, dates::Date due);
// The deadline has passed: today is after the due day.
bool expired(dates::Date due, dates::Date today);
// A reminder is due today (not sent yet, on or after the reminder day, not expired).
bool reminder_due(dates::Date referred_on, dates::Date due, dates::Date today, bool reminded);

// The children to refer for a place, best-ranked first. `ranked`: the réserve in order (child
// ids); `fits`: whether a child fits the place; `excluded`: children already referred for this
// place or live at this provider; `wanted`: how many more the place needs.
std::vector<std::int64_t> next_to_refer(const std::vector<std::int64_t>& ranked,
                                        const std::function<bool(std::int64_t)>& fits,
                                        const std::set<std::int64_t>& excluded, int wanted);

// The free place's form as typed.
struct PlaceInput {
  std::string age_group;     // "0-17" | "18-59" | "school"
  std::string from;          // YYYY-MM-DD
  WeekMasks schedule{};      // the half-periods it covers
  bool replacement = false;  // a replacement place
  std::string at_once;       // how many children to refer at once, "1" by default
};
struct CheckedPlace {
  ranking::FreePlace place;
  int at_once = 1;
  std::vector<FieldError> errors;  // field: age_group, from, schedule, at_once
};
// The age group is one of the three; the date is valid, not before today and at most two years
// ahead; at least one half-period; 1 to 10 children at once.
CheckedPlace check_place(const PlaceInput& in, dates::Date today);

// A declined referral's reason: required, at most this long.
inline constexpr size_t kMaxReasonLength = 500;
std::vector<FieldError> reason_errors(std::string_view reason);

// The median of a list of durations in days (the mean of the two middle ones, rounded down, for
// an even count); 0 for none.
int median_days(std::vector<int> days);

}  // namespace sgee::portail::referral

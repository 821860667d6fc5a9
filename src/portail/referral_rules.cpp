#include "portail/referral_rules.hpp"

#include <algorithm>

#include "csg/rules.hpp"
#include "platform/text.hpp"

namespace sgee::portail::referral {

bool working_day(dates::Date d) {
  if (dates::weekday(d) >= 5) return false;
  for (const auto& [day, name] : csg::quebec_holidays(dates::year_of(d)))
    if (day == d) return false;
  return true;
}

dates::Date add_working_days(dates::Date from, int n) {
  auto d = from;
  while (n > 0) {
    d = dates::add_days(d, 1);
    if (working_day(d)) --n;
  }
  return d;
}

dates::Date respond_by(dates::Date referred_on, int days) {
  return add_working_days(referred_on, std::clamp(days, 1, kMaxDeadlineDays));
}

dates::Date reminder_day(dates::Date referred_on, dates::Date due) {
  auto d = dates::add_days(due, -1);
  while (d > referred_on && !working_day(d)) d = dates::add_days(d, -1);
  return std::max(d, referred_on);
}

bool expired(dates::Date due, dates::Date today) {
  return today > due;
}

bool reminder_due(dates::Date referred_on, dates::Date due, dates::Date today, bool reminded) {
  return !reminded && !expired(due, today) && today >= reminder_day(referred_on, due);
}

std::vector<std::int64_t> next_to_refer(const std::vector<std::int64_t>& ranked,
                                        const std::function<bool(std::int64_t)>& fits,
                                        const std::set<std::int64_t>& excluded, int wanted) {
  std::vector<std::int64_t> out;
  for (auto id : ranked) {
    if (static_cast<int>(out.size()) >= wanted) break;
    if (excluded.count(id) || !fits(id)) continue;
    out.push_back(id);
  }
  return out;
}

CheckedPlace check_place(const PlaceInput& in, dates::Date today) {
  CheckedPlace out;
  if (auto g = ranking::age_group_from(in.age_group))
    out.place.age = *g;
  else
    out.errors.push_back({"age_group", "refer.err.age_group"});
  auto from = dates::parse(text::trim(in.from));
  if (text::trim(in.from).empty())
    out.errors.push_back({"from", "refer.err.required"});
  else if (!from)
    out.errors.push_back({"from", "refer.err.date"});
  else if (*from < today)
    out.errors.push_back({"from", "refer.err.from_past"});
  else if (*from > dates::add_days(today, kMaxPlaceDaysAhead))
    out.errors.push_back({"from", "refer.err.from_far"});
  else
    out.place.from = *from;
  bool any = false;
  for (auto m : in.schedule) any = any || m != 0;
  if (!any) out.errors.push_back({"schedule", "refer.err.schedule"});
  out.place.schedule = in.schedule;
  out.place.replacement = in.replacement;
  auto at_once = text::trim(in.at_once);
  if (at_once.empty()) {
    out.at_once = 1;
  } else if (auto n = text::to_int(at_once); n && *n >= 1 && *n <= kMaxReferAtOnce) {
    out.at_once = static_cast<int>(*n);
  } else {
    out.errors.push_back({"at_once", "refer.err.at_once"});
  }
  return out;
}

std::vector<FieldError> reason_errors(std::string_view reason) {
  auto r = text::trim(reason);
  if (r.empty()) return {{"reason", "refer.err.reason_required"}};
  if (!text::valid_utf8(r)) return {{"reason", "refer.err.reason_text"}};
  if (text::code_points(r).size() > kMaxReasonLength) return {{"reason", "refer.err.reason_long"}};
  return {};
}

int median_days(std::vector<int> days) {
  if (days.empty()) return 0;
  std::sort(days.begin(), days.end());
  size_t n = days.size();
  if (n % 2 == 1) return days[n / 2];
  return (days[n / 2 - 1] + days[n / 2]) / 2;
}

}  // namespace sgee::portail::referral

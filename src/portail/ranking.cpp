#include "portail/ranking.hpp"

#include <algorithm>

namespace sgee::portail::ranking {

Category category_of(const Candidate& c) {
  if (c.staff_child) return c.same_address ? Category::staff_same_address : Category::staff;
  if (c.same_address) return Category::same_address;
  return c.admitted_subsidized ? Category::other : Category::not_admitted_subsidized;
}

bool ahead(const Candidate& a, const Candidate& b) {
  auto ca = category_of(a), cb = category_of(b);
  if (ca != cb) return ca < cb;
  if (a.desired_start != b.desired_start) return a.desired_start < b.desired_start;
  return a.tie_key < b.tie_key;
}

std::optional<std::string> matching_priority(const Provider& p, const Candidate& c) {
  if (!p.priorities_apply) return std::nullopt;
  for (const auto& d : p.declared)
    if (std::find(c.criteria.begin(), c.criteria.end(), d) != c.criteria.end()) return d;
  return std::nullopt;
}

bool priority_pick_allowed(int share_percent, int admissions, int priority) {
  if (share_percent <= 0) return false;
  share_percent = std::min(share_percent, kMaxPrioritySharePercent);
  // (priority + 1) / (admissions + 1) <= share / 100, in integers.
  return (static_cast<long long>(priority) + 1) * 100 <=
         static_cast<long long>(share_percent) * (static_cast<long long>(admissions) + 1);
}

std::vector<Ranked> rank(const Provider& p, std::vector<Candidate> children, dates::Date today) {
  std::sort(children.begin(), children.end(), ahead);
  // The place-by-place pass: `taken` marks the children already placed. Priority picks go to the
  // first untaken child matching a criterion; `next_priority` and `next_any` only move forward, so
  // the pass is linear.
  std::vector<std::optional<std::string>> match(children.size());
  bool any_match = false;
  for (size_t i = 0; i < children.size(); ++i) {
    match[i] = matching_priority(p, children[i]);
    any_match = any_match || match[i].has_value();
  }
  std::vector<bool> taken(children.size(), false);
  std::vector<Ranked> out;
  out.reserve(children.size());
  size_t next_any = 0, next_priority = 0;
  int admissions = std::max(0, p.recent_admissions);
  int priority = std::clamp(p.recent_priority_admissions, 0, admissions);
  auto place = [&](size_t i, bool by_priority) {
    taken[i] = true;
    Ranked r;
    r.child_id = children[i].child_id;
    r.position = static_cast<int>(out.size()) + 1;
    r.category = category_of(children[i]);
    r.days_waited = dates::days_between(children[i].desired_start, today);
    if (by_priority) r.priority = match[i];
    r.criterion = match[i];
    r.tie_key = children[i].tie_key;
    out.push_back(std::move(r));
    ++admissions;
    if (by_priority) ++priority;
  };
  while (out.size() < children.size()) {
    while (next_any < children.size() && taken[next_any]) ++next_any;
    if (any_match && priority_pick_allowed(p.share_percent, admissions, priority)) {
      while (next_priority < children.size() && (taken[next_priority] || !match[next_priority]))
        ++next_priority;
      // The best of all matching a criterion comes first anyway: not a priority admission.
      if (next_priority < children.size() && next_priority != next_any) {
        place(next_priority, true);
        continue;
      }
    }
    place(next_any, false);
  }
  return out;
}

std::pair<int, int> rank_band(int position) {
  if (position <= 5) return {1, 5};
  if (position <= 10) return {6, 10};
  if (position <= 20) return {11, 20};
  if (position <= 50) return {21, 50};
  if (position <= 100) return {51, 100};
  int low = ((position - 1) / 100) * 100 + 1;
  return {low, low + 99};
}

int months_old(dates::Date birth, dates::Date on) {
  if (on < birth) return 0;
  int months = (dates::year_of(on) - dates::year_of(birth)) * 12 +
               static_cast<int>(dates::month_of(on)) - static_cast<int>(dates::month_of(birth));
  if (dates::add_months(birth, months) > on) --months;
  return std::max(0, months);
}

AgeGroup age_group_on(dates::Date birth, dates::Date day) {
  int m = months_old(birth, day);
  return m < 18 ? AgeGroup::infant : m < 60 ? AgeGroup::toddler : AgeGroup::school;
}

std::optional<AgeGroup> age_group_from(std::string_view s) {
  if (s == "0-17") return AgeGroup::infant;
  if (s == "18-59") return AgeGroup::toddler;
  if (s == "school") return AgeGroup::school;
  return std::nullopt;
}

std::string_view to_string(AgeGroup g) {
  switch (g) {
    case AgeGroup::infant: return "0-17";
    case AgeGroup::toddler: return "18-59";
    case AgeGroup::school: return "school";
  }
  return "18-59";
}

bool fits(const FreePlace& place, const Request& child) {
  if (age_group_on(child.birth, place.from) != place.age) return false;
  if (place.replacement && !child.accept_replacement) return false;
  bool covered = true, shared = false;
  for (size_t d = 0; d < 7; ++d) {
    if ((child.schedule[d] & ~place.schedule[d]) != 0) covered = false;
    if ((child.schedule[d] & place.schedule[d]) != 0) shared = true;
  }
  return covered || (child.accept_partial && shared);
}

}  // namespace sgee::portail::ranking

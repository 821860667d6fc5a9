#include "portail/admission_rules.hpp"

#include <algorithm>

namespace sgee::portail::admission {

bool lookup_throttled(int user_misses, int address_misses) {
  return user_misses >= kMaxMissesPerUser || address_misses >= kMaxMissesPerAddress;
}

bool bound_by_rank(std::string_view org_kind, std::string_view installation_kind) {
  auto is = [&](std::string_view k) {
    return installation_kind.size() == k.size() &&
           std::equal(k.begin(), k.end(), installation_kind.begin(),
                      [](char a, char b) { return a == (b >= 'a' && b <= 'z' ? b - 32 : b); });
  };
  return org_kind == "installation" && (is("CPE") || is("GS"));
}

bool in_rank(std::int64_t child_id, const std::vector<Ranked>& ranked,
             const std::vector<ranking::FreePlace>& places) {
  if (ranked.empty()) return false;
  if (places.empty()) return ranked.front().child_id == child_id;
  for (const auto& place : places) {
    auto first = std::find_if(ranked.begin(), ranked.end(),
                              [&](const Ranked& r) { return ranking::fits(place, r.request); });
    if (first != ranked.end() && first->child_id == child_id) return true;
  }
  return false;
}

std::optional<std::string> planned_start_error(std::string_view typed, dates::Date birth,
                                               dates::Date today) {
  if (typed.empty()) return "admit.err.required";
  auto d = dates::parse(typed);
  if (!d) return "admit.err.date";
  if (*d < birth) return "admit.err.start_before_birth";
  if (*d > dates::add_days(today, 730)) return "admit.err.start_too_far";
  return std::nullopt;
}

std::string state_key(std::string_view state) {
  for (const char* s : {"admitted", "confirmed", "ended", "cancelled"})
    if (state == s) return std::string("admit.state.") + s;
  return "admit.state.unknown";
}

}  // namespace sgee::portail::admission

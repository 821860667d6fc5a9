#include "portail/reserve_rules.hpp"

#include <algorithm>

#include "platform/text.hpp"

namespace sgee::portail::reserve_rules {

bool identity_hidden(bool installation, std::string_view installation_kind, bool identified) {
  if (identified || !installation) return false;
  auto kind = text::lower(installation_kind);
  return kind == "cpe" || kind == "gs";
}

bool keeps(const Filter& f, const Child& c, const std::vector<ranking::FreePlace>& open) {
  if (f.age && ranking::age_group_on(c.birth, c.desired_start) != *f.age) return false;
  if (f.from && c.desired_start < *f.from) return false;
  if (f.to && c.desired_start > *f.to) return false;
  if (f.siblings && !c.sibling) return false;
  if (f.fits) {
    ranking::Request want{c.birth, c.schedule, c.accept_partial, c.accept_replacement};
    return std::any_of(open.begin(), open.end(),
                       [&](const auto& p) { return ranking::fits(p, want); });
  }
  return true;
}

}  // namespace sgee::portail::reserve_rules

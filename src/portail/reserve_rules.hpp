#pragma once
// The réserve de clientèle's pure rules (issue 15, POR-03): who sees a child's identity, and which
// children a provider's filters keep. No database, no HTTP, no clock.
#include <optional>
#include <string_view>
#include <vector>

#include "platform/date.hpp"
#include "portail/family_rules.hpp"
#include "portail/ranking.hpp"

namespace sgee::portail::reserve_rules {

// A CPE or a subsidized garderie (an installation of kind CPE or GS) sees a child's and its
// parents' identity only once the child is referred to it (a referral neither declined nor
// expired) or admitted there; an RSGE and a non-subsidized garderie (GNS) see their réserve and
// choose.
bool identity_hidden(bool installation, std::string_view installation_kind, bool identified);

struct Filter {
  std::optional<ranking::AgeGroup> age;  // the age group on the desired date
  std::optional<dates::Date> from, to;   // the desired date within [from, to]
  bool fits = false;                     // fits one of the provider's open free places
  bool siblings = false;                 // another child of its family file in the réserve
  bool any() const { return age || from || to || fits || siblings; }
};
struct Child {
  dates::Date birth{}, desired_start{};
  WeekMasks schedule{};
  bool accept_partial = false, accept_replacement = false, sibling = false;
};
// Whether the filter keeps the child; `open` the provider's open free places (ranking::fits).
bool keeps(const Filter& f, const Child& c, const std::vector<ranking::FreePlace>& open);

}  // namespace sgee::portail::reserve_rules

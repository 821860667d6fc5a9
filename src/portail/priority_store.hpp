#pragma once
// Issue 15: the SQL of the declared admission priorities (tables priority_criteria and
// provider_priorities), of what the parent says (a child's criteria: family_store; a parent
// working at a chosen provider: portail_choices.staff_parent), and of what the parent's page shows
// per chosen provider (its state from referrals and admissions, the rank last shown: rank_seen).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/db.hpp"
#include "portail/priority_rules.hpp"

namespace sgee::portail::priority_store {

// The ministry's list of admission priorities, in its order.
std::vector<std::string> criteria_list(db::Connection& c);

struct Stored {
  priority::Declaration declaration;
  std::string updated_at;
};
std::optional<Stored> load(db::Connection& c, std::int64_t organization_id);
void save(db::Connection& c, std::int64_t organization_id, const priority::Declaration& d,
          std::int64_t user_id);

// "Un de mes parents travaille dans ce milieu", per child of the family who chose the provider.
std::map<std::int64_t, bool> staff_parents(db::Connection& c, std::int64_t family_id,
                                           std::int64_t organization_id);
// Sets it on the child's choice; a change forgets the provider's confirmation
// (portail_choices.staff_confirmed_at, set by the provider in the réserve's detail: only then
// does the ranking count the child as a staff's child).
void set_staff_parent(db::Connection& c, std::int64_t child_id, std::int64_t organization_id,
                      bool staff_parent);

// What became of a child's request at a provider, the latest first: an admission (admitted,
// confirmed, ended, cancelled) outweighs a referral (referred, accepted, admitted,
// declined_parent, declined_provider, expired, closed); "reserve" when neither exists.
struct ChoiceState {
  std::string state = "reserve";
  std::string on;                           // the date of that state (YYYY-MM-DD)
  std::optional<std::int64_t> referral_id;  // a referral's id (its page /famille/propositions/{id})
  bool staff_parent = false, staff_confirmed = false;
};
ChoiceState state_of(db::Connection& c, std::int64_t child_id, std::int64_t organization_id);

// The rank band last shown to the parent for the child at this provider (its low end), and the
// one shown now.
std::optional<int> last_band(db::Connection& c, std::int64_t child_id,
                             std::int64_t organization_id);
void remember_band(db::Connection& c, std::int64_t child_id, std::int64_t organization_id,
                   int position, int band_low);

}  // namespace sgee::portail::priority_store

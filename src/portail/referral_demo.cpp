// `seed --demo`: the free places of Garderie Soleil — Sainte-Foy (referral_pages.hpp).
#include "portail/referral_pages.hpp"
#include "portail/referral_store.hpp"

namespace sgee::portail {

void seed_demo_places(db::Connection& c, dates::Date today) {
  auto org = c.run("SELECT id FROM organizations WHERE number = '20000003'");
  if (org.empty()) return;
  auto id = org.first().i64(0);
  if (!c.run("SELECT 1 FROM free_places WHERE organization_id = $1", id).empty()) return;
  db::Transaction tx(c);
  ranking::FreePlace open;
  open.age = ranking::AgeGroup::toddler;
  open.from = dates::add_days(today, 14);
  open.schedule = {3, 3, 3, 3, 3, 0, 0};
  referral_store::declare(c, id, open, 1, std::nullopt);
  auto declared = dates::add_days(today, -30), filled = dates::add_days(today, -18);
  c.run(
      "INSERT INTO free_places (organization_id, age_group, available_from, schedule, "
      "replacement, refer_at_once, state, declared_at, filled_at) VALUES ($1, '18-59', $2, "
      "'3,3,3,3,3,0,0', 0, 1, 'filled', $3, $4)",
      id, dates::format(filled), dates::format(declared) + "T14:00:00.000Z",
      dates::format(filled) + "T15:00:00.000Z");
  tx.commit();
}

}  // namespace sgee::portail

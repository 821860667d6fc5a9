#include "app/generate_places.hpp"

#include <random>
#include <vector>

#include "platform/db/db.hpp"
#include "platform/log.hpp"

namespace sgee::app {

// Each place: a provider taken in turn among those children chose (all installations and RSGE
// when none did), weighted towards the larger réserves; an age group mostly 18–59 months; free
// from today to 60 days ahead; Monday to Friday, the day's two half-periods; one place in ten a
// replacement, one in twenty urgent (3 children at once).
int load_free_places(const std::string& db_url, int count, std::uint64_t seed, dates::Date today) {
  auto c = db::connect(db_url);
  auto r = c->run(
      "SELECT pc.organization_id, COUNT(*) FROM portail_choices pc GROUP BY pc.organization_id "
      "ORDER BY pc.organization_id");
  if (r.empty())
    r = c->run(
        "SELECT id, 1 FROM organizations WHERE kind IN ('installation', 'rsge') ORDER BY id");
  if (r.empty() || count <= 0) return 0;
  std::vector<std::int64_t> orgs;
  std::vector<double> weights;
  for (size_t i = 0; i < r.size(); ++i) {
    orgs.push_back(r.row(i).i64(0));
    weights.push_back(static_cast<double>(r.row(i).i64(1)));
  }
  std::mt19937_64 rng(seed);
  std::discrete_distribution<size_t> pick(weights.begin(), weights.end());
  std::uniform_int_distribution<int> percent(0, 99), ahead(0, 60);
  auto now = log::utc_now_iso();
  db::Transaction tx(*c);
  for (int i = 0; i < count; ++i) {
    int p = percent(rng);
    std::string age = p < 20 ? "0-17" : p < 95 ? "18-59" : "school";
    c->run(
        "INSERT INTO free_places (organization_id, age_group, available_from, schedule, "
        "replacement, refer_at_once, state, declared_at) VALUES ($1, $2, $3, '3,3,3,3,3,0,0', "
        "$4, $5, 'open', $6)",
        orgs[pick(rng)], age, dates::format(dates::add_days(today, ahead(rng))),
        static_cast<std::int64_t>(percent(rng) < 10 ? 1 : 0),
        static_cast<std::int64_t>(percent(rng) < 5 ? 3 : 1), now);
  }
  tx.commit();
  return count;
}

}  // namespace sgee::app

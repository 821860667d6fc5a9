#include "portail/events_store.hpp"

#include "platform/log.hpp"

namespace sgee::portail::events {

void add(db::Connection& c, std::int64_t organization_id, const std::string& kind,
         const std::string& data) {
  auto seq = c.run(
                  "INSERT INTO portail_event_counters (organization_id, last_seq) VALUES ($1, 1) "
                  "ON CONFLICT (organization_id) DO UPDATE "
                  "SET last_seq = portail_event_counters.last_seq + 1 RETURNING last_seq",
                  organization_id)
                 .first()
                 .i64(0);
  c.run(
      "INSERT INTO portail_events (organization_id, seq, kind, data, created_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      organization_id, seq, kind, data, log::utc_now_iso());
}

std::vector<Event> after(db::Connection& c, std::int64_t organization_id, std::int64_t after,
                         int limit) {
  auto r = c.run(
      "SELECT seq, kind, data, created_at FROM portail_events "
      "WHERE organization_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
      organization_id, after, static_cast<std::int64_t>(limit));
  std::vector<Event> out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    out.push_back({row.i64(0), row.str(1), row.str(2), row.str(3)});
  }
  return out;
}

}  // namespace sgee::portail::events

#include "portail/position.hpp"

#include "geo/geo.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"

namespace sgee::portail {

std::string secret_setting(db::Connection& c, const std::string& name) {
  auto r = c.run("SELECT value FROM app_settings WHERE key = $1", name);
  if (!r.empty()) return r.first().str(0);
  // Two servers may race here: the first key stored wins and both read it back.
  c.run(
      "INSERT INTO app_settings (key, value, updated_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (key) DO NOTHING",
      name, text::random_hex(32), log::utc_now_iso());
  return c.run("SELECT value FROM app_settings WHERE key = $1", name).first().str(0);
}

void refresh_map_position(db::Connection& c, std::int64_t organization_id) {
  auto r = c.run("SELECT kind, number, latitude, longitude FROM organizations WHERE id = $1",
                 organization_id);
  if (r.empty()) return;
  auto row = r.first();
  if (row.is_null(2) || row.is_null(3)) {
    c.run("UPDATE fiches SET map_latitude = NULL, map_longitude = NULL WHERE organization_id = $1",
          organization_id);
    return;
  }
  geo::Point at{row.f64(2), row.f64(3)};
  if (row.str(0) == "rsge") at = geo::approximate(at, map_key(c), row.str(1));
  c.run("UPDATE fiches SET map_latitude = $1, map_longitude = $2 WHERE organization_id = $3",
        at.latitude, at.longitude, organization_id);
}

}  // namespace sgee::portail

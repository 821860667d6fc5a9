#pragma once
// Where the public map puts a provider (issue 14, RSGE privacy). An installation (CPE, GS, GNS)
// is shown at its own position; an RSGE works from home, so she is shown at geo::approximate() of
// hers under the installation's map key, never at her address. The position is stored in her
// fiche (fiches.map_latitude / map_longitude), the only coordinates the map and the search read.
#include <cstdint>
#include <string>

#include "platform/db/db.hpp"

namespace sgee::portail {

// A secret of the installation (64 hex characters kept in app_settings under `name`), made from
// the CSPRNG on first use and kept: the map's key (positions never move), the ranking's tie key.
std::string secret_setting(db::Connection& c, const std::string& name);
// The secret map key ("map_offset_key").
inline std::string map_key(db::Connection& c) {
  return secret_setting(c, "map_offset_key");
}

// Sets the fiche's map position from its organization's position (nothing when the organization
// has none). Call it in the transaction that creates or saves a fiche, and when an organization's
// address changes.
void refresh_map_position(db::Connection& c, std::int64_t organization_id);

}  // namespace sgee::portail

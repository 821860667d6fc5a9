#pragma once
// POR-02: the fiches' SQL (tables fiches and fiche_versions, migration 0013). Every function takes
// the connection it runs on, so callers choose the transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/model.hpp"
#include "platform/db/db.hpp"
#include "portail/fiche_rules.hpp"

namespace sgee::portail {

struct StoredFiche {
  Fiche fiche;
  bool published = false;
  std::string published_at;  // empty while unpublished
  std::int64_t version = 0;
  std::string updated_at;
};
// The organization's fiche, if it was ever started.
std::optional<StoredFiche> load_fiche(db::Connection& c, std::int64_t organization_id);
// What the permit (installation) or recognition (RSGE) says: kind and places.
Capacity capacity_of(const access::Organization& o);
// The whole fiche as stored in fiche_versions.data.
nlohmann::json fiche_json(const Fiche& f, bool published);
// Creates or replaces the fiche with `published` as its new state: increments its version,
// writes the version row (the whole fiche as JSON, who and when) and sets its map position
// (refresh_map_position). Returns the new version. Call it inside a transaction.
std::int64_t save_fiche(db::Connection& c, std::int64_t organization_id, const Fiche& f,
                        bool published, std::optional<std::int64_t> user_id);

// Seed 001: where each RSGE of a BC stands in joining the Portail.
enum class Adhesion { published, unpublished, never_started };
std::string_view to_string(Adhesion a);  // "publiee", "non-publiee", "jamais" (URL values)
struct AdhesionRow {
  std::int64_t id = 0;
  std::string number, name, municipality;
  Adhesion state = Adhesion::never_started;
  bool mandate = false;  // POR-05: the BC may manage her fiche
  std::string updated_at;
};
// The RSGE of the BC, by name.
std::vector<AdhesionRow> adhesion_of_bc(db::Connection& c, std::int64_t bc_id);

}  // namespace sgee::portail

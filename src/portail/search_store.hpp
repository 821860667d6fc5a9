#pragma once
// The public map's search over the published fiches (issue 14, POR-07). No cache: every search
// reads the fiches as they are now, through the index fiches_map (published, map_latitude,
// map_longitude), so a fiche published, withdrawn or moved on any server shows at once everywhere.
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "geo/geo.hpp"
#include "platform/db/db.hpp"
#include "portail/search_generate.hpp"
#include "portail/search_rules.hpp"

namespace sgee::portail::search {

// One provider found, with what the public may see of it.
struct Found {
  std::int64_t id = 0;
  std::string number, name, kind;  // kind: cpe, gs, gns, rsge
  geo::Point at;                   // the fiche's map position (an RSGE's approximate one)
  double distance_km = 0;
  std::string opening_days, opens_at, closes_at;  // "1111100", "07:00", "18:00"
  std::optional<std::int64_t> places;             // total, from the permit / recognition
  bool free_shown = false;                        // the provider shows its free places
  std::optional<std::int64_t> free_0_17, free_18_59, free_school;
  bool periods_shown = false;
  std::vector<std::string> periods;
  // The API's JSON object of the provider without its distance and braces ("\"kind\":…"), made
  // once when the fiches are read, shared by every answer that holds it.
  std::shared_ptr<const std::string> json_members;
};

// SQL: the organization `org` (an alias) is not an RSGE suspended on `today` (a placeholder or
// a quoted date), or her suspension ends within the days her BC chose (POR-06, migration 0021).
std::string not_suspended_sql(const std::string& org, const std::string& today);

// The API's JSON object of a provider, without its distance (public fields only).
nlohmann::json public_json(const Found& f);

struct Page {
  std::vector<Found> results;  // this page, by distance then name
  int total = 0;               // every provider found
  int pages = 0;
};

// The published fiches, in memory, searched without a query per fiche. Each search first reads
// the database's map generation (one row, migration 0015: triggers add one at every change of a
// fiche or of what the map shows of its organization); when it moved, the fiches are read again.
// So a fiche published, withdrawn or edited on any server is found (or not) at the next search on
// every server; nothing goes stale. One per server (add_search_routes), shared by its threads.
class Index {
 public:
  // The published providers within `query.radius_km` of `centre` that pass every filter, sorted
  // by distance then name: the `query.page`th page of kPageSize.
  Page find(db::Connection& c, geo::Point centre, const Query& query);

 private:
  struct Entry {
    Found found;  // what the public may see (hidden fields left out)
    Candidate filter;
    geo::Unit unit;  // found.at as a unit vector: distances compared without trigonometry
  };
  struct Snapshot {
    std::int64_t generation = 0;
    std::string today;           // the day it was read: suspensions end by the day
    std::vector<Entry> entries;  // in latitude order
  };
  static std::shared_ptr<const Snapshot> load(db::Connection& c, std::int64_t generation,
                                              const std::string& today);
  std::shared_ptr<const Snapshot> current(db::Connection& c);

  std::mutex mutex_;         // guards snapshot_
  std::mutex reload_mutex_;  // one reload at a time
  std::shared_ptr<const Snapshot> snapshot_;
};

// Stores generated providers (`sgee generate --providers`): their organizations, their fiches
// with the map positions portail::refresh_map_position would give (an RSGE's approximate one under
// the installation's map key), and the reference addresses. Throws when a number already exists.
// Call it in a transaction.
void add_generated(db::Connection& c, const GeneratedProviders& g);

}  // namespace sgee::portail::search

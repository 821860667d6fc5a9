#pragma once
// The public map's search (issue 14, POR-07): what a query may ask, checked before any database
// read. Pure: no database, no HTTP, no clock.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sgee::portail::search {

inline constexpr int kMinRadiusKm = 1, kMaxRadiusKm = 50, kDefaultRadiusKm = 5;
inline constexpr int kPageSize = 20;

// A provider's kind as the map names it: "cpe", "gs", "gns" (installations) or "rsge".
// Subsidized places: CPE, GS and RSGE yes; GNS no (POR-07).
bool subsidized(std::string_view kind);

// A validated search. Empty sets and nullopt: no filter.
struct Query {
  std::string near;  // an address or a postal code, geocoded by the caller
  int radius_km = kDefaultRadiusKm;
  std::set<std::string> kinds;  // cpe, gs, gns, rsge
  std::optional<bool> subsidized;
  std::optional<std::string> age;  // 0_17, 18_59, school: places free now in that age group
  std::set<std::string> periods;   // day, evening, night, weekend: all offered
  bool available = false;          // places free now, any age group
  int page = 1;
};

// A parameter the search refuses: its name (as sent) and why, a word the messages are keyed by
// ("radius", "kind", …: the API's message is search.error.<reason>, naming the parameter; the
// map page's map.error.<reason>, naming the field).
struct ParamError {
  std::string parameter;
  std::string reason;
};

// Reads the query string's pairs (in order; a parameter may repeat only where it takes several
// values: kind, period). An empty value is no filter (a form sends its empty fields), except
// for `near`, which is required. `lang` is allowed and ignored. Any other name is refused.
std::variant<Query, ParamError> parse(const std::vector<std::pair<std::string, std::string>>& q);

// What a filter looks at in a published fiche.
struct Candidate {
  std::string kind;     // cpe, gs, gns, rsge
  std::string visible;  // the fiche's shown optional fields, comma-separated
  std::string periods;  // offered, comma-separated
  std::optional<std::int64_t> free_0_17, free_18_59, free_school;
};

// Whether a published provider passes the query's filters (POR-07). A filter on an optional field
// (periods, free places) passes only a provider who shows that field (POR-02): otherwise a hidden
// value would leak through the filter.
bool matches(const Candidate& c, const Query& q);

// The fiche's `visible` list ("periods,free_places") holds `field`.
bool visible(std::string_view visible_list, std::string_view field);

// Distance in km to one decimal, as shown (1.25 -> 1.3).
double shown_distance(double km);

}  // namespace sgee::portail::search

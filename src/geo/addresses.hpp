#pragma once
// The address reference (DOS-13) and geocoding (issue 14): the registry's dossier form checks a
// guardian's address against it, the autocomplete (/adresses) offers its rows, and the Portail's
// map turns what a visitor typed (an address or a postal code) into a position.
#include <optional>
#include <string>
#include <vector>

#include "geo/geo.hpp"
#include "platform/db/db.hpp"

namespace sgee::geo {

// Empty reference: "not available here" (the registry then skips its address checks).
bool addresses_loaded(db::Connection& c);
// Civic number, street and municipality folded: the key of an exact lookup.
std::string address_match_key(const std::string& civic, const std::string& street,
                              const std::string& municipality);
bool address_exists(db::Connection& c, const std::string& civic, const std::string& street,
                    const std::string& municipality);
// The reference's address with this civic number, street and municipality (accents and case
// ignored), with its position, if there is one.
std::optional<ReferenceAddress> find_address(db::Connection& c, const std::string& civic,
                                             const std::string& street,
                                             const std::string& municipality);

// Adding reference rows (an import first empties the table, in the same transaction).
void add_addresses(db::Connection& c, const std::vector<ReferenceAddress>& rows);

// Address autocomplete: the reference's addresses whose folded text ("147 rue des patriotes
// quebec g1g 1g1") starts with `prefix` (folded by the caller), at most `limit`, in order.
std::vector<ReferenceAddress> addresses_starting(db::Connection& c, const std::string& prefix,
                                                 int limit);
// The autocomplete's label of an address: "147 rue des Patriotes, Québec G1G 1G1".
std::string address_label(const ReferenceAddress& a);

// Geocoding. `query` is a postal code alone (A1A 1A1, with or without the space, any case: the
// centroid of the reference's addresses with that code) or an address exactly as the reference
// has it: its whole label ("147 rue des Patriotes, Québec G1G 1G1"; accents, case, commas and
// repeated spaces ignored), or "civic street, municipality" without the postal code. Both are
// index lookups (addresses_search, addresses_match), never a scan of the reference.
enum class GeocodeError {
  empty,                  // nothing typed
  malformed_postal_code,  // looks like a postal code (starts with a letter) but is not one
  unknown_postal_code,    // a postal code no address of the reference has
  unknown_address,        // no address of the reference matches
};
struct Geocoded {
  std::optional<Point> at;
  GeocodeError error = GeocodeError::empty;
};
Geocoded geocode(db::Connection& c, const std::string& query);

}  // namespace sgee::geo

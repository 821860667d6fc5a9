#pragma once
#include <optional>
#include <string>
#include <string_view>
// Positions and distances (issue 14): below every capability, used by the registry, the register
// of organizations and the Portail's map. Pure: no database, no HTTP.

namespace sgee::geo {

// A position in decimal degrees (WGS 84).
struct Point {
  double latitude = 0;
  double longitude = 0;
};

// A row of the address reference (DOS-13): the registry's dossier form, the register of
// organizations and the Portail's family file and map geocode with it.
struct ReferenceAddress {
  std::string civic_number, civic_suffix, street, municipality, postal_code;
  std::optional<double> latitude, longitude;
};

// Whether what a visitor typed is meant as a postal code rather than an address: an address of
// the reference starts with its civic number, a postal code with a letter ("H2X 1Y4", "h2x1y4",
// "H2X 1Y" all are; text::valid_postal_code then says whether it is a well-formed one).
bool looks_like_postal_code(std::string_view typed);

// The great-circle distance between two points, in kilometres (haversine, mean Earth radius
// 6371.0088 km): within 0.5 % of the ellipsoid's distance anywhere in Québec.
double distance_km(Point a, Point b);

// The approximate position the public map shows for a home-based provider (an RSGE), never her
// address: her position moved by a distance of 300 to 800 m in a direction, both drawn from a
// keyed BLAKE2b hash of `id` (her organization number) under `key` (the installation's secret,
// at least 16 bytes). The same id and key always give the same point, so repeated searches cannot
// average the offset away; without the key, the direction and distance cannot be known.
// A point as a unit vector from the Earth's centre. The straight-line (chord) distance between two
// of them grows with the great-circle distance, so comparing squared chords compares distances
// without any trigonometry per point (the map's search: sin and cos once per point, when its
// index is read). chord2_of_km and km_of_chord2 convert, exactly as distance_km computes.
struct Unit {
  double x = 0, y = 0, z = 0;
};
Unit unit_vector(Point p);
inline double chord2(Unit a, Unit b) {
  const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz;
}
double chord2_of_km(double km);
double km_of_chord2(double chord2);

// Whether `b` lies within `radius_km` of `a` (the edge included).
bool within_km(Point a, Point b, double radius_km);

// The latitude and longitude bounds of every point within `radius_km` of `centre`: a box an
// index can answer, checked afterwards with distance_km (a circle fits inside it).
struct Box {
  double min_latitude, max_latitude, min_longitude, max_longitude;
};
Box bounding_box(Point centre, double radius_km);

inline constexpr double kMinOffsetM = 300, kMaxOffsetM = 800;
Point approximate(Point real, std::string_view key, std::string_view id);

}  // namespace sgee::geo

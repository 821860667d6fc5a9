#pragma once
#include <string_view>
// Positions and distances (issue 14): below every capability, used by the registry, the register
// of organizations and the Portail's map. Pure: no database, no HTTP.

namespace sgee::geo {

// A position in decimal degrees (WGS 84).
struct Point {
  double latitude = 0;
  double longitude = 0;
};

// The great-circle distance between two points, in kilometres (haversine, mean Earth radius
// 6371.0088 km): within 0.5 % of the ellipsoid's distance anywhere in Québec.
double distance_km(Point a, Point b);

// The approximate position the public map shows for a home-based provider (an RSGE), never her
// address: her position moved by a distance of 300 to 800 m in a direction, both drawn from a
// keyed BLAKE2b hash of `id` (her organization number) under `key` (the installation's secret,
// at least 16 bytes). The same id and key always give the same point, so repeated searches cannot
// average the offset away; without the key, the direction and distance cannot be known.
inline constexpr double kMinOffsetM = 300, kMaxOffsetM = 800;
Point approximate(Point real, std::string_view key, std::string_view id);

}  // namespace sgee::geo

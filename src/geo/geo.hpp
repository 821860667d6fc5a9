#pragma once
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

}  // namespace sgee::geo

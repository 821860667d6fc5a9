// Positions and distances (src/geo): the haversine distance and the RSGE's approximate position.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "geo/geo.hpp"

namespace sgee::geo {
namespace {

const std::string kKey(64, 'k');

// The point `km` from `from` along a great circle leaving at `bearing` degrees.
Point approximate_at(Point from, double km, double bearing) {
  const double pi = 3.141592653589793, b = bearing * pi / 180, d = km / 6371.0088;
  const double lat1 = from.latitude * pi / 180, lon1 = from.longitude * pi / 180;
  const double lat2 =
      std::asin(std::sin(lat1) * std::cos(d) + std::cos(lat1) * std::sin(d) * std::cos(b));
  const double lon2 = lon1 + std::atan2(std::sin(b) * std::sin(d) * std::cos(lat1),
                                        std::cos(d) - std::sin(lat1) * std::sin(lat2));
  return {lat2 * 180 / pi, lon2 * 180 / pi};
}

TEST(GeoDistance, MontrealToQuebecCityIsAbout233Km) {
  // Place Ville-Marie (Montréal) to the Château Frontenac (Québec): 233 km on the ellipsoid.
  double d = distance_km({45.5017, -73.5699}, {46.8122, -71.2046});
  EXPECT_NEAR(d, 233.5, 1.5);
  EXPECT_DOUBLE_EQ(d, distance_km({46.8122, -71.2046}, {45.5017, -73.5699}));
  EXPECT_EQ(distance_km({46.8, -71.2}, {46.8, -71.2}), 0.0);
}

TEST(GeoApproximate, StableWithinBoundsAndKeyed) {
  const Point home{46.8139, -71.2080};
  for (int i = 0; i < 1000; ++i) {
    const std::string id = std::to_string(40000000 + i);
    Point p = approximate(home, kKey, id);
    double metres = distance_km(home, p) * 1000;
    EXPECT_GE(metres, kMinOffsetM - 0.5) << id;
    EXPECT_LE(metres, kMaxOffsetM + 0.5) << id;
    Point again = approximate(home, kKey, id);
    EXPECT_EQ(p.latitude, again.latitude);
    EXPECT_EQ(p.longitude, again.longitude);
  }
  Point a = approximate(home, kKey, "40000001");
  Point b = approximate(home, std::string(64, 'x'), "40000001");
  EXPECT_GT(distance_km(a, b) * 1000, 1.0);  // another key, another point
  EXPECT_THROW(approximate(home, "short", "40000001"), std::invalid_argument);
}

// The map's radius at the province's edges: its south (45.0° N, the border) and its north (62° N,
// Ivujivik): a point 1 km or 50 km due north or east is within that radius and not within less.
TEST(GeoDistance, RadiusEdgesAtTheSouthAndNorthOfTheProvince) {
  constexpr double kKmPerDegreeLatitude = 6371.0088 * 3.141592653589793 / 180.0;
  for (double latitude : {45.0, 62.0}) {
    const Point centre{latitude, -72.0};
    for (double km : {1.0, 50.0}) {
      const Point north{latitude + km / kKmPerDegreeLatitude, -72.0};
      EXPECT_NEAR(distance_km(centre, north), km, 1e-9) << latitude;
      EXPECT_TRUE(within_km(centre, north, km + 1e-9)) << latitude;
      EXPECT_FALSE(within_km(centre, north, km - 0.01)) << latitude;
      // Due east: a degree of longitude is cos(latitude) as long (about half at 62° N).
      const double dlon =
          km / (kKmPerDegreeLatitude * std::cos(latitude * 3.141592653589793 / 180));
      const Point east{latitude, -72.0 + dlon};
      EXPECT_NEAR(distance_km(centre, east), km, km * 1e-4) << latitude;
      // The bounding box holds every point of the circle (north and east edges included).
      const Box box = bounding_box(centre, km);
      EXPECT_GE(box.max_latitude, north.latitude);
      EXPECT_LE(box.min_latitude, latitude - (north.latitude - latitude));
      EXPECT_GE(box.max_longitude, east.longitude);
      EXPECT_LE(box.min_longitude, -72.0 - dlon);
      // And stays close to it: at most 1 % wider than the circle.
      EXPECT_LT(box.max_latitude - latitude, (north.latitude - latitude) * 1.01);
    }
  }
}

TEST(GeoDistance, BoundingBoxHoldsTheWholeCircleAt62North) {
  const Point centre{62.0, -75.0};
  const Box box = bounding_box(centre, 50);
  // Points on the circle in every direction (destination along a great circle, 5° apart).
  for (int bearing = 0; bearing < 360; bearing += 5) {
    const double b = bearing * 3.141592653589793 / 180, d = 50 / 6371.0088;
    const double lat1 = 62.0 * 3.141592653589793 / 180, lon1 = -75.0 * 3.141592653589793 / 180;
    const double lat2 =
        std::asin(std::sin(lat1) * std::cos(d) + std::cos(lat1) * std::sin(d) * std::cos(b));
    const double lon2 = lon1 + std::atan2(std::sin(b) * std::sin(d) * std::cos(lat1),
                                          std::cos(d) - std::sin(lat1) * std::sin(lat2));
    const Point p{lat2 * 180 / 3.141592653589793, lon2 * 180 / 3.141592653589793};
    EXPECT_NEAR(distance_km(centre, p), 50, 1e-6) << bearing;
    EXPECT_GE(p.latitude, box.min_latitude) << bearing;
    EXPECT_LE(p.latitude, box.max_latitude) << bearing;
    EXPECT_GE(p.longitude, box.min_longitude) << bearing;
    EXPECT_LE(p.longitude, box.max_longitude) << bearing;
  }
}

// The map's search compares squared chords: the same order and the same kilometres as the
// haversine distance, from a few metres to across the province.
TEST(GeoDistance, ChordsGiveTheHaversineDistanceAndOrder) {
  const Point centre{46.81, -71.21};
  const Unit u = unit_vector(centre);
  double last = -1;
  for (double km : {0.01, 0.3, 1.0, 4.99, 5.0, 5.01, 49.9, 50.0, 233.0, 1200.0}) {
    for (int bearing = 0; bearing < 360; bearing += 45) {
      const Point p = approximate_at(centre, km, bearing);
      EXPECT_NEAR(km_of_chord2(chord2(u, unit_vector(p))), distance_km(centre, p),
                  1e-9 * km + 1e-9);
    }
    const Point north = approximate_at(centre, km, 0);
    const double c2 = chord2(u, unit_vector(north));
    EXPECT_GT(c2, last) << km;
    last = c2;
    EXPECT_NEAR(chord2_of_km(km), c2, 1e-12);
  }
}

// What the map's address field holds is a postal code when it starts with a letter and has a
// digit: an address of the reference starts with its civic number.
TEST(GeoPostalCode, LooksLikePostalCode) {
  struct Case {
    const char* typed;
    bool postal;
  };
  const Case cases[] = {
      {"H2X 1Y4", true},     {"h2x1y4", true},  {"  G1G 1G1", true},
      {"H2X 1Y", true},      {"D1A 1A1", true}, {"147 rue des Patriotes, Québec", false},
      {"Laval", false},      {"", false},       {"   ", false},
      {"12 rue A1A", false},
  };
  for (const auto& c : cases) EXPECT_EQ(looks_like_postal_code(c.typed), c.postal) << c.typed;
}

}  // namespace
}  // namespace sgee::geo

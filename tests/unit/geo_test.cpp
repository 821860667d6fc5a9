// Positions and distances (src/geo): the haversine distance and the RSGE's approximate position.
#include <gtest/gtest.h>

#include <string>

#include "geo/geo.hpp"

namespace sgee::geo {
namespace {

const std::string kKey(64, 'k');

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

}  // namespace
}  // namespace sgee::geo

#include "geo/geo.hpp"

#include <cmath>
#include <numbers>

namespace sgee::geo {

namespace {
constexpr double kEarthRadiusKm = 6371.0088;
double radians(double degrees) {
  return degrees * std::numbers::pi / 180.0;
}
}  // namespace

double distance_km(Point a, Point b) {
  const double dlat = radians(b.latitude - a.latitude);
  const double dlon = radians(b.longitude - a.longitude);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(radians(a.latitude)) * std::cos(radians(b.latitude)) *
                       std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace sgee::geo

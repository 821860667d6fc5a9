#include "geo/geo.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <stdexcept>

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

bool looks_like_postal_code(std::string_view typed) {
  while (!typed.empty() && typed.front() == ' ') typed.remove_prefix(1);
  if (typed.empty()) return false;
  const unsigned char first = static_cast<unsigned char>(typed.front());
  if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) return false;
  return std::any_of(typed.begin(), typed.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

Unit unit_vector(Point p) {
  const double lat = radians(p.latitude), lon = radians(p.longitude);
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

double chord2_of_km(double km) {
  const double half = std::sin(km / kEarthRadiusKm / 2);
  return 4 * half * half;
}

double km_of_chord2(double chord2) {
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(chord2) / 2));
}

bool within_km(Point a, Point b, double radius_km) {
  return distance_km(a, b) <= radius_km;
}

Box bounding_box(Point centre, double radius_km) {
  // One degree of latitude is pi*R/180 km everywhere; a degree of longitude shrinks with the
  // cosine of the latitude, so the box is widened at the pole-side edge of the circle. A small
  // margin covers rounding.
  const double km_per_degree = kEarthRadiusKm * std::numbers::pi / 180.0;
  const double dlat = radius_km / km_per_degree * 1.001;
  const double far_lat = std::min(89.9, std::abs(centre.latitude) + dlat);
  const double dlon = radius_km / (km_per_degree * std::cos(radians(far_lat))) * 1.001;
  return {centre.latitude - dlat, centre.latitude + dlat, centre.longitude - dlon,
          centre.longitude + dlon};
}

Point approximate(Point real, std::string_view key, std::string_view id) {
  if (key.size() < crypto_generichash_KEYBYTES_MIN)
    throw std::invalid_argument("geo key too short");
  unsigned char h[16];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(id.data()), id.size(),
                     reinterpret_cast<const unsigned char*>(key.data()),
                     std::min<size_t>(key.size(), crypto_generichash_KEYBYTES_MAX));
  auto unit = [&h](int from) {  // a number in [0, 1) from 4 bytes of the hash
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | h[from + i];
    return v / 4294967296.0;
  };
  const double bearing = 2 * std::numbers::pi * unit(0);
  const double metres = kMinOffsetM + (kMaxOffsetM - kMinOffsetM) * unit(4);
  // Destination point along a great circle (exact on the sphere, so the distance stays in bounds).
  const double d = metres / 1000.0 / kEarthRadiusKm;
  const double lat1 = radians(real.latitude), lon1 = radians(real.longitude);
  const double lat2 =
      std::asin(std::sin(lat1) * std::cos(d) + std::cos(lat1) * std::sin(d) * std::cos(bearing));
  const double lon2 = lon1 + std::atan2(std::sin(bearing) * std::sin(d) * std::cos(lat1),
                                        std::cos(d) - std::sin(lat1) * std::sin(lat2));
  return {lat2 * 180.0 / std::numbers::pi, lon2 * 180.0 / std::numbers::pi};
}

}  // namespace sgee::geo

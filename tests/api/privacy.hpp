#pragma once
// RSGE privacy (issue 14): an RSGE works from home, so no public response (HTML, JSON, a map
// marker, an attribute) may give her street, her postal code or any coordinate within 250 m of her
// real address. `rsge_homes` reads every RSGE's address from the database; `leak` says what of it
// a response body gives away. Shared by the map's tests and the fiche pages' tests.
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/geo.hpp"
#include "platform/db/db.hpp"
#include "platform/text.hpp"

namespace sgee::test {

struct HomeAddress {
  std::string number;  // the RSGE's organization number
  std::string street, postal_code;
  std::optional<geo::Point> at;
};

inline std::vector<HomeAddress> rsge_homes(db::Connection& c) {
  auto r = c.run(
      "SELECT number, COALESCE(street, ''), COALESCE(postal_code, ''), latitude, longitude "
      "FROM organizations WHERE kind = 'rsge' ORDER BY number");
  std::vector<HomeAddress> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    HomeAddress h{row.str(0), row.str(1), row.str(2), std::nullopt};
    if (!row.is_null(3) && !row.is_null(4)) h.at = geo::Point{row.f64(3), row.f64(4)};
    out.push_back(std::move(h));
  }
  return out;
}

// Every decimal number written in `body` ("46.81234", "-71.2"), in order.
inline std::vector<double> decimals(const std::string& body) {
  std::vector<double> out;
  for (size_t i = 0; i < body.size(); ++i) {
    size_t j = i;
    if (body[j] == '-') ++j;
    size_t digits = j;
    while (j < body.size() && std::isdigit(static_cast<unsigned char>(body[j]))) ++j;
    if (j == digits || j >= body.size() || body[j] != '.') continue;
    if (i > 0 && (std::isdigit(static_cast<unsigned char>(body[i - 1])) || body[i - 1] == '.'))
      continue;
    ++j;
    size_t fraction = j;
    while (j < body.size() && std::isdigit(static_cast<unsigned char>(body[j]))) ++j;
    if (j == fraction) continue;
    out.push_back(std::strtod(body.substr(i, j - i).c_str(), nullptr));
    i = j - 1;
  }
  return out;
}

// What of `home` `body` gives away: "" when nothing, else what (for the failure message).
// Coordinates: a latitude-like number and the number written just before or after it, when that
// one is longitude-like, together within 250 m of her address (however many decimals they are
// written with; a pair is two numbers side by side, as JSON and data attributes write them).
inline std::string leak(const std::string& body, const HomeAddress& home) {
  const std::string folded = text::search_key(body);
  if (!home.street.empty()) {
    for (const auto& form : {home.street, text::html_escape(home.street)})
      if (folded.find(text::search_key(form)) != std::string::npos)
        return "her street (" + home.street + ")";
  }
  if (!home.postal_code.empty()) {
    std::string joined;
    for (char ch : home.postal_code)
      if (ch != ' ') joined += ch;
    for (const auto& form : {home.postal_code, joined})
      if (folded.find(text::search_key(form)) != std::string::npos)
        return "her postal code (" + home.postal_code + ")";
  }
  if (home.at) {
    auto n = decimals(body);
    for (size_t i = 0; i < n.size(); ++i) {
      if (n[i] < 40 || n[i] > 65) continue;  // a latitude in or near Québec
      for (size_t j : {i - 1, i + 1}) {
        if (j >= n.size()) continue;             // i - 1 wrapped below 0, or past the end
        if (n[j] > -55 || n[j] < -85) continue;  // a longitude in or near Québec
        double m = geo::distance_km(*home.at, {n[i], n[j]}) * 1000;
        if (m < 250)
          return "a position " + std::to_string(static_cast<int>(m)) + " m from her address (" +
                 std::to_string(n[i]) + ", " + std::to_string(n[j]) + ")";
      }
    }
  }
  return "";
}

}  // namespace sgee::test

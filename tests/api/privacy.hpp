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

// Every decimal number written in `body`, with a point or a comma ("46.81234", "-71,2"), in order.
inline std::vector<double> decimals(const std::string& body) {
  std::vector<double> out;
  auto digit = [&body](size_t k) {
    return k < body.size() && std::isdigit(static_cast<unsigned char>(body[k]));
  };
  for (size_t i = 0; i < body.size(); ++i) {
    if (i > 0 && (digit(i - 1) || body[i - 1] == '.')) continue;  // inside a number
    size_t j = i;
    if (body[j] == '-') ++j;
    size_t digits = j;
    while (digit(j)) ++j;
    if (j == digits || j >= body.size() || (body[j] != '.' && body[j] != ',') || !digit(j + 1))
      continue;
    std::string number = body.substr(i, j - i) + ".";
    ++j;
    while (digit(j)) number += body[j++];
    out.push_back(std::strtod(number.c_str(), nullptr));
    i = j - 1;
  }
  return out;
}

// What of `home` `body` gives away: "" when nothing, else what (for the failure message).
// - her street, as written or HTML-escaped, accents and case aside;
// - her postal code, with or without its space; on a page about her alone (`about_her`), even its
//   first three characters followed by a space (it must not narrow her down to her postal area);
// - a position within 250 m of her address, however many decimals it is written with, with a point
//   or a comma: a latitude-like number and the number just before or after it (as JSON and data
//   attributes write a pair); on a page about her alone, any two numbers of the page. (A page of
//   many providers holds hundreds of numbers: any two of them may fall near anyone by chance.)
inline std::string leak(const std::string& body, const HomeAddress& home, bool about_her = false) {
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
    if (about_her && home.postal_code.size() >= 3 &&
        text::lower(body).find(text::lower(home.postal_code.substr(0, 3)) + " ") !=
            std::string::npos)
      return "the start of her postal code (" + home.postal_code.substr(0, 3) + ")";
  }
  if (home.at) {
    auto n = decimals(body);
    auto near_home = [&home](double la, double lo) -> std::string {
      if (la < 40 || la > 65 || lo > -55 || lo < -85) return "";  // not a position in Québec
      double m = geo::distance_km(*home.at, {la, lo}) * 1000;
      if (m >= 250) return "";
      return "a position " + std::to_string(static_cast<int>(m)) + " m from her address (" +
             std::to_string(la) + ", " + std::to_string(lo) + ")";
    };
    for (size_t i = 0; i < n.size(); ++i) {
      if (about_her) {
        for (double other : n)
          if (auto what = near_home(n[i], other); !what.empty()) return what;
        continue;
      }
      for (size_t j : {i - 1, i + 1})  // i - 1 wraps around below 0: past the end
        if (j < n.size())
          if (auto what = near_home(n[i], n[j]); !what.empty()) return what;
    }
  }
  return "";
}

}  // namespace sgee::test

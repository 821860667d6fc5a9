#include "geo/addresses.hpp"

#include "platform/text.hpp"

namespace sgee::geo {

bool addresses_loaded(db::Connection& c) {
  return !c.run("SELECT 1 FROM addresses LIMIT 1").empty();
}

std::string address_match_key(const std::string& civic, const std::string& street,
                              const std::string& municipality) {
  return text::search_key(text::trim(civic)) + "|" + text::search_key(text::trim(street)) + "|" +
         text::search_key(text::trim(municipality));
}

bool address_exists(db::Connection& c, const std::string& civic, const std::string& street,
                    const std::string& municipality) {
  return !c.run("SELECT 1 FROM addresses WHERE match_key = $1 LIMIT 1",
                address_match_key(civic, street, municipality))
              .empty();
}

std::optional<ReferenceAddress> find_address(db::Connection& c, const std::string& civic,
                                             const std::string& street,
                                             const std::string& municipality) {
  auto r = c.run(
      "SELECT civic_number, COALESCE(civic_suffix, ''), street, municipality, postal_code, "
      "latitude, longitude FROM addresses WHERE match_key = $1 ORDER BY id LIMIT 1",
      address_match_key(civic, street, municipality));
  if (r.empty()) return std::nullopt;
  auto row = r.first();
  ReferenceAddress a{row.str(0), row.str(1), row.str(2), row.str(3), row.str(4), {}, {}};
  if (!row.is_null(5)) a.latitude = row.f64(5);
  if (!row.is_null(6)) a.longitude = row.f64(6);
  return a;
}

void add_addresses(db::Connection& c, const std::vector<ReferenceAddress>& rows) {
  for (const auto& r : rows) {
    std::string suffix(text::trim(r.civic_suffix));
    std::string postal = text::normalized_postal_code(r.postal_code);
    std::string label =
        r.civic_number + suffix + " " + r.street + " " + r.municipality + " " + postal;
    c.run(
        "INSERT INTO addresses (civic_number, civic_suffix, street, municipality, postal_code, "
        "latitude, longitude, search_key, match_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        std::string(text::trim(r.civic_number)),
        suffix.empty() ? std::optional<std::string>() : suffix, std::string(text::trim(r.street)),
        std::string(text::trim(r.municipality)), postal, r.latitude, r.longitude,
        text::search_key(label), address_match_key(r.civic_number, r.street, r.municipality));
  }
}

std::vector<ReferenceAddress> addresses_starting(db::Connection& c, const std::string& prefix,
                                                 int limit) {
  std::string pattern;
  for (char ch : prefix) {
    if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
    pattern += ch;
  }
  auto r = c.run(
      "SELECT civic_number, COALESCE(civic_suffix, ''), street, municipality, postal_code, "
      "latitude, longitude FROM addresses WHERE search_key LIKE $1 ESCAPE '\\' ORDER BY "
      "search_key LIMIT $2",
      pattern + "%", limit);
  std::vector<ReferenceAddress> out;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    ReferenceAddress a{row.str(0), row.str(1), row.str(2), row.str(3), row.str(4), {}, {}};
    if (!row.is_null(5)) a.latitude = row.f64(5);
    if (!row.is_null(6)) a.longitude = row.f64(6);
    out.push_back(std::move(a));
  }
  return out;
}

std::string address_label(const ReferenceAddress& a) {
  return a.civic_number + a.civic_suffix + " " + a.street + ", " + a.municipality + " " +
         a.postal_code;
}

Geocoded geocode(db::Connection& c, const std::string& query) {
  std::string q(text::trim(query));
  if (q.empty()) return {{}, GeocodeError::empty};
  if (looks_like_postal_code(q)) {
    if (!text::valid_postal_code(q)) return {{}, GeocodeError::malformed_postal_code};
    auto r = c.run(
        "SELECT AVG(latitude), AVG(longitude), COUNT(latitude) FROM addresses "
        "WHERE postal_code = $1 AND latitude IS NOT NULL AND longitude IS NOT NULL",
        text::normalized_postal_code(q));
    if (r.empty() || r.first().i64(2) == 0) return {{}, GeocodeError::unknown_postal_code};
    return {Point{r.first().f64(0), r.first().f64(1)}, GeocodeError::empty};
  }
  // 1. The whole label, folded as the reference stores it (commas are spaces, one space between
  // words): an exact lookup through addresses_search.
  std::string folded;
  for (char ch : text::search_key(q)) {
    if (ch == ',' || ch == ' ' || ch == '\t') {
      if (!folded.empty() && folded.back() != ' ') folded += ' ';
    } else {
      folded += ch;
    }
  }
  while (!folded.empty() && folded.back() == ' ') folded.pop_back();
  auto r = c.run(
      "SELECT latitude, longitude FROM addresses WHERE search_key = $1 AND latitude IS NOT NULL "
      "AND longitude IS NOT NULL LIMIT 1",
      folded);
  if (!r.empty()) return {Point{r.first().f64(0), r.first().f64(1)}, GeocodeError::empty};
  // 2. "civic street, municipality [postal code]", as the autocomplete writes it: an exact lookup
  // of civic number, street and municipality through addresses_match (never a scan).
  const auto comma = q.rfind(',');
  if (comma == std::string::npos) return {{}, GeocodeError::unknown_address};
  std::string left(text::trim(q.substr(0, comma))), right(text::trim(q.substr(comma + 1)));
  std::optional<std::string> postal;
  for (size_t cut : {size_t{7}, size_t{6}}) {  // "G1G 1G1" or "G1G1G1" at the end
    if (right.size() > cut && right[right.size() - cut - 1] == ' ' &&
        text::valid_postal_code(right.substr(right.size() - cut))) {
      postal = text::normalized_postal_code(right.substr(right.size() - cut));
      right = std::string(text::trim(right.substr(0, right.size() - cut)));
      break;
    }
  }
  size_t digits = 0;
  while (digits < left.size() && left[digits] >= '0' && left[digits] <= '9') ++digits;
  const auto space = left.find(' ');
  if (digits == 0 || space == std::string::npos || right.empty())
    return {{}, GeocodeError::unknown_address};
  auto m = c.run(
      "SELECT latitude, longitude, postal_code FROM addresses WHERE match_key = $1 AND latitude "
      "IS NOT NULL AND longitude IS NOT NULL ORDER BY id LIMIT 10",
      address_match_key(left.substr(0, digits), left.substr(space + 1), right));
  for (size_t i = 0; i < m.size(); ++i) {
    auto row = m.row(i);
    if (!postal || row.str(2) == *postal)
      return {Point{row.f64(0), row.f64(1)}, GeocodeError::empty};
  }
  return {{}, GeocodeError::unknown_address};
}

}  // namespace sgee::geo

#include "portail/reserve_generate.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "access/store.hpp"
#include "platform/log.hpp"
#include "platform/text.hpp"
#include "portail/family_store.hpp"

namespace sgee::portail::reserve_gen {

namespace {

namespace fs = family_store;

const char* const kSurnames[] = {"Tremblay", "Gagnon",    "Roy",      "Côté",     "Bouchard",
                                 "Gauthier", "Morin",     "Lavoie",   "Fortin",   "Gagné",
                                 "Ouellet",  "Pelletier", "Bélanger", "Lévesque", "Bergeron"};
const char* const kGiven[] = {"Emma", "Léa",  "Alice",   "Florence", "Zoé",   "Olivia", "Charlotte",
                              "Liam", "Noah", "William", "Thomas",   "Jacob", "Léo",    "Nathan"};

std::int64_t add_parent(db::Connection& c, const std::string& email, const std::string& surname,
                        const std::string& given) {
  // No password: a generated or demo family's parent cannot sign in.
  return c
      .run(
          "INSERT INTO users (kind, email, surname, given_name, password_hash, created_at, "
          "sort_key) VALUES ('parent', $1, $2, $3, '!', $4, $5) RETURNING id",
          email, surname, given, log::utc_now_iso(),
          text::search_key(surname) + '\t' + text::search_key(given))
      .first()
      .i64(0);
}

std::string random_hex(size_t bytes) {
  std::vector<unsigned char> b(bytes);
  randombytes_buf(b.data(), b.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (auto x : b) {
    out += kHex[x >> 4];
    out += kHex[x & 15];
  }
  return out;
}

struct Place {
  std::int64_t id = 0;
  std::string number;
  double lat = 0, lon = 0;
};

}  // namespace

Generated generate_families(db::Connection& c, const FamilyOptions& o, dates::Date today) {
  auto r = c.run(
      "SELECT o.id, o.number, COALESCE(f.map_latitude, o.latitude), COALESCE(f.map_longitude, "
      "o.longitude) FROM organizations o LEFT JOIN fiches f ON f.organization_id = o.id WHERE "
      "(o.kind = 'rsge' OR (o.kind = 'installation' AND o.installation_kind IN ('CPE', 'GS', "
      "'GNS'))) ORDER BY o.number");
  std::vector<Place> places;
  std::optional<Place> target;
  for (size_t i = 0; i < r.size(); ++i) {
    auto row = r.row(i);
    Place p{row.i64(0), row.str(1), 0, 0};
    bool positioned = !row.is_null(2) && !row.is_null(3);
    if (positioned) {
      p.lat = row.f64(2);
      p.lon = row.f64(3);
    }
    if (p.number == o.reserve_of) target = p;
    if (positioned) places.push_back(p);
  }
  if (!o.reserve_of.empty() && !target)
    throw std::invalid_argument("--reserve-of: no installation or RSGE with number " +
                                o.reserve_of);
  if (places.empty() && !target)
    throw std::invalid_argument(
        "--families: no provider with a position (generate --providers "
        "first)");
  std::mt19937_64 rng(o.seed);
  auto uniform = [&](double a, double b) { return std::uniform_real_distribution<>(a, b)(rng); };
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  auto nearest = [&](double lat, double lon, size_t n, std::int64_t skip) {
    std::vector<std::pair<double, size_t>> d;
    d.reserve(places.size());
    double k = std::cos(lat * M_PI / 180);
    for (size_t i = 0; i < places.size(); ++i) {
      if (places[i].id == skip) continue;
      double dy = places[i].lat - lat, dx = (places[i].lon - lon) * k;
      d.emplace_back(dx * dx + dy * dy, i);
    }
    n = std::min(n, d.size());
    std::partial_sort(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(n), d.end());
    std::vector<std::int64_t> out;
    for (size_t i = 0; i < n; ++i) out.push_back(places[d[i].second].id);
    return out;
  };
  Generated out;
  auto now = log::utc_now_iso();
  auto run = random_hex(4);
  db::Transaction tx(c);
  for (int i = 0; i < o.families; ++i) {
    const auto& anchor =
        target ? *target : places[static_cast<size_t>(pick(static_cast<int>(places.size())))];
    double lat = anchor.lat + uniform(-0.03, 0.03), lon = anchor.lon + uniform(-0.04, 0.04);
    std::string surname = kSurnames[pick(std::size(kSurnames))];
    std::string given = kGiven[pick(std::size(kGiven))];
    fs::Family f;
    f.user_id = add_parent(c, "famille-" + run + "-" + std::to_string(i) + "@generated.test",
                           surname, given);
    f.parent1_surname = surname;
    f.parent1_given_name = given;
    f.address.civic_number = std::to_string(100 + pick(9000));
    f.address.street = "rue " + std::string(kSurnames[pick(std::size(kSurnames))]);
    f.address.municipality = "Québec";
    f.address.postal_code = "G1A 0A1";
    f.address.latitude = lat;
    f.address.longitude = lon;
    f.phone = "418555" + std::to_string(1000 + pick(9000));
    f.language = "fr";
    f.id = fs::save_family(c, f);
    ++out.families;
    auto chosen = nearest(lat, lon, target ? 2 : 3, target ? target->id : 0);
    if (target) chosen.insert(chosen.begin(), target->id);
    int children = 1 + (pick(10) >= 6) + (pick(10) >= 8);
    for (int k = 0; k < children; ++k) {
      ChildInput ch;
      ch.surname = surname;
      ch.given_name = kGiven[pick(std::size(kGiven))];
      auto birth = dates::add_days(today, -pick(4 * 365));
      ch.birth_date = dates::format(birth);
      ch.sex = pick(2) ? "F" : "M";
      auto desired = dates::add_months(birth, 6 + pick(24));
      ch.desired_start = dates::format(std::max(desired, birth));
      bool full = pick(10) < 8;
      for (int d = 0; d < 5; ++d) ch.schedule[static_cast<size_t>(d)] = full || d < 3 ? 3 : 0;
      ch.accept_partial = pick(2) == 0;
      ch.accept_replacement = pick(3) == 0;
      auto made = fs::add_child(c, f.id, ch);
      ++out.children;
      if (pick(10) == 0)
        c.run("UPDATE portail_children SET priority_criteria = $2 WHERE id = $1", made.id,
              std::string(pick(2) ? "precarious" : "parent_studies"));
      for (auto org : chosen) {
        fs::set_choice(c, made.id, org, false, now);
        ++out.choices;
      }
    }
  }
  tx.commit();
  return out;
}

void seed_demo_reserve(db::Connection& c, dates::Date today) {
  if (!c.run("SELECT 1 FROM users WHERE email = 'famille1@example.test'").empty()) return;
  std::vector<std::int64_t> orgs;
  for (const char* number : {"20000001", "20000003", "40000001"})
    if (auto o = access::store::organization_by_number(c, number)) orgs.push_back(o->id);
  if (orgs.empty()) return;
  auto addresses =
      c.run("SELECT civic_number, street, municipality FROM addresses ORDER BY search_key LIMIT 9");
  struct Kid {
    const char* given;
    int months_old, desired_in_months;
    bool full, partial, replacement;
    const char* criteria;
  };
  struct Demo {
    const char *surname, *given, *partner;
    std::vector<Kid> kids;
    bool staff = false;  // the parent says they work at the CPE
  };
  const std::vector<Demo> families = {
      {"Tremblay", "Julie", "Marc", {{"Emma", 20, -2, true, false, false, ""}}, true},
      {"Gagnon", "Isabelle", "", {{"Liam", 11, 1, true, true, false, "precarious"}}},
      {"Roy",
       "Mélanie",
       "Patrick",
       {{"Zoé", 30, -1, true, false, true, ""}, {"Léo", 8, 4, false, true, false, ""}}},
      {"Côté", "Nadia", "", {{"Olivia", 16, 2, false, true, true, ""}}},
      {"Bouchard", "Karine", "Éric", {{"William", 26, 0, true, false, false, "parent_studies"}}},
      {"Ouellet", "Sarah", "", {{"Florence", 6, 6, true, true, false, ""}}},
      {"Lévesque", "Annie", "Simon", {{"Thomas", 40, -3, false, false, true, ""}}},
      {"Pelletier", "Valérie", "", {{"Nathan", 13, 3, true, true, true, ""}}},
  };
  auto now = log::utc_now_iso();
  db::Transaction tx(c);
  int n = 0;
  for (const auto& d : families) {
    ++n;
    fs::Family f;
    f.user_id = add_parent(c, "famille" + std::to_string(n) + "@example.test", d.surname, d.given);
    f.parent1_surname = d.surname;
    f.parent1_given_name = d.given;
    if (*d.partner) {
      f.parent2_surname = d.surname;
      f.parent2_given_name = d.partner;
    }
    auto a = static_cast<size_t>(n) % std::max<size_t>(1, addresses.size());
    if (!addresses.empty())
      if (auto home = fs::reference_address(c, addresses.row(a).str(0), addresses.row(a).str(1),
                                            addresses.row(a).str(2)))
        f.address = *home;
    f.phone = "41855501" + std::to_string(10 + n);
    f.language = "fr";
    f.id = fs::save_family(c, f);
    for (const auto& k : d.kids) {
      ChildInput ch;
      ch.surname = d.surname;
      ch.given_name = k.given;
      ch.birth_date = dates::format(dates::add_months(today, -k.months_old));
      ch.sex = n % 2 ? "F" : "M";
      ch.desired_start = dates::format(dates::add_months(today, k.desired_in_months));
      for (int day = 0; day < 5; ++day)
        ch.schedule[static_cast<size_t>(day)] = k.full || day < 3 ? 3 : 0;
      ch.accept_partial = k.partial;
      ch.accept_replacement = k.replacement;
      auto made = fs::add_child(c, f.id, ch);
      if (*k.criteria)
        c.run("UPDATE portail_children SET priority_criteria = $2 WHERE id = $1", made.id,
              std::string(k.criteria));
      for (auto org : orgs) fs::set_choice(c, made.id, org, false, now);
      if (d.staff)
        c.run(
            "UPDATE portail_choices SET staff_parent = 1 WHERE child_id = $1 AND "
            "organization_id IN ($2, $3)",
            made.id, orgs.front(), orgs.back());
    }
  }
  tx.commit();
}

std::int64_t demo_child(db::Connection& c, const std::string& email, const std::string& surname,
                        const std::string& parent_given, const std::string& partner_given,
                        const std::string& child_given, const std::string& sex, int months_old,
                        dates::Date today) {
  auto existing = c.run(
      "SELECT ch.id FROM portail_children ch JOIN family_files f ON f.id = ch.family_id JOIN "
      "users u ON u.id = f.user_id WHERE u.email = $1 ORDER BY ch.id LIMIT 1",
      email);
  if (!existing.empty()) return existing.first().i64(0);
  fs::Family f;
  f.user_id = add_parent(c, email, surname, parent_given);
  f.parent1_surname = surname;
  f.parent1_given_name = parent_given;
  if (!partner_given.empty()) {
    f.parent2_surname = surname;
    f.parent2_given_name = partner_given;
  }
  auto a = c.run(
      "SELECT civic_number, street, municipality FROM addresses ORDER BY search_key DESC LIMIT 1");
  if (!a.empty())
    if (auto home = fs::reference_address(c, a.first().str(0), a.first().str(1), a.first().str(2)))
      f.address = *home;
  f.phone = "4185550177";
  f.language = "fr";
  f.id = fs::save_family(c, f);
  ChildInput ch;
  ch.surname = surname;
  ch.given_name = child_given;
  ch.birth_date = dates::format(dates::add_months(today, -months_old));
  ch.sex = sex;
  ch.desired_start = dates::format(dates::add_months(today, 1));
  for (size_t day = 0; day < 5; ++day) ch.schedule[day] = 3;
  return fs::add_child(c, f.id, ch).id;
}

}  // namespace sgee::portail::reserve_gen

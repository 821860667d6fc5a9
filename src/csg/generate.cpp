#include "csg/generate.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>

#include "csg/json.hpp"

namespace sgee::csg {

namespace {

constexpr std::array kSurnames = {
    "Tremblay", "Gagnon",   "Roy",      "Côté",      "Bouchard",  "Gauthier", "Morin",
    "Lavoie",   "Fortin",   "Gagné",    "Ouellet",   "Pelletier", "Bélanger", "Lévesque",
    "Bergeron", "Leblanc",  "Paquette", "Girard",    "Simard",    "Boucher",  "Caron",
    "Beaulieu", "Cloutier", "Dubé",     "Poirier",   "Fournier",  "Lapointe", "Leclerc",
    "Lefebvre", "Poulin",   "Thibault", "St-Pierre", "Nadeau",    "Martin",   "Landry",
    "Martel",   "Bédard",   "Grenier",  "Lessard",   "Bernier"};
constexpr std::array kGirls = {"Emma",  "Léa",     "Alice",    "Florence", "Olivia",   "Charlie",
                               "Zoé",   "Rosalie", "Juliette", "Mia",      "Béatrice", "Livia",
                               "Clara", "Maëlle",  "Éva",      "Charlotte"};
constexpr std::array kBoys = {"Noah",    "William", "Léo",    "Liam",  "Thomas", "Jacob",
                              "Édouard", "Nathan",  "Arthur", "Louis", "Félix",  "Émile",
                              "Raphaël", "Henri",   "Jules",  "Victor"};
constexpr std::array kAdultsF = {"Marie",     "Julie",     "Isabelle", "Catherine", "Mélanie",
                                 "Stéphanie", "Geneviève", "Valérie",  "Annie",     "Karine"};
constexpr std::array kAdultsM = {"Mathieu", "Simon", "Maxime",    "Jean-François", "Sébastien",
                                 "Patrick", "David", "Alexandre", "Éric",          "François"};
constexpr std::array kStreets = {"rue des Patriotes", "boulevard Charest", "avenue Cartier",
                                 "rue Saint-Jean",    "chemin Sainte-Foy", "rue de la Couronne",
                                 "avenue Maguire",    "rue Principale",    "boulevard Hamel",
                                 "rue des Érables",   "rue du Parc",       "avenue Royale"};
struct Town {
  const char* name;
  const char* fsa;  // forward sortation area (valid letters only)
  double lat, lon;
  const char* region;  // administrative region
};
constexpr std::array kTowns = {Town{"Québec", "G1R", 46.81, -71.21, "03"},
                               Town{"Lévis", "G6V", 46.80, -71.18, "12"},
                               Town{"Montréal", "H2X", 45.51, -73.57, "06"},
                               Town{"Laval", "H7N", 45.56, -73.72, "13"},
                               Town{"Gatineau", "J8Y", 45.48, -75.70, "07"},
                               Town{"Sherbrooke", "J1H", 45.40, -71.89, "05"},
                               Town{"Trois-Rivières", "G9A", 46.35, -72.55, "04"},
                               Town{"Saguenay", "G7H", 48.43, -71.07, "02"},
                               Town{"Rimouski", "G5L", 48.45, -68.52, "01"},
                               Town{"Longueuil", "J4K", 45.53, -73.52, "16"}};

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  template <typename A>
  auto pick(const A& a) {
    return a[static_cast<size_t>(uniform(0, static_cast<int>(a.size()) - 1))];
  }

 private:
  std::mt19937_64 rng_;
};

std::string number(int base, int i) {
  return std::to_string(base + i);
}

Date monday_on_or_after(Date d) {
  return dates::add_days(d, (7 - dates::weekday(d)) % 7);
}

Schedule one_week(std::array<std::uint8_t, 7> days) {
  return Schedule{1, std::vector<std::uint8_t>(days.begin(), days.end())};
}

constexpr std::uint8_t kDay = kAm | kPm;

// The seed's common patterns, and longer ones.
Schedule some_schedule(Gen& g) {
  int p = g.uniform(0, 99);
  if (p < 55) return one_week({kDay, kDay, kDay, kDay, kDay, 0, 0});              // full week
  if (p < 70) return one_week({kDay, kDay, kDay, 0, 0, 0, 0});                    // part time
  if (p < 75) return one_week({kAm, kAm, kAm, kAm, kAm, 0, 0});                   // mornings
  if (p < 80) return one_week({kDay | kS1, kDay | kS1, kDay, kDay, kDay, 0, 0});  // day + evening
  if (p < 90) {  // every other day, over two weeks
    Schedule s{2, {kDay, 0, kDay, 0, kDay, 0, 0, 0, kDay, 0, kDay, 0, 0, 0}};
    return s;
  }
  Schedule s{4, {}};  // a four-week rotation: three weeks full, one week of three days
  for (int w = 0; w < 4; ++w)
    for (int d = 0; d < 7; ++d) s.days.push_back(d < (w == 3 ? 3 : 5) ? kDay : 0);
  return s;
}

}  // namespace

size_t Generated::dossier_count() const {
  size_t n = 0;
  for (const auto& c : components) n += c.dossiers.size();
  return n;
}

Generated generate(const GenerateOptions& o) {
  Gen g(o.seed);
  Generated out;
  // Organizations: 85 % of children in installations of about 70, 15 % with RSGE of 6 each,
  // about 40 RSGE per BC.
  int home_children = static_cast<int>(o.children * 0.15);
  int centre_children = o.children - home_children;
  int installations = std::max(1, centre_children / std::max(1, o.per_installation));
  int rsge_count = std::max(1, (home_children + 5) / 6);
  int bcs = std::max(1, (rsge_count + 39) / 40);
  int division = 0;
  std::vector<size_t> centre_components;
  for (int i = 0; i < installations; ++division) {
    GeneratedOrg d{"division", number(11000000, division), "", "", "", 0, 0, 0, 0};
    d.name = std::string(i % 3 == 0 ? "CPE " : "Garderie ") + g.pick(kSurnames) + " " +
             std::to_string(division + 1);
    out.organizations.push_back(d);
    int count = std::min(installations - i, g.uniform(1, 3));
    for (int k = 0; k < count; ++k, ++i) {
      GeneratedOrg inst{"installation", number(21000000, i), "", d.number, "", 0, 0, 0, 0};
      inst.installation_kind = i % 3 == 0 ? "CPE" : (i % 3 == 1 ? "GS" : "GNS");
      auto town = g.pick(kTowns);
      inst.name = d.name + " — " + town.name + " " + std::to_string(k + 1);
      inst.region = town.region;
      inst.places_0_17 = 10;
      inst.places_18_59 = 70;
      out.organizations.push_back(inst);
      centre_components.push_back(out.components.size());
      out.components.push_back({inst.number, false, {}});
    }
  }
  std::vector<std::string> rsge_numbers;
  std::vector<size_t> bc_of_rsge;
  for (int b = 0; b < bcs; ++b, ++division) {
    GeneratedOrg d{"division",
                   number(11000000, division),
                   "CPE Bureau coordonnateur " + std::to_string(b + 1),
                   "",
                   "",
                   0,
                   0,
                   0,
                   0};
    out.organizations.push_back(d);
    GeneratedOrg bc{"bc",
                    number(31000000, b),
                    "Bureau coordonnateur " + std::to_string(b + 1),
                    d.number,
                    "",
                    0,
                    0,
                    0,
                    0};
    bc.region = kTowns[static_cast<size_t>(b) % kTowns.size()].region;
    out.organizations.push_back(bc);
    out.components.push_back({bc.number, true, {}});
    for (int r = b * 40; r < std::min(rsge_count, (b + 1) * 40); ++r) {
      GeneratedOrg rsge{"rsge", number(41000000, r), "", bc.number, "", 0, 0, 0, 6};
      rsge.name = std::string("Service de garde ") + g.pick(kAdultsF) + " " + g.pick(kSurnames);
      rsge.region = bc.region;
      out.organizations.push_back(rsge);
      rsge_numbers.push_back(rsge.number);
      bc_of_rsge.push_back(out.components.size() - 1);
    }
  }
  // The address reference.
  int address_count = std::max(20, o.children / 2);
  for (int a = 0; a < address_count; ++a) {
    const auto& town = kTowns[static_cast<size_t>(a) % kTowns.size()];
    static constexpr const char* kLdu = "ABCEGHJKLMNPRSTVWXYZ";
    std::string postal = std::string(town.fsa) + " " + std::to_string(a % 10) +
                         kLdu[(a / 10) % 20] + std::to_string((a / 200) % 10);
    out.addresses.push_back(
        {std::to_string(1 + a / static_cast<int>(kTowns.size() * kStreets.size())), "",
         kStreets[(static_cast<size_t>(a) / kTowns.size()) % kStreets.size()], town.name, postal,
         town.lat + (a % 97) * 0.001, town.lon - (a % 89) * 0.001});
  }
  // The children.
  std::map<int, int> per_birth_date;
  for (int child = 0; child < o.children; ++child) {
    bool home = child >= centre_children;
    GeneratedComponent* component;
    std::optional<std::string> rsge;
    if (home) {
      int r = (child - centre_children) % static_cast<int>(rsge_numbers.size());
      component = &out.components[bc_of_rsge[static_cast<size_t>(r)]];
      rsge = rsge_numbers[static_cast<size_t>(r)];
    } else {
      component =
          &out.components[centre_components[static_cast<size_t>(child) % centre_components.size()]];
    }
    Dossier d;
    d.ref = std::to_string(10000000 + child);
    d.rsge = rsge;
    Sex sex = g.chance(0.005) ? Sex::X : (g.chance(0.5) ? Sex::F : Sex::M);
    Date birth = dates::add_days(o.today, -g.uniform(90, 6 * 365));
    std::string surname = g.pick(kSurnames);
    std::string given = sex == Sex::M ? g.pick(kBoys) : g.pick(kGirls);
    d.child.surname = surname;
    d.child.given_name = given;
    d.child.sex = sex;
    d.child.birth_date = birth;
    bool outside = g.chance(0.03);
    d.child.born_outside_quebec = outside;
    if (!outside) {
      int n = per_birth_date[birth.days]++;
      std::string ymd = dates::format(birth);
      std::string nirec = (n % 2 ? "11" : "12") + ymd.substr(0, 4) + ymd.substr(5, 2) +
                          ymd.substr(8, 2) + std::to_string(100 + n % 900).substr(0, 3);
      // Past 900 children born the same day, the number uses the thousands too.
      if (n >= 900) nirec = nirec.substr(0, 10) + std::to_string(n).substr(0, 3);
      d.child.nirec = nirec;
      out.civil_registry.push_back({nirec, surname, given, sex, birth});
    }
    bool mother = g.chance(0.5);
    d.guardian.surname = surname;
    d.guardian.given_name = mother ? g.pick(kAdultsF) : g.pick(kAdultsM);
    d.guardian.role = g.chance(0.02) ? Role::tutor : (mother ? Role::mother : Role::father);
    if (outside && d.guardian.role == Role::tutor)
      d.parent = Adult{surname, std::string(g.pick(kAdultsF)), Role::mother};
    const auto& addr = out.addresses[static_cast<size_t>(g.uniform(0, address_count - 1))];
    d.guardian.address = {addr.civic_number, std::nullopt,      addr.street,
                          std::nullopt,      addr.municipality, addr.postal_code};
    // Age brackets (school age: 5 on 30 September).
    d.age_brackets.push_back({Bracket::infant, birth});
    Date toddler = dates::add_months(birth, 18);
    Date horizon = dates::add_days(o.today, 365);
    if (toddler <= horizon) d.age_brackets.push_back({Bracket::toddler, toddler});
    int school_year = dates::year_of(birth) + 5 + (dates::month_of(birth) >= 10 ? 1 : 0);
    Date school = dates::from_ymd(school_year, 9, 1);
    bool has_school = school <= horizon;
    if (has_school) d.age_brackets.push_back({Bracket::school, school});
    // Agreements: one to three, one after the other, never across the school date.
    Date start = monday_on_or_after(
        std::max(dates::add_months(birth, 4), dates::add_days(o.today, -2 * 365)));
    int count = g.uniform(1, 3);
    bool replacement = g.chance(0.02);
    for (int k = 0; k < count; ++k) {
      Date end = dates::add_days(dates::add_months(start, g.uniform(6, 12)), -1);
      if (has_school && start < school && end >= school) end = dates::add_days(school, -1);
      if (end < start) break;
      Agreement a;
      a.ref = "E" + std::to_string(k + 1);
      a.start = start;
      a.end = end;
      a.reduced_contribution = component->number[0] == '3' || g.chance(0.8);
      a.replacement = replacement;
      a.is_signed = g.chance(0.97);
      if (!replacement) a.schedule = some_schedule(g);
      d.agreements.push_back(a);
      start = dates::add_days(end, 1);
      if (start > horizon) break;
    }
    if (g.chance(0.05) && !d.agreements.empty())
      d.ecp_periods.push_back({d.agreements.front().start, std::nullopt});
    if (g.chance(0.03))
      d.handicap_periods.push_back({{dates::add_months(birth, 12), std::nullopt}, {}});
    // Shared custody: the other parent's dossier at another installation, week on, week off.
    if (!home && !replacement && centre_components.size() > 1 && g.chance(0.04) &&
        !d.agreements.empty()) {
      Dossier other = d;
      other.ref = std::to_string(20000000 + child);
      other.guardian.given_name = mother ? g.pick(kAdultsM) : g.pick(kAdultsF);
      other.guardian.role = mother ? Role::father : Role::mother;
      for (size_t k = 0; k < d.agreements.size(); ++k) {
        Schedule week1{2, {kDay, kDay, kDay, kDay, kDay, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
        Schedule week2{2, {0, 0, 0, 0, 0, 0, 0, kDay, kDay, kDay, kDay, kDay, 0, 0}};
        d.agreements[k].schedule = week1;
        other.agreements[k].schedule = week2;
      }
      auto& target = out.components[centre_components[(static_cast<size_t>(child) + 1) %
                                                      centre_components.size()]];
      target.dossiers.push_back(other);
    }
    // Deliberate errors, at the stated rate.
    if (g.chance(o.error_rate)) {
      ++out.deliberate_errors;
      switch (g.uniform(0, 2)) {
        case 0: d.guardian.address.postal_code = "D1D 1D1"; break;
        case 1:
          if (!d.agreements.empty()) {
            d.agreements[0].end = dates::add_days(*d.agreements[0].start, -1);
            break;
          }
          [[fallthrough]];
        default: d.child.sex = std::nullopt; break;
      }
    }
    component->dossiers.push_back(std::move(d));
  }
  return out;
}

Dossier limits_dossier(const std::string& ref, int n) {
  using dates::add_days;
  using dates::from_ymd;
  Dossier d;
  d.ref = ref;
  std::string letters;
  for (int k = n; letters.size() < 4; k /= 26) letters += static_cast<char>('a' + k % 26);
  d.child = {"Limite", "Enfant-" + letters, Sex::F, from_ymd(2020, 1, 15), true, {}, {}};
  static_cast<Adult&>(d.guardian) = {"Limite", "Mère", Role::mother};
  d.guardian.address = {"147", {}, "rue des Patriotes", "2", "Québec", "G1G 1G1"};
  d.other_guardian = Adult{"Limite", "Père", Role::father};
  d.age_brackets = {{Bracket::infant, from_ymd(2020, 1, 15)},
                    {Bracket::toddler, from_ymd(2021, 7, 15)},
                    {Bracket::school, from_ymd(2025, 9, 1)}};
  const Date monday = from_ymd(2020, 2, 3);
  for (int i = 0; i < 100; ++i) {
    Date start = add_days(monday, 7 * i), end = add_days(start, 6);
    d.cisss_periods.push_back({start, end});
    d.ecp_periods.push_back({start, end});
    d.handicap_periods.push_back({{start, end}, std::nullopt});
  }
  Schedule week{1, {kAm | kPm, kAm | kPm, kAm | kPm, kAm | kPm, kAm | kPm, 0, 0}};
  Schedule short_day{1, {kAm, kAm, kAm, kAm, kAm, 0, 0}};
  for (int i = 0; i < 200; ++i) {
    Agreement a;
    a.ref = "E" + std::to_string(i + 1);
    a.start = add_days(monday, 7 * i);
    a.end = add_days(*a.start, 6);
    a.reduced_contribution = a.is_signed = true;
    a.schedule = week;
    for (int k = 0; k < (i < 100 ? 3 : 2); ++k)
      a.special_schedules.push_back({add_days(*a.start, k), add_days(*a.start, k), short_day});
    d.agreements.push_back(std::move(a));
  }
  return d;
}

std::string limits_batch(std::size_t max_bytes) {
  std::string out = "{\"dossiers\":[";
  for (int i = 0; i < 1000; ++i) {
    char ref[16];
    std::snprintf(ref, sizeof ref, "L%04d", i + 1);
    std::string one = to_json_text(limits_dossier(ref, i));
    if (out.size() + one.size() + 3 > max_bytes) break;
    if (i > 0) out += ',';
    out += one;
  }
  return out + "]}";
}

}  // namespace sgee::csg

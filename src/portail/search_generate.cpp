#include "portail/search_generate.hpp"

#include <array>
#include <cmath>
#include <map>
#include <numbers>
#include <random>

namespace sgee::portail::search {

namespace {

struct Town {
  const char* name;
  const char* fsa;  // a forward sortation area of the town (valid letters only)
  double lat, lon;
  int population;      // thousands, rounded
  const char* region;  // administrative region "01"…"17"
};

// Towns of every region with their population: providers follow people.
constexpr std::array kTowns = {
    Town{"Rimouski", "G5L", 48.449, -68.524, 49, "01"},
    Town{"Rivière-du-Loup", "G5R", 47.830, -69.536, 20, "01"},
    Town{"Saguenay", "G7H", 48.428, -71.068, 145, "02"},
    Town{"Alma", "G8B", 48.550, -71.651, 31, "02"},
    Town{"Québec", "G1R", 46.813, -71.208, 550, "03"},
    Town{"Trois-Rivières", "G9A", 46.350, -72.549, 140, "04"},
    Town{"Shawinigan", "G9N", 46.567, -72.749, 50, "04"},
    Town{"Sherbrooke", "J1H", 45.404, -71.889, 175, "05"},
    Town{"Magog", "J1X", 45.266, -72.148, 28, "05"},
    Town{"Montréal", "H2X", 45.510, -73.570, 1800, "06"},
    Town{"Gatineau", "J8Y", 45.477, -75.701, 290, "07"},
    Town{"Rouyn-Noranda", "J9X", 48.239, -79.019, 42, "08"},
    Town{"Val-d'Or", "J9P", 48.097, -77.783, 33, "08"},
    Town{"Sept-Îles", "G4R", 50.212, -66.376, 25, "09"},
    Town{"Baie-Comeau", "G4Z", 49.221, -68.150, 21, "09"},
    Town{"Chibougamau", "G8P", 49.913, -74.367, 8, "10"},
    Town{"Kuujjuaq", "J0M", 58.104, -68.399, 3, "10"},
    Town{"Gaspé", "G4X", 48.831, -64.487, 15, "11"},
    Town{"Les Îles-de-la-Madeleine", "G4T", 47.383, -61.860, 12, "11"},
    Town{"Lévis", "G6V", 46.803, -71.178, 150, "12"},
    Town{"Saint-Georges", "G5Y", 46.117, -70.669, 33, "12"},
    Town{"Laval", "H7N", 45.560, -73.720, 440, "13"},
    Town{"Terrebonne", "J6W", 45.700, -73.647, 120, "14"},
    Town{"Repentigny", "J6A", 45.742, -73.450, 86, "14"},
    Town{"Joliette", "J6E", 46.022, -73.442, 21, "14"},
    Town{"Saint-Jérôme", "J7Z", 45.780, -74.004, 80, "15"},
    Town{"Mirabel", "J7J", 45.650, -74.083, 60, "15"},
    Town{"Mont-Tremblant", "J8E", 46.119, -74.596, 10, "15"},
    Town{"Longueuil", "J4K", 45.531, -73.518, 255, "16"},
    Town{"Brossard", "J4W", 45.459, -73.465, 92, "16"},
    Town{"Saint-Jean-sur-Richelieu", "J3B", 45.307, -73.263, 100, "16"},
    Town{"Granby", "J2G", 45.400, -72.733, 70, "16"},
    Town{"Saint-Hyacinthe", "J2S", 45.631, -72.957, 57, "16"},
    Town{"Vaudreuil-Dorion", "J7V", 45.400, -74.033, 45, "16"},
    Town{"Drummondville", "J2B", 45.883, -72.484, 80, "17"},
    Town{"Victoriaville", "G6P", 46.057, -71.960, 48, "17"},
};

constexpr std::array kStreets = {"rue Principale",   "rue Saint-Louis",   "boulevard des Forges",
                                 "avenue des Pins",  "rue Notre-Dame",    "rue du Couvent",
                                 "chemin du Lac",    "rue des Bouleaux",  "avenue du Parc",
                                 "rue Sainte-Marie", "boulevard Laurier", "rue de l'Église"};
constexpr std::array kWords = {"Les Petits Pas",   "La Ribambelle",   "Les Lucioles",
                               "Le Petit Monde",   "Les Coccinelles", "L'Arc-en-ciel",
                               "Les Explorateurs", "La Cabane",       "Les Marmots",
                               "Le Jardin",        "Les Hiboux",      "La Ruche"};
constexpr std::array kGiven = {"Marie",   "Julie", "Sophie", "Nathalie", "Isabelle", "Caroline",
                               "Mélanie", "Annie", "Karine", "Josée",    "Chantal",  "Amélie"};
constexpr std::array kSurnames = {"Tremblay", "Gagnon",    "Roy",      "Côté",     "Bouchard",
                                  "Gauthier", "Morin",     "Lavoie",   "Fortin",   "Gagné",
                                  "Ouellet",  "Pelletier", "Bélanger", "Lévesque", "Bergeron"};

class Rand {
 public:
  explicit Rand(std::uint64_t seed) : rng_(seed) {}
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double real() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  bool chance(double p) { return real() < p; }
  double normal() { return std::normal_distribution<double>(0, 1)(rng_); }
  template <typename A>
  auto pick(const A& a) {
    return a[static_cast<size_t>(uniform(0, static_cast<int>(a.size()) - 1))];
  }
  // A town, weighted by its population.
  size_t town() {
    static const int total = [] {
      int t = 0;
      for (const auto& town : kTowns) t += town.population;
      return t;
    }();
    int x = uniform(0, total - 1);
    for (size_t i = 0; i < kTowns.size(); ++i) {
      x -= kTowns[i].population;
      if (x < 0) return i;
    }
    return 0;
  }

 private:
  std::mt19937_64 rng_;
};

// A point in and around a town: most within its built-up area (a spread growing with its
// population), some in its surroundings.
geo::Point around(Rand& r, const Town& t) {
  double sigma_km = std::min(12.0, 1.0 + std::sqrt(t.population * 1000.0) / 120.0);
  if (r.chance(0.12)) sigma_km *= 3;  // the surroundings
  const double north = r.normal() * sigma_km, east = r.normal() * sigma_km;
  const double km_per_degree = 6371.0088 * std::numbers::pi / 180.0;
  return {t.lat + north / km_per_degree,
          t.lon + east / (km_per_degree * std::cos(t.lat * std::numbers::pi / 180.0))};
}

std::string postal_code(Rand& r, const Town& t) {
  static constexpr const char* kLdu = "ABCEGHJKLMNPRSTVWXYZ";
  return std::string(t.fsa) + " " + std::to_string(r.uniform(0, 9)) + kLdu[r.uniform(0, 19)] +
         std::to_string(r.uniform(0, 9));
}

void fiche(Rand& r, GeneratedProvider& p, double unpublished, bool home) {
  p.published = !r.chance(unpublished);
  p.opening_days = home && r.chance(0.1) ? "1111110" : "1111100";
  static constexpr std::array kOpens = {"06:30", "07:00", "07:00", "07:30"};
  static constexpr std::array kCloses = {"17:30", "18:00", "18:00", "18:30"};
  p.opens_at = r.pick(kOpens);
  p.closes_at = r.pick(kCloses);
  p.periods = "day";
  if (r.chance(home ? 0.15 : 0.08)) p.periods += ",evening";
  if (r.chance(0.03)) p.periods += ",night";
  if (r.chance(home ? 0.08 : 0.04)) p.periods += ",weekend";
  p.languages = r.chance(0.2) ? "fr,en" : "fr";
  // Most show their periods and free places; a few hide them (the filters must not find those).
  std::string visible;
  if (r.chance(0.9)) visible = "periods";
  if (r.chance(0.8)) visible += std::string(visible.empty() ? "" : ",") + "free_places";
  if (p.installation_kind == "GNS") {
    p.daily_rate_cents = 4000 + 500 * r.uniform(0, 8);
    if (r.chance(0.7)) visible += std::string(visible.empty() ? "" : ",") + "rates";
  }
  p.visible = visible;
  auto some = [&r](int most) { return r.chance(0.7) ? 0 : r.uniform(1, most); };
  if (home) {
    p.free_0_17 = some(2);
    p.free_18_59 = some(3);
  } else {
    p.free_0_17 = some(3);
    p.free_18_59 = some(8);
    p.free_school = 0;
  }
}

}  // namespace

GeneratedProviders generate_providers(const ProviderOptions& o) {
  Rand r(o.seed);
  GeneratedProviders out;
  // The province's mix: about 1,500 CPE installations and 1,000 garderies for 16,500 providers;
  // the rest RSGE, about 80 per BC, each BC in a town with its RSGE around it.
  const int installations = std::max(1, o.providers * 2500 / 16500);
  const int cpe = installations * 3 / 5;
  const int rsge_count = std::max(0, o.providers - installations);
  int division = 0;
  auto add_address = [&out](const GeneratedProvider& p) {
    out.addresses.push_back({p.civic_number, "", p.street, p.municipality, p.postal_code,
                             p.at->latitude, p.at->longitude});
  };
  for (size_t t = 0; t < kTowns.size(); ++t) {  // each town's centre is in the reference
    const Town& town = kTowns[t];
    out.addresses.push_back({"1", "", "rue de l'Hôtel-de-Ville", town.name,
                             std::string(town.fsa) + " 1A1", town.lat, town.lon});
  }
  for (int i = 0; i < installations; ++i, ++division) {
    const Town& town = kTowns[r.town()];
    GeneratedProvider d;
    d.kind = "division";
    d.number = std::to_string(12000000 + division);
    d.name = std::string(i < cpe ? "CPE " : "Garderie ") + r.pick(kWords) + " " +
             std::to_string(division + 1);
    out.organizations.push_back(d);
    GeneratedProvider p;
    p.kind = "installation";
    p.number = std::to_string(22000000 + i);
    p.parent = d.number;
    p.installation_kind = i < cpe ? "CPE" : (i % 2 ? "GS" : "GNS");
    p.name = d.name + " — " + town.name;
    p.region = town.region;
    p.places_0_17 = 10 * r.uniform(0, 2);
    p.places_18_59 = 10 * r.uniform(3, 7);
    p.civic_number = std::to_string(r.uniform(1, 2999));
    p.street = r.pick(kStreets);
    p.municipality = town.name;
    p.postal_code = postal_code(r, town);
    p.at = around(r, town);
    fiche(r, p, o.unpublished, false);
    add_address(p);
    out.organizations.push_back(std::move(p));
  }
  // RSGE: per town, BCs of 80 RSGE at most.
  std::map<size_t, std::pair<std::string, int>> bc_of_town;  // town -> (BC number, its RSGE)
  int bcs = 0;
  for (int i = 0; i < rsge_count; ++i) {
    const size_t t = r.town();
    const Town& town = kTowns[t];
    auto& [bc_number, in_bc] = bc_of_town[t];
    if (bc_number.empty() || in_bc >= 80) {
      GeneratedProvider d;
      d.kind = "division";
      d.number = std::to_string(12000000 + division++);
      d.name = "CPE Bureau coordonnateur " + std::string(town.name) + " " + std::to_string(bcs + 1);
      out.organizations.push_back(d);
      GeneratedProvider bc;
      bc.kind = "bc";
      bc.number = std::to_string(32000000 + bcs++);
      bc.parent = d.number;
      bc.name = "Bureau coordonnateur " + std::string(town.name) + " " + std::to_string(bcs);
      bc.region = town.region;
      out.organizations.push_back(bc);
      bc_number = bc.number;
      in_bc = 0;
    }
    ++in_bc;
    GeneratedProvider p;
    p.kind = "rsge";
    p.number = std::to_string(42000000 + i);
    p.parent = bc_number;
    p.name = std::string("Service de garde ") + r.pick(kGiven) + " " + r.pick(kSurnames);
    p.region = town.region;
    p.places = r.chance(0.8) ? 6 : 9;
    p.civic_number = std::to_string(r.uniform(1, 2999));
    p.street = r.pick(kStreets);
    p.municipality = town.name;
    p.postal_code = postal_code(r, town);
    p.at = around(r, town);
    fiche(r, p, o.unpublished, true);
    out.organizations.push_back(std::move(p));
  }
  return out;
}

}  // namespace sgee::portail::search

#include "portail/fiche_demo.hpp"

#include "portail/fiche_store.hpp"
#include "portail/position.hpp"

namespace sgee::portail {

namespace {

struct DemoAddress {
  const char* number;
  const char* civic;
  const char* street;
  const char* postal_code;
  double latitude, longitude;
};

// Where the demo providers are (Québec City; fictitious civic numbers).
const DemoAddress kAddresses[] = {
    {"20000001", "1200", "3e Avenue", "G1L 2X5", 46.8268, -71.2262},
    {"20000002", "7800", "1re Avenue", "G1H 2Y3", 46.8615, -71.2658},
    {"20000003", "2600", "chemin Sainte-Foy", "G1V 1V4", 46.7781, -71.2853},
    {"20000004", "350", "rue Saint-Joseph Est", "G1K 3B2", 46.8153, -71.2232},
    {"40000001", "825", "rue des Érables", "G1S 3Z9", 46.7993, -71.2421},
    {"40000002", "4520", "boulevard Henri-Bourassa", "G1H 3A5", 46.8482, -71.2446},
};

struct DemoFiche {
  const char* number;
  bool published;
  Fiche fiche;
};

Fiche fiche(std::string days, std::string opens, std::string closes,
            std::vector<std::string> periods, std::string group, std::vector<std::string> langs,
            std::string presentation, std::optional<std::int64_t> free_0_17,
            std::optional<std::int64_t> free_18_59, std::set<std::string> visible) {
  Fiche f;
  f.opening_days = std::move(days);
  f.opens_at = std::move(opens);
  f.closes_at = std::move(closes);
  f.periods = std::move(periods);
  f.group_composition = std::move(group);
  f.languages = std::move(langs);
  f.presentation = std::move(presentation);
  f.free_0_17 = free_0_17;
  f.free_18_59 = free_18_59;
  f.visible = std::move(visible);
  return f;
}

}  // namespace

void seed_demo_fiches(db::Connection& c) {
  for (const auto& a : kAddresses) {
    auto r = c.run(
        "UPDATE organizations SET civic_number = $2, street = $3, municipality = 'Québec', "
        "postal_code = $4, latitude = $5, longitude = $6 WHERE number = $1 AND latitude IS NULL",
        a.number, a.civic, a.street, a.postal_code, a.latitude, a.longitude);
    (void)r;
  }
  const std::set<std::string> all = {"periods",   "group_composition", "rates",
                                     "languages", "presentation",      "free_places"};
  const std::vector<DemoFiche> fiches = {
      {"20000001", true,
       fiche("1111100", "07:00", "18:00", {"day"},
             "Six groupes : un groupe de poupons (10 enfants), cinq groupes de 18 à 59 mois.",
             {"fr", "en"},
             "Notre CPE de Limoilou accueille les enfants dans un grand bâtiment lumineux, à deux "
             "pas du parc Cartier-Brébeuf. Jeux extérieurs tous les jours, cuisine maison et "
             "éveil à la lecture avec la bibliothèque du quartier.",
             0, 3, all)},
      {"20000003", true,
       fiche("1111111", "07:00", "19:00", {"day", "evening", "weekend"},
             "Groupes multiâges de 8 à 10 enfants.", {"fr", "en", "es"},
             "Garderie subventionnée près de l'Université Laval, ouverte aussi la fin de semaine "
             "pour les parents étudiants et le personnel hospitalier.",
             2, 5, all)},
      {"40000001", true,
       fiche("1111100", "07:30", "17:30", {"day"},
             "Six enfants de 12 mois à 5 ans ; une assistante le matin.", {"fr", "en"},
             "Milieu familial chaleureux à Sainte-Foy, grande cour clôturée, sorties au parc "
             "chaque jour et repas préparés sur place.",
             0, 1, {"periods", "group_composition", "languages", "presentation", "free_places"})},
      // A provider that started its fiche and has not published it yet.
      {"20000004", false,
       fiche("1111100", "07:00", "18:00", {"day"}, "", {"fr"}, "", std::nullopt, std::nullopt, {})},
      // 20000002 (Charlesbourg) and 40000002 (Karine Roy) have never started theirs: the BC's
      // adhesion view and the public notice show her.
  };
  for (const auto& d : fiches) {
    auto r = c.run("SELECT id FROM organizations WHERE number = $1", d.number);
    if (r.empty()) continue;
    auto id = r.first().i64(0);
    if (load_fiche(c, id)) continue;
    save_fiche(c, id, d.fiche, d.published, std::nullopt);
  }
}

}  // namespace sgee::portail

// `seed --demo`: the demo parent (André Bégin, parent@example.test, src/access/demo.cpp) gets a
// family file at the first address of the demo address reference, with two children (siblings)
// and their requests (Léa's with an admission priority: a parent enrolled in a program); each child
// chooses up to two demo providers whose fiche is published (none when no fiche is published yet).
#include "access/store.hpp"
#include "platform/log.hpp"
#include "portail/family.hpp"
#include "portail/family_store.hpp"

namespace sgee::portail {

void seed_demo_family(db::Connection& c, dates::Date today) {
  auto parent = access::store::user_by_login(c, "parent@example.test");
  if (!parent || family_store::family_of_user(c, parent->id)) return;
  db::Transaction tx(c);
  family_store::Family f;
  f.user_id = parent->id;
  f.parent1_surname = parent->surname;
  f.parent1_given_name = parent->given_name;
  f.parent2_surname = "Lavoie";
  f.parent2_given_name = "Sophie";
  f.parent2_email = "sophie.lavoie@example.test";
  auto first =
      c.run("SELECT civic_number, street, municipality FROM addresses ORDER BY search_key LIMIT 1");
  if (!first.empty()) {
    auto row = first.first();
    if (auto home = family_store::reference_address(c, row.str(0), row.str(1), row.str(2)))
      f.address = *home;
  }
  f.phone = "4185550142";
  f.language = "fr";
  f.id = family_store::save_family(c, f);

  // Léa, 14 months, full weeks as soon as possible (from a date passed a month and ten days ago:
  // the first of the infants in the demo's réserves); Noah, 3 months, four days, with special
  // needs, in nine months.
  ChildInput lea;
  lea.surname = parent->surname;
  lea.given_name = "Léa";
  lea.birth_date = dates::format(dates::add_months(today, -14));
  lea.sex = "F";
  lea.desired_start = dates::format(dates::add_days(dates::add_months(today, -1), -10));
  lea.schedule = {3, 3, 3, 3, 3, 0, 0};
  lea.accept_partial = true;
  lea.priority_criteria = {"parent_studies"};  // issue 15: a parent is back in school
  ChildInput noah;
  noah.surname = parent->surname;
  noah.given_name = "Noah";
  noah.birth_date = dates::format(dates::add_months(today, -3));
  noah.sex = "M";
  noah.special_needs = true;
  noah.special_needs_text = "Allergie sévère aux arachides (auto-injecteur d'épinéphrine).";
  noah.desired_start = dates::format(dates::add_months(today, 9));
  noah.schedule = {3, 3, 3, 3, 0, 0, 0};
  noah.accept_replacement = true;
  auto a = family_store::add_child(c, f.id, lea);
  auto b = family_store::add_child(c, f.id, noah);

  // Choices: the first published installations and RSGE of the demo, by number.
  auto published = c.run(
      "SELECT o.number FROM organizations o JOIN fiches fi ON fi.organization_id = o.id WHERE "
      "fi.published = 1 AND (o.kind = 'rsge' OR (o.kind = 'installation' AND "
      "o.installation_kind IN ('CPE', 'GS', 'GNS'))) ORDER BY o.number LIMIT 2");
  auto now = log::utc_now_iso();
  for (size_t i = 0; i < published.size(); ++i)
    if (auto p = family_store::choosable_provider(c, published.row(i).str(0))) {
      family_store::set_choice(c, a.id, p->id, false, now);
      family_store::set_choice(c, b.id, p->id, i == 0, now);
    }
  tx.commit();
}

}  // namespace sgee::portail

// `seed --demo` (POR-06): the demo BC (Bureau coordonnateur de la Capitale, 30000001) has an
// admission of one of its RSGE waiting for its confirmation (Alice Morin, of a demo family of its
// own, by Service de garde Marie Tremblay, 40000001), and one RSGE suspended with a return date
// (Service de garde Karine Roy, 40000002: back in 20 days, on the map again 7 days before).
// Idempotent.
#include "access/store.hpp"
#include "portail/admission_store.hpp"
#include "portail/bc_pages.hpp"
#include "portail/bc_store.hpp"
#include "portail/reserve_generate.hpp"

namespace sgee::portail {

void seed_demo_bc(db::Connection& c, dates::Date today) {
  db::Transaction tx(c);
  auto marie = access::store::rsge_by_number(c, "40000001");
  auto karine = access::store::rsge_by_number(c, "40000002");
  if (marie) {
    auto child_id = reserve_gen::demo_child(c, "famille-morin@example.test", "Morin", "Sophie",
                                            "", "Alice", "F", 14, today);
    if (c.run("SELECT 1 FROM admissions WHERE child_id = $1 AND organization_id = $2", child_id,
              marie->id)
            .empty()) {
      admission_store::AdmitInput in;
      in.child_id = child_id;
      in.organization_id = marie->id;
      in.planned_start = dates::add_days(today, 30);
      auto marie_user = access::store::user_by_login(c, "E0000005");
      if (marie_user) in.user_id = marie_user->id;
      admission_store::admit(c, in);
    }
  }
  // Her contact details as her BC keeps them: the confirmation's e-mail goes there.
  if (marie && c.run("SELECT 1 FROM rsge_contacts WHERE rsge_id = $1", marie->id).empty())
    bc_store::save_contact(c, marie->id, {"4185550199", "marie.tremblay@example.test"},
                           std::nullopt);
  if (karine && access::store::suspensions_of(c, karine->id).empty()) {
    access::store::Suspension s;
    s.start_date = dates::format(dates::add_days(today, -10));
    s.end_date = dates::format(dates::add_days(today, 19));  // back in 20 days
    s.reason = "Inspection en cours à la résidence";
    s.show_days_before = 7;
    access::store::add_suspension(c, karine->id, s);
  }
  tx.commit();
}

}  // namespace sgee::portail

// `seed --demo` (issue 15, POR-04): a child of a demo family of its own (Jacob Fortin) admitted at
// the demo CPE (20000001); Noah chooses the demo RSGE (40000001) too, so that she finds him in her
// réserve, or by his confirmation number and birth date. Léa stays in the CPE's réserve (the
// referral's demo). Does nothing already done.
#include "access/store.hpp"
#include "platform/log.hpp"
#include "portail/admission_pages.hpp"
#include "portail/admission_store.hpp"
#include "portail/family_store.hpp"
#include "portail/reserve_generate.hpp"

namespace sgee::portail {

void seed_demo_admissions(db::Connection& c, dates::Date today) {
  auto parent = access::store::user_by_login(c, "parent@example.test");
  if (!parent) return;
  auto family = family_store::family_of_user(c, parent->id);
  if (!family) return;
  db::Transaction tx(c);
  auto cpe = c.run("SELECT id FROM organizations WHERE number = '20000001'");
  auto rsge = family_store::choosable_provider(c, "40000001");
  for (const auto& ch : family_store::children_of(c, family->id)) {
    if (ch.data.given_name == "Noah" && rsge) {
      bool chosen = false;
      for (const auto& choice : family_store::choices_of(c, ch.id))
        chosen = chosen || choice.provider.id == rsge->id;
      if (!chosen) family_store::set_choice(c, ch.id, rsge->id, true, log::utc_now_iso());
    }
  }
  if (!cpe.empty()) {
    auto org = cpe.first().i64(0);
    auto jacob = reserve_gen::demo_child(c, "famille-fortin@example.test", "Fortin", "Caroline",
                                         "Marc", "Jacob", "M", 22, today);
    if (c.run("SELECT 1 FROM admissions WHERE child_id = $1 AND organization_id = $2", jacob, org)
            .empty()) {
      admission_store::AdmitInput in;
      in.child_id = jacob;
      in.organization_id = org;
      in.planned_start = dates::add_days(today, 14);
      admission_store::admit(c, in);
    }
  }
  tx.commit();
}

}  // namespace sgee::portail

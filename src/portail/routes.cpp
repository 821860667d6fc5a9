#include "portail/routes.hpp"

#include "portail/admission_pages.hpp"
#include "portail/bc_pages.hpp"
#include "portail/family.hpp"
#include "portail/fiche_pages.hpp"
#include "portail/messages_pages.hpp"
#include "portail/priority_pages.hpp"
#include "portail/referral_pages.hpp"
#include "portail/reserve_pages.hpp"
#include "portail/search_pages.hpp"

namespace sgee::portail {

void add_routes(web::WebApp& web) {
  add_fiche_routes(web);     // POR-02: the providers' fiches, the public fiche page, BC adhesion
  add_family_routes(web);    // POR-01: the parents' family files, children and choices
  add_search_routes(web);    // POR-07: the public map and its search endpoint
  add_priority_routes(web);  // issue 15: a CPE's or GS's declared admission priorities
  // POR-03: the réserve de clientèle, its CSV export and its API, the parent's consultations
  add_reserve_routes(web);
  add_referral_routes(web);   // issue 15: free places, referrals, time to fill
  add_admission_routes(web);  // POR-04: admissions, the dossier they open, the sync API's routes
  add_bc_routes(web);         // POR-06: the BC's admissions to confirm, its RSGE registry
  add_message_routes(web);    // issue 15: messaging (parent ↔ provider, BC ↔ RSGE)
}

}  // namespace sgee::portail

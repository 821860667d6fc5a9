#include "portail/routes.hpp"

#include "portail/bc_pages.hpp"
#include "portail/family.hpp"
#include "portail/fiche_pages.hpp"
#include "portail/search_pages.hpp"

namespace sgee::portail {

void add_routes(web::WebApp& web) {
  add_fiche_routes(web);   // POR-02: the providers' fiches, the public fiche page, BC adhesion
  add_family_routes(web);  // POR-01: the parents' family files, children and choices
  add_search_routes(web);  // POR-07: the public map and its search endpoint
  add_bc_routes(web);      // POR-06: the BC's admissions to confirm, its RSGE registry
}

}  // namespace sgee::portail

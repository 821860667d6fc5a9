#pragma once
// Admissions (issue 15, POR-04): the provider's pages (search by confirmation number, the
// admission form, the list), the ministry's list of out-of-rank admissions, and the sync API's
// admission and event routes (admission_pages.cpp).
#include "csg/store.hpp"
#include "platform/date.hpp"
#include "platform/db/db.hpp"
#include "platform/web.hpp"

namespace sgee::portail {

void add_admission_routes(web::WebApp& web);

// `seed --demo`: one admission at the demo CPE (20000001) and Noah in the demo RSGE's réserve
// (40000001), ready to admit by number (admission_demo.cpp). Idempotent.
void seed_demo_admissions(db::Connection& c, dates::Date today);

// The end of services recorded in a dossier (csg's save listener, wired in src/app): closes the
// admission linked to the dossier and frees its place (lookup_store::end_admission).
void dossier_services_ended(db::Connection& c, std::int64_t dossier_id, dates::Date today);
// The registry's save listener that calls it: a dossier whose every agreement has a termination
// date has its services ended. src/app registers it at start-up.
csg::store::SaveListener admission_listener();

}  // namespace sgee::portail

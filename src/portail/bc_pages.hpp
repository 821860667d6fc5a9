#pragma once
// The bureau coordonnateur's pages and sync route in the Portail (issue 15, POR-06; seed 001):
// "Confirmer une admission" (/bc/{bc}/admissions), an RSGE's registry page (/bc/{bc}/rsge/{rsge}:
// the register's facts, the contact details and suspensions the BC keeps, the children admitted),
// POST /api/v1/installations/{bc}/admissions/{id}/confirmation for its software, and the BC's
// counts on the dashboard. The list of its RSGE is /adhesion-rsge (fiche_pages.cpp).
#include "platform/date.hpp"
#include "platform/db/db.hpp"
#include "platform/web.hpp"

namespace sgee::portail {

void add_bc_routes(web::WebApp& web);

// `seed --demo`: an admission waiting for the demo BC's confirmation, a suspended RSGE with a
// return date (bc_demo.cpp). Idempotent; after seed_demo_family.
void seed_demo_bc(db::Connection& c, dates::Date today);

}  // namespace sgee::portail

#pragma once
// The parents' family file (issue 14, POR-01): the pages under /famille and the demo family.
#include "platform/date.hpp"
#include "platform/db/db.hpp"
#include "platform/web.hpp"

namespace sgee::portail {

// /famille (the file: parents, home address, phone, language), /famille/enfants… (the children,
// their confirmation numbers and requests), /famille/choix (the providers chosen). Parent
// accounts only (family_pages.cpp).
void add_family_routes(web::WebApp& web);

// `seed --demo`: the demo parent's family file with two children, and their choices of demo
// providers whose fiche is published (family_demo.cpp). Does nothing when the file exists.
void seed_demo_family(db::Connection& c, dates::Date today);

}  // namespace sgee::portail

#pragma once
// Issue 15: a CPE's or subsidized garderie's declared admission priorities on the web
// (/installations/{number}/priorites): up to 6 criteria of the ministry's list and the share of
// places they may take (ranking.hpp, rule 4). Other providers get a page saying they do not apply.
#include "platform/db/db.hpp"
#include "platform/web.hpp"

namespace sgee::portail {

void add_priority_routes(web::WebApp& web);

// `seed --demo`: the demo CPE (20000001) declares two priorities (special needs, a parent enrolled
// in an education program) and 30 % of its places. Leaves an existing declaration alone.
void seed_demo_priorities(db::Connection& c);

}  // namespace sgee::portail

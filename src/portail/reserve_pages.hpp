#pragma once
// The réserve de clientèle (issue 15, POR-03): the provider's ranked list with its filters, paging
// and CSV export, the detail of a child (and the confirmation that a parent works there), the
// parent's page of who consulted a child's file, and the API for management software
// (GET /api/v1/installations/{n}/reserve).
#include "platform/web.hpp"
#include "portail/family_rules.hpp"

namespace sgee::portail {

void add_reserve_routes(web::WebApp& web);

// A schedule in words, as the réserve, the free places and the referrals write it: "du lundi au
// vendredi : Jour P1, Jour P2 ; samedi : Jour P1" (the days with the same half-periods together,
// three or more days in a row as a range).
std::string schedule_words(const http::Request& req, const WeekMasks& week);

}  // namespace sgee::portail

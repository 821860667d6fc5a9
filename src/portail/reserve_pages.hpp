#pragma once
// The réserve de clientèle (issue 15, POR-03): the provider's ranked list with its filters, paging
// and CSV export, the detail of a child (and the confirmation that a parent works there), the
// parent's page of who consulted a child's file, and the API for management software
// (GET /api/v1/installations/{n}/reserve).
#include "platform/web.hpp"

namespace sgee::portail {

void add_reserve_routes(web::WebApp& web);

}  // namespace sgee::portail

#pragma once
#include "platform/web.hpp"

namespace sgee::csg {
// The sync API v1 (spec/api.md), its OpenAPI document and the catalog endpoint.
void add_api_routes(web::WebApp& web);
}  // namespace sgee::csg

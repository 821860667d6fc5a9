#pragma once
#include <nlohmann/json.hpp>

namespace sgee::csg {
// The OpenAPI 3 description of the sync API (GET /api/openapi.json), spec/api.md's contract plus
// the bodies of closing-days and cisss-reservations, which spec/api.md leaves to this document.
const nlohmann::json& openapi_document();
}  // namespace sgee::csg

#pragma once
#include "csg/sync.hpp"
#include "platform/web.hpp"

namespace sgee::csg {
// The sync API v1 (spec/api.md), its OpenAPI document and the catalog endpoint.
void add_api_routes(web::WebApp& web);

// A batch's component (the organization of the path) and options (save or only validate, the
// request's language, today in Québec, who sends it and from where, for the audit rows); the
// dossier form saves through the same batch.
Component component_of(const http::Request& req);
BatchOptions batch_options(const http::Request& req, bool save);
}  // namespace sgee::csg

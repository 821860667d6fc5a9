#pragma once
#include "platform/web.hpp"

namespace sgee::portail {
// The Portail d'inscription's pages and API (issue 14): providers' fiches, parents' family files,
// the public map and its search endpoint.
void add_routes(web::WebApp& web);
}  // namespace sgee::portail

#pragma once
#include "platform/web.hpp"

namespace sgee::geo {
// GET /adresses?q=…: the address autocomplete (DOS-13) for every signed-in user: the registry's
// dossier form, the register of organizations, a parent's family file.
void add_routes(web::WebApp& web);
}  // namespace sgee::geo

#pragma once
// POR-02, POR-07, seed 001: the fiche descriptive on the web. The provider's edit page
// (/installations/{number}/fiche: an installation or an RSGE), the public fiche page
// (/milieux/{number}, no sign-in) and the BC's view of its RSGE's adhesion (/adhesion-rsge).
#include "platform/web.hpp"

namespace sgee::portail {

void add_fiche_routes(web::WebApp& web);

}  // namespace sgee::portail

#pragma once
// The public map (GET /carte) and its search API (GET /api/v1/providers) (issue 14, POR-07): no
// sign-in, published fiches only, an RSGE at her approximate position.
#include <string>

#include "platform/web.hpp"

namespace sgee::portail {

// The map's background tiles: a URL template ("https://tile.example/{z}/{x}/{y}.png") from
// `sgee serve --map-tiles`; empty (the default): no background, the markers and the list still
// work and the page says so. Set before the server starts.
void set_map_tiles(std::string url_template);

void add_search_routes(web::WebApp& web);

}  // namespace sgee::portail

#pragma once
#include "platform/web.hpp"

namespace sgee::csg {
// Provider staff's registry pages (pages.cpp).
void add_pages(web::WebApp& web);
}  // namespace sgee::csg

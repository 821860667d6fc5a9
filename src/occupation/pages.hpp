#pragma once
#include "platform/web.hpp"

namespace sgee::occupation {
// Occupation reports for provider staff (/installations/{n}/occupation, .csv, .xlsx, a child's
// month) and the ministry's network view (/ministere/occupation).
void add_pages(web::WebApp& web);
}  // namespace sgee::occupation

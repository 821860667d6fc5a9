#pragma once
#include "platform/web.hpp"

namespace sgee::app {
// Every module's routes, registered on the web application.
void register_routes(web::WebApp& web);
}  // namespace sgee::app

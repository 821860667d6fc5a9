#pragma once
#include "platform/web.hpp"

namespace sgee::app {

struct AppOptions {
  bool secure_cookies = false;
  std::string public_url = "http://127.0.0.1:8080";
  bool demo = false;  // demo mode: the outbox is shown at /demo/courriels
};

// Wires every module onto the web application: the access guard and pages first, then each
// module's routes. The server and the authorization tests call this same function.
void wire(web::WebApp& web, AppOptions options = {});

}  // namespace sgee::app

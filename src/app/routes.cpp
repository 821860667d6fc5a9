#include "app/routes.hpp"

namespace sgee::app {

using http::Access;
using http::Request;
using http::Response;

void register_routes(web::WebApp& web) {
  web.router().add("GET", "/", Access::anyone(),
                   [&web](Request& req) { return web.page(req, "home", "home.page_title"); });
  // Sign-in arrives with the access module; until then the home page's link leads here.
  web.router().add("GET", "/connexion", Access::anyone(), [&web](Request& req) {
    return web.page(req, "signin_placeholder", "signin.title");
  });
}

}  // namespace sgee::app

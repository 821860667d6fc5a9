#include "app/routes.hpp"

namespace sgee::app {

using http::Access;
using http::Request;
using http::Response;

void register_routes(web::WebApp& web) {
  web.router().add("GET", "/", Access::anyone(),
                   [&web](Request& req) { return web.page(req, "home", "home.page_title"); });
}

}  // namespace sgee::app

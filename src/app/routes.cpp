#include "app/routes.hpp"

#include "access/web.hpp"
#include "csg/pages.hpp"
#include "csg/routes.hpp"
#include "geo/routes.hpp"
#include "mes/attachment_pages.hpp"
#include "mes/provider_pages.hpp"
#include "mes/review_pages.hpp"
#include "occupation/pages.hpp"
#include "portail/routes.hpp"

namespace sgee::app {

using http::Access;
using http::Request;
using http::Response;

void wire(web::WebApp& web, AppOptions options) {
  access::install(web, {.secure_cookies = options.secure_cookies,
                        .public_url = options.public_url,
                        .demo = options.demo});
  geo::add_routes(web);
  csg::add_api_routes(web);
  csg::add_pages(web);
  occupation::add_pages(web);
  portail::add_routes(web);
  mes::add_provider_routes(web);    // issue 16: the provider's MES requests and the help
  mes::add_attachment_routes(web);  // MES-07: a request's attachments
  mes::add_review_routes(web);      // issue 16: the ministry's MES queue and review
  web.router().add("GET", "/", Access::anyone(),
                   [&web](Request& req) { return web.page(req, "home", "home.page_title"); });
}

}  // namespace sgee::app

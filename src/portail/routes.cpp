#include "portail/routes.hpp"

namespace sgee::portail {

void add_routes(web::WebApp& web) {
  (void)web;  // each part of the Portail adds its routes here
}

}  // namespace sgee::portail

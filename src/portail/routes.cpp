#include "portail/routes.hpp"

#include "portail/family.hpp"

namespace sgee::portail {

void add_routes(web::WebApp& web) {
  add_family_routes(web);  // each part of the Portail adds its routes here
}

}  // namespace sgee::portail

#include "portail/routes.hpp"

#include "portail/search_pages.hpp"

namespace sgee::portail {

void add_routes(web::WebApp& web) {
  add_search_routes(web);
}

}  // namespace sgee::portail

#pragma once
#include <string>

#include "access/model.hpp"
#include "platform/web.hpp"

namespace sgee::csg {
// Provider staff's registry pages (pages.cpp).
void add_pages(web::WebApp& web);
// The dossier form: new dossier and edit (form_pages.cpp); add_pages adds them.
void add_form_pages(web::WebApp& web);

// Shared by both: a page text in the request's language, and the organization of the path.
std::string t(const http::Request& req, const std::string& key);
const access::Organization& org_of(const http::Request& req);
}  // namespace sgee::csg

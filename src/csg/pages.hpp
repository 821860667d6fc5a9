#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "access/model.hpp"
#include "platform/web.hpp"

namespace sgee::csg {
// Provider staff's registry pages (pages.cpp).
void add_pages(web::WebApp& web);
// The dossier form: new dossier and edit (form_pages.cpp); add_pages adds them.
void add_form_pages(web::WebApp& web);
// The new-dossier form filled in advance with `record` (the sync API's JSON form of a dossier,
// to_json), posting to `action`: a module above the registry's own route (the Portail's admission
// opens the dossier from the family file). `post_prefilled` is that route's POST: the form's own
// checks, actions and save; `saved_ref` gets the saved dossier's ref (untouched when not saved).
// The caller checks the right to enter dossiers on the path's organization.
http::Response prefilled_form(web::WebApp& web, http::Request& req, nlohmann::json record,
                              const std::string& action);
http::Response post_prefilled(web::WebApp& web, http::Request& req, const std::string& action,
                              std::string* saved_ref);

// Shared by both: a page text in the request's language, and the organization of the path.
std::string t(const http::Request& req, const std::string& key);
const access::Organization& org_of(const http::Request& req);
}  // namespace sgee::csg

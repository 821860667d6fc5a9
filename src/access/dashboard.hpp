#pragma once
// Sections that the modules above access add to the dashboard (/tableau-de-bord), without access
// knowing them: each module registers a provider when its routes are registered; every view of
// the dashboard asks each provider, in registration order, for its sections for this user (none
// when it has nothing for them). A section is a title and items: a label, a count (already
// written the reader's way) and the page it links to. Examples: a BC's RSGE by adhesion state and
// its admissions to confirm (portail), unread messages.
#include <functional>
#include <string>
#include <vector>

#include "access/nav.hpp"
#include "platform/db/db.hpp"
#include "platform/http/message.hpp"
#include "platform/web.hpp"

namespace sgee::access::dashboard {

struct Item {
  std::string label;  // translated
  std::string count;  // listing::count(): "1 234"
  std::string href;
};
struct Section {
  std::string id;     // the HTML id of the section (unique on the page)
  std::string title;  // translated
  std::vector<Item> items;
};
using Provider =
    std::function<std::vector<Section>(db::Connection&, const http::Request&, const UserOrgs&)>;

// Adds a provider to the dashboard of `web` (call it while registering routes).
void add_provider(web::WebApp& web, Provider provider);
// Every provider's sections for the request, in registration order.
std::vector<Section> sections(web::WebApp& web, db::Connection& c, const http::Request& req,
                              const UserOrgs& orgs);

}  // namespace sgee::access::dashboard

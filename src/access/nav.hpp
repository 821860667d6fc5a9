#pragma once
// Navigation: the header menu of the signed-in user (what they hold a right on), the sub-menu of
// the installation a URL names, and the per-organization links the dashboard shows. Built from
// what the request already holds (auth_of(req)); the names and numbers of the user's
// organizations come from a per-session cache filled with one query (organizations_of_user) the
// first time a session shows a page, and again when its rights change.
#include <memory>
#include <string>
#include <vector>

#include <mstch/mstch.hpp>

#include "access/model.hpp"
#include "platform/db/pool.hpp"
#include "platform/http/message.hpp"
#include "platform/web.hpp"

namespace sgee::access {

struct NavLink {
  std::string href;
  std::string label_key;  // i18n key: the dashboard's words
  std::string short_key;  // i18n key: the header menu's (label_key when empty)
  const std::string& menu_key() const { return short_key.empty() ? label_key : short_key; }
};

// The pages of one organization (installation, BC, RSGE) for someone who consults its dossiers:
// Dossiers (installation, BC), Occupation (all three), Fermetures (installation), Réservations
// CISSS (installation, BC; SYN-20); then Fiche (installation, RSGE; POR-02) for someone who
// manages it, or Confirmer une admission (BC; POR-06) for someone who manages a BC's admissions.
// Empty for someone who does neither.
// `mes`: "Demandes MES" (issue 16) for an installation or a BC whose MES requests the user reads
// (handles_mes).
std::vector<NavLink> org_links(OrgKind kind, const std::string& number, bool consults,
                               bool fiche = false, bool mes = false);

// The user's services outside any one organization (ministry pages, Codes d'accès, Droits,
// Journal, her mandate for an RSGE, the parent's consultations), in menu order.
struct UserOrgs;
std::vector<NavLink> service_links(const http::Request& req, const UserOrgs& orgs);

// What the signed-in user works for, from the session's cache (one query when it is cold): their
// home organization, and the organizations they hold a right on (an RSE: all of their home's).
struct UserOrgs {
  std::optional<Organization> home;
  std::vector<Organization> orgs;
};
// `fresh`: load them now (the dashboard, which lists them all) rather than trust the cache.
// Shared with the cache (never null; empty for a parent or a stranger): no copy per page.
std::shared_ptr<const UserOrgs> user_orgs(db::Pool& pool, const http::Request& req,
                                          bool fresh = false);

// Whether the signed-in user consults the dossiers of organization `id`.
bool consults(const http::Request& req, std::int64_t id);
// Whether the menus offer the user the fiche of `o` (POR-02): an installation's RSE or a holder
// of "Gérer la fiche et les admissions" on it; an RSGE's own account. For a BC: its admissions
// to confirm (POR-06), on the same terms as an installation. The BC's side reaches its
// RSGE's fiches from "Adhésion des RSGE" (under each one's mandate).
bool manages_fiche(const http::Request& req, const Organization& o);
// Whether the menus offer the user the MES requests of `o` (issue 16): an installation or a BC on
// which they hold an MES right (consult_mes, enter_mes or sign_mes), or its RSE.
bool handles_mes(const http::Request& req, const Organization& o);

// Adds the header menu (entries with aria-current), the installation sub-menu and "Mon compte"
// to the layout of a signed-in user's page.
// The breadcrumbs of a page under the organization the URL names: Tableau de bord › its name
// (its card on the dashboard) › `steps`. Set as ctx["breadcrumbs"].
mstch::array org_crumbs(const http::Request& req, const std::vector<web::Crumb>& steps);

void add_menu(db::Pool& pool, const http::Request& req, mstch::map& layout);

}  // namespace sgee::access

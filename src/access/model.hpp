#pragma once
// Access module types: organizations, users, the rights catalog, who is asking (Principal).
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sgee::access {

enum class OrgKind { ministry, division, installation, bc, rsge };
std::string_view to_string(OrgKind k);
std::optional<OrgKind> org_kind_from(std::string_view s);

enum class LegalForm { sole, corporation, nonprofit, partnership };
std::string_view to_string(LegalForm f);
std::optional<LegalForm> legal_form_from(std::string_view s);

struct Organization {
  std::int64_t id = 0;
  OrgKind kind = OrgKind::division;
  std::string number;  // 8 digits; empty for the ministry
  std::string name;
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> legal_form, neq, installation_kind, recognition_status, territory;
  std::optional<std::int64_t> places_0_17, places_18_59, places_school, places;
  std::optional<std::string> civic_number, street, municipality, postal_code;
  std::optional<double> latitude, longitude;
  std::optional<std::string> region;  // administrative region "01"…"17" (installation, BC, RSGE)
};

// Québec's 17 administrative regions, "01" (Bas-Saint-Laurent) to "17" (Centre-du-Québec); their
// names are the i18n keys "region.01"….
bool valid_region(std::string_view code);

// The rights an RSE grants, per installation (or BC / RSGE). The catalog is fixed; its order is
// the order of the checkboxes on "Gestion des droits d'accès".
enum class Right {
  consult_dossiers,     // Consulter les dossiers
  enter_dossiers,       // Saisir les dossiers et les ententes
  manage_admissions,    // Gérer la fiche et les admissions
  consult_mes,          // Consulter les demandes MES
  enter_mes,            // Saisir dans les formulaires MES
  sign_mes,             // Saisir dans les formulaires – Signatures (MES-01)
  manage_access_codes,  // Gérer les codes d'accès de synchronisation
  manage_rights,        // Gérer les droits d'accès
};
const std::vector<Right>& all_rights();
std::string_view to_string(Right r);  // stable name stored in the database: "consult_dossiers"
std::optional<Right> right_from(std::string_view s);

enum class UserKind { enterprise, parent, ministry };
std::string_view to_string(UserKind k);
std::optional<UserKind> user_kind_from(std::string_view s);

// Who is making a request, as the access module established it.
struct Principal {
  enum class Kind { anonymous, user, access_code };
  Kind kind = Kind::anonymous;
  std::int64_t user_id = 0;
  UserKind user_kind = UserKind::parent;
  bool is_rse = false;
  std::optional<std::int64_t> division_id;  // enterprise users: their division
  // Rights per organization id (installations, BCs, RSGE). An RSE holds every right on every
  // organization of their division.
  std::set<std::pair<std::int64_t, Right>> rights;
  std::int64_t access_code_id = 0;
  std::int64_t access_code_org = 0;  // the installation or BC an access code belongs to

  bool signed_in() const { return kind == Kind::user; }
  bool has_right(std::int64_t org, Right r) const { return rights.count({org, r}) > 0; }
};

}  // namespace sgee::access

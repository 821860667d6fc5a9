#pragma once
// Pure access rules: no database, no HTTP, no clock (times are parameters).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/model.hpp"
#include "platform/http/router.hpp"
#include "platform/message.hpp"

namespace sgee::access {

bool valid_org_number(std::string_view s);         // 8 digits
bool valid_neq(std::string_view s);                // Québec enterprise number: 10 digits
bool valid_invitation_code(std::string_view s);    // 8 letters and digits (seed 002)
bool valid_assessment_number(std::string_view s);  // avis de cotisation: 6 to 12 digits

// ACC-01: the identifiers each legal form must give besides its NEQ.
struct RequiredIdentifiers {
  bool assessment_number = false;
  bool invitation_code = false;
};
RequiredIdentifiers required_identifiers(LegalForm f);

struct EnrolmentRequest {
  std::string legal_form, neq, assessment_number, invitation_code, entity_name;
  std::string representative_surname, representative_given_name, representative_role,
      representative_email;
  std::string rse_surname, rse_given_name, rse_email;
};

struct Officer {
  std::string surname, given_name, role;
};

// What the enterprise reference table knows of one NEQ.
struct EnterpriseRecord {
  std::string neq, name, legal_form;
  std::vector<Officer> officers;
};

struct EnrolmentDecision {
  std::vector<Message> messages;  // errors block the enrolment
  bool immediate = false;         // ACC-02: activated now; otherwise queued for a ministry agent
  std::string deferred_reason;    // i18n key saying why it waits
};

// ACC-01..03. `record` is the reference table's entry for the request's NEQ, if any.
EnrolmentDecision decide_enrolment(const EnrolmentRequest& r,
                                   const std::optional<EnterpriseRecord>& record);

// An organization as typed in the ministry's form (every value as text).
struct OrganizationInput {
  std::string kind, number, name, parent_number, legal_form, neq, installation_kind, territory,
      recognition_status;
  std::string places_0_17, places_18_59, places_school, places;
  std::string civic_number, street, municipality, postal_code, latitude, longitude;
  std::string region;  // "01"…"17", or empty
};
struct CheckedOrganization {
  std::vector<Message> messages;  // ORG001E…; none: `organization` is ready to store
  Organization organization;      // parent_id is left to the caller (from parent_number)
};
// The glossary's organizations: 8-digit numbers, a division's legal form and NEQ, an
// installation's kind and places by age group, an RSGE's capacity (at most 9 children) and
// recognition status, an address with a DOS-14 postal code and coordinates in Québec.
CheckedOrganization check_organization(const OrganizationInput& in);

// Password policy for new passwords (temporary ones are generated).
std::vector<Message> check_new_password(std::string_view password, std::string_view user_code,
                                        std::string_view email);

// Sign-in throttling: failures in the last `kThrottleWindow`, per account and per address.
inline constexpr std::chrono::minutes kThrottleWindow{15};
inline constexpr int kMaxFailuresPerAccount = 5;
inline constexpr int kMaxFailuresPerAddress = 30;
bool sign_in_throttled(int account_failures, int address_failures);

// How long a sign-in session lasts without activity, and at most.
inline constexpr std::chrono::minutes kSessionIdle{60};
inline constexpr std::chrono::hours kSessionMax{12};

enum class Decision {
  allow,
  sign_in,               // not signed in: 401 (API) or the sign-in page
  change_password,       // signed in with a temporary password: only the change page
  second_factor,         // signed in, second factor still to give
  set_up_second_factor,  // signed in, must set up the second factor their role requires
  forbid,                // 403
};

// Does `who` meet `need` on `target_org` (the organization named by the route's org_param, with
// its parent chain: installation -> division, rsge -> bc -> division)? `pending` comes from the
// sign-in session.
struct Target {
  std::int64_t id = 0;
  OrgKind kind = OrgKind::installation;
  std::vector<std::int64_t> ancestors;  // parent, grand-parent…
  bool bc_mandate = false;              // an RSGE that authorized its BC to admit (POR-05)
};
// What the sign-in session still owes before the user may go anywhere but the signed_in pages.
struct Pending {
  bool password_change = false;      // a temporary password to change
  bool second_factor = false;        // the code of the second factor to give (nothing else allowed)
  bool second_factor_setup = false;  // a second factor to set up (second_factor_required)
};
Decision authorize(const Principal& who, const http::Access& need,
                   const std::optional<Target>& target, const Pending& pending = {});

// What a right held on the BC's side (its staff, its RSE, or a right the BC's RSE granted on the
// RSGE itself) allows on one of its RSGE (POR-05, POR-06): the BC consults and enters the RSGE's
// dossiers and MES forms, admits children only while the RSGE's mandate stands, and never
// manages the RSGE's own rights or access codes. The RSGE's own account (whose home organization
// is the RSGE) is not the BC's side.
bool bc_side_reaches_rsge(Right r, bool mandate);

// ACC: the RSE and ministry agents must sign in with a second factor (TOTP); other enterprise
// users may choose to; parents use their e-mail address and password.
bool second_factor_required(UserKind kind, bool is_rse);

}  // namespace sgee::access

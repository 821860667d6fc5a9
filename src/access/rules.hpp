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

// What the enterprise reference table knows of one NEQ. The identifiers that prove control of
// the entity are secrets the ministry holds: the record only says which ones are on file.
struct EnterpriseRecord {
  std::string neq, name, legal_form;
  std::vector<Officer> officers;
  bool assessment_number_on_file = false;
  bool invitation_code_on_file = false;
};

// What the caller found by comparing the identifiers typed with the secrets on file (hashed,
// compared in constant time): true when that secret is on file, was given and matches.
struct IdentifierMatch {
  bool assessment_number = false;
  bool invitation_code = false;
};

// What else the decision depends on, established by the caller.
struct EnrolmentFacts {
  IdentifierMatch matched;
  bool has_rse = false;  // the entity already has an RSE
};

struct EnrolmentDecision {
  std::vector<Message> messages;  // errors block the enrolment
  bool immediate = false;         // ACC-02: activated now; otherwise queued for a ministry agent
  std::string deferred_reason;    // i18n key saying why it waits (the first of `reasons`)
  std::vector<std::string> deferred_reasons;  // every reason it waits, for the ministry's agent
};

// ACC-01..03, ACC-02 as amended by issue 11. `record` is the reference table's entry for the
// request's NEQ, if any. Immediate activation needs an officer of the entity (name and position
// as in the register: public data), the legal form's identifiers, at least one secret on file
// and every secret on file matched (proof of control), and no RSE yet; otherwise a ministry
// agent decides. When the entity has an RSE, that is the reason the requester is told, whatever
// else was wrong (so that the page tells nothing about the secrets of an enrolled entity).
EnrolmentDecision decide_enrolment(const EnrolmentRequest& r,
                                   const std::optional<EnterpriseRecord>& record,
                                   const EnrolmentFacts& facts = {});

// Enrolment throttling: deferred attempts in the last `kEnrolmentWindow`, per NEQ and per address.
inline constexpr std::chrono::hours kEnrolmentWindow{1};
inline constexpr int kMaxEnrolmentsPerNeq = 5;
inline constexpr int kMaxEnrolmentsPerAddress = 20;
bool enrolment_throttled(int neq_attempts, int address_attempts);

// Sending the confirmation e-mail again to an unconfirmed parent: at most one a minute and
// `kMaxConfirmationsPerDay` a day per address, counting the one sent at registration.
inline constexpr std::chrono::minutes kConfirmationGap{1};
inline constexpr std::chrono::hours kConfirmationDay{24};
inline constexpr int kMaxConfirmationsPerDay = 5;
bool may_resend_confirmation(int sent_last_minute, int sent_last_day);

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
// An account with kMaxFailuresPerAccount failures is refused, right password or not. An address
// with kMaxFailuresPerAddress failures or more (many users may share one behind a proxy or a NAT)
// does not lock anyone out: a right password for an account that is not itself under attack still
// signs in; only a wrong password (or an unknown account) from that address is refused for a
// delay that doubles with every further kMaxFailuresPerAddress failures (sign_in_retry_after).
inline constexpr std::chrono::minutes kThrottleWindow{15};
inline constexpr int kMaxFailuresPerAccount = 5;
inline constexpr int kMaxFailuresPerAddress = 30;
// How long a failed attempt from an address with `address_failures` recent failures tells the
// client to wait before trying again (zero below the threshold): 30 s, then doubling with every
// further kMaxFailuresPerAddress failures, at most the whole window.
std::chrono::seconds sign_in_retry_after(int address_failures);
// What the store knows of recent attempts, for one login (an account or not: the same answer
// either way, so that the refusal tells nothing of which accounts exist) from one address.
struct SignInHistory {
  int account_failures = 0;  // failures on this login in the window, from any address
  int address_failures = 0;  // failures from this address in the window, on any login
  // Time since the last failure on this login from this address, if there was one.
  std::optional<std::chrono::seconds> since_account_failure;
};
// Whether to refuse an attempt before checking its password, and for how long (Retry-After):
// the login is locked (kMaxFailuresPerAccount failures), or it failed from a busy address less
// than sign_in_retry_after ago. A login that has not failed recently is always checked.
struct SignInGate {
  bool refused = false;
  bool account_locked = false;
  std::chrono::seconds retry_after{0};
};
SignInGate sign_in_gate(const SignInHistory& h);

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

// Issue 13, no promise without a feature: the rights whose screens exist are offered on "Gestion
// des droits d'accès"; the others (the fiche and admissions, MES) stay in the catalog and appear
// with their screens. A right already held and not offered is kept as it is.
bool has_screens(Right r);

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

#pragma once
// The access module's SQL: organizations, access codes. Every function takes the connection it
// runs on, so callers choose the transaction.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "access/model.hpp"
#include "access/rules.hpp"
#include "platform/db/db.hpp"
#include "platform/db/group_writer.hpp"

namespace sgee::access::store {

// A refusal the caller can show as is (duplicate number, unknown parent…); English, one line.
struct Refused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Inserts an organization after checking its number is free and its parent exists and is of the
// right kind (installation/bc under a division, rsge under a bc). Returns its id.
std::int64_t add_organization(db::Connection& c, const Organization& o);
std::optional<Organization> organization(db::Connection& c, std::int64_t id);
// Numbers are unique across divisions, installations, BCs and RSGE.
std::optional<Organization> organization_by_number(db::Connection& c, const std::string& number);
std::vector<Organization> organizations(db::Connection& c);
// Parent, grand-parent… of an organization, nearest first.
std::vector<std::int64_t> ancestors(db::Connection& c, std::int64_t id);
// The same for an organization already loaded: its parent and the parent's ancestors.
std::vector<std::int64_t> ancestors_above(db::Connection& c, std::optional<std::int64_t> parent);

struct IssuedCode {
  std::int64_t id = 0;
  std::string code;  // shown once; only its hash is stored
};
// SYN-03: a code for one installation or one BC.
IssuedCode issue_access_code(db::Connection& c, std::int64_t organization_id,
                             const std::string& label, std::optional<std::int64_t> created_by);
struct AccessCodeOwner {
  std::int64_t code_id = 0;
  std::int64_t organization_id = 0;
};
// The live (not revoked) code matching `code`, and records its use.
std::optional<AccessCodeOwner> use_access_code(db::Connection& c, const std::string& code);
std::string hash_secret(const std::string& secret);  // BLAKE2b, hex: for high-entropy tokens only

}  // namespace sgee::access::store

namespace sgee::access::store {

struct User {
  std::int64_t id = 0;
  UserKind kind = UserKind::parent;
  std::optional<std::string> user_code, email;
  std::string surname, given_name, password_hash;
  bool must_change_password = false;
  bool email_verified = false;
  bool totp_enabled = false;
  std::optional<std::string> totp_secret;
  std::optional<std::int64_t> organization_id;
  bool is_rse = false;
  bool disabled = false;
};

std::string hash_password(const std::string& password);  // argon2id (libsodium), PHC string
bool verify_password(const std::string& hash, const std::string& password);
std::string temporary_password();  // 16 characters, easy to type, for first sign-in

std::int64_t add_user(db::Connection& c, const User& u, const std::string& password);
std::optional<User> user(db::Connection& c, std::int64_t id);
// By user code (enterprise users, agents) or e-mail (parents), case-insensitively.
std::optional<User> user_by_login(db::Connection& c, const std::string& login);
void set_password(db::Connection& c, std::int64_t user_id, const std::string& password,
                  bool must_change);
// Deactivates (a time in disabled_at) or reactivates an account; a deactivated account cannot
// sign in and its sessions are refused.
void set_disabled(db::Connection& c, std::int64_t user_id, bool disabled);
// A new user code: a letter and 7 digits, unused ("E1234567" enterprise, "M…" ministry).
std::string new_user_code(db::Connection& c, UserKind kind);
std::vector<User> users_of_division(db::Connection& c, std::int64_t division_id);

// Rights granted on organizations, as the guard needs them.
std::vector<std::pair<std::int64_t, Right>> rights_of(db::Connection& c, std::int64_t user_id);
// Replaces the rights of `user_id` on `organization_ids` by `granted`; writes audit rows for each
// grant and revocation.
void set_rights(db::Connection& c, std::int64_t user_id,
                const std::vector<std::int64_t>& organization_ids,
                const std::vector<std::pair<std::int64_t, Right>>& granted, std::int64_t by);

struct Session {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  bool second_factor_done = false;
};
// Creates a sign-in session; returns the cookie value (the token) and the session.
std::pair<std::string, Session> create_session(db::Connection& c, std::int64_t user_id,
                                               const std::string& address, bool second_factor_done);
// The live session for a cookie value (not revoked, not idle too long, not too old) with its user
// and the user's rights. Refreshes its last-seen time (at most once a minute).
struct SignedIn {
  Session session;
  User user;
  std::vector<std::pair<std::int64_t, Right>> rights;
};
std::optional<SignedIn> find_signed_in(db::Connection& c, const std::string& token);
void revoke_session(db::Connection& c, const std::string& token_hash);
void revoke_sessions_of(db::Connection& c, std::int64_t user_id,
                        const std::string& except_hash = "");

// TOTP: a secret being set up (only while the second factor is off), the single use of each
// code (false when `step` is not after the last accepted one: a replayed code), on and off.
void set_totp_secret(db::Connection& c, std::int64_t user_id, const std::string& secret);
bool use_totp_step(db::Connection& c, std::int64_t user_id, std::int64_t step);
void enable_totp(db::Connection& c, std::int64_t user_id, bool enabled);

// Sign-in attempts for throttling: failures in the window, per account and per address, and
// how long ago this account last failed from this address.
void record_sign_in(db::Connection& c, const std::string& account, const std::string& address,
                    bool ok);
SignInHistory recent_failures(db::Connection& c, const std::string& account,
                              const std::string& address);

struct AuditEntry {
  std::optional<std::int64_t> user_id, access_code_id, organization_id, subject_user_id;
  std::string action, record_type, record_id, detail, address, request_id;
};
// The one function every module calls for personal data reads/changes and rights changes.
void audit(db::Connection& c, const AuditEntry& e);
// A row that records a read, such as the audit row of a page view: inside a transaction it commits
// with it; alone, it goes to the server's group writer (set_view_writer), which holds the response
// until it is written; without one (the command line), it commits here without waiting for the
// disk. `sql` must live as long as the server (a literal or a static string).
void write_alone(db::Connection& c, std::string_view sql, std::vector<db::Value> values);
// The server's writer of the audit rows written outside a transaction (page views); none: each
// commits on its own.
void set_view_writer(db::GroupWriter* writer);

}  // namespace sgee::access::store

namespace sgee::access::store {
// The organizations directly under `id` (installations and BCs of a division, RSGE of a BC).
std::vector<Organization> children_of(db::Connection& c, std::int64_t id);
// POR-06: an RSGE's suspension periods (end empty: until further notice), latest first.
struct Suspension {
  std::int64_t id = 0;
  std::string start_date;
  std::optional<std::string> end_date;
  std::string reason;
  // The days before her return (the day after end_date) from which she shows on the public map
  // again (migration 0021), and that day: none while no end date is known.
  std::int64_t show_days_before = 0;
  std::optional<std::string> shown_from;
  std::optional<std::int64_t> added_by;
};
// The day a suspension ending `end_date` shows the RSGE again: end + 1 − days_before.
std::optional<std::string> shown_from(const std::optional<std::string>& end_date,
                                      std::int64_t days_before);
std::vector<Suspension> suspensions_of(db::Connection& c, std::int64_t rsge_id);
// Adds a period (shown_from computed from its end and show_days_before); returns its id.
std::int64_t add_suspension(db::Connection& c, std::int64_t rsge_id, const Suspension& s);
// Ends a period of the RSGE on `end_date` (keeping its days before return); false when no such
// period of hers.
bool end_suspension(db::Connection& c, std::int64_t rsge_id, std::int64_t id,
                    const std::string& end_date);
// The organizations whose rights the RSE of `home` manages: a division's installations and BCs
// and the RSGE of those BCs; for an RSGE's own account (its home is the RSGE), the RSGE. In
// number order.
std::vector<Organization> managed_organizations(db::Connection& c, std::int64_t home_id);
// In one query, what a user's menu names: their home organization (0: none) and the
// organizations they work for — for an RSE every one their home manages, else those they hold a
// right on. In number order.
std::vector<Organization> organizations_of_user(db::Connection& c, std::int64_t user_id,
                                                std::int64_t home_id, bool is_rse);

// POR-05: an RSGE's authorization for its BC to admit children on its behalf.
struct Mandate {
  std::string granted_at;
  std::string granted_by;  // the name of who granted it
};
// The RSGE with that number (nothing for another kind of organization).
std::optional<Organization> rsge_by_number(db::Connection& c, const std::string& number);
std::optional<Mandate> bc_mandate(db::Connection& c, std::int64_t rsge_id);
void grant_bc_mandate(db::Connection& c, std::int64_t rsge_id, std::int64_t granted_by);
void withdraw_bc_mandate(db::Connection& c, std::int64_t rsge_id);
}  // namespace sgee::access::store

namespace sgee::access::store {

// The enterprise reference table (ACC-02): replaced as a whole by `sgee import enterprises`.
// One officer per row; the secrets that prove control of the entity (empty: none on file) are
// the same on every row of a NEQ (or given on one row only).
struct EnterpriseRow {
  std::string neq, name, legal_form, officer_surname, officer_given_name, officer_role;
  std::string assessment_number, invitation_code;
};
// Replaces the register; the secrets are stored hashed (argon2id), one row per NEQ. Throws
// Refused when two rows of a NEQ give different secrets.
void replace_enterprises(db::Connection& c, const std::vector<EnterpriseRow>& rows);
std::optional<EnterpriseRecord> enterprise(db::Connection& c, const std::string& neq);
// Compares the identifiers typed with the secrets on file for `neq` (argon2id verification, in
// constant time); an identifier that is empty or has no secret on file does not match.
IdentifierMatch match_identifiers(db::Connection& c, const std::string& neq,
                                  const std::string& assessment_number,
                                  const std::string& invitation_code);
// Holds the organization's row until the transaction ends (PostgreSQL: a row lock; SQLite's write
// transactions are serialized already), so that two decisions on one division's RSE cannot
// interleave.
void lock_organization(db::Connection& c, std::int64_t id);
// The RSE accounts (not disabled) of a division.
std::vector<User> rses_of(db::Connection& c, std::int64_t division_id);

// Enrolment attempts, for throttling (outcome: immediate | deferred | invalid | throttled).
void record_enrolment_attempt(db::Connection& c, const std::string& neq, const std::string& address,
                              const std::string& outcome);
// Deferred attempts in the window for this NEQ and from this address.
std::pair<int, int> recent_enrolment_attempts(db::Connection& c, const std::string& neq,
                                              const std::string& address);
std::optional<Organization> division_by_neq(db::Connection& c, const std::string& neq);

struct Enrolment {
  std::int64_t id = 0;
  EnrolmentRequest request;
  std::string status;  // pending | active | refused
  std::optional<std::int64_t> division_id, rse_user_id;
  std::string created_at;
  std::optional<std::string> decision_reason;
  std::vector<std::string> deferred_reasons;  // i18n keys
};
// Records the request (the identifiers typed are not kept: only the reasons it waits, if any).
std::int64_t add_enrolment(db::Connection& c, const EnrolmentRequest& r,
                           const std::vector<std::string>& deferred_reasons = {});
std::optional<Enrolment> enrolment(db::Connection& c, std::int64_t id);
std::vector<Enrolment> enrolments(db::Connection& c, const std::string& status);

struct Activation {
  std::string user_code, temporary_password;
};
// Activates an enrolment for `division`: creates the RSE's account (temporary password, to change
// at first sign-in), marks the enrolment active, and mails the RSE their user code. A division's
// RSE is replaced: the former RSE accounts lose the role, are signed out everywhere, are told by
// e-mail (`replaced_subject`, `replaced_body`) and each change is audited.
Activation activate_enrolment(db::Connection& c, std::int64_t enrolment_id,
                              const Organization& division, std::optional<std::int64_t> decided_by,
                              const std::string& replaced_subject = "",
                              const std::string& replaced_body = "");
void refuse_enrolment(db::Connection& c, std::int64_t enrolment_id, std::int64_t decided_by,
                      const std::string& reason);

void queue_mail(db::Connection& c, const std::string& to, const std::string& subject,
                const std::string& body);

}  // namespace sgee::access::store

namespace sgee::access::store {
struct AccessCodeInfo {
  std::int64_t id = 0, organization_id = 0;
  std::string label, created_at;
  std::optional<std::string> last_used_at, revoked_at;
};
std::vector<AccessCodeInfo> access_codes(db::Connection& c,
                                         const std::vector<std::int64_t>& organization_ids);
std::optional<AccessCodeInfo> access_code(db::Connection& c, std::int64_t id);
void revoke_access_code(db::Connection& c, std::int64_t id);
}  // namespace sgee::access::store

namespace sgee::access::store {
enum class AuditSort { time, who, action, record };
struct AuditFilter {
  std::string record_type, record_id;  // empty: any
  std::string from, before;            // UTC times ("2026-11-23T05:00:00Z"): from <= at < before
  std::int64_t division_id = 0;        // non-zero: that division's organizations only
  std::int64_t subject_user_id = 0;    // non-zero: rows about that parent's data only
  int limit = 50, offset = 0;
  // The order (issue 13): by time (newest first by default), by who acted (users in French order
  // of their name, then sync access codes, then the rest), by action or by record type and
  // number. Actions and record types sort in the order of their labels in the page's language:
  // `action_order` / `type_order` list the codes so ordered (codes of [a-z_] only; others sort
  // last). Ties end on the time and the row's id, so that paging never shows a row twice.
  AuditSort sort = AuditSort::time;
  bool descending = true;
  std::vector<std::string> action_order, type_order;
};
struct AuditRow {
  std::string at, action, record_type, record_id, detail, who, organization, address;
  // Who acted: a user (name, kind "enterprise" | "ministry" | "parent", RSE or not) or a sync
  // API access code (its label and its organization's name); empty when neither (a visitor).
  std::string user_name, user_kind, code_label, code_organization;
  bool user_is_rse = false;
  // On behalf of: the organization's id (0 when none), number and kind.
  std::int64_t organization_id = 0;
  std::string organization_number, organization_kind;
};
std::vector<AuditRow> search_audit(db::Connection& c, const AuditFilter& f);
// How many rows the filters select (the list's total).
std::int64_t count_audit(db::Connection& c, const AuditFilter& f);
}  // namespace sgee::access::store

namespace sgee::access::store {
// Single-use links (e-mail verification, password reset): returns the token for the link.
// How many tokens for `purpose` were made for the user in the last `within` (e-mails sent).
int tokens_made_within(db::Connection& c, std::int64_t user_id, const std::string& purpose,
                       std::chrono::seconds within);
std::string create_token(db::Connection& c, std::int64_t user_id, const std::string& purpose,
                         std::chrono::minutes valid_for);
// Marks the token used and returns its user, if it exists, has this purpose, is unused and
// unexpired.
std::optional<std::int64_t> use_token(db::Connection& c, const std::string& token,
                                      const std::string& purpose);
// The user of a live token without using it (to show the form the link leads to).
std::optional<std::int64_t> peek_token(db::Connection& c, const std::string& token,
                                       const std::string& purpose);
void mark_email_verified(db::Connection& c, std::int64_t user_id);

struct Mail {
  std::int64_t id = 0;
  std::string to, subject, body, created_at;
  std::optional<std::string> sent_at;
};
std::vector<Mail> outbox(db::Connection& c, int limit);
// Messages not yet sent and tried fewer than `max_attempts` times, oldest first.
std::vector<Mail> unsent_mail(db::Connection& c, int max_attempts, int limit);
void mark_mail_sent(db::Connection& c, std::int64_t id);
void mark_mail_failed(db::Connection& c, std::int64_t id, const std::string& error);
}  // namespace sgee::access::store

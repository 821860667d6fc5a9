#pragma once
// MES requests' SQL (migration 0024; issue 16, seed 000, MES-01…13): create, load (checked against
// the URL's organization), the provider's lists, save with the revision check, sign, transmit,
// delete a draft, events and the history the request type is proposed from. Every status change
// goes through mes::decide (status_rules.hpp): callers ask it first, these functions only store.
// Every function takes the connection it runs on, so callers choose the transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mes/document_rules.hpp"
#include "mes/form_rules.hpp"
#include "mes/model.hpp"
#include "mes/status_rules.hpp"
#include "mes/type_rules.hpp"
#include "platform/db/db.hpp"

namespace sgee::mes::store {

// The answers as stored in mes_requests.answers / mes_versions.answers:
// {"fields": {"situation.schedule": "…", …}, "moments": [{"start", "end", "transition", "label",
// "needs", "actions"}, …]}. Unknown members are ignored; bad JSON reads as no answers.
std::string answers_json(const Answers& a);
Answers answers_from_json(const std::string& text);

struct Request {
  std::int64_t id = 0;
  std::string number;  // "MES-2026-000123"
  std::int64_t organization_id = 0;
  std::optional<std::int64_t> bc_id;
  ProviderKind kind = ProviderKind::cpe;
  std::int64_t child_id = 0;
  std::optional<std::int64_t> dossier_id;
  RequestType type = RequestType::new_request;
  Status status = Status::brouillon;
  int reference_year = 0;
  std::optional<std::int64_t> renews_id;
  Answers answers;
  std::optional<int> requested_minutes;
  std::int64_t revision = 1;
  std::string created_at, updated_at;
  std::optional<std::int64_t> signed_by;
  std::string signed_at, signed_hash, signed_by_name;
  std::string first_transmitted_at, transmitted_at;
  std::optional<int> granted_minutes;
  // Joined, for the pages: the child (Portail), the provider (register), the BC.
  std::string child_given_name, child_surname, child_birth_date, confirmation_number;
  std::string org_name, org_number, org_address, bc_name, bc_number;
};

// The request `id` when it belongs to organization `org` (its organization_id or its bc_id);
// nullopt otherwise (a guessed id of another organization reads as not found). Deleted requests
// are gone.
std::optional<Request> load(db::Connection& c, std::int64_t id, std::int64_t org);

// Who acts on a request (status_rules.hpp Actor), from the rights the user holds on the URL's
// organization: on a BC's side (the URL names the BC of an RSGE's request), the signing right makes
// the BC's designated person (MES-13); otherwise sign_mes → signer, enter_mes → editor, else
// reader.
Actor actor_of(bool bc_side, bool sign_right, bool enter_right);

// The child's past decisions (granted or refused), every provider: what propose_type reads.
std::vector<PastDecision> history(db::Connection& c, std::int64_t child_id);
// The request a renewal renews (or a transfer follows): the latest granted one of the child at
// `place` (renewal) or anywhere (transfer), with its answers and hours.
struct Granted {
  std::int64_t id = 0;
  Answers answers;
  std::optional<int> granted_minutes;
};
std::optional<Granted> granted_request(db::Connection& c, std::int64_t child_id,
                                       std::optional<std::int64_t> place);

// ---- Creation (MES-03, MES-04)
struct Child {
  std::int64_t id = 0;
  std::string given_name, surname, birth_date, confirmation_number;
};
// The Portail child with this confirmation number AND birth date (both must match).
std::optional<Child> find_child(db::Connection& c, const std::string& confirmation_number,
                                const std::string& birth_date);
// What the prerequisites read, from the database: the child's admissions and registry dossier at
// `place` (an installation, or an RSGE whose dossiers the BC `bc` holds), its agreements and
// handicap periods (the dossier's JSON, spec/api.md), the dossier's status, the open requests.
struct Facts {
  PrerequisiteFacts facts;
  std::optional<std::int64_t> dossier_id;
};
Facts prerequisite_facts(db::Connection& c, std::int64_t child_id, std::int64_t place,
                         std::optional<std::int64_t> bc, ProviderKind kind);

struct NewRequest {
  std::int64_t organization_id = 0;
  std::optional<std::int64_t> bc_id;
  ProviderKind kind = ProviderKind::cpe;
  std::int64_t child_id = 0;
  std::optional<std::int64_t> dossier_id;
  RequestType type = RequestType::new_request;
  int reference_year = 0;
  std::optional<std::int64_t> renews_id;
  Answers answers;
  std::optional<int> requested_minutes;
  std::int64_t by = 0;
};
// Inserts a Brouillon numbered "MES-<year>-<6 digits of the id>" and its "create" event.
std::pair<std::int64_t, std::string> create(db::Connection& c, const NewRequest& r);

// ---- The provider's lists (MES-02)
enum class List { all, in_progress, drafts, conform };
struct Row {
  std::int64_t id = 0;
  std::string number, child_given_name, child_surname, org_name;
  RequestType type = RequestType::new_request;
  Status status = Status::brouillon;
  std::string updated_at;
  bool bell = false;    // comments sent by the ministry not all ticked « Corrigé »
  bool letter = false;  // a communication not read yet
};
std::vector<Row> list(db::Connection& c, std::int64_t org, List which, int limit, int offset);
struct Counts {
  std::int64_t all = 0, in_progress = 0, drafts = 0, conform = 0;
};
Counts counts(db::Connection& c, std::int64_t org);

// ---- Changes
// Saves the answers when the request is still at revision `typed_on`; false when someone saved in
// between (nothing written: the caller answers 409 with mes.sm.edited_meanwhile).
bool save_answers(db::Connection& c, std::int64_t id, std::int64_t typed_on, const Answers& a,
                  std::optional<int> requested_minutes, std::int64_t by);
// The attachments as the content hash reads them (nature, SHA-256), in upload order.
std::vector<Attachment> attachments(db::Connection& c, std::int64_t id);
// Sections the ministry commented on and sent; comments sent and not yet ticked « Corrigé ».
std::vector<Section> commented_sections(db::Connection& c, std::int64_t id);
int comments_not_corrected(db::Connection& c, std::int64_t id);
// Records the signature: who, when, the content hash (mes::content_hash).
void sign(db::Connection& c, std::int64_t id, std::int64_t by, const std::string& hash);
// Moves the request to `to` (Transmise), writes a mes_versions row (the answers and attachments
// as transmitted) and the event. Returns the version's number.
int transmit(db::Connection& c, const Request& r, Status to, std::int64_t by,
             const std::string& hash);
// Removes a Brouillon and everything attached to it (final, MES-11).
void remove(db::Connection& c, std::int64_t id);

// ---- Events (the request's history as people read it)
void record_event(db::Connection& c, std::int64_t request_id, std::optional<std::int64_t> user,
                  Action a, std::optional<Status> from, std::optional<Status> to,
                  const std::string& detail = "");
struct Event {
  std::string at, action, from_status, to_status, detail, user_name;
};
std::vector<Event> events(db::Connection& c, std::int64_t request_id);

}  // namespace sgee::mes::store

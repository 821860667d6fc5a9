#pragma once
// MES, the ministry's side (MES-10, MES-12) over migration 0024: the queue of transmitted requests
// (filters, sort, paging; kept per server until it changes, migration 0026), assignment, the
// request as the agent reads it, its versions, comments per section, the decision, communications
// (PDF letters stored with their SHA-256); the history is mes::store's (events, record_event).
// Every status change is first decided by mes::decide (status_rules.hpp): this store only writes
// what the routes were allowed to do.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mes/form_rules.hpp"
#include "mes/model.hpp"
#include "mes/status_rules.hpp"
#include "platform/db/db.hpp"

namespace sgee::mes::review_store {

// ---- The queue -------------------------------------------------------------------------------
struct QueueFilter {
  std::string region;    // "01"…"17", or empty
  std::string kind;      // "cpe" | "gs" | "rsge", or empty
  std::string type;      // "new" | "renewal" | "renewal_changes" | "transfer", or empty
  std::string status;    // a transmitted status, or empty (every one but brouillon / supprimee)
  std::string assigned;  // "moi" (to `me`), "aucun" (unassigned), or empty (anyone)
  // Transmitted at or after `from` and before `to` (stored UTC times, "2026-04-01T04:00:00Z": the
  // pages turn Québec days into these), or empty.
  std::string from, to;
  std::string sort = "transmise";  // transmise | numero | statut | service
  bool descending = false;
};
// The sorts the queue offers (the first is the default: transmitted date, oldest first).
const std::vector<std::string>& queue_sorts();

struct QueueRow {
  std::int64_t id = 0;
  std::string number, type, status, provider_kind;
  std::string child_given_name, child_surname;
  std::string provider_name, provider_number, region;
  std::string transmitted_at;
  std::optional<std::int64_t> assigned_to;
  std::string assigned_name;
};
// The queue under a filter, as this server keeps it until the queue changes on any server
// (migration 0026's generation moves): read again then, in one query each.
struct QueueView {
  std::int64_t generation = 0;
  // The number of requests per transmitted status under every filter but the status (the status
  // filter's labels).
  std::vector<std::pair<std::string, std::int64_t>> counts;
  // Every request under the filter, status included, in the filter's sort.
  std::shared_ptr<const std::vector<std::int64_t>> ids;
};
QueueView queue_view(db::Connection& c, const QueueFilter& f, std::int64_t me);
// Those requests (a page of the view's ids) with their child, provider and agent, in that order;
// one deleted meanwhile is left out. Kept too until the queue changes (the generation also moves
// when a child's, an agent's or a provider's name changes).
std::vector<QueueRow> queue_rows(db::Connection& c, const QueueView& view,
                                 std::span<const std::int64_t> ids);

// ---- One request ---------------------------------------------------------------------------
struct Request {
  std::int64_t id = 0;
  std::string number;
  std::int64_t organization_id = 0;
  std::optional<std::int64_t> bc_id;
  std::string provider_kind, type, status;
  std::int64_t reference_year = 0;
  std::int64_t child_id = 0;
  std::string child_given_name, child_surname, child_birth_date, confirmation_number;
  std::string provider_name, provider_number, provider_address, region, bc_name, bc_number;
  std::optional<std::int64_t> parent_user_id;  // the child's family account (audit rows)
  std::string answers;
  std::optional<std::int64_t> requested_minutes;
  std::string first_transmitted_at, transmitted_at;
  std::optional<std::int64_t> assigned_to;
  std::string assigned_name;
  std::string conform_at;
  std::optional<std::int64_t> granted_minutes;
  std::string period_start, period_end, refusal_reason, decided_at, decided_name;
  Status status_enum() const;
  ProviderKind kind_enum() const;
};
std::optional<Request> request(db::Connection& c, std::int64_t id);
// The request when it belongs to `organization_id` (its provider, or its BC in home-based care).
std::optional<Request> request_of(db::Connection& c, std::int64_t id, std::int64_t organization_id);

// Every version, oldest first.
std::vector<Version> versions(db::Connection& c, std::int64_t request_id);
std::int64_t last_version(db::Connection& c, std::int64_t request_id);

// ---- Assignment --------------------------------------------------------------------------------
struct Agent {
  std::int64_t id = 0;
  std::string name;
};
std::vector<Agent> ministry_agents(db::Connection& c);
bool is_ministry_agent(db::Connection& c, std::int64_t user_id);
void assign(db::Connection& c, std::int64_t request_id, std::optional<std::int64_t> agent);

// ---- Comments ----------------------------------------------------------------------------------
struct Comment {
  std::int64_t id = 0;
  std::string section, body;
  std::int64_t version = 0;
  std::int64_t author_id = 0;
  std::string author_name, created_at, sent_at, corrected_at, corrected_name;
};
std::vector<Comment> comments(db::Connection& c, std::int64_t request_id);
std::optional<Comment> comment(db::Connection& c, std::int64_t request_id, std::int64_t id);
std::int64_t add_comment(db::Connection& c, std::int64_t request_id, const std::string& section,
                         const std::string& body, std::int64_t version, std::int64_t author);
void edit_comment(db::Connection& c, std::int64_t id, const std::string& body);
void delete_comment(db::Connection& c, std::int64_t id);
// Sends the author's drafts of the request; how many.
std::int64_t send_comments(db::Connection& c, std::int64_t request_id, std::int64_t author);
std::int64_t draft_count(db::Connection& c, std::int64_t request_id, std::int64_t author);
void mark_corrected(db::Connection& c, std::int64_t id, std::int64_t by);

// ---- Status and decision -------------------------------------------------------------------
void set_status(db::Connection& c, std::int64_t request_id, Status to, std::int64_t by);
void set_conform(db::Connection& c, std::int64_t request_id, std::int64_t by);
void grant(db::Connection& c, std::int64_t request_id, int minutes, const std::string& start,
           const std::string& end, std::int64_t by);
void refuse(db::Connection& c, std::int64_t request_id, const std::string& reason, std::int64_t by);

// ---- Communications ----------------------------------------------------------------------------
struct Communication {
  std::int64_t id = 0;
  std::string title, filename, sha256, created_at, read_at, read_name;
  std::int64_t size = 0;
  bool generated = false;
};
std::vector<Communication> communications(db::Connection& c, std::int64_t request_id);
std::optional<Communication> communication(db::Connection& c, std::int64_t request_id,
                                           std::int64_t id);
std::string communication_content(db::Connection& c, std::int64_t id);
std::int64_t add_communication(db::Connection& c, std::int64_t request_id, const std::string& title,
                               const std::string& filename, const std::string& pdf, bool generated,
                               std::int64_t by);
// The first reading: read_at / read_by set when still unread; whether it was.
bool mark_read(db::Connection& c, std::int64_t id, std::int64_t by);

// ---- E-mail notices ----------------------------------------------------------------------------
// The enabled accounts holding an MES right on the request's provider (its BC's in home-based
// care) or the RSE of its division, with an e-mail address.
std::vector<std::string> provider_mes_emails(db::Connection& c, const Request& r);

}  // namespace sgee::mes::review_store

#pragma once
// Messaging's tables (migration 0023): threads, messages, and the unread messages kept per account
// as they change (issue 15). Who reads which threads is decided here once per request (Reader),
// and every query filters by it: a thread of someone else is never returned.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/model.hpp"
#include "platform/db/db.hpp"

namespace sgee::portail::messages_store {

// Who the signed-in account is to messaging.
// - a parent reads the threads about the children of their family file;
// - a provider's staff read the threads of the installations and RSGE they hold "Gérer la fiche
//   et les admissions" on (manage_admissions: the right of the réserve and the admissions), an
//   RSE those of the installations of their division, an RSGE her own;
// - a BC's staff (the same right on the BC, or its division's RSE) read the BC's threads with its
//   RSGE; the RSGE reads hers.
struct Reader {
  std::int64_t user_id = 0;
  bool parent = false;
  std::vector<std::int64_t> providers;  // installations and RSGE (family threads)
  std::vector<std::int64_t> rsge;       // the RSGE among them (their threads with the BC)
  std::vector<std::int64_t> bcs;        // BCs (their threads with their RSGE)
  bool reads_any() const { return parent || !providers.empty() || !bcs.empty(); }
  bool holds(const std::vector<std::int64_t>& in, std::int64_t id) const;
};
Reader reader_of(db::Connection& c, const access::Principal& who);

struct Thread {
  std::int64_t id = 0;
  std::string kind;  // family | bc
  std::int64_t organization_id = 0;
  std::string org_name, org_number, org_kind, installation_kind;
  std::optional<std::int64_t> child_id, bc_id, parent_user_id;
  std::string child_given_name, child_surname, bc_name, bc_number;
  std::string subject, created_at, last_message_at;
  std::int64_t unread = 0;  // the reader's
  std::string side;         // the reader's side: parent | provider | bc | rsge
};

// The reader's threads, newest message first; only those with unread messages when `unread_only`.
std::vector<Thread> inbox(db::Connection& c, const Reader& r, bool unread_only, std::int64_t limit,
                          std::int64_t offset);
std::int64_t inbox_count(db::Connection& c, const Reader& r, bool unread_only);
// The messages waiting for the reader in all their threads (read from the kept counts).
std::int64_t unread_total(db::Connection& c, const Reader& r);
// The thread if the reader reads it, else nullopt (a guessed id).
std::optional<Thread> thread_of(db::Connection& c, const Reader& r, std::int64_t id);

// The thread already started about the child with the provider, or between the BC and the RSGE.
std::optional<std::int64_t> family_thread(db::Connection& c, std::int64_t child_id,
                                          std::int64_t provider_id);
std::optional<std::int64_t> bc_thread(db::Connection& c, std::int64_t bc_id, std::int64_t rsge_id);
// Starts the thread (or finds the one a concurrent request started) and returns its id.
std::int64_t start_family(db::Connection& c, std::int64_t child_id, std::int64_t provider_id,
                          const std::string& subject, std::int64_t by);
std::int64_t start_bc(db::Connection& c, std::int64_t bc_id, std::int64_t rsge_id,
                      const std::string& subject, std::int64_t by);

struct Message {
  std::int64_t id = 0, author_id = 0;
  std::string author_name, author_side, author_org, body, created_at;
};
std::vector<Message> messages_of(db::Connection& c, std::int64_t thread_id);

// The e-mail a reader of the other side gets when a message finds none waiting (no content of the
// message in it).
struct Notice {
  std::string subject, body;
};
struct Posted {
  std::int64_t message_id = 0;
  std::int64_t notices = 0;  // e-mails queued
};
// Adds the message (call it in a transaction): the thread's last_message_at, +1 unread for each
// account of the other side (the provider's, BC's or RSGE's staff, or the parent), one notice per
// thread and account while messages wait (messages_rules::notify), the author's own count reset.
Posted post(db::Connection& c, const Thread& t, std::int64_t author_id, const std::string& side,
            std::optional<std::int64_t> author_org, const std::string& body, const Notice& notice);
// The reader opened the thread: their unread count and notice are reset. Whether some were
// waiting.
bool mark_read(db::Connection& c, std::int64_t user_id, std::int64_t thread_id);

// The accounts of a side: the staff of an installation, BC or RSGE who read its threads.
std::vector<std::int64_t> staff_of(db::Connection& c, std::int64_t organization_id);

}  // namespace sgee::portail::messages_store

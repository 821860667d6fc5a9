#pragma once
// Messaging (issue 15; seed 001): one inbox for every account (/messages), a thread's page with its
// messages and the reply form (/messages/{id}), and where a thread starts:
// - a parent, from a child's page, per chosen provider: /famille/enfants/{child}/messages/{milieu};
// - a provider's staff, from a child of the réserve, an admission or a referral:
//   /installations/{installation}/enfants/{child}/message;
// - a BC, from an RSGE's registry page: /bc/{bc}/rsge/{rsge}/message;
// - an RSGE, to her BC: /installations/{rsge}/message-bc.
// A thread already started is where each of these leads. Unread counts on the dashboard.
#include <cstdint>
#include <optional>
#include <string>

#include "access/model.hpp"
#include "platform/date.hpp"
#include "platform/db/db.hpp"
#include "platform/web.hpp"

namespace sgee::portail {

void add_message_routes(web::WebApp& web);

// Where "Écrire au service" / "Écrire au parent" leads for the child and the provider: the thread
// when it is started (`started`), the form when the provider may know who the child is
// (messages_rules::may_start_family), nullopt otherwise (not chosen there, or a CPE / GS before
// the child is referred or admitted).
struct WriteLink {
  std::string href;
  bool started = false;
};
std::optional<WriteLink> parent_write_link(db::Connection& c, std::int64_t child_id,
                                           const std::string& provider_number);
std::optional<WriteLink> provider_write_link(db::Connection& c,
                                             const access::Organization& provider,
                                             std::int64_t child_id);

// `seed --demo`: the demo parent's thread with the demo RSGE about Noah (her reply unread), and a
// thread between the demo BC and that RSGE. Idempotent; after seed_demo_admissions.
void seed_demo_messages(db::Connection& c);

}  // namespace sgee::portail

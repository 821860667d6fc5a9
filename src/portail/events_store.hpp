#pragma once
// The Portail's event feed for providers' management software (issue 15): each referral,
// admission and confirmation is also an event of the provider it concerns, written in the
// transaction of the change, read in order with a cursor (GET /api/v1/installations/{n}/events).
#include <cstdint>
#include <string>
#include <vector>

#include "platform/db/db.hpp"

namespace sgee::portail::events {

struct Event {
  std::int64_t seq = 0;  // the cursor: an organization's events are numbered 1, 2, …
  std::string kind;      // "referral", "referral_declined", "admission", "confirmation", …
  std::string data;      // JSON object
  std::string created_at;
};

// Adds an event for the organization, in the caller's transaction. `data` is a JSON object.
void add(db::Connection& c, std::int64_t organization_id, const std::string& kind,
         const std::string& data);

// The organization's events after the cursor `after` (0: from the start), at most `limit`.
std::vector<Event> after(db::Connection& c, std::int64_t organization_id, std::int64_t after,
                         int limit);

}  // namespace sgee::portail::events

#pragma once
// A provider's réserve de clientèle as its pages and the API read it (issue 15, POR-03): the
// ranked order (ranking.hpp over ranking_store::load) is kept in reserve_positions and recomputed
// only when the réserve changed (migration 0018: a generation per provider moved by triggers in
// the transaction of each change) or the day changed. Any server reads and refreshes the same
// rows: nothing is cached in memory.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/date.hpp"
#include "platform/db/db.hpp"
#include "portail/family_rules.hpp"
#include "portail/ranking.hpp"

namespace sgee::portail::reserve_store {

// Makes the stored order of the provider current (recomputing it when its generation or the day
// moved) and returns the number of children in its réserve.
std::int64_t ensure_ranked(db::Connection& c, std::int64_t organization_id, dates::Date today);

// A child of the réserve as a row of the list.
struct Row {
  std::int64_t position = 0, child_id = 0;
  ranking::Category category = ranking::Category::other;
  std::optional<std::string> priority;  // the declared criterion it was picked by
  bool sibling = false;                 // another child of its family file in this réserve
  std::string confirmation_number, surname, given_name;
  dates::Date birth{}, desired_start{};
  WeekMasks schedule{};
  bool accept_partial = false, accept_replacement = false;
  std::vector<std::string> criteria;  // the criteria the child meets (special_needs included)
  // Referred to this provider (a referral neither declined nor expired) or admitted there: a CPE
  // or a subsidized garderie sees the child's identity only then.
  bool identified = false;
};

// The réserve in order; `limit` rows from `offset`, or all of them (limit 0). ensure_ranked first.
std::vector<Row> rows(db::Connection& c, std::int64_t organization_id, std::int64_t limit = 0,
                      std::int64_t offset = 0);

// A child who chose the provider, with the whole request and the family's contact.
struct Detail {
  Row row;
  bool in_reserve = false;  // false: admitted there (row.position is 0)
  std::string parent1, parent2, phone, email, address, parent2_email;
  bool special_needs = false, share_special_needs = false;
  std::string special_needs_text;
  bool staff_parent = false;
  std::optional<std::string> staff_confirmed_at;
};
// nullopt when the child did not choose this provider (a guessed id).
std::optional<Detail> detail(db::Connection& c, std::int64_t organization_id,
                             std::int64_t child_id);

// The provider confirms that the child's parent works there (ranking categories 1–2). False when
// the parent did not declare it, or it is already confirmed.
bool confirm_staff(db::Connection& c, std::int64_t organization_id, std::int64_t child_id,
                   const std::string& now);

// The provider's open free places, as ranking::fits takes them.
std::vector<ranking::FreePlace> open_places(db::Connection& c, std::int64_t organization_id);

// What a provider consulted of the children of its réserve, one row per child, provider, day and
// kind (`what`: reserve_list, reserve_detail, reserve_export, reserve_api), counted (views less
// than a minute apart count once): the parent's page reads it by child. The view itself is one
// audit row (who, when, from where: the caller's). Commits with the caller's transaction, or alone
// through the server's group writer.
void record_consultations(db::Connection& c, std::int64_t organization_id,
                          const std::vector<std::int64_t>& child_ids, const std::string& what);

// Who consulted a child's file through a réserve: newest first, a line per provider, day and kind.
struct Consultation {
  std::string at;                // the last time that day
  std::string provider, detail;  // detail: reserve_list, reserve_detail, reserve_export, …
  std::int64_t views = 1;        // how many times that day (a minute apart at least)
};
std::vector<Consultation> consultations(db::Connection& c, std::int64_t child_id,
                                        std::int64_t limit, std::int64_t offset);

}  // namespace sgee::portail::reserve_store

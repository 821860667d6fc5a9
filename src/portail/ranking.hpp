#pragma once
// The réserve's ranking (issue 15, POR-03): who gets a provider's next place. Pure: no database,
// no HTTP, no clock (today is a parameter). The store gathers the facts (ranking_store.*), this
// orders them and says why; the réserve, the referral and the parent's rank all read this one
// order.
//
// The rule, as the ministry states it since 2025 (one ordering for every provider):
// 1. Five categories, the lower first:
//    1 a child of the service's staff living at the same address as a child admitted there;
//    2 a child of the service's staff;
//    3 a child living at the same address as a child admitted there;
//    4 a child not admitted to a CPE or subsidized garderie;
//    5 any other child.
// 2. Within a category, the longest time since the desired entry date first (the earlier desired
//    date first; a desired date still to come waits behind those already passed).
// 3. Ties: the tie key, a keyed hash of the child's confirmation number (ranking_store.cpp). It is
//    the same at every provider, cannot be chosen by the parent and owes nothing to the moment of
//    registration or to an id's order.
// 4. Declared priorities (CPE and subsidized garderies only): a provider declares up to 6 criteria
//    from the ministry's list and a share of its places, at most 50 %. The order is built place by
//    place, as the places will be filled: for the next place, when giving it by priority keeps the
//    priority admissions at or under the share (counting the provider's recent admissions, see
//    Provider), the best-ranked child matching a declared criterion takes it (a "priority" pick);
//    otherwise the best-ranked child of all takes it. A child matching a criterion who comes first
//    by rules 1–3 anyway is not counted as a priority admission.
// 5. What follows from 1–4, and the unit tests check on random réserves (POR_03_…): the order
//    depends on neither the input's order nor the children's ids nor when they registered; for
//    every prefix of the order, priority picks plus the recent priority admissions stay within the
//    share of the recent admissions plus the prefix; among children of one category and one
//    priority status (picked by priority or not), the earlier desired date comes first; and the
//    reasons of each Ranked (category, days waited, priority, criterion, tie key) with the
//    provider's share and recent admissions reproduce the whole order: sort the children picked by
//    priority and the others each by (category, most days waited, tie key), then fill place by
//    place: when a priority pick is allowed and the best of the others meets no criterion, the
//    best of the priority picks, else the best of the others.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/date.hpp"
#include "portail/family_rules.hpp"

namespace sgee::portail::ranking {

inline constexpr size_t kMaxPriorities = 6;
inline constexpr int kMaxPrioritySharePercent = 50;

enum class Category : std::uint8_t {
  staff_same_address = 1,
  staff = 2,
  same_address = 3,
  not_admitted_subsidized = 4,
  other = 5,
};

// A child in the réserve, with the facts its rank depends on.
struct Candidate {
  std::int64_t child_id = 0;
  std::string tie_key;          // ranking_store: hex of a keyed hash of the confirmation number
  dates::Date desired_start{};  // the desired entry date
  bool staff_child = false;     // a parent works at this service (declared, confirmed by it)
  bool same_address = false;    // lives at the address of a child admitted at this service
  bool admitted_subsidized = false;   // already admitted to a CPE or a subsidized garderie
  std::vector<std::string> criteria;  // the priority criteria the child meets (list codes)
};

struct Provider {
  bool priorities_apply = false;      // a CPE or a subsidized garderie
  std::vector<std::string> declared;  // its declared criteria (at most kMaxPriorities)
  int share_percent = 0;              // at most kMaxPrioritySharePercent
  // Its admissions of the last 12 months, and how many of them were priority picks: the share is
  // measured over them and the places to come.
  int recent_admissions = 0;
  int recent_priority_admissions = 0;
};

struct Ranked {
  std::int64_t child_id = 0;
  int position = 0;  // 1 for the next place
  Category category = Category::other;
  int days_waited = 0;                  // today - desired_start (negative: still to come)
  std::optional<std::string> priority;  // the declared criterion it was picked by, if so
  // The first declared criterion the child meets, picked by it or not (a child who comes first by
  // rules 1–3 anyway meets one without being a priority pick). With the provider's share and
  // recent admissions, these reasons alone reproduce the order (rule 5).
  std::optional<std::string> criterion;
  std::string tie_key;
};

Category category_of(const Candidate& c);

// The order of the réserve, best first, with each child's reasons.
std::vector<Ranked> rank(const Provider& p, std::vector<Candidate> children, dates::Date today);

// Rules 1–3 alone: whether a comes before b.
bool ahead(const Candidate& a, const Candidate& b);

// The first declared criterion the child meets (in the provider's declared order), if any.
std::optional<std::string> matching_priority(const Provider& p, const Candidate& c);

// Whether giving the next place by priority keeps priority admissions within the share, after
// `admissions` places of which `priority` went by priority.
bool priority_pick_allowed(int share_percent, int admissions, int priority);

// The band a parent sees instead of an exact rank ("entre le 11e et le 20e rang"): [low, high].
// 1–5 → [1,5], 6–10 → [6,10], 11–20, 21–50, 51–100, then hundreds ([101,200], …).
std::pair<int, int> rank_band(int position);

// A child's age in whole months on a day (0 before the first month is complete).
int months_old(dates::Date birth, dates::Date on);

// ---------------------------------------------------------------------------------------------
// Who fits a free place (the referral refers only those; the réserve filters on it).
enum class AgeGroup : std::uint8_t { infant, toddler, school };  // 0–17, 18–59 months, 60 and up
AgeGroup age_group_on(dates::Date birth, dates::Date day);
std::optional<AgeGroup> age_group_from(std::string_view s);  // "0-17", "18-59", "school"
std::string_view to_string(AgeGroup g);

struct FreePlace {
  AgeGroup age = AgeGroup::toddler;
  dates::Date from{};        // the place is free from this day: the child's start date
  WeekMasks schedule{};      // the half-periods it covers
  bool replacement = false;  // a replacement place (for a child on leave)
};
struct Request {
  dates::Date birth{};
  WeekMasks schedule{};  // desired
  bool accept_partial = false, accept_replacement = false;
};
// The child is in the place's age group on its start date (else the subsidy is lost); the place
// covers every desired half-period, or the parent accepts a partial match and the two share at
// least one; a replacement place only for a parent who accepts one.
bool fits(const FreePlace& place, const Request& child);

}  // namespace sgee::portail::ranking

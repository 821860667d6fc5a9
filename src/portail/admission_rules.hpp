#pragma once
// Admissions (issue 15, POR-04): pure rules, no database, no HTTP, no clock (today is a
// parameter).
// - looking a child up by its confirmation number and birth date: misses are throttled per user
//   (or access code) and per address, so that numbers cannot be tried one after another;
// - who must give a reason: a CPE or a subsidized garderie admitting a child who is not the
//   best-ranked of its réserve who fits one of its open free places (or who is not in its réserve
//   at all). A non-subsidized garderie and an RSGE choose freely (seed 001: « les RSGE ont la
//   possibilité de sélectionner les enfants de leur choix »);
// - the planned start date;
// - an admission's state in words (i18n key).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/date.hpp"
#include "portail/family_rules.hpp"
#include "portail/ranking.hpp"

namespace sgee::portail::admission {

// Lookup throttling: misses in the last kLookupWindow. A user (or access code) with
// kMaxMissesPerUser misses, or an address with kMaxMissesPerAddress (several users may share one),
// is refused until the window has passed, right pair or not.
inline constexpr std::chrono::minutes kLookupWindow{15};
inline constexpr int kMaxMissesPerUser = 5;
inline constexpr int kMaxMissesPerAddress = 20;
bool lookup_throttled(int user_misses, int address_misses);

// A child found by number may be admitted (the admission form by its id) for this long after.
inline constexpr std::chrono::hours kFoundValidity{2};

// The reason a subsidized provider gives for an out-of-rank admission: required, at most this long.
inline constexpr size_t kMaxReasonLength = 500;

// Whether the provider's admissions are bound by the réserve's order: a CPE or a subsidized
// garderie (installation kinds "CPE", "GS"); never an RSGE or a non-subsidized garderie.
bool bound_by_rank(std::string_view org_kind, std::string_view installation_kind);

// The réserve as ranked (ranking::rank) with what decides who fits.
struct Ranked {
  std::int64_t child_id = 0;
  ranking::Request request;
  std::optional<std::string> priority;  // the declared criterion the ranking picked it by
};
// The child `child_id` is admitted in rank when, for one of the open free places, it is the first
// of `ranked` (best first) who fits it. Without an open place, the first of the réserve is in
// rank. A child not in the réserve is never in rank.
bool in_rank(std::int64_t child_id, const std::vector<Ranked>& ranked,
             const std::vector<ranking::FreePlace>& places);

// The planned start as typed: a real date (AAAA-MM-JJ), not before the child's birth, and at most
// two years from today. Returns the i18n key of the rule broken, or nullopt.
std::optional<std::string> planned_start_error(std::string_view typed, dates::Date birth,
                                               dates::Date today);

// "admit.state.admitted", …: the state in words; a stored state outside the four reads "unknown".
std::string state_key(std::string_view state);

}  // namespace sgee::portail::admission

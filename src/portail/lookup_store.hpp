#pragma once
// What the admission pages and API read and write beyond admission_store (issue 15, POR-04): the
// lookups by confirmation number (throttling, and which child a user just found), a child's whole
// record as a provider sees it, a provider's admissions with the children's names, the facts of
// the out-of-rank check, the ministry's list of out-of-rank admissions, and the admission's link to
// the registry's dossier and its end.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/date.hpp"
#include "platform/db/db.hpp"
#include "portail/admission_rules.hpp"
#include "portail/admission_store.hpp"
#include "portail/family_store.hpp"

namespace sgee::portail::lookup_store {

// A lookup: `who` is "user:<id>" or "code:<id>"; `child_id` when found.
void record(db::Connection& c, const std::string& who, const std::string& address,
            std::int64_t organization_id, std::optional<std::int64_t> child_id);
// Misses in admission::kLookupWindow by `who` and from `address`.
std::pair<int, int> recent_misses(db::Connection& c, const std::string& who,
                                  const std::string& address);
// `who` found this child for this provider within admission::kFoundValidity.
bool recently_found(db::Connection& c, const std::string& who, std::int64_t organization_id,
                    std::int64_t child_id);
// The child with this (normalized) confirmation number and birth date (AAAA-MM-JJ).
std::optional<std::int64_t> find(db::Connection& c, const std::string& number,
                                 const std::string& birth_date);
// Whether the child chose the provider, and if so whether its special needs are shared with it.
std::optional<bool> choice_of(db::Connection& c, std::int64_t child_id,
                              std::int64_t organization_id);

// A child and its family file.
struct Record {
  family_store::Family family;
  family_store::Child child;
};
std::optional<Record> record_of(db::Connection& c, std::int64_t child_id);

// A provider's admission with the child's name.
struct Row {
  admission_store::Admission admission;
  std::string child_name, confirmation_number;
  std::string dossier_ref;  // the dossier opened from it, "" when none
};
std::vector<Row> admissions_of(db::Connection& c, std::int64_t organization_id, int limit,
                               int offset);
std::int64_t count_admissions(db::Connection& c, std::int64_t organization_id);

// The réserve ranked with each child's request (its open free places: reserve_store::open_places).
std::vector<admission::Ranked> ranked_reserve(db::Connection& c, std::int64_t organization_id,
                                              dates::Date today);

// The ministry's view: out-of-rank admissions, per provider (name, number), newest first.
struct OutOfRank {
  std::string provider_name, provider_number, admitted_at, planned_start, reason, state;
};
std::vector<OutOfRank> out_of_rank(db::Connection& c, int limit);

// Links the admission to the dossier opened from it.
void link_dossier(db::Connection& c, std::int64_t admission_id, std::int64_t dossier_id);
// The admission linked to this dossier that stands (admitted or confirmed), if any.
std::optional<admission_store::Admission> by_dossier(db::Connection& c, std::int64_t dossier_id);
// Records the end of services: state 'ended', ended_at, an event, and (when the admission asks
// for it) an open free place of the child's age group on `today`, from `today`, for the child's
// schedule. Returns whether an admission was ended.
bool end_admission(db::Connection& c, std::int64_t admission_id, dates::Date today);
// Whether ending the admission declares a free place again (the provider's checkbox).
void set_reopen_place(db::Connection& c, std::int64_t admission_id, bool reopen);

}  // namespace sgee::portail::lookup_store

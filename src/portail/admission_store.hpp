#pragma once
// Admissions (issue 15, POR-04): a provider admits a child of the Portail, from its réserve, a
// referral or by the child's confirmation number. Each admission is an event of the provider
// (events_store.hpp), written in the same transaction. Callers check who may admit and audit.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/date.hpp"
#include "platform/db/db.hpp"

namespace sgee::portail::admission_store {

struct AdmitInput {
  std::int64_t child_id = 0, organization_id = 0;
  dates::Date planned_start{};
  std::optional<std::string> priority;            // the declared criterion it is admitted by
  std::optional<std::string> out_of_rank_reason;  // a subsidized provider admitting out of rank
  std::optional<std::int64_t> user_id, access_code_id;
  std::optional<std::int64_t> place_id, referral_id;
};

struct Admission {
  std::int64_t id = 0, child_id = 0, organization_id = 0;
  std::string planned_start, state, admitted_at;
  std::optional<std::string> priority, out_of_rank_reason, confirmed_at, ended_at;
  std::optional<std::int64_t> dossier_id, place_id, referral_id;
};

// The columns of an admission row as from_row() reads them, each prefixed by the table's alias
// ("a." in a join).
#define SGEE_ADMISSION_COLUMNS_OF(t)                                                            \
  t "id, " t "child_id, " t "organization_id, " t "planned_start, " t "state, " t               \
    "admitted_at, " t "priority, " t "out_of_rank_reason, " t "confirmed_at, " t "ended_at, " t \
    "dossier_id, " t "place_id, " t "referral_id"
// An admission from a row selected with SGEE_ADMISSION_COLUMNS_OF (its 13 first columns).
Admission from_row(const db::Row& r);

// Records the admission (state 'admitted') and its event; returns its id. The child must not be
// admitted there already (the caller checks: see current()).
std::int64_t admit(db::Connection& c, const AdmitInput& in);

// The child's admission at this provider that stands (admitted or confirmed), if any.
std::optional<Admission> current(db::Connection& c, std::int64_t child_id,
                                 std::int64_t organization_id);
std::optional<Admission> by_id(db::Connection& c, std::int64_t id);
// A provider's admissions, newest first.
std::vector<Admission> of_provider(db::Connection& c, std::int64_t organization_id, int limit,
                                   int offset);

}  // namespace sgee::portail::admission_store

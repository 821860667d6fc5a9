#pragma once
// The bureau coordonnateur's side of the Portail (issue 15, POR-06; seed 001): the admissions of
// its RSGE to confirm, the children admitted per RSGE, its RSGE registry (what the ministry's
// register says, with the contact details and suspensions the BC keeps) and the counts of its
// dashboard. Callers check that the BC is the user's (or the access code's) and audit.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/date.hpp"
#include "platform/db/db.hpp"

namespace sgee::portail::bc_store {

// An admission by one of the BC's RSGE, with the child and the RSGE by name.
struct BcAdmission {
  std::int64_t id = 0, child_id = 0, rsge_id = 0;
  std::string state;  // admitted | confirmed | ended | cancelled
  std::string planned_start, admitted_at;
  std::optional<std::string> confirmed_at;
  std::string child_given_name, child_surname, confirmation_number, birth_date;
  std::string rsge_number, rsge_name;
  std::string admitted_by, confirmed_by;       // a person's name; empty: by software or unknown
  std::optional<std::int64_t> parent_user_id;  // the family file's account (audit's subject)
};

// The admissions of the BC's RSGE in one of `states` (all when empty), oldest admission first;
// `rsge_id`: of that RSGE only.
std::vector<BcAdmission> admissions_of_bc(db::Connection& c, std::int64_t bc_id,
                                          const std::vector<std::string>& states,
                                          std::optional<std::int64_t> rsge_id = std::nullopt);
// Whether the admission matches a search (accent- and case-insensitive): the child's name, the
// RSGE's name, or the child's confirmation number. An empty search matches all.
bool matches(const BcAdmission& a, const std::string& search);

// The admission `id` when it is one of the BC's RSGE's; nullopt otherwise (never another's).
std::optional<BcAdmission> admission_of_bc(db::Connection& c, std::int64_t bc_id, std::int64_t id);

enum class Confirmed { done, not_admitted };
// POR-06: the BC confirms the admission: 'admitted' → 'confirmed' (confirmed_at, confirmed_by),
// an event `confirmation` for the RSGE and for the BC, an e-mail to the RSGE through the outbox.
// `not_admitted` (nothing changed) when it is no longer in 'admitted' (confirmed already, ended,
// cancelled; a concurrent confirmation counts once). Call it in a transaction.
Confirmed confirm(db::Connection& c, std::int64_t bc_id, const BcAdmission& a,
                  std::optional<std::int64_t> user_id, std::optional<std::int64_t> access_code_id);

// An RSGE of the BC as its registry shows her.
struct RegistryRow {
  std::int64_t id = 0;
  std::string number, name, municipality;
  std::optional<std::int64_t> places;
  std::string recognition_status;  // recognized | suspended | revoked (the register's)
  std::string adhesion;            // publiee | non-publiee | jamais (fiche_store's words)
  bool mandate = false;
  std::string phone, email;  // kept by the BC
  // A suspension standing today: its end (empty: until further notice) and the day she shows on
  // the map again.
  bool suspended_now = false;
  std::string suspended_until, shown_from;
  bool hidden_from_map = false;
  std::int64_t to_confirm = 0, admitted = 0;  // admissions admitted / confirmed now
};
// The BC's RSGE by name, as they stand on `today`.
std::vector<RegistryRow> registry(db::Connection& c, std::int64_t bc_id, dates::Date today);
// The one RSGE of the BC (`rsge_id` of another BC: nullopt).
std::optional<RegistryRow> registry_row(db::Connection& c, std::int64_t bc_id, std::int64_t rsge_id,
                                        dates::Date today);

struct Contact {
  std::string phone, email;
};
void save_contact(db::Connection& c, std::int64_t rsge_id, const Contact& contact,
                  std::optional<std::int64_t> user_id);

// The BC dashboard's counts: its RSGE by adhesion state and the admissions to confirm.
struct Counts {
  std::int64_t published = 0, unpublished = 0, never_started = 0, to_confirm = 0;
};
Counts counts(db::Connection& c, std::int64_t bc_id);

}  // namespace sgee::portail::bc_store

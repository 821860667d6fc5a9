#pragma once
// The registry's validation rules (DOS-*, ENT-*), pure: no database, no clock. What a rule needs
// from elsewhere (the civil registry, the address reference, the stored version, other dossiers of
// the same child, the component's CISSS reservations, today's date) comes in `Context`.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "csg/model.hpp"
#include "platform/text.hpp"

namespace sgee::csg {

// What the civil registry knows of a NIREC (DOS-05).
struct CivilRecord {
  std::string nirec, surname, given_name;
  Sex sex = Sex::F;
  Date birth_date;
  bool operator==(const CivilRecord&) const = default;
};

// A CISSS reservation of the component, an installation or a BC (SYN-20).
struct Reservation {
  Date start, end;
  int days_per_week = 0, places = 0;
  Bracket age = Bracket::infant;  // infant (0-17) or toddler (18-59)
  bool operator==(const Reservation&) const = default;
};

// An agreement of another dossier of the same child (shared custody, ENT-09): the dossier's ref,
// its provider's number and name (CSG075E names the provider).
struct OtherAgreement {
  std::string dossier_ref, installation;
  Agreement agreement;
  std::string provider;
};

// The guardian of another dossier of the same child (DOS-15): compared only when that dossier's
// agreements (the OtherAgreement of the same dossier_ref and installation) overlap this one's.
struct OtherGuardian {
  std::string dossier_ref, installation;
  Adult guardian;
};

struct Context {
  Date today;
  bool component_is_bc = false;  // the dossier is sent by a BC: `rsge` is required
  // The RSGE numbers of the BC (when the component is a BC); empty: not checked.
  std::vector<std::string> rsge_of_bc;
  // The civil registry: looked up (true) or not available (the offline checker: false).
  bool civil_registry = false;
  std::optional<CivilRecord> civil;  // the NIREC's entry, when looked up and found
  // The address reference: nullopt when not available; otherwise whether the address was found.
  std::optional<bool> address_found;
  const Dossier* stored = nullptr;  // the version already stored under this ref, if any
  std::vector<OtherAgreement> other_agreements;
  std::vector<OtherGuardian>
      other_dossier_guardians;  // the guardians of the child's other dossiers
  std::optional<std::vector<Reservation>> reservations;  // nullopt: not available
};

// SYN-02, API-01: a record's ref (spec/api.md, docs/api-limits.md) is 1 to 30 characters out of
// A-Z a-z 0-9 . _ - and is neither "." nor "..", so that it stands in a URL path as it is.
inline constexpr size_t kMaxRefLength = 30;
bool valid_ref(std::string_view ref);

// DOS-13: the corrections the registry makes itself before checking a record, each with its A
// message: a trailing "App 2", "Apt 2", "Appartement 2" or "# 2" in the street moves to the
// apartment field (when that is empty or says the same).
std::vector<Finding> tidy_dossier(Dossier& d);

// DOS-05: whether two names are the same for the civil registry: case, accents, hyphens and
// spaces and the order of the parts of a compound name are ignored.
bool same_civil_name(std::string_view a, std::string_view b);

// Each rule group; each returns its findings in field order.
std::vector<Finding> check_record(const Dossier& d, const Context& ctx);          // ref, rsge
std::vector<Finding> check_child(const Dossier& d, const Context& ctx);           // DOS-01..07
std::vector<Finding> check_adults(const Dossier& d, const Context& ctx);          // DOS-10..12
std::vector<Finding> check_address(const Dossier& d, const Context& ctx);         // DOS-13..14
std::vector<Finding> check_brackets(const Dossier& d, const Context& ctx);        // DOS-20..22
std::vector<Finding> check_periods(const Dossier& d, const Context& ctx);         // DOS-23..25
std::vector<Finding> check_agreements(const Dossier& d, const Context& ctx);      // ENT-01..08, 10
std::vector<Finding> check_shared_custody(const Dossier& d, const Context& ctx);  // ENT-09
std::vector<Finding> check_occupation(const Dossier& d, const Context& ctx);  // planned days (A)

// Every rule, in catalog order of groups.
std::vector<Finding> check_dossier(const Dossier& d, const Context& ctx);

// SYN-10: one calendar year's closing days of an installation (never a BC). Fields:
// closing_days[i].date / .closed / .reason.
std::vector<Finding> check_closing_days(int year, const std::vector<ClosingDay>& days,
                                        bool component_is_bc);
// SYN-10: Québec's statutory holidays of `year` (Loi sur les normes du travail): 1 January, Good
// Friday, Easter Monday, Journée nationale des patriotes (the Monday before 25 May), 24 June,
// 1 July, Labour Day (first Monday of September), Thanksgiving (second Monday of October),
// 25 December. Easter by the Gregorian computus. In date order, with their French names.
std::vector<std::pair<Date, std::string>> quebec_holidays(int year);

// SYN-20: the component's CISSS reservations (an installation's or a BC's: seed 004 bars a BC from
// closing days only). Fields: reservations[i].start / .end / .days_per_week / .places.
std::vector<Finding> check_reservations(const std::vector<Reservation>& rs);

bool has_error_code(const std::vector<Finding>& findings);  // any code ending in E

enum class Status { accepted, rejected, pending };
// accepted: no error; pending: the only errors say information is still to come (DOS-07 missing
// NIREC, DOS-13 missing postal code); rejected otherwise.
Status status_of(const std::vector<Finding>& findings);
const char* to_string(Status s);

// DOS-14: a Canadian postal code (platform/text.hpp: the register's addresses check it too).
using text::normalized_postal_code;
using text::valid_postal_code;

// Whether the child is of school age on `d`: 5 years old on 30 September of the school year
// that contains `d` (the school year starts on 1 September).
bool school_age_on(Date birth, Date d);

// The half-periods planned on `day` by `a` (special schedules replace the normal one on their
// dates; nothing outside the agreement or after its termination).
std::uint8_t planned_on(const Agreement& a, Date day);

}  // namespace sgee::csg

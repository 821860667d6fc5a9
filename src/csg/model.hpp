#pragma once
// The registry's records (seed 003, spec/api.md): a dossier parent-enfant with its child, adults,
// address, age brackets, periods and service agreements. Values a record may lack are optional:
// the rules say which are required.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "geo/geo.hpp"
#include "platform/date.hpp"

namespace sgee::csg {

using dates::Date;

enum class Sex { F, M, X };
enum class Role { mother, biological_mother, father, tutor, other };
enum class Bracket { infant, toddler, school };  // "0-17", "18-59" (months), "school"

// The six half-periods of a day (ENT-04), as bits of a day's mask.
enum HalfPeriod : std::uint8_t {
  kAm = 1,   // Jour P1
  kPm = 2,   // Jour P2
  kS1 = 4,   // Soir P1
  kS2 = 8,   // Soir P2
  kN1 = 16,  // Nuit P1
  kN2 = 32,  // Nuit P2
};
inline constexpr int kHalfPeriods = 6;
// Their names in the sync API (and in the pages' i18n keys "half.AM" …), in day order.
inline constexpr std::pair<const char*, std::uint8_t> kHalfPeriodNames[kHalfPeriods] = {
    {"AM", kAm}, {"PM", kPm}, {"S1", kS1}, {"S2", kS2}, {"N1", kN1}, {"N2", kN2}};

struct Child {
  std::optional<std::string> surname, given_name;
  std::optional<Sex> sex;
  std::optional<Date> birth_date;
  std::optional<bool> born_outside_quebec;
  std::optional<std::string> nirec, necsg;
};

struct Address {
  std::optional<std::string> civic_number, civic_suffix, street, apartment, municipality,
      postal_code;
};

struct Adult {
  std::optional<std::string> surname, given_name;
  std::optional<Role> role;
  bool empty() const { return !surname && !given_name && !role; }
};

struct Guardian : Adult {
  Address address;
};

struct BracketStart {
  Bracket bracket = Bracket::infant;
  Date start;
};

struct Period {
  std::optional<Date> start, end;
};

struct HandicapPeriod : Period {
  std::optional<Period> transitional_measure;  // mesure transitoire
};

// A pattern of 1 to 4 weeks: 7 × weeks day masks, Monday first, week 1 being the week of the
// agreement's start date.
struct Schedule {
  int weeks = 1;
  std::vector<std::uint8_t> days;
};

struct SpecialSchedule {
  std::optional<Date> start, end;
  Schedule schedule;
};

struct Agreement {
  std::string ref;
  std::optional<Date> start, end, termination;
  bool reduced_contribution = false, replacement = false, is_signed = false;
  std::optional<Schedule> schedule;
  std::vector<SpecialSchedule> special_schedules;
};

struct Dossier {
  std::string ref;                  // the software's record number, unique per installation
  std::optional<std::string> rsge;  // the RSGE, for a BC's dossier
  Child child;
  Guardian guardian;
  std::optional<Adult> other_guardian, parent;
  std::vector<BracketStart> age_brackets;
  std::vector<Period> cisss_periods, ecp_periods;
  std::vector<HandicapPeriod> handicap_periods;
  std::vector<Agreement> agreements;
};

// SYN-10: a closing day of an installation.
struct ClosingDay {
  Date day;
  std::uint8_t closed = 0;  // half-periods closed
  bool administration_open = false, care_open = false;
  std::string reason;  // planned | lockout | strike | other
};

// A row of the address reference (DOS-13): geo's.
using ReferenceAddress = geo::ReferenceAddress;

// One thing a rule says about a record: its catalog code, the JSON path of the field, and the
// agreement's ref when it concerns one.
struct Finding {
  std::string code;
  std::string field;
  std::string agreement;
  // The values the message quotes, in order: the catalog's text holds {1}, {2}, ... (dates as
  // AAAA-MM-JJ, names as written). Empty for a message that quotes nothing.
  std::vector<std::string> args;
  bool operator==(const Finding&) const = default;
};

}  // namespace sgee::csg

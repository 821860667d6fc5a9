#pragma once
// The BC's RSGE registry, as pure rules (POR-06): the contact details it keeps and the suspension
// periods it records, checked field by field. No database, no clock.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "portail/family_rules.hpp"

namespace sgee::portail::bc {

// How many days before her return a suspended RSGE may show on the map again, at most.
inline constexpr std::int64_t kMaxShowDaysBefore = 60;
inline constexpr size_t kMaxReasonLength = 500;

struct ContactInput {
  std::string phone, email;  // as typed; both may be empty
};
struct CheckedContact {
  std::vector<FieldError> errors;
  std::string phone, email;  // as stored: the phone's 10 digits, the e-mail trimmed
};
CheckedContact check_contact(const ContactInput& in);

struct SuspensionInput {
  std::string start, end, reason, days_before;  // as typed; end empty: until further notice
};
struct CheckedSuspension {
  std::vector<FieldError> errors;
  std::string start;
  std::optional<std::string> end;
  std::string reason;
  std::int64_t days_before = 0;
};
// start a date; end empty or a date not before start; a reason (at most kMaxReasonLength); the
// days before her return a whole number from 0 to kMaxShowDaysBefore (empty: 0).
CheckedSuspension check_suspension(const SuspensionInput& in);
// Ending a period: `end` a date not before the period's start.
std::vector<FieldError> check_end(const std::string& start, const std::string& end);

}  // namespace sgee::portail::bc

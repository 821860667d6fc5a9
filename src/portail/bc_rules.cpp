#include "portail/bc_rules.hpp"

#include "platform/date.hpp"
#include "platform/text.hpp"

namespace sgee::portail::bc {

CheckedContact check_contact(const ContactInput& in) {
  CheckedContact out;
  auto phone = std::string(text::trim(in.phone));
  auto email = std::string(text::trim(in.email));
  if (!phone.empty()) {
    if (auto digits = normalized_phone(phone))
      out.phone = *digits;
    else
      out.errors.push_back({"phone", "bc.err.phone"});
  }
  if (!email.empty() && !looks_like_email(email)) out.errors.push_back({"email", "bc.err.email"});
  out.email = email;
  return out;
}

CheckedSuspension check_suspension(const SuspensionInput& in) {
  CheckedSuspension out;
  out.start = std::string(text::trim(in.start));
  auto end = std::string(text::trim(in.end));
  out.reason = std::string(text::trim(in.reason));
  auto days = std::string(text::trim(in.days_before));
  auto start = dates::parse(out.start);
  if (!start) out.errors.push_back({"start", "bc.err.date"});
  if (!end.empty()) {
    auto e = dates::parse(end);
    if (!e)
      out.errors.push_back({"end", "bc.err.date"});
    else if (start && *e < *start)
      out.errors.push_back({"end", "bc.err.end_before_start"});
    else
      out.end = dates::format(*e);
  }
  if (start) out.start = dates::format(*start);
  if (out.reason.empty())
    out.errors.push_back({"reason", "bc.err.reason_required"});
  else if (text::code_points(out.reason).size() > kMaxReasonLength)
    out.errors.push_back({"reason", "bc.err.reason_too_long"});
  if (!days.empty()) {
    auto n = text::to_int(days);
    if (!n || *n < 0 || *n > kMaxShowDaysBefore)
      out.errors.push_back({"days_before", "bc.err.days_before"});
    else
      out.days_before = *n;
  }
  return out;
}

std::vector<FieldError> check_end(const std::string& start, const std::string& end) {
  auto e = dates::parse(text::trim(end));
  if (!e) return {{"end", "bc.err.date"}};
  auto s = dates::parse(start);
  if (s && *e < *s) return {{"end", "bc.err.end_before_start"}};
  return {};
}

}  // namespace sgee::portail::bc

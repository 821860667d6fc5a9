#include "portail/messages_rules.hpp"

#include "platform/text.hpp"
#include "portail/reserve_rules.hpp"

namespace sgee::portail::messages_rules {

bool may_start_family(bool installation, std::string_view installation_kind, bool identified) {
  return !reserve_rules::identity_hidden(installation, installation_kind, identified);
}

std::string normalized_body(std::string_view typed) {
  std::string out;
  out.reserve(typed.size());
  for (size_t i = 0; i < typed.size(); ++i) {
    if (typed[i] == '\r') {
      out += '\n';
      if (i + 1 < typed.size() && typed[i + 1] == '\n') ++i;
    } else {
      out += typed[i];
    }
  }
  return out;
}

std::optional<FieldError> check_body(std::string_view body) {
  if (!text::valid_utf8(body)) return FieldError{"body", "msg.err.invalid"};
  if (text::trim(body).empty()) return FieldError{"body", "msg.err.empty"};
  if (text::code_points(body).size() > kMaxBody) return FieldError{"body", "msg.err.too_long"};
  return std::nullopt;
}

std::optional<FieldError> check_subject(std::string_view subject) {
  if (!text::valid_utf8(subject)) return FieldError{"subject", "msg.err.invalid"};
  if (text::code_points(text::trim(subject)).size() > kMaxSubject)
    return FieldError{"subject", "msg.err.subject_too_long"};
  return std::nullopt;
}

bool notify(bool already_notified, bool is_author) {
  return !is_author && !already_notified;
}

}  // namespace sgee::portail::messages_rules

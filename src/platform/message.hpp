#pragma once
// What a rule says about an input: a stable code, its severity (E error: refused; A warning:
// accepted), the rule id of spec/domain.md, the field it concerns, and the i18n key of its text.
#include <string>
#include <vector>

namespace sgee {

struct Message {
  std::string code;      // "ACC001E"
  char severity = 'E';   // 'E' or 'A'
  std::string rule;      // "ACC-01"
  std::string field;     // "neq"
  std::string text_key;  // i18n key, e.g. "acc.neq_format"
};

inline bool has_error(const std::vector<Message>& ms) {
  for (const auto& m : ms)
    if (m.severity == 'E') return true;
  return false;
}

}  // namespace sgee
